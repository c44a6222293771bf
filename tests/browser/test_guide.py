"""The guide in a real Chromium: a parent's path through it, by mouse and by keyboard, and nothing leaves 127.0.0.1."""
import re

import pytest
from playwright.sync_api import expect

from conftest import Visitor, press

from milia_kit import strings
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
WORDS = strings.load("en")


def option(step):
    """The step list's label for a step: its number and its short name."""
    return f"{STEPS.index(step) + 1}. {WORDS.text(f'steps.{step}.nav')}"


def figure_state(page):
    """The skin picture and the words that describe it, as the visitor's browser has them now."""
    return page.locator(".mk-figure-skin").inner_html(), page.locator(".mk-description").inner_text()


def test_the_guide_opens_on_its_main_message_with_disclaimer_and_sources(visitor):
    page = visitor.open()
    expect(page.locator("h1")).to_have_text(WORDS.text("app.title"))
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.start.title"))
    expect(page.locator(".mk-message")).to_have_text(WORDS.text("steps.start.message.text"))
    expect(page.locator(".mk-disclaimer")).to_have_text(WORDS.text("app.disclaimer"))
    expect(page.locator(".mk-progress")).to_have_text(WORDS.text("app.progress", current=1, total=len(STEPS)))
    expect(page.get_by_role("button", name=WORDS.text("app.back"))).to_be_disabled()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert not visitor.outside_requests


def test_next_reaches_the_pocket_and_every_control_changes_the_picture(visitor):
    page = visitor.open()
    page.get_by_role("button", name=WORDS.text("app.next")).click()
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.pocket.title"))
    expect(page.locator(".mk-progress")).to_have_text(WORDS.text("app.progress", current=2, total=len(STEPS)))
    expect(page.locator(".mk-figure-skin")).to_be_visible()
    expect(page.locator(".mk-figure-jeans")).to_be_visible()
    start = figure_state(page)

    # time since the bump formed: keyboard on the slider handle
    days = page.get_by_role("slider", name=WORDS.text("pocket.days_label"))
    press(page, days, 30)
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.time_days", days=30))
    after_days = figure_state(page)
    assert after_days[0] != start[0]

    # days of gentle washing: Dr Bailey's picture, for clinicians only (parents read that washing keeps the
    # skin clean and calm, not that it clears the bump sooner)
    washing = page.get_by_role("slider", name=WORDS.text("pocket.care_label"))
    expect(washing).to_be_hidden()
    expect(page.get_by_text(WORDS.text("pocket.care_note"))).to_be_visible()

    # baby or adult skin: Tab to the button, press Space
    before_skin = figure_state(page)
    adult = page.get_by_role("button", name=WORDS.text("pocket.skin_adult"), exact=True)
    adult.focus()
    page.keyboard.press("Space")
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.covering_thick"))
    assert figure_state(page)[0] != before_skin[0]

    # skin colour: keyboard on the select
    before_tone = figure_state(page)[0]
    page.get_by_label(WORDS.text("pocket.tone_label")).select_option(label=WORDS.text("pocket.tone_deep"))
    expect(page.locator(".mk-figure-skin")).not_to_have_attribute("data-never", "x")
    page.wait_for_function("before => document.querySelector('.mk-figure-skin').innerHTML !== before", arg=before_tone)

    # start again: keyboard Enter on the button
    reset = page.get_by_role("button", name=WORDS.text("pocket.reset"))
    reset.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.time_new"))
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.covering_thin"))
    expect(days).to_have_attribute("aria-valuenow", re.compile(r"^0(\.0+)?$"))
    assert not visitor.outside_requests


def test_the_picture_has_a_text_alternative_that_follows_it(visitor):
    page = visitor.open("?step=pocket")
    svg = page.locator(".mk-figure-skin")
    expect(svg).to_have_attribute("role", "img")
    first = page.locator("#mk-skin-desc").text_content()
    slider = page.get_by_role("slider", name=WORDS.text("pocket.days_label"))
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator("#mk-skin-desc")).not_to_have_text(first)
    expect(page.locator(".mk-description")).to_have_attribute("aria-live", "polite")


