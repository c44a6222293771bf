"""Faults: a visitor whose kernel is gone sees a banner in their language with Reload, within 5 seconds of the
next interaction; a dropped connection is opened again; idle kernels are culled and their processes end."""
import json
import os
import re
import signal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import kernel_says, press

from milia_kit import strings
from milia_kit.harness import Running, kernel_pid
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
BANNER_SECONDS = 5
RECONNECT_SECONDS = 40  # frontend/src/kernel.js tries again for about 30 s (RECONNECT_AFTER_MS)


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


def test_a_dropped_connection_is_opened_again_and_the_visitor_keeps_their_place(visitor):
    """A network drop, a locked phone or a proxy's timeout closes the page's websocket while its kernel runs on:
    the page connects again on the same session, and the visitor keeps their step and choices."""
    words = strings.load("en")
    page = visitor.open("?step=pocket")
    days = page.get_by_role("slider", name=words.text("pocket.days_label"))
    press(page, days, 5)
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=5))
    page.evaluate("() => window.mkKernel.socket.close()")
    press(page, days, 3)  # changes made while the page reconnects are sent once it is connected, oldest first
    page.wait_for_function("() => window.mkKernel.connections === 2 && window.mkKernel.connected")
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=8))
    page.get_by_role("button", name=words.text("app.next")).click()
    expect(page.locator(".mk-step-title")).to_have_text(words.text(f"steps.{STEPS[STEPS.index('pocket') + 1]}.title"))
    page.get_by_role("button", name=words.text("app.back")).click()
    expect(page.locator(".mk-step-title")).to_have_text(words.text("steps.pocket.title"))
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=8))  # the kernel's
    expect(page.locator("#mk-gone")).to_be_hidden()
    assert page.evaluate("() => document.body.getAttribute('data-mk-ready')") == "true"


def test_a_slow_reconnection_says_so_in_the_visitors_language_until_it_is_connected(visitor):
    words = strings.load("es")
    sockets = []

    def route(socket):
        sockets.append(socket)
        if len(sockets) in (2, 3):  # the first two tries fail: the phone's network is still coming back
            socket.close()
        else:
            socket.connect_to_server()

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    page = visitor.open("?lang=es")
    note = page.locator("#mk-reconnecting")  # a status region: on the page all along, read out when it speaks
    expect(note).to_have_attribute("data-mk-words", words.text("app.reconnecting"))
    expect(note).to_have_text("")
    sockets[0].close()  # the page's connection drops
    expect(note).to_have_text(words.text("app.reconnecting"))
    expect(note).to_be_visible()
    page.wait_for_function("() => window.mkKernel.connections === 2 && window.mkKernel.connected")
    assert len(sockets) == 4
    expect(note).to_have_text("")
    expect(page.locator("#mk-gone")).to_be_hidden()
    page.get_by_role("button", name=words.text("app.next")).click()
    expect(page.locator(".mk-step-title")).to_have_text(words.text("steps.pocket.title"))


def test_a_drop_while_the_kernel_sends_the_next_step_leaves_every_widget_whole(visitor):
    """The kernel builds the next step once the page says it has drawn this one: on a phone, that is when the
    network may drop (a tunnel, a change of network). What was on its way is lost, and the server replays to the
    new socket only what it had not sent yet, so replayed widgets can name parts the page never got. After
    reconnecting, the page must hold every widget whole: Next shows the next step, and its controls work.

    The route places the drop exactly: the next step's first widget is lost, and what the kernel says after it is
    held and given to the new socket before anything else, as the server's replay comes (its own replay depends
    on when it notices the drop, which a test cannot choose). The page's tries to connect again fail until a
    held message names the lost widget, however long the kernel takes to build the step."""
    words = strings.load("en")
    sockets, to_kernel, lost, replay, errors = [], [], [], [], []
    replayed = []  # set once the page has its new socket: the old connection is no longer read

    def names_the_lost_one() -> bool:
        named = f"IPY_MODEL_{kernel_says(lost[0], with_comm=True)[3]}"
        return any(named in (m.decode("utf-8", "replace") if isinstance(m, bytes) else m) for m in list(replay))

    def route(socket):
        sockets.append(socket)
        if len(sockets) > 1 and not replayed and not names_the_lost_one():  # the network is not back yet
            socket.close()
            return
        if len(sockets) > 1 and not replayed:  # the replay first, then the kernel, on this socket alone
            replayed.append(True)
            for message in replay:
                socket.send(message)
            to_kernel[0].close()
        server = socket.connect_to_server()
        to_kernel.append(server)
        first, drawn = len(sockets) == 1, []

        def from_page(message):
            kind, _, content, _ = kernel_says(message, with_comm=True)
            if kind == "comm_open" and content.get("data") == {"method": "page_drawn"}:
                drawn.append(True)
            server.send(message)

        def from_kernel(message):
            if not first:
                socket.send(message)
            elif replayed:
                return
            elif lost:
                replay.append(message)
            elif drawn and kernel_says(message)[2].get("target_name") == "jupyter.widget":
                lost.append(message)  # the next step's first widget, on its way when the line went down
                socket.close()
            else:
                socket.send(message)

        socket.on_message(from_page)
        server.on_message(from_kernel)

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    visitor.page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page = visitor.open()
    page.wait_for_function("() => window.mkKernel.connections === 2 && window.mkKernel.connected")
    assert names_the_lost_one()
    page.get_by_role("button", name=words.text("app.next_to", step=words.text(f"steps.{STEPS[1]}.nav"))).click()
    expect(page.locator(".mk-step-title")).to_have_text(words.text(f"steps.{STEPS[1]}.title"))
    days = page.get_by_role("slider", name=words.text("pocket.days_label"))
    press(page, days, 5)
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=5))
    assert not errors, errors
    expect(page.locator("#mk-gone")).to_be_hidden()


