"""The front door on a real server (milia_kit/front_door.py): robots and previews read the guide without a kernel,
a cap on visitors holds under concurrent arrivals with a busy page and Retry-After, and a kernel whose page never
connects is shut down."""
import re
import struct
import threading

import pytest

from milia_kit import readable, strings
from milia_kit.harness import Running

pytestmark = pytest.mark.server
WORDS = strings.load("en")
CURL = {"User-Agent": "curl/7.88.1", "Accept": "*/*"}
PREVIEW = {"User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Accept": "text/html"}
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]+)"')


def handed_out(server) -> int:
    """Kernels Voila has handed to visitors so far (it logs each one it takes from its pool)."""
    return server.log().count("Using pre-heated kernel")


def test_robots_get_robots_txt(guide_server):
    status, headers, body = guide_server.get("robots.txt", headers=CURL)
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /api/" in body and "Allow: /$" in body and "Disallow: /*interactive=" in body


@pytest.mark.parametrize("who", [CURL, PREVIEW], ids=["curl", "link preview"])
def test_a_client_that_runs_no_script_gets_the_readable_guide_and_starts_no_kernel(guide_server, who):
    guide_server.wait_for_full_pool()
    before = handed_out(guide_server)
    for query in ("", "?step=call&lang=es", "some/other/path"):
        status, headers, body = guide_server.get(query, headers=who)
        assert status == 200 and headers["Cache-Control"] == "no-store"
        assert "<script" not in body and 'property="og:title"' in body
    assert "Llame ya al médico de su bebé" in guide_server.get("?step=call&lang=es", headers=who)[2]
    assert handed_out(guide_server) == before


def test_a_browser_that_has_not_run_the_readable_pages_script_starts_no_kernel(guide_server):
    """A flood, or a scraper that says it is a browser, gets the readable guide with its one script; only the
    script's proof (its cookie, or `interactive=1` for a browser that keeps none) is handed a kernel."""
    guide_server.wait_for_full_pool()
    claims_to_be_a_browser = {"Cookie": None}  # a browser's headers, without the script's cookie
    before = handed_out(guide_server)
    for query in ("", "?step=pocket&lang=es", "?interactive=0", "?step=call&interactive=yes"):
        status, headers, body = guide_server.get(query, headers=claims_to_be_a_browser)
        assert status == 200 and body.count("<script") == 1 and "milia_guide=interactive" in body
        assert headers["Cache-Control"] == "no-store" and "Cookie" in headers["Vary"]
        assert not KERNEL_ID.search(body)
    wrong_cookie = {"Cookie": "milia_guide=yes"}
    assert not KERNEL_ID.search(guide_server.get("", headers=wrong_cookie)[2])
    assert handed_out(guide_server) == before
    for query, headers in (("?step=care", None), ("?step=care&interactive=1", claims_to_be_a_browser)):
        status, _, body = guide_server.get(query, headers=headers)
        assert status == 200 and KERNEL_ID.search(body), query
    assert handed_out(guide_server) == before + 2


def test_the_readable_page_links_the_interactive_pages_own_style_sheet(guide_server):
    """One address for guide.css (with its content's hash), so after the readable page's hop the interactive page
    finds it in the browser's cache and shows its first words a round trip sooner on a phone."""
    stylesheet = re.compile(r'<link rel="stylesheet"[^>]*href="([^"]*guide\.css[^"]*)"')
    first = stylesheet.search(guide_server.get("?step=pocket", headers={"Cookie": None})[2]).group(1)
    robot = stylesheet.search(guide_server.get("?step=pocket", headers=CURL)[2]).group(1)
    interactive = stylesheet.search(guide_server.get("?step=pocket")[2]).group(1)
    assert first == robot == interactive and re.search(r"\?v=[0-9a-f]{16,}$", interactive), (first, interactive)


def test_head_gets_headers_and_no_kernel(guide_server):
    import urllib.request

    before = handed_out(guide_server)
    request = urllib.request.Request(guide_server.url, method="HEAD", headers={"User-Agent": "Mozilla/5.0", "Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and response.read() == b"" and int(response.headers["Content-Length"]) > 10_000
    assert handed_out(guide_server) == before


def test_the_preview_picture_is_served_as_a_1200_by_630_png(guide_server):
    import urllib.request

    with urllib.request.urlopen(guide_server.url + readable.PREVIEW_IMAGE, timeout=30) as response:
        data = response.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1200, 630)


def test_the_cap_holds_under_concurrent_arrivals_and_abandoned_kernels_free_their_places():
    server = Running("--GuideVoila.max_visitors=2", "--GuideVoila.abandoned_after=3", pool_size=2)
    try:
        answers = []
        arrive = threading.Barrier(5)

        def visit():
            arrive.wait()
            answers.append(server.get("?step=care"))

        threads = [threading.Thread(target=visit) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        kernels = [KERNEL_ID.search(body).group(1) for status, _, body in answers if status == 200 and KERNEL_ID.search(body)]
        busy = [(status, headers, body) for status, headers, body in answers if status == 503]
        assert len(kernels) == 2 and len(busy) == 3, [a[0] for a in answers]
        for status, headers, body in busy:
            assert headers["Retry-After"] == "30" and "<script" not in body
            assert WORDS.text("readable.busy") in body.replace("&#x27;", "'")
            assert 'class="mk-retry" href="?lang=en&amp;step=care"' in body
        # nobody opened the pages' websockets: their kernels are shut down, and the places are free again
        server.wait_until(lambda: all(server.get(f"api/kernels/{k}", headers=CURL)[0] == 404 for k in kernels), 60,
                          "the abandoned kernels were not shut down")
        # (the kernel leaves the list before the sweep has written its line)
        server.wait_until(lambda: "shut down" in server.log(), 10, "the sweep did not say it shut them down")
        server.wait_for_full_pool()
        status, _, body = server.get("/")
        assert status == 200 and KERNEL_ID.search(body)
    finally:
        server.stop()


def test_without_the_front_door_a_plain_request_gets_a_kernel():
    """The benchmark's comparison (tools/flood.py) turns the door off: then even curl is handed a kernel, as plain
    Voila does. The switch exists only for that measurement."""
    server = Running("--GuideVoila.front_door=False", pool_size=1)
    try:
        status, _, body = server.get("/", headers=CURL)
        assert status == 200 and KERNEL_ID.search(body)
    finally:
        server.stop()
