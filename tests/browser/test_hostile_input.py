"""Every text box, given hostile and odd text: nothing runs, nothing is injected, the layout holds."""
import pytest
from playwright.sync_api import expect

from hostile_inputs import HOSTILE_TEXT
from milia_kit import strings

pytestmark = pytest.mark.browser
WORDS = strings.load("en")
INJECTED = "#rendered_cells script:not([type]), #rendered_cells iframe, #rendered_cells img[src='x'], #rendered_cells style:not([id]) , #rendered_cells a[href^='javascript']"

BOXES = {
    # step: (label keys of its text boxes, the button that acts on them or None for live boxes)
    "care": (["labels.input_label"], "labels.check_button"),
    "call": (["triage.questions.age_weeks", "triage.questions.temperature", "triage.questions.bumps_weeks"], None),
    "takehome": (["takehome_tool.name_label", "takehome_tool.place_label", "takehome_tool.clinician_label"],
                 "takehome_tool.download_button"),
}


@pytest.mark.parametrize("step", list(BOXES))
def test_hostile_text_in_every_box_runs_nothing_and_breaks_nothing(visitor, step):
    labels, button = BOXES[step]
    page = visitor.open(f"?step={step}")
    injected_before = page.locator(INJECTED).count()
    for text in HOSTILE_TEXT:
        for label in labels:
            page.get_by_label(WORDS.text(label)).fill(text)
        if button:
            page.get_by_role("button", name=WORDS.text(button)).click()
        else:
            page.keyboard.press("Tab")
        expect(page.locator(".mk-step-title")).to_be_visible()
        assert page.locator(INJECTED).count() == injected_before, text
        widths = page.evaluate("() => { const c = document.querySelector('#rendered_cells'); return [c.scrollWidth, c.clientWidth]; }")
        assert widths[0] <= widths[1] + 1, (text[:40], widths)
    assert visitor.dialogs == []
    assert visitor.outside_requests == []
