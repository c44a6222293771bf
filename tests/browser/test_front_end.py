"""The page's own front end (frontend/, templates/milia): words before scripts, the guide drawn in their place,
and every widget in place whether the visitor's kernel was preheated or started for them."""
import pytest
from playwright.sync_api import expect

from milia_kit import strings
from milia_kit.harness import Running
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
EN, ES = strings.load("en"), strings.load("es")


def test_the_main_message_is_there_with_scripts_switched_off(browser, guide_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(guide_server.url)
        expect(page.locator(".mk-message")).to_have_count(len(strings.available_languages()))  # one per language
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(EN.text("steps.start.message.text"))
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_text(EN.text("app.loading"))
    finally:
        context.close()


@pytest.mark.parametrize("query, words", [("", EN), ("?lang=es", ES), ("?lang=xx", EN), ("?lang=%20ES", ES)])
def test_while_the_controls_load_the_main_message_is_in_the_links_language(browser, guide_server, query, words):
    # the guide's scripts held back (a slow phone still loading them): only the page's first words show
    context = browser.new_context()
    context.route("**/static/{widgets,connect}.js*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(guide_server.url + query)
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(words.text("steps.start.message.text"))
        expect(page.locator(".mk-welcome-title").filter(visible=True)).to_have_text(words.text("app.title"))
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_text(words.text("app.loading"))
    finally:
        context.close()


def test_the_guide_takes_the_welcomes_place(visitor):
    page = visitor.open("?step=pocket")
    expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
    expect(page.locator(".mk-welcome")).to_have_count(0)
    expect(page.locator(".mk-message")).to_have_count(1)
    expect(page.locator(".mk-message")).to_have_text(EN.text("steps.pocket.message.text"))
    expect(page.locator("#mk-page-problem")).to_be_hidden()
    assert visitor.outside_requests == []


@pytest.fixture(scope="module")
def unheated_server():
    """No preheated kernels: each page's kernel starts for it, while its websocket is already open."""
    server = Running(pool_size=0)
    yield server
    server.stop()


@pytest.mark.parametrize("step", ["care", "call", "takehome"])
def test_deep_links_open_their_step_on_a_kernel_started_for_the_visit(browser, unheated_server, step):
    from conftest import Visitor

    visitor = Visitor(browser, unheated_server)
    try:
        page = visitor.open(f"?step={step}")
        expect(page.locator(".mk-step-title")).to_have_text(EN.text(f"steps.{step}.title"))
        expect(page.locator(".mk-progress")).to_have_text(
            EN.text("app.progress", current=STEPS.index(step) + 1, total=len(STEPS)))
        page.get_by_role("button", name=EN.text("app.back")).click()  # the page talks to its kernel
        expect(page.locator(".mk-step-title")).to_have_text(EN.text(f"steps.{STEPS[STEPS.index(step) - 1]}.title"))
    finally:
        visitor.close()
