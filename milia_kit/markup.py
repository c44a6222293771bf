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


def all_blocks(blocks):
    """Every block, with the blocks inside a {more:} block after it (for what reads them all: sources, inserts,
    reading level)."""
    for block in blocks or ():
        yield block
        if isinstance(block, dict):
            yield from all_blocks(block.get("blocks"))


def block_texts(block: dict) -> list[str]:
    """The words a parent reads in one block (its own, not those of the blocks inside a {more:})."""
    texts = [block[kind] for kind in ("h", "p", "more") if kind in block]
    texts.extend(block.get("ul") or [])
    return texts


def blocks_html(blocks, inserts=None) -> str:
    """Body blocks: {p: text} paragraphs, {ul: [items]} lists, {h: text} small headings, {insert: name}: HTML made
    elsewhere (`inserts[name]`, e.g. the warning-sign lists from the rule table), and {more: summary, blocks: [...]}:
    a side topic folded away under its summary (<details>: opens with a click or the keyboard, no script), so the
    step's main path stays short (PEMAT item 2). An insert that is not given is an error, never a silent gap."""
    out = []
    for block in blocks or ():
        if "more" in block:
            out.append(f'<details class="mk-more"><summary>{inline(block["more"])}</summary>'
                       f'{blocks_html(block.get("blocks"), inserts)}</details>')
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
