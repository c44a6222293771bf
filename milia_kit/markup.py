"""Words to safe HTML. Everything from the strings files and everything a visitor types passes through
`inline` before it becomes HTML; `**bold**` is the only markup the strings may use. No widgets here.
"""
from __future__ import annotations

import re
from html import escape

BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    """Escape text, then turn **word** into <strong>word</strong>."""
    return BOLD.sub(r"<strong>\1</strong>", escape(str(text)))


def blocks_html(blocks, inserts=None) -> str:
    """Body blocks: {p: text} paragraphs, {ul: [items]} lists, {h: text} small headings, and {insert: name}:
    HTML made elsewhere (`inserts[name]`, e.g. the warning-sign lists from the rule table). An insert that is
    not given is an error, never a silent gap."""
    out = []
    for block in blocks or ():
        if "insert" in block:
            out.append((inserts or {})[block["insert"]])
        if "h" in block:
            out.append(f'<h3 class="mk-subheading">{inline(block["h"])}</h3>')
        if "p" in block:
            out.append(f"<p>{inline(block['p'])}</p>")
        if "ul" in block:
            out.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in block["ul"]) + "</ul>")
    return "".join(out)


def tool_heading(title: str, intro: str, note: str | None = None) -> str:
    """The top of a tool inside a step: its title, one line on what it does, and an optional small note."""
    extra = f'<p class="mk-note">{inline(note)}</p>' if note else ""
    return f'<h3 class="mk-tool-title">{inline(title)}</h3><p>{inline(intro)}</p>{extra}'
