"""The clinic deployment (deploy/): the nginx site in a real nginx from the OS packages, with a throwaway
self-signed certificate on a non-standard port, in front of real guide processes, driven in Chromium."""
import re
import ssl
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import Visitor, download_handout, press

from milia_kit import strings
from milia_kit.harness import BROWSER_HEADERS, Proxy, Running
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
EN, ES = strings.load("en"), strings.load("es")
UNVERIFIED = ssl._create_unverified_context()  # the test's own throwaway certificate


@pytest.fixture(scope="module")
def proxy(guide_server):
    proxy = Proxy([guide_server.port])
    yield proxy
    proxy.stop()


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) as a browser (a header given as None is not sent), through the test's TLS."""
    sent = {key: value for key, value in {**BROWSER_HEADERS, **(headers or {})}.items() if value is not None}
    request = urllib.request.Request(url, headers=sent)
    try:
        with urllib.request.urlopen(request, context=UNVERIFIED, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_whole_visit_works_through_nginx_with_tls_on_a_non_standard_port(browser, proxy, tmp_path):
    """The websocket reaches the guide through the proxy (Host keeps its port), and so do the language switch and
    the personalised PDF."""
    visitor = Visitor(browser, proxy, ignore_https_errors=True)
    try:
        page = visitor.open("?step=pocket")
        assert page.url.startswith(proxy.url)
        press(page, page.get_by_role("slider", name=EN.text("pocket.days_label")), 5)
        expect(page.locator(".mk-description")).to_contain_text(EN.text("pocket.time_days", days=5))
        page.get_by_label(EN.text("app.language_label")).select_option(label=ES.text("meta.language_name"))
        expect(page.locator(".mk-step-title")).to_have_text(ES.text("steps.pocket.title"))
        page.get_by_label(ES.text("app.jump_label")).select_option(
            label=f"{STEPS.index('takehome') + 1}. {ES.text('steps.takehome.nav')}")
        assert "Lucía" in download_handout(page, ES, tmp_path, {"takehome_tool.name_label": "Lucía"})
        assert not visitor.outside_requests
    finally:
        visitor.close()
    # the page's websocket went through nginx as an upgrade (101), not around it (logged once it closes)
    websocket = re.compile(r"GET /api/kernels/[0-9a-f-]+/channels 101 ")
    wait_for(lambda: any(websocket.match(line) for line in proxy.routes()), "no websocket through nginx")


def wait_for(condition, message: str, timeout: float = 20):
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)  # polling a log file for a condition, not waiting for time to pass


def test_the_proxy_sends_security_headers_compresses_and_gives_each_browser_one_route(proxy):
    status, headers, _ = fetch(proxy.url, {"Accept-Encoding": "gzip", "Cookie": None})
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Encoding"] == "gzip"
    routes = [re.match(r"milia_route=([^;]+);.*HttpOnly.*Secure", cookie) for cookie in headers.get_all("Set-Cookie")]
    routes = [route.group(1) for route in routes if route]
    assert len(routes) == 1
    # a browser that has its route is not given another
    _, again, _ = fetch(proxy.url, {"Cookie": f"milia_route={routes[0]}"})
    assert not any("milia_route" in cookie for cookie in again.get_all("Set-Cookie") or [])


def test_the_controls_script_keeps_its_brotli_copy_through_the_proxy(proxy):
    """nginx compresses only what comes uncompressed: the guide's Brotli copy of widgets.js (serve.py) passes."""
    address = proxy.url.rstrip("/") + "/voila/templates/milia/static/widgets.js"
    status, headers, body = fetch(address, {"Accept-Encoding": "br, gzip", "Cookie": None})
    assert status == 200 and headers["Content-Encoding"] == "br" and 0 < len(body) < 70_000
    status, headers, _ = fetch(address, {"Accept-Encoding": "gzip", "Cookie": None})
    assert status == 200 and headers["Content-Encoding"] == "gzip"


def test_plain_http_is_sent_to_https_on_the_same_port_setting(proxy):
    http_port = int(re.search(r"listen (\d+);", (proxy.tmp / "site.conf").read_text()).group(1))
    request = urllib.request.Request(f"http://127.0.0.1:{http_port}/?step=care", method="GET")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=30)
    assert answer.value.code == 301 and answer.value.headers["Location"] == f"{proxy.url}?step=care"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_staff_only_clinician_mode_asks_for_the_staff_password_and_nothing_else_does(guide_server, tmp_path):
    hashed = subprocess.run(["openssl", "passwd", "-apr1", "a staff secret"], capture_output=True, text=True,
                            check=True).stdout.strip()
    passwords = tmp_path / "staff.htpasswd"
    passwords.write_text(f"staff:{hashed}\n")
    proxy = Proxy([guide_server.port], staff_passwords=str(passwords))
    try:
        assert fetch(proxy.url + "?mode=clinician")[0] == 401
        assert fetch(proxy.url + "?step=care")[0] == 200
        import base64

        login = "Basic " + base64.b64encode(b"staff:a staff secret").decode()
        assert fetch(proxy.url + "?mode=clinician", {"Authorization": login})[0] == 200
        assert fetch(proxy.url + "?mode=clinician", {"Authorization": "Basic " + base64.b64encode(b"staff:guess").decode()})[0] == 401
    finally:
        proxy.stop()


