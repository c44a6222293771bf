"""A step's words (assets/strings) as HTML: its heading and main message, the parts its body inserts, the line of
its sources by name, and the Sources page. Pure, no widgets: the guide's steps (views/page.py) and the readable
page (readable.py) both use them.
"""
from __future__ import annotations

import datetime as dt

from . import inserts
from .drawing import DEFAULT_TONE
from .markup import all_blocks, inline
from .strings import Strings


def block_sources(step: dict) -> list[str]:
    """Source ids named by a step's message and blocks, in order of first use."""
    ids = list(step.get("message", {}).get("sources") or [])
    for block in all_blocks(step.get("body")):
        ids += block.get("sources") or []
    return list(dict.fromkeys(ids))


def body_inserts(words: Strings, blocks=None, tone: str = DEFAULT_TONE) -> dict:
    """What a step's `{insert: name}` blocks show (only those `blocks` ask for; all when not given): the warning
    signs from the rule table, the washing picture in the parent's skin tone (milia_kit/inserts.py)."""
    wanted = {block["insert"] for block in all_blocks(blocks) if "insert" in block} if blocks is not None else inserts.NAMES
    return {name: inserts.html(name, words, tone) for name in wanted}


def step_intro_html(words: Strings, step_id: str) -> str:
    """The top of every step: its heading and its one main message, emphasised."""
    return (f'<h2 class="mk-step-title" id="mk-step-{step_id}" tabindex="-1">{inline(words.text(f"steps.{step_id}.title"))}</h2>'
            f'<p class="mk-message">{inline(words.text(f"steps.{step_id}.message.text"))}</p>')


def step_sources_html(words: Strings, step_id: str) -> str:
    return sources_line_html(words.text("app.step_sources"), block_sources(words.get(f"steps.{step_id}")))


def sources_line_html(label: str, ids, css: str = "mk-step-sources") -> str:
    """"Sources: Mayo Clinic, MedlinePlus": each source by name, a link to its entry on the Sources page (a name
    that comes twice, as two Mayo Clinic pages, is one link: to the first; the page lists them together).
    Nothing when there are no sources."""
    if not ids:
        return ""
    from . import sources

    listed = sources.load()
    first = {}
    for source_id in ids:
        first.setdefault(listed[source_id].name, source_id)
    links = ", ".join(f'<a class="mk-source-link" href="#source-{inline(i)}">{inline(name)}</a>' for name, i in first.items())
    return f'<p class="{css}">{inline(label)} {links}</p>'


def sources_page_html(words, clinician: bool = False) -> str:
    from . import sources  # the sources list and the article comparison load when the page is first opened
    from .clinician import differences_html

    listed = sources.load()
    # tabindex -1: a step's source link (guide.js) moves the focus to the entry it names
    items = "".join(
        f'<li id="source-{inline(s.id)}" tabindex="-1"><strong>{inline(_ended(s.title))}</strong> {inline(_ended(s.publisher))} '
        f'<a class="mk-address" href="{inline(s.address)}" target="_blank" rel="noopener noreferrer">{inline(s.address)}</a> '
        f'{f"<span class=mk-source-id>[{inline(s.id)}]</span>" if clinician else ""}</li>'  # ids: for clinicians
        for s in listed
    )
    return (f'<section class="mk-sources" aria-labelledby="mk-sources-title">'
            f'<h2 id="mk-sources-title">{inline(words.text("app.sources_title"))}</h2>'
            f'<p>{inline(words.text("sources_page.intro"))} {inline(words.text("sources_page.note_article"))}</p>'
            f'<p>{inline(reviewed_line(listed.reviewed, words))}</p><ol>{items}</ol>'
            f'{differences_html(words) if clinician else ""}</section>')


def format_date(date: dt.date, words) -> str:
    """A date in words, as parents write it ("March 7, 2026"; "7 de marzo de 2026")."""
    months = words.get("handout.months")
    return words.text("handout.date_pattern", day=date.day, month=months[date.month - 1], year=date.year)


def reviewed_line(reviewed: str, words) -> str:
    """"Last reviewed: December 6, 2026", from the sources list's ISO date (assets/sources.yml `reviewed`)."""
    return words.text("app.reviewed", date=format_date(dt.date.fromisoformat(reviewed), words))


def _ended(text: str) -> str:
    """A title or publisher as a sentence of its own: with its own full stop ("Stamatas GN et al." kept one,
    and the list added a second)."""
    return text if text.rstrip().endswith((".", "?", "!")) else f"{text}."
