"""The education note: this visit's steps, teach-back and handout; never a typed name; only for clinicians."""
from datetime import date

import pytest

from milia_kit import quiz, strings
from milia_kit.app import Guide
from milia_kit.education_note import note_text

WORDS = strings.load("en")


@pytest.fixture(scope="module")
def guide():
    return Guide()


def note_view(guide):
    return guide.steps["takehome"].tools[-1]


def test_a_new_visit_says_nothing_was_done_yet():
    text = note_text(WORDS, seen=["start"], teach_back=None, handout_lang=None, today=date(2026, 11, 25))
    assert text.startswith("2026-11-25") and WORDS.text("education_note.no_teach_back") in text
    assert WORDS.text("education_note.handout_none") in text


def test_the_note_follows_the_visit_and_never_holds_the_babys_name(guide):
    guide.visit.mode = "clinician"
    for step in ("pocket", "care", "call", "check"):
        guide.visit.step = step
    check = guide.steps["check"].tools[0]
    first = quiz.load_questions()[0]
    check.quiz.answer(first.id, first.right)
    takehome = guide.steps["takehome"].tools[0]
    takehome.name.value = "Zoraida-Unique-Marker"
    takehome.download.click()
    text = note_view(guide).note()
    shown = note_view(guide).text.value
    for step in ("pocket", "care", "call", "check"):
        assert WORDS.text(f"steps.{step}.nav") in text
    assert WORDS.text("steps.lookalikes.nav") not in text
    assert "1 right" in text or "1 of" in text
    assert WORDS.text("education_note.handout_given", language="English") in text
    assert "Zoraida" not in text and "Zoraida" not in shown


def test_only_clinicians_see_the_note(guide):
    guide.visit.mode = "self"
    assert note_view(guide).container.layout.display == "none"
    guide.visit.mode = "clinician"
    assert note_view(guide).container.layout.display is None
