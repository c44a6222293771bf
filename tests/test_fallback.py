"""A tool that breaks while a parent uses it shows the safe fallback in their language, never nothing.

Each tool is built for real on a real `Visit`; one function it calls is made to raise (its message holds what
the parent typed, as a real error's might); the parent's own move (typing, a slider, a choice, a click) then
must show `app.safe_fallback` in the tool's answer widget, in English and then in Spanish, and log one line
that names only the view's class and the error's class.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
import socket
import tempfile
from pathlib import Path

import pytest

from milia_kit import clinic, drawing, handout, labels, lookalikes, printer, strings, timeline
from milia_kit.markup import inline
from milia_kit.views import education_note, fallback, page, quiz
from milia_kit.views.education_note import EducationNoteView
from milia_kit.views.label_checker import LabelCheckerView
from milia_kit.views.lookalikes import LookalikeExplorerView
from milia_kit.views.pocket import PocketView
from milia_kit.views.quiz import QuizView
from milia_kit.views.takehome import TakeHomeView
from milia_kit.views.timeline import TimelineView
from milia_kit.visit import Visit

EN, ES = strings.load("en"), strings.load("es")
MARKER = "Qyxzelmina-Vantrobe-4417"  # what the parent types: it must never reach a log
CLINIC = dataclasses.replace(clinic.load(), phone="555-123-4567")


def broken(*args, **_kwargs):
    raise RuntimeError(f"{MARKER} {args!r}")  # a message holding the parent's input, as a real error's might


def fallback_text(words) -> str:
    return inline(words.text("app.safe_fallback"))


# Each case: build the real view on `visit`, break one function it calls, and return
# (the class named in the log, the widget that shows the fallback, what the parent does).

def label_checker(visit, monkeypatch):
    view = LabelCheckerView(visit)
    monkeypatch.setattr(labels, "check_label", broken)

    def use():
        view.text.value = MARKER
        view.check.click()
    return "LabelCheckerView", view.answer, use


def lookalikes_explorer(visit, monkeypatch):
    view = LookalikeExplorerView(visit)
    monkeypatch.setattr(lookalikes, "explore", broken)
    return "LookalikeExplorerView", view.summary, lambda: setattr(view.questions["colour"], "value", "red")


def teach_back(visit, monkeypatch):
    view = QuizView(visit)
    monkeypatch.setattr(quiz, "feedback_html", broken)
    first = view.quiz.questions[0]
    return "QuizView", view.summary, lambda: setattr(view.choices[first.id], "value", first.right)


def takehome_words(visit, monkeypatch):
    view = TakeHomeView(visit, clinic=CLINIC)
    monkeypatch.setattr(handout, "page_style", broken)

    def use():
        view.name.value = MARKER
        chosen = visit.lang
        visit.lang = "es" if chosen == "en" else "en"  # the parent tries the other language and back
        visit.lang = chosen
    return "TakeHomeView", view.status, use


def takehome_click(visit, monkeypatch):
    view = TakeHomeView(visit, clinic=CLINIC)
    monkeypatch.setattr(handout, "Handout", broken)  # fails before the build's own try: the click's fallback

    def use():
        view.name.value = MARKER
        view.download.click()
    return "TakeHomeView", view.status, use


def timeline_slider(visit, monkeypatch):
    view = TimelineView(visit)
    monkeypatch.setattr(timeline, "band_for", broken)
    return "TimelineView", view.answer, lambda: setattr(view.weeks, "value", 3)


def pocket(visit, monkeypatch):
    view = PocketView(visit)
    monkeypatch.setattr(drawing, "pocket_svgs", broken)
    return "PocketView", view.caption, lambda: setattr(view.days, "value", 5)


def note(visit, monkeypatch):
    check, takehome = QuizView(visit), TakeHomeView(visit, clinic=CLINIC)
    view = EducationNoteView(visit, quiz=check.quiz, takehome=takehome)
    visit.mode = "clinician"
    monkeypatch.setattr(education_note, "note_text", broken)
    first = check.quiz.questions[0]

    def use():
        takehome.name.value = MARKER
        check.choices[first.id].value = first.right  # the note follows the teach-back
    return "EducationNoteView", view.text, use


def text_step(visit, monkeypatch):
    view = page.TextStep(visit, "care", (LabelCheckerView,))
    monkeypatch.setattr(page, "blocks_html", broken)

    def use():
        view.tools[0].text.value = MARKER
        visit.mode = "clinician"
    return "TextStep", view.body, use


def red_flag_checker(visit, monkeypatch):
    from milia_kit import triage
    from milia_kit.views.red_flags import RedFlagCheckerView

    view = RedFlagCheckerView(visit)
    monkeypatch.setattr(triage, "check", broken)
    return "RedFlagCheckerView", view.answer, lambda: setattr(view.text["temperature"], "value", MARKER)


CASES = [label_checker, lookalikes_explorer, teach_back, takehome_words, takehome_click, timeline_slider, pocket,
         note, text_step, red_flag_checker]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_a_broken_tool_shows_the_safe_fallback_in_the_visitors_language(case, monkeypatch, caplog, capfd):
    visit = Visit()
    view_class, output, use = case(visit, monkeypatch)
    caplog.set_level(logging.DEBUG)
    for words in (EN, ES):
        visit.lang = words.lang  # a tool's own redraw for the language fails too: the fallback follows it
        use()  # again in Spanish: most tools then have nothing new to do, a button is pressed again
        assert fallback_text(words) in output.value and 'role="alert"' in output.value
        assert output.value == fallback.fallback_html(words), "the fallback only: nothing stale or half-drawn"

    out, err = capfd.readouterr()
    assert MARKER not in caplog.text + out + err
    lines = [record for record in caplog.records if record.name == fallback.__name__]
    assert lines, "the failure is logged"
    for record in lines:
        assert record.getMessage() == f"milia_kit: {view_class} failed (RuntimeError); showing the safe fallback"
        assert record.exc_info is None and record.exc_text is None


@pytest.fixture
def silent_printer():
    """A printer socket that takes a request and never answers (a hung printer)."""
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:  # a short path: Unix socket names are limited
        path = Path(folder) / "printer.sock"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(str(path))
            server.listen()
            yield path


def printer_gone(monkeypatch, tmp_path, _silent):
    monkeypatch.setenv(printer.ENV, str(tmp_path / "no-printer.sock"))


def printer_hangs(monkeypatch, _tmp_path, silent):
    monkeypatch.setenv(printer.ENV, str(silent))
    monkeypatch.setattr(printer, "ask", functools.partial(printer.ask, timeout=0.3))


def build_raises(monkeypatch, _tmp_path, _silent):
    def refuse(*_args, **_kwargs):
        raise handout.HandoutError(MARKER)
    monkeypatch.setattr(handout, "build_pdf", refuse)


def print_raises(monkeypatch, _tmp_path, _silent):
    monkeypatch.setattr(handout, "print_area_html", broken)


@pytest.mark.parametrize("failure, button", [(printer_gone, "download"), (printer_hangs, "download"),
                                             (build_raises, "download"), (print_raises, "print")],
                         ids=lambda x: getattr(x, "__name__", x))
def test_a_handout_that_cannot_be_made_says_so_then_shows_the_safe_fallback(
        failure, button, monkeypatch, tmp_path, silent_printer, caplog, capfd):
    visit = Visit()
    view = TakeHomeView(visit, clinic=CLINIC)
    failure(monkeypatch, tmp_path, silent_printer)
    caplog.set_level(logging.DEBUG)
    for lang in ("en", "es"):
        visit.lang = lang
        words = strings.load(lang)
        view.name.value = MARKER
        getattr(view, button).click()
        sorry = inline(words.text("takehome_tool.failed"))
        assert view.status.value.index(sorry) < view.status.value.index(fallback_text(words)), "the sorry, then the fallback"
        assert view.link.value == view.print_area.value == "" and not view.handout_made
    out, err = capfd.readouterr()
    assert MARKER not in caplog.text + out + err


class NoWords:
    def text(self, key, **_values):
        raise strings.StringsError(key)


@pytest.mark.parametrize("words", [NoWords(), None, object()], ids=["missing key", "none", "not words"])
def test_the_fallback_falls_back_to_english_and_never_raises(words):
    english = f'<div class="mk-fallback" role="alert">{fallback_text(EN)}</div>'
    assert fallback.fallback_html(EN) == english and fallback.fallback_html(words) == english


def test_a_view_whose_words_fail_still_shows_the_english_fallback(monkeypatch):
    visit = Visit()
    view = TimelineView(visit)
    monkeypatch.setattr(Visit, "words", property(broken))
    view.weeks.value = 3
    assert view.answer.value == fallback.fallback_html(EN)


def test_the_last_resort_is_the_english_fallback_word_for_word():
    from milia_kit.views import fallback

    assert fallback.LAST_RESORT == strings.load("en").text(fallback.KEY)


def test_a_step_that_cannot_be_built_shows_the_safe_fallback_in_its_place(monkeypatch, caplog):
    from milia_kit import app
    from milia_kit.views import fallback

    def broken(visit, step):
        raise RuntimeError("a step that cannot be built")

    monkeypatch.setattr(app, "build_step", broken)
    guide = app.Guide()
    shown = guide.stage.children[0].value
    assert shown == fallback.fallback_html(guide.visit.words)
    guide.visit.lang = "es"
    assert strings.load("es").text(fallback.KEY) in guide.stage.children[0].value.replace("&#x27;", "'")
    assert "a step that cannot be built" not in caplog.text
