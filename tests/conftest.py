"""Shared fixtures: a real Voila serving the guide, and a real Chromium driving it.

Nothing here is mocked: `guide_server` starts the guide exactly as `make app` does (milia_kit.harness.Running),
on a free port, and waits for its preheated kernels; `page` opens Chromium (the OS package, through
Playwright) with every request to another host blocked and recorded.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

from milia_kit.harness import Running, chromium_path, launch_chromium

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 120  # seconds; a cold 2-core CI machine takes about 10
# What a kernel publishes on IOPub for a cell it runs, by the Jupyter messaging spec (jupyter_client's docs,
# "Messages on the IOPub (PUB/SUB) channel": streams, display data and its updates, code inputs, execution results,
# errors, clear output). Written out here, not taken from the code that filters them (milia_kit/serve.py).
CELL_OUTPUT_MESSAGES = ("stream", "display_data", "update_display_data", "execute_input", "execute_result", "error",
                        "clear_output")


def kernel_says(message, with_comm=False) -> tuple:
    """A kernel message as it went over the page's socket: its type, its parent's type, its content (and its comm).
    jupyter_server's own reading of its v1 websocket protocol; text for the older one."""
    if isinstance(message, str):
        message = json.loads(message)
        header, parent, content = message["header"], message.get("parent_header") or {}, message["content"]
    else:
        _, parts = deserialize_msg_from_ws_v1(message)
        header, parent, content = json.loads(parts[0]), json.loads(parts[1]), json.loads(parts[3])
    found = (header["msg_type"], (parent or {}).get("msg_type"), content)
    return (*found, content.get("comm_id")) if with_comm else found


def press(page, control, times: int, key: str = "ArrowRight") -> None:
    """Focus a control and press a key on it `times` times, as a keyboard user does (a slider: one step each)."""
    control.focus()
    for _ in range(times):
        page.keyboard.press(key)


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API keeps an event loop running in
    this one for the whole session, and asyncio.run() refuses to start inside it."""
    from concurrent.futures import ThreadPoolExecutor
    import asyncio

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def guide_server():
    server = Running(timeout=START_TIMEOUT)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not chromium_path():
        pytest.fail("Chromium is not installed: run `make browser` (tools/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


class Visitor:
    """One browser tab on the guide, with requests to any other host blocked and recorded."""

    def __init__(self, browser, server: Running, width: int = 1100, height: int = 900, **context_options):
        self.server = server  # anything with the guide's `url`: a server, or a proxy in front of one
        self.context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
        self.outside_requests: list[str] = []
        self.dialogs: list[str] = []
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:).*"), self._block)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.set_default_timeout(20_000)

    def _block(self, route):
        self.outside_requests.append(route.request.url)
        route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, query: str = "", synced: bool = True):
        """The guide at `query`, drawn and (if `synced`) with its kernel's answer applied: the controls are drawn
        from the states in the page before the kernel answers (widgets.js), and a test acts on a working guide."""
        self.page.goto(self.server.url + query)  # a new visitor: the readable page first, which opens the guide
        self.page.wait_for_selector("body[data-mk-synced] .mk-step-title" if synced else "body:not(.mk-readable) .mk-step-title")
        return self.page

    def close(self):
        self.context.close()


def download_handout(page, words, folder, fields: dict) -> str:
    """On Take home: fill the handout's boxes (`fields`: strings key -> text), make the PDF, download it; its text."""
    from playwright.sync_api import expect
    from pypdf import PdfReader

    for key, text in fields.items():
        page.get_by_label(words.text(key)).fill(text)
    page.get_by_role("button", name=words.text("takehome_tool.download_button")).click()
    link = page.locator("a.mk-download-link")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        link.click()
    saved = folder / "handout.pdf"
    download.value.save_as(saved)
    return "".join(p.extract_text() for p in PdfReader(saved).pages)


@pytest.fixture
def visitor(browser, guide_server):
    v = Visitor(browser, guide_server)
    yield v
    v.close()
