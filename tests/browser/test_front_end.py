"""The page's own front end (frontend/, templates/milia): words before scripts, the guide drawn in their place,
and every widget in place whether the visitor's kernel was preheated or started for them."""
import pytest
from playwright.sync_api import expect

from conftest import press

from milia_kit import page_template, strings
from milia_kit.front_door import COOKIE, COOKIE_VALUE
from milia_kit.harness import Running
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
EN, ES = strings.load("en"), strings.load("es")


def test_the_main_message_is_there_with_scripts_switched_off(browser, guide_server):
    # a visitor who opened the guide before and has since switched scripts off (a new one gets the readable
    # guide: tests/browser/test_open_web.py): the guide's own page still shows its first words
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies([{"name": COOKIE, "value": COOKIE_VALUE, "url": guide_server.url}])
    try:
        page = context.new_page()
        page.goto(guide_server.url)
        # every step's, in every language; only Start's English one shows (no script reads the link here)
        expect(page.locator(".mk-message")).to_have_count(len(strings.available_languages()) * len(STEPS))
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(EN.text("steps.start.message.text"))
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_text(EN.text("app.loading"))
    finally:
        context.close()


@pytest.mark.parametrize("query, words", [("", EN), ("?lang=es", ES), ("?lang=xx", EN), ("?lang=%20ES", ES)])
def test_while_the_controls_load_the_main_message_is_in_the_links_language(browser, guide_server, query, words):
    # the guide's scripts held back (a slow phone still loading them): only the page's first words show
    context = browser.new_context()
    context.route("**/static/widgets.js*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(guide_server.url + query)
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(words.text("steps.start.message.text"))
        expect(page.locator(".mk-welcome-title").filter(visible=True)).to_have_text(words.text("app.title"))
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_text(words.text("app.loading"))
    finally:
        context.close()


@pytest.mark.parametrize("query, words, step", [("?step=pocket", EN, "pocket"), ("?lang=es&step=call", ES, "call"),
                                               ("?step=%20Takehome", EN, "takehome"), ("?step=nope", EN, "start"),
                                               ("?step=<b>", EN, "start")])
def test_while_the_controls_load_a_linked_step_shows_its_own_heading_and_message(browser, guide_server, query, words,
                                                                                step):
    # a parent opening the handout's QR code on a slow phone reads the step it links to, not Start's words
    context = browser.new_context()
    context.route("**/static/widgets.js*", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(guide_server.url + query)
        expect(page.locator(".mk-welcome-heading").filter(visible=True)).to_have_text(words.text(f"steps.{step}.title"))
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(words.text(f"steps.{step}.message.text"))
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
    # the server passes kernel messages through without reading them (frontend/src/kernel.js says why)
    assert page.evaluate("() => window.mkKernel.socket.protocol") == "v1.kernel.websocket.jupyter.org"


@pytest.fixture(scope="module")
def unheated_server():
    """No preheated kernels: each page's kernel starts for it, while its websocket is already open."""
    server = Running(pool_size=0)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def older_protocol_server():
    """A server that speaks only the older kernel websocket protocol (JSON), as a proxy might force."""
    server = Running("--BaseKernelWebsocketConnection.kernel_ws_protocol=", pool_size=1)
    yield server
    server.stop()


BROUGHT = """async (name) => {
  const address = Array.from(document.querySelectorAll("script[src], link[href]"), (e) => e.src || e.href)
    .find((url) => new URL(url).pathname.endsWith("/static/" + name));
  const response = await fetch(address, {cache: "no-store"});
  const timing = performance.getEntriesByName(address)[0];
  return {encoding: response.headers.get("content-encoding"), text: await response.text(),
          sent: timing ? timing.encodedBodySize : null};
}"""


@pytest.mark.parametrize("name", ["widgets.js", "widgets.css"])
def test_the_controls_script_and_styles_come_brotli_compressed_and_whole(visitor, name):
    """Every first visit downloads these two (serve.OnlyStaticFiles): a browser gets the build's Brotli copy,
    which it must read back to exactly the file on disk, in fewer bytes than gzip would send."""
    import gzip

    page = visitor.open()
    brought = page.evaluate(BROUGHT, name)
    on_disk = (page_template.SOURCE / "static" / name).read_text(encoding="utf-8")
    assert brought["encoding"] == "br"
    assert brought["text"] == on_disk
    assert brought["sent"] and brought["sent"] < 0.9 * len(gzip.compress(on_disk.encode(), 6)), brought["sent"]


def test_the_guide_works_on_a_server_with_the_older_kernel_protocol(browser, older_protocol_server):
    from conftest import Visitor

    visitor = Visitor(browser, older_protocol_server)
    try:
        page = visitor.open("?step=pocket")
        assert page.evaluate("() => window.mkKernel.socket.protocol") == ""
        press(page, page.get_by_role("slider", name=EN.text("pocket.days_label")), 9)
        expect(page.locator(".mk-description")).to_contain_text(EN.text("pocket.time_days", days=9))
        page.get_by_role("button", name=EN.text("app.next")).click()
        expect(page.locator(".mk-step-title")).to_have_text(EN.text(f"steps.{STEPS[STEPS.index('pocket') + 1]}.title"))
    finally:
        visitor.close()


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


PROBLEM = "#mk-page-problem"
STALLED_MS = 30_000  # guide.js


@pytest.mark.parametrize("query, words", [("", EN), ("?lang=es", ES)])
def test_a_refused_connection_says_the_guide_did_not_load_in_the_links_language(browser, guide_server, query, words):
    context = browser.new_context()
    context.route_web_socket("**/api/kernels/*/channels*", lambda socket: socket.close())  # a proxy refusing websockets
    context.route("**/static/widgets.js*", lambda route: route.abort())  # guide.js alone hears it (from connect.js)
    try:
        page = context.new_page()
        page.goto(guide_server.url + query)
        expect(page.locator(PROBLEM)).to_be_visible()
        expect(page.locator(f"{PROBLEM} .mk-lang").filter(visible=True)).to_have_text(words.text("app.page_problem"))
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(words.text("steps.start.message.text"))
        # nothing was idle, so the idle banner stays hidden; its words are ready in the link's language all the same
        expect(page.locator("#mk-gone")).to_be_hidden()
        expect(page.locator("#mk-gone-text")).to_have_text(words.text("app.kernel_gone"))
        expect(page.locator("#mk-reload")).to_have_text(words.text("app.reload"))
        expect(page.locator(".mk-skip")).to_have_text(words.text("app.skip"))
    finally:
        context.close()


def test_a_refused_connection_after_the_controls_were_drawn_still_says_the_guide_did_not_load(browser, guide_server):
    """Drawn from the states written into the page, the controls are there before the kernel answers: a kernel
    that never answers is a guide that did not load (not one left idle too long)."""
    context = browser.new_context()
    sockets = []
    context.route_web_socket("**/api/kernels/*/channels*", lambda socket: sockets.append(socket))  # no kernel behind it
    try:
        page = context.new_page()
        page.goto(guide_server.url + "?step=pocket")
        expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
        expect(page.locator(PROBLEM)).to_be_hidden()
        sockets[0].close()  # then the proxy gives up on it
        expect(page.locator(f"{PROBLEM} .mk-lang").filter(visible=True)).to_have_text(EN.text("app.page_problem"))
        expect(page.locator("#mk-gone")).to_be_hidden()
        assert page.locator("body").get_attribute("data-mk-synced") is None
    finally:
        context.close()


def test_a_page_stuck_connecting_says_so_after_a_while_and_not_before(browser, guide_server):
    context = browser.new_context()
    # the websocket opens but nothing passes (a proxy holding it): the page's clock is moved on instead of waited for
    context.route_web_socket("**/api/kernels/*/channels*", lambda socket: None)
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(guide_server.url + "?lang=es")
        # drawn from the states written into the page (widget_states.Page), but its kernel never answers
        expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
        expect(page.locator(".mk-step-title")).to_have_text(ES.text("steps.start.title"))
        assert page.locator("body").get_attribute("data-mk-synced") is None
        page.clock.run_for(STALLED_MS - 1_000)
        expect(page.locator(PROBLEM)).to_be_hidden()
        page.clock.run_for(2_000)
        expect(page.locator(f"{PROBLEM} .mk-lang").filter(visible=True)).to_have_text(ES.text("app.page_problem"))
    finally:
        context.close()


def test_a_slow_page_says_so_then_shows_the_guide_when_it_arrives(browser, guide_server):
    held = []
    context = browser.new_context()
    context.route("**/static/widgets.js*", lambda route: held.append(route))  # the controls' script on a very slow phone connection
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(guide_server.url, wait_until="commit")  # the page's load waits for that script
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(EN.text("steps.start.message.text"))
        expect(page.locator("#mk-gone-text")).to_have_text(EN.text("app.kernel_gone"))  # guide.js has run: its clock is set
        page.clock.run_for(STALLED_MS + 1_000)
        expect(page.locator(f"{PROBLEM} .mk-lang").filter(visible=True)).to_have_text(EN.text("app.page_problem"))
        assert len(held) == 1
        held[0].continue_()
        expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
        page.clock.run_for(1_000)  # guide.js tidies up on the next animation frame, which the installed clock drives
        expect(page.locator(PROBLEM)).to_be_hidden()
        expect(page.locator(".mk-step-title")).to_have_text(EN.text("steps.start.title"))
    finally:
        context.close()


def test_plain_voila_typed_in_the_repository_serves_the_guide(browser):
    """`voila notebooks/guide.ipynb`, the first command a Voila user types: the page template is found where
    Voila looks for templates (milia_kit/page_template.py), with no start script and no JUPYTER_PATH."""
    server = Running(typed=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(server.url + "?step=pocket&lang=es")
        assert response.status == 200
        expect(page.locator(".mk-step-title")).to_have_text(ES.text("steps.pocket.title"), timeout=30_000)
        press(page, page.get_by_role("slider", name=ES.text("pocket.days_label")), 2)
        expect(page.locator(".mk-description")).to_contain_text(ES.text("pocket.time_days", days=2))
    finally:
        context.close()
        server.stop()
    assert "TemplateNotFound" not in server.last_log and " 500 " not in server.last_log


def test_the_loading_line_shows_only_on_the_served_page_that_replaces_it(browser):
    """In JupyterLab the welcome is a plain output with no guide.css and no page script: "Loading the guide..."
    would stay for ever above the guide. On the served page guide.css shows it until the guide is drawn."""
    from milia_kit.page_template import SOURCE
    from milia_kit.welcome import welcome_html

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(f"<html lang='en'><body>{welcome_html()}</body></html>")  # as JupyterLab shows the output
        expect(page.locator(".mk-message").filter(visible=True)).to_have_text(EN.text("steps.start.message.text"))
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_count(0)
        page.add_style_tag(content=(SOURCE / "static" / "guide.css").read_text())  # as the guide's page has it
        expect(page.locator(".mk-loading").filter(visible=True)).to_have_text(EN.text("app.loading"))
    finally:
        context.close()
