"""A whole visit with the keyboard only: every step, the pocket's controls, the tools, with visible focus."""
import pytest
from playwright.sync_api import expect

from milia_kit import strings

pytestmark = pytest.mark.browser
WORDS = strings.load("en")
MAX_TABS = 120


def tab_to(page, describe: str, matches: str) -> None:
    """Press Tab until the focused element satisfies the JS predicate `matches` (given `el`), then check its focus ring."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!(el && ({matches})); }}"):
            ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
            assert ring[0] != "none" and ring[1] >= 2, f"{describe} has no visible focus ring: {ring}"
            return
    raise AssertionError(f"Tab never reached {describe}")


def tab_to_button(page, name: str) -> None:
    tab_to(page, f"the {name!r} button", f"el.tagName === 'BUTTON' && el.textContent.trim() === {name!r}")


def next_step(page, step: str) -> None:
    tab_to_button(page, WORDS.text("app.next_to", step=WORDS.text(f"steps.{step}.nav")))
    page.keyboard.press("Enter")
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text(f"steps.{step}.title"))


def test_a_whole_visit_by_keyboard(visitor):
    page = visitor.open()
    page.locator("body").focus()
    next_step(page, "pocket")

    before = page.locator(".mk-description").inner_text()
    tab_to(page, "the time slider", "el.getAttribute('role') === 'slider'")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".mk-description")).not_to_have_text(before)
    tab_to_button(page, WORDS.text("pocket.skin_adult"))
    page.keyboard.press("Enter")
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.covering_thick"))

    next_step(page, "why")
    tab_to(page, "the age slider", "el.getAttribute('role') === 'slider'")
    page.keyboard.press("End")
    expect(page.locator(".mk-value")).to_have_text(WORDS.text("timeline.value", weeks=26))

    next_step(page, "care")
    # a side topic folded away opens from the keyboard (<details>)
    tab_to(page, "the folded fragrance topic", "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    expect(page.locator("details.mk-more")).to_have_attribute("open", "")
    tab_to(page, "the ingredient box", "el.tagName === 'TEXTAREA'")
    page.keyboard.type("Water, Parfum, Linalool")
    tab_to_button(page, WORDS.text("labels.check_button"))
    page.keyboard.press("Enter")
    expect(page.locator(".mk-label-report")).to_contain_text("Linalool")

    next_step(page, "questions")
    next_step(page, "lookalikes")
    next_step(page, "call")
    tab_to(page, "the age box", f"el.tagName === 'INPUT' && el.id && document.querySelector('label[for=\"' + el.id + '\"]')"
                                f" && document.querySelector('label[for=\"' + el.id + '\"]').textContent === {WORDS.text('triage.questions.age_weeks')!r}")
    page.keyboard.type("2")
    tab_to_button(page, WORDS.text("triage.answer_yes"))  # the first yes/no question: trouble breathing
    page.keyboard.press("Enter")
    expect(page.locator(".mk-triage-emergency")).to_be_visible()

    next_step(page, "check")
    tab_to(page, "the first answer", "el.type === 'radio'")
    page.keyboard.press("Space")
    expect(page.locator(".mk-quiz-feedback").first).not_to_be_empty()

    next_step(page, "takehome")
    tab_to(page, "the first name box", f"el.tagName === 'INPUT' && el.id && document.querySelector('label[for=\"' + el.id + '\"]')"
                                       f" && document.querySelector('label[for=\"' + el.id + '\"]').textContent === {WORDS.text('takehome_tool.name_label')!r}")
    page.keyboard.type("Ana")
    tab_to_button(page, WORDS.text("takehome_tool.download_button"))
    page.keyboard.press("Enter")
    expect(page.locator("a.mk-download-link")).to_be_visible(timeout=60_000)
    tab_to(page, "the handout link", "el.tagName === 'A' && el.classList.contains('mk-download-link')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    assert visitor.outside_requests == []
