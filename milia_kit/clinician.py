"""The clinician's view of the guide: how to use it in a visit, what the jeans pocket maps to, where the
analogy breaks, and where the article differs from mainstream sources. Pure: words in, HTML out.

Shown in the guide's clinician mode (a note on each step) and in notebooks/for-clinicians.ipynb.
"""
from __future__ import annotations

from .strings import Strings
from .markup import inline


def cite(ids) -> str:
    return f' <span class="mk-source-id">[{inline(", ".join(ids))}]</span>' if ids else ""


def talking_points_html(words: Strings, step: str) -> str:
    """The short clinician note shown on one step in clinician mode."""
    return (f'<aside class="mk-clinician" aria-label="{inline(words.text("clinician_ui.note_label"))}">'
            f'<h3>{inline(words.text("clinician_ui.note_label"))}</h3>'
            f'<p>{inline(words.text(f"clinician.talking_points.{step}"))}</p></aside>')


def differences_html(words: Strings) -> str:
    """The article's view beside the mainstream view, with both sources: a table a clinician can scan."""
    rows = "".join(
        f'<tr><th scope="row">{inline(d["topic"])}</th><td>{inline(d["article"])}</td>'
        f'<td>{inline(d["consensus"])}{cite(d.get("sources"))}</td></tr>'
        for d in words.get("clinician.differences")
    )
    return (f'<table class="mk-differences"><caption>{inline(words.text("clinician_ui.differences_title"))}</caption>'
            f'<thead><tr><th scope="col">{inline(words.text("clinician_ui.topic"))}</th>'
            f'<th scope="col">{inline(words.text("clinician_ui.article"))}</th>'
            f'<th scope="col">{inline(words.text("clinician_ui.consensus"))}</th></tr></thead><tbody>{rows}</tbody></table>')


def notes_html(words: Strings) -> str:
    """The whole teacher-facing note: using the guide, the model, where it breaks, and the differences."""
    how = "".join(f"<li>{inline(item)}</li>" for item in words.get("clinician.how_to_use"))
    breaks = "".join(f"<li>{inline(item)}</li>" for item in words.get("clinician.analogy_breaks"))
    points = "".join(
        f'<li><strong>{inline(words.text(f"steps.{step}.nav"))}</strong>: {inline(text)}</li>'
        for step, text in words.get("clinician.talking_points").items()
    )
    return (
        f'<article class="mk-clinician-notes">'
        f'<h2>{inline(words.text("clinician_ui.how_to_use_title"))}</h2><ol>{how}</ol>'
        f'<h2>{inline(words.text("clinician_ui.maps_to_title"))}</h2>'
        f'<p>{inline(words.text("clinician.maps_to"))}{cite(words.get("clinician.maps_to_sources"))}</p>'
        f'<h2>{inline(words.text("clinician_ui.analogy_breaks_title"))}</h2><ul>{breaks}</ul>'
        f'{cite(words.get("clinician.analogy_breaks_sources"))}'
        f'<h2>{inline(words.text("clinician_ui.differences_title"))}</h2>{differences_html(words)}'
        f'<h2>{inline(words.text("clinician_ui.talking_points_title"))}</h2><ul>{points}</ul>'
        f'</article>'
    )
