"""Faults: a visitor whose kernel is gone sees a banner in their language with Reload, within 5 seconds of the
next interaction; idle kernels are culled and their processes end."""
import json
import os
import signal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from milia_kit import strings
from milia_kit.harness import Running, kernel_pid

pytestmark = pytest.mark.browser
BANNER_SECONDS = 5


def page_kernel(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


@pytest.mark.parametrize("lang", strings.available_languages())
def test_a_killed_kernel_shows_the_reload_banner_in_the_visitors_language(visitor, lang):
    words = strings.load(lang)
    page = visitor.open(f"?lang={lang}")
    banner = page.locator("#mk-gone")
    expect(banner).to_be_hidden()
    os.kill(kernel_pid(page_kernel(page)), signal.SIGKILL)
    page.get_by_role("button", name=words.text("app.next")).click()
    expect(banner).to_be_visible(timeout=BANNER_SECONDS * 1000)
    expect(banner).to_contain_text(words.text("app.kernel_gone"))
    assert page.evaluate("document.documentElement.lang") == words.text("meta.html_lang")
    with page.expect_navigation():
        page.get_by_role("button", name=words.text("app.reload")).click()
    expect(page.locator(".mk-step-title")).to_be_visible()
    expect(banner).to_be_hidden()


def test_a_dropped_connection_offers_reload_even_though_the_kernel_lives(visitor):
    """A network drop or a proxy timeout closes the page's websocket while its kernel runs on: the controls can
    no longer reach it, so the page says so instead of going quietly dead."""
    words = strings.load("en")
    page = visitor.open("?step=pocket")
    banner = page.locator("#mk-gone")
    expect(banner).to_be_hidden()
    page.evaluate("() => window.mkKernel.socket.close()")
    expect(banner).to_be_visible(timeout=BANNER_SECONDS * 1000)
    expect(page.get_by_role("button", name=words.text("app.reload"))).to_be_focused()


@pytest.fixture
def culling_server():
    """A guide whose idle kernels are culled after 3 s, checked every second."""
    server = Running("--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1", pool_size=1)
    yield server
    server.stop()


def test_a_stopped_server_shows_the_banner(browser, culling_server):
    from conftest import Visitor

    visitor = Visitor(browser, culling_server)
    try:
        page = visitor.open()
        culling_server.stop()
        page.get_by_role("button", name=strings.load("en").text("app.next")).click()
        expect(page.locator("#mk-gone")).to_be_visible(timeout=BANNER_SECONDS * 1000)
    finally:
        visitor.close()


def test_a_closed_tabs_kernel_is_culled_and_its_process_ends(browser, culling_server):
    from conftest import Visitor

    visitor = Visitor(browser, culling_server)
    page = visitor.open()
    kernel = page_kernel(page)
    pid = kernel_pid(kernel)
    visitor.close()  # the tab goes away without a word to the server, as phones do
    culling_server.wait_until(lambda: "Culling kernel" in culling_server.log() and kernel in culling_server.log(),
                              60, "the idle kernel was not culled")
    culling_server.wait_until(lambda: not Path(f"/proc/{pid}").exists(), 30, "the culled kernel's process did not end")


def test_closing_the_tab_frees_its_kernel_at_once(browser, guide_server):
    """The page's goodbye beacon passes the XSRF check (which stays on), so no kernel waits for the idle cull."""
    from conftest import Visitor

    visitor = Visitor(browser, guide_server)
    page = visitor.open()
    kernel = page_kernel(page)
    pid = kernel_pid(kernel)
    page.close(run_before_unload=True)
    guide_server.wait_until(lambda: not Path(f"/proc/{pid}").exists(), 20, "the closed tab's kernel is still running")
    # The process ends a moment before the kernel manager forgets the kernel, so its record is waited for too.
    guide_server.wait_until(lambda: guide_server.get(f"api/kernels/{kernel}")[0] == 404, 10,
                            "the closed tab's kernel is still listed by the server")
    visitor.close()