# Counts the faded-out copies of the old picture the page adds (guide.js job 9), from before the first change.
COUNT_FADES = """() => {
  window.__fades = [];
  new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach((node) => {
    if (node.classList && node.classList.contains('mk-pocket-fade')) {
      const twice = [...node.querySelectorAll('[id]')].filter((el) => document.querySelectorAll('#' + CSS.escape(el.id)).length > 1);
      const lost = [...node.querySelectorAll('[fill^="url(#"]')].filter((el) => !node.querySelector(el.getAttribute('fill').slice(4, -1)));
      // where it lies: exactly over the new picture in its panel (not below it)
      const over = node.getBoundingClientRect(), under = node.parentElement.querySelector('.mk-figure').getBoundingClientRect();
      const offset = Math.round(Math.max(Math.abs(over.top - under.top), Math.abs(over.left - under.left), Math.abs(over.width - under.width)));
      window.__fades.push({hidden: node.getAttribute('aria-hidden'), twice: twice.length, lost: lost.length, offset});
    }
  }))).observe(document.body, {subtree: true, childList: true});
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_pocket_eases_into_its_next_stage_unless_the_visitor_asks_for_less_motion(browser, guide_server, motion):
    visitor = Visitor(browser, guide_server, reduced_motion=motion)
    try:
        page = visitor.open("?step=pocket")
        expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
        page.evaluate(COUNT_FADES)
        before = figure_state(page)
        slider = page.get_by_role("slider", name=WORDS.text("pocket.days_label"))
        slider.focus()
        page.keyboard.press("End")
        page.wait_for_function("before => document.querySelector('.mk-figure-skin').innerHTML !== before", arg=before[0])
        if motion == "reduce":
            # the new picture's own mutation has been observed (the fade would have been added with it): none
            assert page.evaluate("window.__fades") == []
        else:
            page.wait_for_function("window.__fades.length >= 2")  # both panels
            # a copy for the eye only, lying exactly over the new picture: hidden from screen readers, no id twice
            # on the page, its gradients its own; gone once faded
            assert all(fade == {"hidden": "true", "twice": 0, "lost": 0, "offset": 0} for fade in page.evaluate("window.__fades"))
        expect(page.locator(".mk-pocket-fade")).to_have_count(0)
        expect(page.locator(".mk-figure-skin")).to_have_count(1)
    finally:
        visitor.close()


# Records each change of the pocket picture: when it came (the page's clock) and how many fading copies it got.
COUNT_CHANGES = """() => {
  window.__changes = [];
  new MutationObserver((records) => records.forEach((record) => {
    record.removedNodes.forEach((node) => {
      if (node.classList && node.classList.contains('mk-pocket-figure')) { window.__changes.push({at: performance.now(), fades: 0}); }
    });
    record.addedNodes.forEach((node) => {
      if (node.classList && node.classList.contains('mk-pocket-fade')) { window.__changes[window.__changes.length - 1].fades += 1; }
    });
  })).observe(document.body, {subtree: true, childList: true});
}"""


def test_a_picture_scrubbed_through_follows_at_once_and_a_single_change_fades(visitor):
    """The fade is for one change at a time; while the visitor scrubs (changes under 0.4 s apart, guide.js),
    the picture follows at once instead of blurring copies, and the browser paints one picture, not two.
    The page's clock is held still, so "apart" is the page's own time, not this machine's speed."""
    page = visitor.page
    page.clock.install()
    visitor.open("?step=pocket")
    page.evaluate(COUNT_CHANGES)
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)  # from here every change comes at the same moment
    slider = page.get_by_role("slider", name=WORDS.text("pocket.days_label"))
    slider.focus()
    page.keyboard.press("End")  # long after the page drew its first picture: a single change
    page.wait_for_function("window.__changes.length >= 1")
    # scrubbing (ipywidgets holds back all but the last key while one is under way, so one to four more pictures)
    for key in ("Home", "ArrowRight", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
    expect(page.locator(".mk-description")).to_contain_text(WORDS.text("pocket.time_days", days=3))  # the last key's
    scrubbed = page.evaluate("window.__changes.length")
    page.clock.run_for(1_000)  # the visitor stops for a second, then changes it once more
    page.keyboard.press("End")
    page.wait_for_function(f"window.__changes.length > {scrubbed}")
    fades = [change["fades"] for change in page.evaluate("window.__changes")]
    assert fades[0] == 2 and fades[-1] == 2, fades  # single changes: both panels
    assert set(fades[1:scrubbed]) == {0}, fades  # while scrubbing: none
    expect(page.locator(".mk-pocket-fade")).to_have_count(0)


def test_a_row_of_choices_says_which_one_is_chosen(visitor):
    """ipywidgets marks the chosen button by colour only: the page makes each a toggle in a named group."""
    page = visitor.open("?step=pocket")
    group = page.get_by_role("group", name=WORDS.text("pocket.skin_label"))
    baby = group.get_by_role("button", name=WORDS.text("pocket.skin_baby"), exact=True)
    adult = group.get_by_role("button", name=WORDS.text("pocket.skin_adult"), exact=True)
    expect(baby).to_have_attribute("aria-pressed", "true")
    expect(adult).to_have_attribute("aria-pressed", "false")
    adult.click()
    expect(adult).to_have_attribute("aria-pressed", "true")
    expect(baby).to_have_attribute("aria-pressed", "false")
    # the tick that marks it for the eye is not part of its name
    assert page.evaluate("getComputedStyle(document.querySelector('.widget-toggle-button.mod-active'), '::before').content") != "none"


@pytest.mark.parametrize("step", ["care", "call", "takehome"])
def test_deep_links_open_their_step(visitor, step):
    page = visitor.open(f"?step={step}&lang=en")
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text(f"steps.{step}.title"))
    expect(page.locator(".mk-progress")).to_have_text(
        WORDS.text("app.progress", current=STEPS.index(step) + 1, total=len(STEPS)))


