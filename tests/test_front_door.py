"""The front door's decisions (milia_kit/front_door.py), without a server: who is a browser, who gets a kernel,
who gets the readable guide, and which kernels were abandoned."""
import pytest

from conftest import run_async

from milia_kit import front_door
from milia_kit.front_door import BUSY, FIRST, GUIDE, READABLE, Door, Visitors, decide

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# User agents as these clients send them (from their own documentation and server logs), each with what it is.
BROWSERS = {
    "Chrome on Android": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Safari on iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Firefox on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Headless Chrome (runs scripts)": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
}
AUTOMATED = {
    "Googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Bingbot": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Facebook link preview": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Slack link preview": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "WhatsApp link preview": "WhatsApp/2.23.20.0",
    "Twitter card": "Twitterbot/1.0",
    "Discord embed": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "Telegram preview": "TelegramBot (like TwitterBot)",
    "LinkedIn preview": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "curl": "curl/7.88.1",
    "wget": "Wget/1.21.3",
    "Python requests": "python-requests/2.31.0",
    "Go": "Go-http-client/1.1",
    "no user agent": "",
}
DOOR = Door(max_visitors=3, per_address=2, abandoned_after=60)


@pytest.mark.parametrize("name", BROWSERS)
def test_a_browser_whose_page_ran_the_script_gets_the_guide(name):
    assert decide("GET", {"User-Agent": BROWSERS[name], "Accept": HTML}, 0, 0, DOOR, "203.0.113.5", ran_script=True) == GUIDE


@pytest.mark.parametrize("name", BROWSERS)
def test_a_browsers_first_request_gets_the_readable_page_that_asks_for_the_guide(name):
    """Anything can say it is a browser; only running the readable page's script earns a kernel."""
    assert decide("GET", {"User-Agent": BROWSERS[name], "Accept": HTML}, 0, 0, DOOR, "203.0.113.5") == FIRST


@pytest.mark.parametrize("name", AUTOMATED)
def test_a_robot_with_the_proof_still_gets_only_the_readable_guide(name):
    """A preview or crawler that runs scripts (some do) never loops between the pages: it stays on the readable one."""
    assert decide("GET", {"User-Agent": AUTOMATED[name], "Accept": HTML}, 0, 0, DOOR, "203.0.113.5", ran_script=True) == READABLE


@pytest.mark.parametrize("name", AUTOMATED)
def test_robots_previews_and_http_libraries_get_the_readable_guide(name):
    assert decide("GET", {"User-Agent": AUTOMATED[name], "Accept": HTML}, 0, 0, DOOR, "203.0.113.5") == READABLE


def test_a_browser_that_does_not_ask_for_html_gets_the_readable_guide():
    assert decide("GET", {"User-Agent": BROWSERS["Firefox on Windows"], "Accept": "*/*"}, 0, 0, DOOR) == READABLE


@pytest.mark.parametrize("header, value", [("Sec-Purpose", "prefetch"), ("Sec-Purpose", "prefetch;prerender"),
                                           ("Purpose", "prefetch"), ("X-Moz", "prefetch"), ("X-Purpose", "preview")])
def test_prefetches_and_head_never_get_a_kernel(header, value):
    browser = {"User-Agent": BROWSERS["Chrome on Android"], "Accept": HTML}
    assert decide("GET", {**browser, header: value}, 0, 0, DOOR, ran_script=True) == READABLE
    assert decide("HEAD", browser, 0, 0, DOOR, ran_script=True) == READABLE


def test_at_the_cap_or_past_one_addresss_share_the_visitor_is_told_it_is_busy():
    browser = {"User-Agent": BROWSERS["Safari on iPhone"], "Accept": HTML}
    assert decide("GET", browser, 2, 1, DOOR, "203.0.113.5", ran_script=True) == GUIDE
    assert decide("GET", browser, 3, 0, DOOR, "203.0.113.5", ran_script=True) == BUSY
    assert decide("GET", browser, 2, 2, DOOR, "203.0.113.5", ran_script=True) == BUSY
    # this machine's own address (a proxy on it, the tests) is many visitors: only the cap counts
    assert decide("GET", browser, 2, 2, DOOR, "127.0.0.1", ran_script=True) == GUIDE
    # a clinic behind one NAT turns the per-address limit off
    assert decide("GET", browser, 2, 9, Door(max_visitors=3, per_address=0), "203.0.113.5", ran_script=True) == GUIDE


