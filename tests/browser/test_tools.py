"""The parents' tools in a real Chromium, used as a parent would."""
import pytest
from playwright.sync_api import expect

from milia_kit import strings

pytestmark = pytest.mark.browser
WORDS = strings.load("en")


def test_label_checker_finds_fragrance_in_a_pasted_label(visitor):
    page = visitor.open("?step=care")
    box = page.get_by_label(WORDS.text("labels.input_label"))
    box.fill("INGREDIENTS: Water (Aqua), Glycerin, Cocamidopropyl Betaine, Parfum (Fragrance), Linalool, Limonene.")
    page.get_by_role("button", name=WORDS.text("labels.check_button")).click()
    report = page.locator(".mk-label-report")
    expect(report).to_contain_text(WORDS.text("labels.category_title.fragrance"))
    expect(report).to_contain_text("Linalool")
    expect(report).to_contain_text("Limonene")


def test_label_checker_shows_hostile_text_as_text_and_runs_nothing(visitor):
    page = visitor.open("?step=care")
    box = page.get_by_label(WORDS.text("labels.input_label"))
    box.fill('<img src=x onerror="alert(1)">, <script>alert(2)</script>, Parfum')
    page.get_by_role("button", name=WORDS.text("labels.check_button")).click()
    expect(page.locator(".mk-label-report")).to_contain_text("Parfum")
    assert page.locator(".mk-label-report img, .mk-label-report script").count() == 0
    assert visitor.dialogs == []


def test_label_checker_asks_for_text_when_empty(visitor):
    page = visitor.open("?step=care")
    page.get_by_role("button", name=WORDS.text("labels.check_button")).click()
    expect(page.locator(".mk-alert")).to_have_text(WORDS.text("labels.hint_empty"))


def test_the_age_timeline_says_what_is_usual_at_each_age(visitor):
    page = visitor.open("?step=why")
    bands = WORDS.get("timeline.bands")
    expect(page.locator(".mk-timeline")).to_contain_text(bands[0]["milia"])
    slider = page.get_by_role("slider", name=WORDS.text("timeline.label"))
    slider.focus()
    for _ in range(14):
        page.keyboard.press("ArrowRight")
    band = next(b for b in bands if b["from_week"] <= 14 <= b["to_week"])
    expect(page.locator(".mk-timeline")).to_contain_text(band["milia"])
    # when to call at 14 weeks comes from the rule table: milia still there after about 3 months
    expect(page.locator(".mk-timeline")).to_contain_text(WORDS.text("red_flags.signs.milia_3_months"))
    expect(page.locator(".mk-value")).to_have_text(WORDS.text("timeline.value", weeks=14))


def test_clinician_mode_shows_talking_points_and_the_step_list(visitor):
    page = visitor.open("?mode=clinician&step=care")
    expect(page.locator(".mk-clinician")).to_contain_text(WORDS.text("clinician.talking_points.care")[:40])
    page.locator(".mk-step-list").get_by_role("button", name=WORDS.text("steps.call.nav")).click()
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.call.title"))
    page.get_by_role("button", name=WORDS.text("app.mode_self")).click()
    expect(page.locator(".mk-clinician")).to_be_hidden()
    expect(page.locator(".mk-step-list")).to_be_hidden()


def test_red_flag_checker_says_call_now_for_a_fever_in_a_young_baby(visitor):
    page = visitor.open("?step=call")
    expect(page.locator(".mk-tool .mk-note").last).to_have_text(WORDS.text("triage.start_hint"))
    page.get_by_label(WORDS.text("triage.questions.age_weeks")).fill("3")
    page.keyboard.press("Tab")
    page.get_by_label(WORDS.text("triage.questions.temperature")).fill("38.4")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="°C", exact=True).click()
    alert = page.locator(".mk-triage-now")
    expect(alert).to_contain_text(WORDS.text("red_flags.levels.now.result"))
    expect(alert).to_have_attribute("role", "alert")
    # a calm answer for milia that have lasted 4 months in an older, well baby
    page.get_by_role("button", name=WORDS.text("triage.reset")).click()
    page.get_by_label(WORDS.text("triage.questions.age_weeks")).fill("20")
    page.get_by_label(WORDS.text("triage.questions.bumps_weeks")).fill("16")
    page.keyboard.press("Tab")
    # not every question answered: no level yet (never "you do not need to call"), only that a sign was found
    expect(page.locator(".mk-triage-incomplete")).to_contain_text(WORDS.text("triage.incomplete_some")[:30])
    expect(page.locator(".mk-triage-incomplete")).to_contain_text(WORDS.text("red_flags.short_heading"))


def test_lookalike_explorer_puts_milia_first_and_sends_blisters_in_the_first_weeks_to_call(visitor):
    page = visitor.open("?step=lookalikes")
    choose = {"colour": "white", "redness": None, "fluid": "solid", "place": None, "onset": "birth"}
    for question, option in choose.items():
        if option:
            page.get_by_label(WORDS.text(f"lookalikes.questions.{question}")).select_option(
                label=WORDS.text(f"lookalikes.options.{question}.{option}"))
    first = page.locator(".mk-lookalike").first
    expect(first).to_contain_text(WORDS.text("lookalikes.conditions.milia.name"))
    expect(page.locator(".mk-tool svg[role=img]").first).to_be_visible()
    page.get_by_label(WORDS.text("lookalikes.questions.fluid")).select_option(label=WORDS.text("lookalikes.options.fluid.clear"))
    urgent = page.locator(".mk-urgent-box")
    expect(urgent).to_have_attribute("role", "alert")
    # exact: the Next button names the same step ("Next: When to call the doctor")
    page.get_by_role("button", name=WORDS.text("lookalikes.urgent.button"), exact=True).click()
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.call.title"))


def test_the_education_note_copies_with_one_click(visitor):
    visitor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=visitor.server.url.rstrip("/"))
    page = visitor.open("?step=takehome&mode=clinician")
    note = page.locator(".mk-note-text")
    expect(note).to_contain_text(WORDS.text("education_note.advice")[:40])
    page.get_by_role("button", name=WORDS.text("education_note.copy")).click()
    expect(page.locator(".mk-copy-note")).to_have_attribute("data-copied", "true")
    assert page.evaluate("navigator.clipboard.readText()") == note.inner_text()
