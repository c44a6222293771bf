"""Step pages: heading and main message on top, sources collected in order, clinician note only in that mode."""
from milia_kit import strings
from milia_kit.views import page
from milia_kit.visit import STEPS, Visit


def test_sources_are_collected_once_in_order_of_use():
    step = {"message": {"sources": ["a", "b"]}, "body": [{"p": "x", "sources": ["b", "c"]}, {"p": "y"}]}
    assert page.block_sources(step) == ["a", "b", "c"]


def test_every_step_has_a_heading_and_a_main_message():
    words = strings.load("en")
    for step in STEPS:
        html = page.step_intro_html(words, step)
        assert html.startswith("<h2") and 'class="mk-message"' in html


def test_the_clinician_note_shows_only_in_clinician_mode():
    visit = Visit()
    step = page.TextStep(visit, "care")
    assert step.clinician.value == "" and step.clinician.layout.display == "none"
    visit.mode = "clinician"
    assert strings.load("en").text("clinician.talking_points.care") in step.clinician.value.replace("&#x27;", "'")
    assert step.clinician.layout.display is None