def test_requests_let_in_count_before_their_kernel_is_known():
    visitors = Visitors()
    for _ in range(3):
        visitors.arrive("203.0.113.5")
    assert visitors.count() == 3 and visitors.count_at("203.0.113.5") == 3 and visitors.count_at("198.51.100.7") == 0
    visitors.settle("203.0.113.5", "k1", now=100.0)
    visitors.settle("203.0.113.5", None)  # a page that failed: no kernel
    assert visitors.count() == 2 and set(visitors.kernels) == {"k1"}
    visitors.settle("203.0.113.5", "k2", now=100.0)
    assert visitors.count() == 2 and visitors.arriving == {}


def test_a_kernel_whose_page_never_connected_is_abandoned_after_the_set_time_and_a_connected_one_never():
    visitors = Visitors()
    for kernel in ("reader", "bot"):
        visitors.arrive("203.0.113.5")
        visitors.settle("203.0.113.5", kernel, now=0.0)
    visitors.connected("reader")
    assert visitors.abandoned(60, now=59.0) == []
    assert visitors.abandoned(60, now=60.0) == ["bot"]
    visitors.keep_only(["reader"])  # the bot's kernel is gone
    assert set(visitors.kernels) == {"reader"} and visitors.abandoned(60, now=10_000.0) == []


def test_the_sweep_shuts_down_only_abandoned_kernels():
    class Kernels:
        def __init__(self, ids):
            self.ids = list(ids)
            self.shut = []

        def list_kernel_ids(self):
            return list(self.ids)

        async def shutdown_kernel(self, kernel_id):
            self.ids.remove(kernel_id)
            self.shut.append(kernel_id)

    kernels = Kernels(["reader", "bot", "pool"])
    visitors = Visitors()
    for kernel in ("reader", "bot", "gone"):
        visitors.arrive("a")
        visitors.settle("a", kernel, now=-1000.0)
    visitors.connected("reader")
    assert run_async(front_door.sweep(kernels, DOOR, visitors)) == ["bot"]
    assert kernels.shut == ["bot"] and set(kernels.ids) == {"reader", "pool"} and set(visitors.kernels) == {"reader"}


def test_the_default_cap_comes_from_this_machines_memory(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24576000 kB\nMemFree: 1 kB\n")
    assert front_door.default_max_visitors(meminfo) == int(24576000 / 1024 * front_door.MEMORY_SHARE / front_door.PER_VISITOR_MB)
    meminfo.write_text("MemTotal:       100000 kB\n")
    assert front_door.default_max_visitors(meminfo) == 2  # never fewer than two
    assert front_door.default_max_visitors(tmp_path / "missing") == 20


def test_robots_may_read_the_readable_guide_but_not_the_machinery():
    lines = front_door.ROBOTS_TXT.splitlines()
    assert "User-agent: *" in lines and "Allow: /$" in lines
    assert "Disallow: /api/" in lines and "Disallow: /voila/" in lines


def test_a_page_that_connects_before_it_has_all_arrived_keeps_its_kernel():
    """connect.js opens the websocket as soon as the page names its kernel, while the rest of the page is still
    being sent: the connection comes before the request ends, and must still count."""
    visitors = Visitors()
    visitors.arrive("203.0.113.5")
    visitors.connected("early")
    visitors.settle("203.0.113.5", "early", now=0.0)
    assert visitors.abandoned(60, now=10_000.0) == []
    visitors.keep_only([])
    assert visitors.seen_connected == set() and visitors.kernels == {}


def test_the_readable_pages_address_is_https_behind_a_proxy_here_that_ended_tls():
    forwarded = {"X-Forwarded-Proto": "https"}
    assert front_door.site_address("http", "milia.clinic.example", "/", forwarded, "127.0.0.1") == "https://milia.clinic.example/"
    # a visitor cannot make the page say what it likes: only a proxy on this machine is believed
    assert front_door.site_address("http", "milia.clinic.example", "/g/", forwarded, "203.0.113.5") == "http://milia.clinic.example/g/"
    assert front_door.site_address("http", "h", "/", {"X-Forwarded-Proto": "javascript"}, "127.0.0.1") == "http://h/"
