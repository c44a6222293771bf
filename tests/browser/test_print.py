"""Printing: any step prints as a clean page (words and pictures, no controls); the handout's Print opens the
browser's print view holding only the handout."""
import pytest
from playwright.sync_api import expect

from milia_kit import strings

pytestmark = pytest.mark.browser
WORDS = strings.load("en")


@pytest.mark.parametrize("step", ["pocket", "care", "call"])
def test_a_printed_step_has_its_words_and_pictures_and_no_controls(visitor, step):
    page = visitor.open(f"?step={step}")
    page.emulate_media(media="print")
    expect(page.locator(".mk-step-title")).to_be_visible()
    expect(page.locator(".mk-message")).to_be_visible()
    for control in (".mk-settings", ".mk-nav", "#loading"):
        expect(page.locator(control)).to_be_hidden()
    if step == "pocket":
        expect(page.locator(".mk-figure-skin")).to_be_visible()
        expect(page.locator(".mk-pocket-controls")).to_be_hidden()
    assert page.locator(".mk-guide .jupyter-button:visible").count() == 0


def test_the_handouts_print_button_opens_the_print_view_with_only_the_handout(visitor):
    page = visitor.open("?step=takehome")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_label(WORDS.text("takehome_tool.name_label")).fill("Ana")
    page.get_by_role("button", name=WORDS.text("takehome_tool.print_button")).click()
    area = page.locator(".mk-print-area")
    expect(area).to_contain_text("Ana")
    page.wait_for_function("() => window.__printed === 1")
    page.emulate_media(media="print")
    expect(area).to_be_visible()
    expect(page.locator(".mk-step-title")).to_be_hidden()
    expect(page.locator(".mk-settings")).to_be_hidden()
