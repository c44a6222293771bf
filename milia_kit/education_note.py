"""The education note for the chart: what happened in this visit, in a few lines a clinician can paste.

Built only from what the visit did (steps shown, the teach-back summary, the handout's language), never from
what a parent typed: the baby's name and other handout fields do not appear. Pure: words in, text out.
"""
from __future__ import annotations

from datetime import date as Date

from . import quiz
from .visit import STEPS


def note_text(words, *, seen, teach_back: "quiz.Summary | None", handout_lang: str | None, today: Date) -> str:
    """The note in the clinician's language (`words`)."""
    steps = ", ".join(words.text(f"steps.{s}.nav") for s in STEPS if s in seen)
    teach = quiz.education_note(teach_back, words) if teach_back is not None else ""
    handout = (words.text("education_note.handout_given", language=_language_name(handout_lang))
               if handout_lang else words.text("education_note.handout_none"))
    lines = [
        words.text("education_note.first_line", date=today.isoformat()),
        words.text("education_note.steps", steps=steps or words.text("education_note.none")),
        teach or words.text("education_note.no_teach_back"),
        handout,
        words.text("education_note.advice"),
    ]
    return "\n".join(lines)


def _language_name(code: str) -> str:
    from . import strings

    try:
        return strings.load(code).text("meta.language_name")
    except strings.StringsError:
        return code
