"""Shared fixtures: a real Voila serving the guide, and a real Chromium driving it.

Nothing here is mocked: `guide_server` starts the guide exactly as `make app` does (milia_kit.serve),
on a free port, and waits for its preheated kernels; `page` opens Chromium (the OS package, through
Playwright) with every request to another host blocked and recorded.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                             shutil.which("chromium") or "") if p and os.path.exists(p)), None)
START_TIMEOUT = 120  # seconds; a cold 2-core CI machine takes about 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GuideServer:
    """A running Voila serving the guide; `log()` is everything it printed so far."""

    def __init__(self, *voila_args: str, pool_size: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = tempfile.mkdtemp(prefix="milia-test-")
        self.log_path = Path(self.tmp) / "voila.log"
        env = dict(os.environ, TMPDIR=self.tmp, PYTHONUNBUFFERED="1")
        self._log_file = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "milia_kit.serve", "--port", str(self.port),
             f"--VoilaConfiguration.default_pool_size={pool_size}", *voila_args],
            cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT,
        )
        self.pool_size = pool_size
        self.wait_until(lambda: pool_size == 0 and self.answers() or f"filled with {pool_size} kernel" in self.log(),
                        START_TIMEOUT, "Voila did not start with its kernel pool filled")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def wait_until(self, condition, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise RuntimeError(f"{message}: Voila exited ({self.process.returncode})\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{message} within {timeout} s\n{self.log()[-3000:]}")
            time.sleep(0.1)  # polling interval of a condition wait, not a fixed sleep

    def get(self, path: str, timeout: float = 30):
        """(status, headers, body text) of a GET, errors included."""
        request = urllib.request.Request(self.url + path.lstrip("/"))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


@pytest.fixture(scope="session")
def guide_server():
    server = GuideServer()
    yield server
    server.stop()
    shutil.rmtree(server.tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.fail("Chromium is not installed: run `make browser` (tools/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, chromium_sandbox=False,
            args=["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"],
        )
        yield browser
        browser.close()


class Visitor:
    """One browser tab on the guide, with requests to any other host blocked and recorded."""

    def __init__(self, browser, server: GuideServer, width: int = 1100, height: int = 900):
        self.server = server
        self.context = browser.new_context(viewport={"width": width, "height": height})
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

    def open(self, query: str = ""):
        self.page.goto(self.server.url + query)
        self.page.wait_for_selector(".mk-step-title")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visitor(browser, guide_server):
    v = Visitor(browser, guide_server)
    yield v
    v.close()
