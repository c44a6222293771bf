"""The open web in a real Chromium: the readable guide a crawler or preview gets passes axe in each language and
fits a phone; a reading visitor keeps their kernel while one whose page never connected loses it."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import Visitor, press

from milia_kit import strings
from milia_kit.harness import Running

pytestmark = pytest.mark.browser
AXE = Axe()
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]+)"')


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("lang", strings.available_languages())
def test_the_readable_guide_passes_axe_and_fits_a_phone(browser, guide_server, lang, width):
    words = strings.load(lang)
    context = browser.new_context(user_agent=GOOGLEBOT, viewport={"width": width, "height": 800})  # (the page has no script; axe needs to run its own)
    try:
        page = context.new_page()
        page.goto(f"{guide_server.url}?lang={lang}&step=lookalikes")
        expect(page.locator("h2.mk-step-title").first).to_have_text(words.text("steps.lookalikes.title"))
        assert page.locator("script").count() == 0
        results = AXE.run(page, options=RULES) if width == 1280 else None
        if results is not None:
            assert not results.violations_count, results.generate_report()
        sideways = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert sideways <= 1, f"{sideways}px of sideways scrolling at {width}px"
    finally:
        context.close()


def test_a_reading_visitor_keeps_their_kernel_while_an_abandoned_one_is_shut_down(browser):
    server = Running("--GuideVoila.abandoned_after=3", pool_size=2)
    visitor = Visitor(browser, server)
    try:
        status, _, body = server.get("/")  # a page whose scripts never run: it never connects
        abandoned = KERNEL_ID.search(body).group(1)
        page = visitor.open("?step=pocket")
        page.wait_for_function("() => document.body.getAttribute('data-mk-ready') === 'true'")
        reading = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        server.wait_until(lambda: server.get(f"api/kernels/{abandoned}")[0] == 404, 60, "the abandoned kernel stayed")
        assert server.get(f"api/kernels/{reading}")[0] == 200
        words = strings.load("en")
        # the pool refills after the shutdown (a kernel start and a run of the guide on 2 cores): let it settle,
        # so what is measured here is that the reader's kernel answers, not how fast under that load
        server.wait_for_full_pool()
        press(page, page.get_by_role("slider", name=words.text("pocket.days_label")), 5)
        expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=5), timeout=20_000)
    finally:
        visitor.close()
        server.stop()


def handed_out(server) -> int:
    """Kernels Voila has handed to visitors so far (it logs each one it takes from its pool)."""
    return server.log().count("Using pre-heated kernel")


# A browser that keeps no cookies (a privacy setting): the page's cookie writes are dropped.
NO_COOKIES = "Object.defineProperty(Document.prototype, 'cookie', {get: () => '', set: () => {}, configurable: true});"


@pytest.mark.parametrize("keeps_cookies", [True, False], ids=["cookies", "no cookies"])
def test_a_new_visitor_passes_through_the_readable_page_to_the_interactive_guide_at_the_same_address(
        browser, guide_server, keeps_cookies):
    visitor = Visitor(browser, guide_server)
    if not keeps_cookies:
        visitor.context.add_init_script(NO_COOKIES)
    try:
        guide_server.wait_for_full_pool()
        before = handed_out(guide_server)
        page = visitor.open("?lang=es&step=pocket")
        words = strings.load("es")
        expect(page.locator(".mk-step-title")).to_have_text(words.text("steps.pocket.title"))
        expect(page.get_by_role("slider", name=words.text("pocket.days_label"))).to_be_visible()
        # one kernel for one visitor, and the address the parent copies is the one they opened
        assert handed_out(guide_server) == before + 1
        assert page.evaluate("() => location.search") == "?lang=es&step=pocket"
        # without cookies it went by `interactive=1`, which the guide then took out of the address
        assert any(c["name"] == "milia_guide" for c in visitor.context.cookies()) == keeps_cookies
    finally:
        visitor.close()


def test_with_scripts_off_the_visitor_reads_the_guide_is_told_why_and_starts_no_kernel(browser, guide_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        guide_server.wait_for_full_pool()
        before = handed_out(guide_server)
        page = context.new_page()
        page.goto(f"{guide_server.url}?step=call")
        words = strings.load("en")
        expect(page.locator("h2.mk-step-title").first).to_have_text(words.text("steps.call.title"))
        expect(page.get_by_text(words.text("readable.needs_script"))).to_be_visible()
        assert handed_out(guide_server) == before
    finally:
        context.close()