def test_a_page_whose_states_never_come_after_a_drop_still_answers(visitor):
    """After a drop the page holds the kernel's widget messages until every widget's state comes again. If that
    answer never comes (lost on a bad network, or a kernel that cannot give it), the page must not stop answering
    without a word: after a while it applies what it holds, and Back works. (The last step: no next step is being
    built when the line drops, whose lost parts only that answer could bring back.)"""
    words = strings.load("en")
    sockets, swallowed = [], []

    def route(socket):
        sockets.append(socket)
        server = socket.connect_to_server()

        def from_kernel(message):
            kind, _, content = kernel_says(message)
            if len(sockets) > 1 and kind == "comm_msg" and (content.get("data") or {}).get("method") == "update_states":
                swallowed.append(message)  # the answer with every widget's state is lost
                return
            socket.send(message)

        server.on_message(from_kernel)

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    page = visitor.open(f"?step={STEPS[-1]}")
    page.evaluate("() => window.mkKernel.socket.close()")
    page.wait_for_function("() => window.mkKernel.connections === 2 && window.mkKernel.connected")
    page.get_by_role("button", name=words.text("app.back_to", step=words.text(f"steps.{STEPS[-2]}.nav"))).click()
    expect(page.locator(".mk-step-title")).to_have_text(words.text(f"steps.{STEPS[-2]}.title"), timeout=30_000)
    assert swallowed  # the page did ask, and its answer was lost
    expect(page.locator("#mk-gone")).to_be_hidden()


def test_what_the_kernel_said_while_the_page_was_cut_off_reaches_it_after_reconnecting(visitor, guide_server):
    """A phone that changes networks can leave its old connection looking open to the server, which then keeps
    nothing for the page: after reconnecting, the page asks for every widget's state again."""
    from conftest import run_async
    from kernel_client import Kernel

    words = strings.load("en")
    sockets = []

    def route(socket):
        sockets.append(socket)
        if len(sockets) == 1:
            socket.connect_to_server()
            # the page's close is answered here and not passed on: the server never hears of it
            socket.on_close(lambda code, reason: socket.close(code=code, reason=reason))
        elif len(sockets) > 2:
            socket.connect_to_server()
        # the second opens but reaches no kernel: the network is not back yet

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    page = visitor.open("?step=pocket")
    kernel_id = page_kernel(page)
    page.evaluate("() => window.mkKernel.socket.close()")
    page.wait_for_function("() => window.mkKernel.socket.readyState === WebSocket.OPEN && !window.mkKernel.connected")
    assert len(sockets) == 2

    async def move_the_days_elsewhere():  # another window on the same kernel; its news goes to the lost connection
        async with Kernel(guide_server.url, kernel_id) as kernel:
            await kernel.update(await kernel.find(description=words.text("pocket.days_label")), value=9)
            assert await kernel.alive()  # answered after the change: the kernel has made it
    run_async(move_the_days_elsewhere())
    expect(page.locator(".mk-description")).not_to_contain_text(words.text("pocket.time_days", days=9))

    sockets[1].close()  # the network is back
    page.wait_for_function("() => window.mkKernel.connections === 2 && window.mkKernel.connected")
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=9))
    expect(page.get_by_role("slider", name=words.text("pocket.days_label"))).to_have_attribute("aria-valuenow", re.compile(r"^9(\.0)?$"))


def test_a_dropped_connection_to_a_kernel_that_is_gone_offers_reload_at_once(visitor, guide_server):
    """The kernel was shut down (its tab's goodbye from another window, the idle cull): reconnecting cannot help."""
    words = strings.load("en")
    page = visitor.open()
    banner = page.locator("#mk-gone")
    token = "f" * 32  # the goodbye's double-submit XSRF token, as guide.js sends it
    status, _, _ = guide_server.post(f"voila/api/shutdown/{page_kernel(page)}", f"_xsrf={token}",
                                     {"Cookie": f"_xsrf={token}", "Content-Type": "application/x-www-form-urlencoded"})
    assert status < 300
    # the server leaves the page's websocket open when the kernel shuts down: it is dropped as a network would
    page.evaluate("() => window.mkKernel.socket.close()")
    expect(banner).to_be_visible(timeout=BANNER_SECONDS * 1000)  # no interaction: the server said it is gone
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
        # the server cannot be told from a dropped network: the page tries to reconnect for about 30 s first
        expect(page.locator("#mk-gone")).to_be_visible(timeout=RECONNECT_SECONDS * 1000)
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
