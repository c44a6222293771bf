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



def test_a_steps_sources_are_named_and_link_to_their_entries():
    """The start step cites Mayo Clinic's two milia pages, MedlinePlus, Stanford and Medscape: the parent reads
    publishers, each once, never an id; each name links to the entry of the first page it stands for."""
    import re

    html = page.step_sources_html(strings.load("en"), "start")
    links = re.findall(r'<a class="mk-source-link" href="#source-([a-z0-9-]+)">([^<]+)</a>', html)
    assert ("mayo-milia", "Mayo Clinic") in links and ("medlineplus-milia", "MedlinePlus") in links
    names = [name for _id, name in links]
    assert len(names) == len(set(names)), names
    text = re.sub(r"<[^>]+>", "", html)
    assert text.startswith("Sources for this step: ")
    assert not re.search(r"\b[a-z]+-[a-z0-9-]+\b", text), text  # no id such as mayo-milia


def test_the_sources_line_is_in_the_visitors_language():
    assert page.step_sources_html(strings.load("es"), "start").startswith('<p class="mk-step-sources">Fuentes de este paso: <a')
