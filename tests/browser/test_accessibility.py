"""Accessibility in a real Chromium: axe-core finds nothing on any step, in each language and mode;
a 360 px phone reads every step without sideways scrolling, with controls at least 44 px tall."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from milia_kit import strings
from milia_kit.visit import MODES, STEPS

pytestmark = pytest.mark.browser
AXE = Axe()
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def open_step(page, words, step):
    """Jump with the step list, as a visitor would, and wait for the step's heading."""
    label = f"{STEPS.index(step) + 1}. {words.text(f'steps.{step}.nav')}"
    page.get_by_label(words.text("app.jump_label")).select_option(label=label)
    expect(page.locator(".mk-step-title")).to_have_text(words.text(f"steps.{step}.title"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", strings.available_languages())
def test_axe_finds_no_violations_on_any_step(visitor, lang, mode):
    words = strings.load(lang)
    page = visitor.open(f"?lang={lang}&mode={mode}")
    found = {}
    for step in STEPS:
        open_step(page, words, step)
        results = AXE.run(page, options=RULES)
        if results.violations_count:
            found[step] = results.generate_report()
    assert not found, "\n".join(f"--- {step}\n{report}" for step, report in found.items())


def test_a_360px_phone_reads_every_step_without_sideways_scrolling(browser, guide_server):
    from conftest import Visitor

    words = strings.load("en")
    phone = Visitor(browser, guide_server, width=360, height=740)
    try:
        page = phone.open()
        small = {}
        for step in STEPS:
            open_step(page, words, step)
            widths = page.evaluate("""() => { const c = document.querySelector('#rendered_cells');
                return [c.scrollWidth, c.clientWidth, document.documentElement.scrollWidth]; }""")
            assert widths[0] <= widths[1] + 1 and widths[2] <= 361, (step, widths)
            heights = page.evaluate("""() => Array.from(document.querySelectorAll(
                '.mk-guide button, .mk-guide select, .mk-guide input, .mk-guide textarea, .mk-guide .noUi-handle'))
                .filter(e => e.offsetParent !== null)
                .map(e => [e.textContent.trim() || e.getAttribute('aria-label') || e.tagName,
                           // what a finger hits: a radio's whole label row, a slider's whole track
                           (e.closest('label') || e.closest('.slider-container') || e).getBoundingClientRect().height])""")
            assert heights, step  # every step has controls to measure
            small.update({f"{step}: {name}": h for name, h in heights if h < 44})
        assert not small
    finally:
        phone.close()