def test_two_guide_processes_share_the_visitors_and_each_visit_stays_on_its_own(browser):
    """Routing by nginx's cookie: new browsers spread over both processes; a visitor's page and its kernel's
    websocket reach the same one (else the controls would never answer)."""
    servers = [Running(pool_size=1), Running(pool_size=1)]
    proxy = Proxy([server.port for server in servers])
    try:
        for _ in range(16):  # first requests: the readable page, no kernel, a new route each
            assert fetch(proxy.url, {"Cookie": None})[0] == 200
        used = {line.split("upstream=")[1].split()[0] for line in proxy.routes()}
        assert used == {f"127.0.0.1:{server.port}" for server in servers}, used
        for _ in range(3):
            visitor = Visitor(browser, proxy, ignore_https_errors=True)
            try:
                page = visitor.open("?step=pocket")
                kernel = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
                holders = [server for server in servers if server.get(f"api/kernels/{kernel}")[0] == 200]
                assert len(holders) == 1
                press(page, page.get_by_role("slider", name=EN.text("pocket.days_label")), 3)
                expect(page.locator(".mk-description")).to_contain_text(EN.text("pocket.time_days", days=3))
            finally:
                visitor.close()

            def websocket_upstreams():  # nginx logs a websocket when it closes
                return {line.split("upstream=")[1].split()[0] for line in proxy.routes()
                        if kernel in line and "/channels" in line}
            wait_for(websocket_upstreams, "the visitor's websocket was not logged")
            assert websocket_upstreams() == {f"127.0.0.1:{holders[0].port}"}
    finally:
        proxy.stop()
        for server in servers:
            server.stop()


def routes_to_each(proxy, servers) -> list[str]:
    """One route cookie for each process, in the processes' order: readable pages (no kernel) asked through the
    proxy with made-up cookies, and where nginx's log says it sent each."""
    wanted = {f"127.0.0.1:{server.port}": None for server in servers}
    for n in range(64):
        route = f"test-route-{n}"
        assert fetch(proxy.url, {"Cookie": f"milia_route={route}"})[0] == 200
        wait_for(lambda: [line for line in proxy.routes() if line.endswith(f" route={route}")], "the probe was not logged")
        upstream = next(line for line in proxy.routes() if line.endswith(f" route={route}")).split("upstream=")[1].split()[0]
        if wanted.get(upstream, "") is None:
            wanted[upstream] = f"milia_route={route}"
        if all(wanted.values()):
            return list(wanted.values())
    raise AssertionError(f"64 route cookies did not reach every process: {wanted}")


def test_the_capacity_load_runs_through_the_proxy_to_two_processes():
    """tools/load.py's visitors (HTTP and the kernel websocket, as the benchmark's capacity run) through nginx to
    two processes: every visitor gets its widgets and every control change is answered, on both processes."""
    import sys

    from conftest import run_async

    from milia_kit.paths import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    import load

    servers = [Running(pool_size=2), Running(pool_size=2)]
    proxy = Proxy([server.port for server in servers])
    saved = load.VISITORS, load.ARRIVE, load.STAY
    load.VISITORS, load.ARRIVE, load.STAY = 8, 4.0, 6.0
    try:
        # nginx's route cookie is random: 8 visitors all reached one process about once in a hundred runs. Each
        # visitor brings a route cookie that nginx was seen to send to its process, in turn.
        routes = routes_to_each(proxy, servers)
        figures = run_async(load.run(servers[0], proxy.url, servers, routes))  # Playwright's loop may run in this thread
        handed_out = [server.log().count("Using pre-heated kernel") for server in servers]
    finally:
        load.VISITORS, load.ARRIVE, load.STAY = saved
        proxy.stop()
        for server in servers:
            server.stop()
    assert figures["errors"] == 0 and figures["missing_widgets"] == 0, figures["error_kinds"]
    assert figures["round_trips"] >= 8 * 2 and figures["not_freed"] == 0
    assert all(handed_out), handed_out  # both processes took visitors (beyond its pool, a kernel is started, not logged so)