@pytest.mark.parametrize("query", ["?step=nowhere&lang=xx", "?step=%3Cscript%3Ealert(1)%3C/script%3E", "?step=../../x&mode=root"])
def test_odd_deep_links_open_the_start(visitor, query):
    page = visitor.open(query)
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.start.title"))
    assert not visitor.dialogs


def test_the_step_list_jumps_and_back_returns(visitor):
    page = visitor.open()
    jump = page.get_by_label(WORDS.text("app.jump_label"))
    jump.select_option(label=option("lookalikes"))
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.lookalikes.title"))
    page.get_by_role("button", name=WORDS.text("app.back")).click()
    before = STEPS[STEPS.index("lookalikes") - 1]
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text(f"steps.{before}.title"))
    expect(jump).to_have_value(option(before))


def test_every_step_shows_its_heading_message_and_sources(visitor):
    page = visitor.open()
    next_button = page.get_by_role("button", name=WORDS.text("app.next"))
    for number, step in enumerate(STEPS, 1):
        expect(page.locator(".mk-step-title")).to_have_text(WORDS.text(f"steps.{step}.title"))
        expect(page.locator(".mk-message")).to_have_text(WORDS.text(f"steps.{step}.message.text"))
        if WORDS.get(f"steps.{step}.message.sources"):
            expect(page.locator(".mk-step-sources")).to_be_visible()
        if number < len(STEPS):
            next_button.click()
    expect(next_button).to_be_disabled()


def test_the_sources_page_lists_every_source_with_the_review_date(visitor):
    import datetime as dt

    from milia_kit import sources

    page = visitor.open()
    page.get_by_role("button", name=WORDS.text("app.sources_show")).click()
    listed = page.locator(".mk-sources li")
    expect(listed).to_have_count(len(sources.load()))
    reviewed = dt.date.fromisoformat(sources.load().reviewed)  # in words, as parents write dates
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"][reviewed.month - 1]
    expect(page.locator(".mk-sources")).to_contain_text(f"{month} {reviewed.day}, {reviewed.year}")
    page.get_by_role("button", name=WORDS.text("app.sources_hide")).click()
    expect(page.locator(".mk-sources")).to_be_hidden()


def test_a_source_name_on_a_step_opens_its_entry_on_the_sources_page(visitor):
    from milia_kit import sources

    page = visitor.open()
    mayo = sources.load()["mayo-milia"]
    page.locator(".mk-step-sources").get_by_role("link", name=mayo.name).click()
    entry = page.locator("#source-mayo-milia")
    expect(entry).to_be_focused()
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(mayo.title)
    expect(entry.get_by_role("link", name=mayo.address)).to_have_attribute("href", mayo.address)
    expect(page.get_by_role("button", name=WORDS.text("app.sources_hide"))).to_be_visible()


def test_the_whole_visit_asks_no_other_host(visitor):
    page = visitor.open()
    for _ in STEPS[1:]:
        page.get_by_role("button", name=WORDS.text("app.next")).click()
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text(f"steps.{STEPS[-1]}.title"))
    assert visitor.outside_requests == []
