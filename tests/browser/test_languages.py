"""Languages in a real Chromium: switching keeps the visitor's place and answers; no English on a Spanish screen."""
import re

import pytest
from playwright.sync_api import expect

from conftest import press

from milia_kit import strings
from milia_kit.strings import flatten
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
EN = strings.load("en")


def test_spanish_is_there():
    assert "es" in strings.available_languages()


def english_sentences() -> set[str]:
    """Every English string of four words or more that is not the same in Spanish (names, sources, units)."""
    es = flatten(strings.load("es").tree)
    found = set()
    for key, value in flatten(EN.tree).items():
        if isinstance(value, str) and len(value.split()) >= 4 and es.get(key) != value and "{" not in value:
            found.add(value)
    return found


def test_switching_language_keeps_the_step_the_picture_and_the_answers(visitor):
    es = strings.load("es")
    page = visitor.open("?step=pocket")
    press(page, page.get_by_role("slider", name=EN.text("pocket.days_label")), 10)
    expect(page.locator(".mk-description")).to_contain_text(EN.text("pocket.time_days", days=10))
    page.get_by_label(EN.text("app.language_label")).select_option(label=es.text("meta.language_name"))
    expect(page.locator(".mk-step-title")).to_have_text(es.text("steps.pocket.title"))
    expect(page.locator(".mk-description")).to_contain_text(es.text("pocket.time_days", days=10))
    expect(page.get_by_role("slider", name=es.text("pocket.days_label"))).to_have_attribute("aria-valuenow", re.compile(r"^10(\.0+)?$"))
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    # the label checker's answer changes language too, keeping what was typed
    page.get_by_label(es.text("app.jump_label")).select_option(label=f"4. {es.text('steps.care.nav')}")
    page.get_by_label(es.text("labels.input_label")).fill("Agua, Fragancia, Linalool")
    page.get_by_role("button", name=es.text("labels.check_button")).click()
    expect(page.locator(".mk-label-report")).to_contain_text(es.text("labels.category_title.fragrance"))
    page.get_by_label(es.text("app.language_label")).select_option(label=EN.text("meta.language_name"))
    expect(page.locator(".mk-label-report")).to_contain_text(EN.text("labels.category_title.fragrance"))
    expect(page.get_by_label(EN.text("labels.input_label"))).to_have_value("Agua, Fragancia, Linalool")


@pytest.mark.parametrize("mode", ["self", "clinician"])
def test_no_english_on_any_spanish_screen(visitor, mode):
    es = strings.load("es")
    english = english_sentences()
    assert len(english) > 100
    page = visitor.open(f"?lang=es&mode={mode}")
    leftovers = {}
    for number, step in enumerate(STEPS, 1):
        page.get_by_label(es.text("app.jump_label")).select_option(label=f"{number}. {es.text(f'steps.{step}.nav')}")
        expect(page.locator(".mk-step-title")).to_have_text(es.text(f"steps.{step}.title"))
        shown = page.locator("body").inner_text()
        found = [s for s in english if s in shown]
        if found:
            leftovers[step] = found
    assert not leftovers
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator(".mk-skip").text_content() == es.text("app.skip")
