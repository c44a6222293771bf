"""Languages in a real Chromium: switching keeps the visitor's place and answers; no English on a Spanish screen."""
import re

import pytest
from playwright.sync_api import expect

from conftest import press

from milia_kit import strings
from milia_kit.markup import all_blocks
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
    page.get_by_label(es.text("app.jump_label")).select_option(label=f"{STEPS.index('care') + 1}. {es.text('steps.care.nav')}")
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


def _block(words, step: str, english_part: str) -> str:
    """The text of the body block of `step` whose English says `english_part`, in `words`' language (both files
    have the same blocks in the same order)."""
    english, other_blocks = list(all_blocks(EN.get(f"steps.{step}.body"))), list(all_blocks(words.get(f"steps.{step}.body")))
    for index, block in enumerate(english):
        texts = [block.get("p") or block.get("h") or block.get("more") or "", *(block.get("ul") or ())]
        for position, text in enumerate(texts):
            if english_part in text:
                other = other_blocks[index]
                return [other.get("p") or other.get("h") or other.get("more") or "", *(other.get("ul") or ())][position]
    raise AssertionError(f"no block of {step} says {english_part!r}")


def _plain(text: str) -> str:
    return text.replace("**", "")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_addition_parents_asked_for_is_on_its_step(visitor, lang):
    """Issue 13's additions, each found where a parent reads it, in both languages."""
    words = strings.load(lang)
    page = visitor.open(f"?step=pocket&lang={lang}")
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "pocket", "not dirt"))

    page = visitor.open(f"?step=why&lang={lang}")
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "why", "steroid creams"))

    page = visitor.open(f"?step=care&lang={lang}")
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "care", "no fragrance, or just water"))
    picture = page.locator(".mk-washing svg")
    expect(picture).to_be_visible()
    expect(picture.locator("title")).to_have_text(words.text("washing.title"))
    for caption in ("wash", "pat_dry", "hands_off"):
        expect(page.locator(".mk-washing figcaption")).to_contain_text(words.text(f"washing.{caption}"))  # page text

    page = visitor.open(f"?step=questions&lang={lang}")
    expect(page.locator(".mk-step-title")).to_have_text(words.text("steps.questions.title"))
    for block in words.get("steps.questions.body"):
        if "h" in block:
            expect(page.locator(".mk-body h3", has_text=block["h"])).to_be_visible()
    older = page.locator("details.mk-more", has_text=_block(words, "questions", "Milia in older children and adults"))
    older.locator("summary").click()  # folded away: a parent opens it
    expect(older).to_contain_text(_plain(_block(words, "questions", "dermatologist")))

    page = visitor.open(f"?step=lookalikes&lang={lang}")
    expect(page.locator(".mk-body h3", has_text=_block(words, "lookalikes", "Herpes in a young baby"))).to_be_visible()
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "lookalikes", "no blisters at all"))
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "lookalikes", "thick yellow or white"))
    # every bump is a card before any answer, the new one and baby acne's other name among them
    for condition in ("transient_pustular_melanosis", "baby_acne", "milia"):
        card = page.locator(f"#mk-lookalike-{condition}-name")
        expect(card).to_have_text(words.text(f"lookalikes.conditions.{condition}.name"))
        expect(card).to_be_visible()
    colour = page.get_by_label(words.text("lookalikes.questions.colour"))
    expect(colour.locator("option", has_text=words.text("lookalikes.options.colour.purple"))).to_have_count(1)

    page = visitor.open(f"?step=call&lang={lang}")
    expect(page.locator(".mk-body")).to_contain_text(_plain(_block(words, "call", "older children and adults")))

    page = visitor.open(f"?step=takehome&lang={lang}")
    expect(page.locator(".mk-body")).to_contain_text(_block(words, "takehome", "no fragrance, or just water"))

    page = visitor.open(f"?step=start&lang={lang}")
    sources_line = page.locator(".mk-step-sources")
    expect(sources_line.get_by_role("link", name="Mayo Clinic")).to_have_attribute("href", "#source-mayo-milia")
    expect(sources_line).not_to_contain_text("mayo-milia")
