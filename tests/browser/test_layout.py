"""The guide's layout on every step, at a phone's, a tablet's and a desktop's width, in each language and mode:
no text cut off, nothing wider than the guide, Back and Next on one row where there is room, every control
big enough to tap (44 px, WCAG 2.5.5), and every field alike (border, corner, height, placeholder size). tools/screenshots.py saves the same pages for a person to look at."""
import sys

import pytest
from playwright.sync_api import expect

from milia_kit import strings
from milia_kit.paths import ROOT
from milia_kit.visit import MODES, STEPS

sys.path.insert(0, str(ROOT / "tools"))
from screenshots import open_step  # noqa: E402

pytestmark = pytest.mark.browser
WIDTHS = (360, 768, 1280)
TAP_PX = 44

# What is wrong with the page as drawn: each finding names the element by its words.
LAYOUT_PROBLEMS = """(tap) => {
  const problems = [];
  const guide = document.querySelector('.mk-guide');
  if (!guide) { return ['no guide on the page']; }
  const edge = guide.getBoundingClientRect();
  const shown = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], .mk-print-only');
  };
  const named = (el) => (el.getAttribute('aria-label') || el.title || el.textContent || el.className || el.tagName)
    .replace(/\\s+/g, ' ').trim().slice(0, 50);
  // text cut off: a control's or label's content wider than its box
  for (const el of guide.querySelectorAll('button, label, .widget-label, .widget-label-basic, .widget-readout, .jupyter-button')) {
    if (shown(el) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut off: "${named(el)}" (${el.scrollWidth}px of text in ${el.clientWidth}px)`);
    }
  }
  // a dropdown whose chosen words are wider than the room inside it (its padding keeps the arrow's room)
  const ruler = document.createElement('canvas').getContext('2d');
  for (const el of guide.querySelectorAll('select')) {
    if (!shown(el) || el.selectedIndex < 0) { continue; }
    const s = getComputedStyle(el);
    ruler.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const text = ruler.measureText(el.options[el.selectedIndex].text).width;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (text > room + 1) { problems.push(`cut off: dropdown "${el.options[el.selectedIndex].text}" (${Math.round(text)}px in ${Math.round(room)}px)`); }
  }
  // sideways: nothing beyond the guide's own edges, and no sideways scrolling
  for (const el of guide.querySelectorAll('*')) {
    if (!shown(el) || el.closest('svg')) { continue; }
    const r = el.getBoundingClientRect();
    if (r.right > edge.right + 1 || r.left < edge.left - 1) {
      problems.push(`sideways: "${named(el)}" (${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(edge.left)}-${Math.round(edge.right)})`);
    }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) { problems.push('the page scrolls sideways'); }
  // one look for every field on the step: the same border and corner, one-line fields the same height, and a
  // placeholder as large as the words the parent types
  const fields = [...guide.querySelectorAll('select, input[type=text], input[type=date], input[type=number], textarea')].filter(shown);
  const looks = new Set(fields.map((el) => { const s = getComputedStyle(el); return `${s.borderTopWidth} ${s.borderTopLeftRadius}`; }));
  if (looks.size > 1) { problems.push(`fields differ in border or corner: ${[...looks].join(' / ')}`); }
  const heights = new Set(fields.filter((el) => el.tagName !== 'TEXTAREA').map((el) => Math.round(el.getBoundingClientRect().height)));
  if (heights.size > 1) { problems.push(`fields differ in height: ${[...heights].join(', ')} px`); }
  for (const el of fields.filter((el) => el.placeholder)) {
    const own = parseFloat(getComputedStyle(el).fontSize), hint = parseFloat(getComputedStyle(el, '::placeholder').fontSize);
    if (hint < own - 0.5) { problems.push(`small placeholder: "${el.placeholder}" (${hint}px in a ${own}px field)`); }
  }
  // big enough to tap
  for (const el of guide.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]), textarea, .widget-slider .slider-container, .widget-radio-box label, .widget-checkbox')) {
    if (shown(el) && el.getBoundingClientRect().height < tap - 0.5) {
      problems.push(`too small to tap: "${named(el)}" (${Math.round(el.getBoundingClientRect().height)}px tall)`);
    }
  }
  return problems;
}"""

ONE_ROW = """() => {
  const [back, next] = [...document.querySelectorAll('.mk-nav .jupyter-button')];
  const a = back.getBoundingClientRect(), b = next.getBoundingClientRect();
  return Math.abs(a.top - b.top) <= 2 && a.right <= b.left;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", strings.available_languages())
def test_every_step_fits_without_cut_off_text_or_sideways_overflow_and_controls_are_big_enough(browser, guide_server,
                                                                                               lang, mode, width):
    words = strings.load(lang)
    found = {}
    context, page = open_step(browser, guide_server.url, STEPS[0], lang, mode, width)
    try:
        for number, step in enumerate(STEPS, 1):
            if number > 1:  # the visitor's own way between steps (quicker than a new page for each)
                page.get_by_label(words.text("app.jump_label")).select_option(label=f"{number}. {words.text(f'steps.{step}.nav')}")
                expect(page.locator(".mk-step-title")).to_have_text(words.text(f"steps.{step}.title"))
                page.evaluate("() => document.fonts.ready")
            problems = page.evaluate(LAYOUT_PROBLEMS, TAP_PX)
            if width >= 768 and not page.evaluate(ONE_ROW):
                problems.append("Back and Next are not on one row")
            if problems:
                found[step] = problems
    finally:
        context.close()
    assert not found, "\n".join(f"{step}: {problem}" for step, problems in found.items() for problem in problems)


# Each caption of a picture of panels, as the page shows it: its size, and the middle of the panel over it.
PANEL_CAPTIONS = """(figure) => {
  const fig = document.querySelector(figure);
  const panels = [...fig.querySelectorAll('svg g[class*="-panel "] > rect:first-of-type')].map((r) => r.getBoundingClientRect());
  return [...fig.querySelectorAll('.mk-panel-caption-row > span')].map((caption, i) => {
    const box = caption.getBoundingClientRect();
    return {text: caption.textContent, px: parseFloat(getComputedStyle(caption).fontSize), middle: box.left + box.width / 2,
            from: panels[i] ? panels[i].left : null, to: panels[i] ? panels[i].right : null, shown: box.height > 0};
  });
}"""


@pytest.mark.parametrize("step, figure, panels", [("care", ".mk-washing", 3), ("call", ".mk-glass-test", 2)])
def test_on_a_phone_a_pictures_panel_captions_are_readable_text_under_their_panels(browser, guide_server, step,
                                                                                  figure, panels):
    """Drawn inside the picture they shrank with it: 6 px for the washing steps at 360 px (the fourth PEMAT/CDC
    rating). As page text they keep the page's size (14 px at least), each under its own panel."""
    context, page = open_step(browser, guide_server.url, step, "en", "self", 360)
    try:
        page.locator(figure).scroll_into_view_if_needed()
        captions = page.evaluate(PANEL_CAPTIONS, figure)
    finally:
        context.close()
    assert len(captions) == panels, captions
    for caption in captions:
        assert caption["shown"] and caption["px"] >= 14, caption
        assert caption["from"] <= caption["middle"] <= caption["to"], caption
