"""The front door of the served guide: who gets a kernel, and who gets the readable guide instead.

On the open web every plain `GET /` used to start a Python kernel (about 60 MB) that lived for 30 minutes:
40 requests from `curl` left 43 kernels and 2.5 GB behind, and a crawler at one request a second would fill this
machine in minutes (Voila has no cap: its issue #617). Here:

- **Requests that cannot use a kernel never get one.** `HEAD`, prefetches, crawlers, link previews and HTTP
  libraries (no "Mozilla/5.0" browser with `Accept: text/html`, or a known robot's name) get the readable guide
  (readable.py): every step's words and pictures as plain HTML, no kernel.
- **A kernel only for a page that runs its script.** A browser's first request gets the readable guide with one
  small script, which sets a session cookie (`COOKIE`) and opens the same address again; only a request with that
  cookie (or `?interactive=1`, for a browser that keeps no cookies) gets a kernel. A client that runs no script
  (a flood, a scraper that says it is a browser, a browser with scripts off) reads the guide and never starts one.
  A client that forges the cookie is still held to its share and shut down if its page never connects.
- **Memory is bounded.** At most `max_visitors` visitors' kernels live at once (by default sized from this
  machine's memory and the measured per-visitor figure), counted with the requests already let in, so
  concurrent arrivals cannot pass the cap together. The kernels kept warm in Voila's pool are not visitors.
- **Nobody gets an error page.** At the cap, or past one address's fair share (`per_address`; 0 turns it off, for
  a clinic behind one NAT), the visitor gets the readable guide with a short "busy" note and a Retry link, as
  `503` with `Retry-After` for clients that read status codes.
- **A kernel whose page never connects is shut down** after `abandoned_after` seconds (a bot that runs no script,
  a closed tab, a prefetch); a page that connected keeps its kernel for the normal idle time.

The decisions (`decide`, `Visitors`) are plain Python, tested without a server; the handlers below put them in
front of Voila's own (serve.py builds the server with them).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

GUIDE, READABLE, BUSY, FIRST = "guide", "readable", "busy", "first"
# Set by the readable page's one script (readable.ASK_FOR_GUIDE), so only a browser that runs scripts has it: the
# proof a request will use its kernel. A session cookie that says nothing about the visitor.
COOKIE, COOKIE_VALUE = "milia_guide", "interactive"
QUERY = "interactive"  # the same proof for a browser that keeps no cookies (`?interactive=1`)
PER_VISITOR_MB = 80  # a visitor's kernel measured 57-60 MB (make bench); with room for the page's growth
MEMORY_SHARE = 0.5  # of this machine's memory, for visitors' kernels (the server, the printer and the OS keep the rest)
RETRY_AFTER_SECONDS = 30

# Names that only robots, previews and HTTP libraries give themselves. Not "HeadlessChrome": a headless browser
# runs the page's scripts and connects (the tests' visitors are one).
AUTOMATED = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|quora link preview|whatsapp|telegram|"
    r"discord|slack|skypeuripreview|vkshare|pinterest|bitlybot|outbrain|redditbot|"
    r"curl|wget|python|httpx|aiohttp|go-http-client|okhttp|java/|libwww|apache-httpclient|node-fetch|axios|"
    r"scrapy|postman|insomnia|httpie|powershell|feedfetcher|validator|uptime|pingdom|monitor", re.I)
PREFETCH = re.compile(r"prefetch|preview|prerender", re.I)


@dataclass(frozen=True)
class Door:
    max_visitors: int
    per_address: int = 6  # kernels one address may hold at once (this machine's own addresses excepted); 0: no limit
    abandoned_after: float = 60.0  # seconds a kernel may wait for its page to connect


def default_max_visitors(meminfo: Path = Path("/proc/meminfo")) -> int:
    """How many visitors' kernels this machine can hold: a share of its memory over the per-visitor figure."""
    try:
        total_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
    except (OSError, AttributeError, ValueError):
        return 20  # memory unknown: a small server's worth
    return max(2, int(total_kb / 1024 * MEMORY_SHARE / PER_VISITOR_MB))


def is_automated(headers) -> bool:
    """A request from something that will not run the page (a robot, a preview, an HTTP library)."""
    agent = headers.get("User-Agent", "")
    accept = headers.get("Accept", "")
    return not agent.startswith("Mozilla/") or "text/html" not in accept or bool(AUTOMATED.search(agent))


def is_prefetch(headers) -> bool:
    return any(PREFETCH.search(headers.get(name, "")) for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"))


# This machine's own addresses: a proxy in front of the guide on the same machine (every visitor then comes from
# here, so the proxy must do any per-address limit), the tests and the benchmark.
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def decide(method: str, headers, visitors: int, at_address: int, door: Door, address: str = "",
           ran_script: bool = False) -> str:
    """GUIDE (a kernel), READABLE (the readable guide, 200), FIRST (the readable guide with the script that asks
    for the interactive one, 200) or BUSY (the readable guide with the busy note, 503).

    `ran_script`: the request carries the proof that its page ran the readable page's script (`COOKIE`, `QUERY`)."""
    if method != "GET" or is_prefetch(headers) or is_automated(headers):
        return READABLE
    if not ran_script:
        return FIRST
    if visitors >= door.max_visitors:
        return BUSY
    if door.per_address and address not in LOOPBACK and at_address >= door.per_address:
        return BUSY
    return GUIDE


def site_address(protocol: str, host: str, base_url: str, headers, address: str) -> str:
    """The guide's own address as the visitor sees it, for the readable page's absolute links (link previews need
    them). Behind a proxy on this machine (deploy/nginx) that ended TLS, the request arrives as http: the proxy's
    X-Forwarded-Proto says what the parent typed. Only a proxy here is believed; anyone else could say anything."""
    forwarded = headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    if address in LOOPBACK and forwarded in ("http", "https"):
        protocol = forwarded
    return f"{protocol}://{host}{base_url}"


@dataclass
class _Visit:
    address: str
    since: float
    connected: bool = False


@dataclass
class Visitors:
    """The visitors' kernels this server handed out, with the requests let in that have no kernel yet."""

    kernels: dict = field(default_factory=dict)  # kernel id -> _Visit
    arriving: dict = field(default_factory=dict)  # address -> requests let in, kernel not yet known
    # Kernels whose page connected. The page connects as soon as it names its kernel, often before the rest of
    # the page has been sent (connect.js), so a connection can come before `settle`.
    seen_connected: set = field(default_factory=set)

    def count(self) -> int:
        return len(self.kernels) + sum(self.arriving.values())

    def count_at(self, address: str) -> int:
        return sum(v.address == address for v in self.kernels.values()) + self.arriving.get(address, 0)

    def arrive(self, address: str) -> None:
        self.arriving[address] = self.arriving.get(address, 0) + 1

    def settle(self, address: str, kernel_id: str | None, now: float | None = None) -> None:
        """The request from `address` ended: its kernel (if the page named one) is now a visitor's."""
        left = self.arriving.get(address, 0) - 1
        if left > 0:
            self.arriving[address] = left
        else:
            self.arriving.pop(address, None)
        if kernel_id:
            visit = self.kernels.setdefault(kernel_id, _Visit(address, time.monotonic() if now is None else now))
            visit.connected = visit.connected or kernel_id in self.seen_connected

    def connected(self, kernel_id: str) -> None:
        self.seen_connected.add(kernel_id)
        if kernel_id in self.kernels:
            self.kernels[kernel_id].connected = True

    def keep_only(self, alive) -> None:
        """Forget kernels that are gone (the tab closed, the idle cull, a restart)."""
        for kernel_id in set(self.kernels) - set(alive):
            del self.kernels[kernel_id]
        self.seen_connected &= set(alive)

    def abandoned(self, after: float, now: float | None = None) -> list[str]:
        """Kernels whose page never connected within `after` seconds."""
        now = time.monotonic() if now is None else now
        return [k for k, v in self.kernels.items() if not v.connected and now - v.since >= after]


# The interactive page's style sheet (templates/milia/index.html.j2): the readable page links the same address.
STYLESHEET = "static/guide.css"
KERNEL_ID = re.compile(rb'"kernelId":\s*"([0-9a-f-]{8,64})"')
ROBOTS_TXT = """# The readable guide at / is for everyone; the interactive guide's machinery is not for crawlers.
User-agent: *
Allow: /$
Disallow: /*interactive=
Allow: /voila/files/handouts/
Allow: /voila/files/assets/images/
Allow: /voila/templates/milia/static/guide.css
Disallow: /api/
Disallow: /voila/
"""


def handlers(base_handler, websocket_handler, door: Door, visitors: Visitors):
    """The front door's request handlers, built on Voila's page handler and kernel websocket handler."""
    import tornado.web

    from . import readable

    class FrontDoor(base_handler):
        """Voila's page, behind the door: a kernel only for a visitor the door lets in."""

        def initialize(self, **kwargs):
            super().initialize(**kwargs)
            self._kernel_id = None

        async def get(self, path=None):
            address = self.request.remote_ip or ""
            ran_script = (self.get_cookie(COOKIE) == COOKIE_VALUE
                          or self.get_query_argument(QUERY, None) == "1")
            choice = decide("GET", self.request.headers, visitors.count(), visitors.count_at(address), door, address,
                            ran_script)
            if choice != GUIDE:
                return self._readable(busy=choice == BUSY, first=choice == FIRST)
            visitors.arrive(address)
            try:
                await super().get(path)
            finally:
                visitors.settle(address, self._kernel_id)

        def head(self, path=None):
            self._readable(busy=False, body=False)

        def write(self, chunk):
            if self._kernel_id is None and chunk:
                found = KERNEL_ID.search(chunk if isinstance(chunk, bytes) else str(chunk).encode())
                if found:
                    self._kernel_id = found.group(1).decode()
            return super().write(chunk)

        def _readable(self, busy: bool, body: bool = True, first: bool = False):
            site = site_address(self.request.protocol, self.request.host, self.base_url, self.request.headers,
                                self.request.remote_ip or "")
            page = readable.page_html(readable.language(self.get_query_argument("lang", None)),
                                      readable.step(self.get_query_argument("step", None)), busy, site, first,
                                      self._stylesheet())
            if busy:
                self.set_status(503)
                self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")  # a cache must never hand this page to a browser
            self.set_header("Vary", "Cookie")
            if body:
                self.finish(page)
            else:
                self.set_header("Content-Length", str(len(page.encode())))
                self.finish()

        def _stylesheet(self) -> str:
            """The style sheet's address as the interactive page names it (with its content's hash): after the hop
            from the readable page, the interactive page finds it in the browser's cache (one round trip less
            before its first words show)."""
            from voila.utils import include_url

            return str(include_url(self.voila_configuration.template, self.base_url, STYLESHEET))

    class ConnectedKernel(websocket_handler):
        """Voila's kernel websocket, noting that the visitor's page connected (so its kernel is not abandoned)."""

        async def open(self, kernel_id, *args, **kwargs):
            visitors.connected(kernel_id)
            return await super().open(kernel_id, *args, **kwargs)

    class Robots(tornado.web.RequestHandler):
        def get(self):
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(ROBOTS_TXT)

    return FrontDoor, ConnectedKernel, Robots


async def sweep(kernel_manager, door: Door, visitors: Visitors, log=None) -> list[str]:
    """Forget kernels that are gone; shut down those whose page never connected. Returns the ones shut down."""
    visitors.keep_only(kernel_manager.list_kernel_ids())
    gone = []
    for kernel_id in visitors.abandoned(door.abandoned_after):
        visitors.kernels.pop(kernel_id, None)
        try:
            await kernel_manager.shutdown_kernel(kernel_id)
            gone.append(kernel_id)
        except Exception as error:  # already gone
            if log:
                log.info("front door: kernel %s was already gone (%s)", kernel_id, error)
    if gone and log:
        log.info("front door: shut down %d kernel(s) whose page never connected", len(gone))
    return gone
