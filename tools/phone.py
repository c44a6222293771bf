"""The guide on a parent's phone network: Chromium's own network and CPU emulation at 360 px, the guide beside
plain Voila. `python tools/phone.py`, or `make bench` (unless BENCH_PHONE=0). Issue 17's table.

For each link: seconds from asking for the page to its step's heading and main message being visible (on
whatever page shows it first: the readable page a new visitor gets first counts), to its controls being drawn
(the pocket's time slider, or the Next button on Start), and to their being usable: the kernel has answered, so
a change gets its answer (the guide draws its controls from the page's own states first; plain Voila draws them
only then). Five loads each (plain Voila: three), a new visitor every time,
except "returning", which loads again in the same browser (its scripts cached). Profiles are named settings.
PHONE_PLAIN=0 measures the guide alone (plain Voila's slow-3G rows take minutes); PHONE_ROWS=3,4 only those rows.

Drawn and usable are read from the page's own clock, the same way for the guide and plain Voila: the end of the
frame that first showed the control (a small script this tool adds to every page it opens, `CONTROL_SHOWN`),
then, on the guide's page, its kernel's answer if that came later (plain Voila draws its controls only after).
The message is the guide welcome's paint on the page's clock (Element Timing), else when the test driver saw it.
The test driver (Playwright) sees each moment later: it asks the page, whose main thread the 4x CPU slowdown
keeps busy (its own injected script alone is about 60 ms of that thread). When it saw the controls usable is
printed too, in brackets.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from milia_kit import strings  # noqa: E402
from milia_kit.harness import Running, launch_chromium  # noqa: E402
from bench import MESSAGE_PAINTED, WORKING  # noqa: E402

# The guide's figures move 0.1-0.2 s from one run to the next on a 2-core machine: five loads each. Plain Voila's
# (23 s to over a minute) need fewer, and take minutes each.
LOADS = int(os.environ.get("PHONE_LOADS", 5))
PLAIN_LOADS = int(os.environ.get("PHONE_PLAIN_LOADS", 3))
# The page-speed tools' standard mobile profile, and slow 3G: round trip (ms), down and up (bit/s), CPU slowdown.
PROFILES = {"mobile": (150, 1_600_000, 750_000, 4), "slow 3G": (400, 400_000, 400_000, 4)}
# The four, and the handout's QR code (handout.guide_link: the sheet's language, straight to the guide).
LINKS = [("/?step=start", "mobile", False), ("/?step=pocket", "mobile", False), ("/?step=pocket", "slow 3G", False),
         ("/?step=pocket", "mobile", True), ("/?lang=en&interactive=1", "mobile", False),
         ("/?lang=en&interactive=1", "slow 3G", False)]
WORDS = strings.load("en")
USABLE = {"start": ".mk-nav .mk-primary:not([disabled])", "pocket": ".noUi-handle[role=slider]"}
GIVE_UP_S = float(os.environ.get("PHONE_GIVE_UP", 60))  # a load still not usable then is printed as "> 60"
# Added to every page this tool opens (never served to parents): at each frame, until the control is there and
# visible as Playwright counts it (a box, not hidden), then the moment after that frame was painted (a task
# queued from the frame's callback runs after it). ms on the page's clock.
CONTROL_SHOWN = """(() => {
  const seen = window.__mkControlShown = {};
  const selector = %s;
  function look() {
    const control = document.querySelector(selector);
    if (control) {
      const box = control.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(control).visibility !== 'hidden') {
        setTimeout(() => { seen.shown = performance.now(); }, 0);
        return;
      }
    }
    requestAnimationFrame(look);
  }
  requestAnimationFrame(look);
})();"""
# The kernel's answer on the guide's page (widgets.js marks it); plain Voila draws its controls only after it.
ANSWERED = "(performance.getEntriesByName('mk-synced')[0] || {}).startTime"


def emulate(context, page, profile: str) -> None:
    latency, down, up, cpu = PROFILES[profile]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                  "downloadThroughput": down / 8, "uploadThroughput": up / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})


def one_load(context, url: str, link: str, profile: str) -> tuple[float, float, float, float]:
    """(message, drawn, usable, driver saw usable) in seconds from asking for the page; inf if not within GIVE_UP_S."""
    step = parse_qs(urlsplit(link).query).get("step", ["start"])[0]
    page = context.new_page()
    page.add_init_script(CONTROL_SHOWN % json.dumps(USABLE[step]))  # on the readable page too: it is not used there
    emulate(context, page, profile)
    message = WORDS.text(f"steps.{step}.message.text")
    began, began_epoch = time.perf_counter(), time.time()
    left = lambda: max(1, int(1000 * (GIVE_UP_S - (time.perf_counter() - began))))
    visible = drawn = usable = seen_usable = float("inf")
    try:
        page.goto(url.rstrip("/") + link, wait_until="commit", timeout=left())
        # the first shown: a page may hold the message hidden too (the welcome has every step's, welcome.py)
        page.get_by_text(message, exact=True).filter(visible=True).first.wait_for(state="visible", timeout=left())
        visible = time.perf_counter() - began
        page.wait_for_selector(USABLE[step], state="visible", timeout=left())
        drawn = time.perf_counter() - began
        page.wait_for_function(WORKING, timeout=left())
        usable = seen_usable = time.perf_counter() - began
        page.wait_for_function("() => window.__mkControlShown && window.__mkControlShown.shown !== undefined",
                               timeout=left())
        # The page's clock begins at its own navigation: after the readable page's hop, later than `began`.
        origin = page.evaluate("performance.timeOrigin") / 1000 - began_epoch
        painted = page.evaluate(MESSAGE_PAINTED)
        if painted is not None:  # the guide's welcome; the readable page's and plain Voila's have no such timing
            visible = min(visible, origin + painted)
        shown = page.evaluate("window.__mkControlShown.shown") / 1000
        drawn = origin + shown
        if page.evaluate("Boolean(window.mkKernel)"):  # the guide's page: usable once its kernel has answered
            answered = page.evaluate(ANSWERED)  # WORKING waited for it: a page without it is not counted usable
            usable = origin + max(shown, answered / 1000) if answered is not None else float("inf")
        else:
            usable = drawn
    except PlaywrightTimeout:  # too slow to wait for: a figure, not a crash
        pass
    page.close()
    return visible, drawn, usable, seen_usable


def measure(browser, server, loads: int = LOADS) -> dict:
    rows = {}
    rows_asked = os.environ.get("PHONE_ROWS")  # e.g. "3,4": only those rows of LINKS (0-based), for a quick look
    for link, profile, returning in [row for i, row in enumerate(LINKS) if not rows_asked or str(i) in rows_asked.split(",")]:
        figures = []
        for _ in range(loads):
            server.wait_for_full_pool()
            context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
            if returning:  # the first visit fills the cache; the second is measured
                one_load(context, server.url, link, profile)
                server.wait_for_full_pool()
            figures.append(one_load(context, server.url, link, profile))
            context.close()
        rows[(link, profile, returning)] = figures
    return rows


def seconds(value: float) -> str:
    return f"> {GIVE_UP_S:.0f}" if value == float("inf") else f"{value:.2f}"


def main() -> dict:
    results = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        servers = (("guide", lambda: Running()), ("plain Voila", lambda: Running(plain=True)))
        for name, server in servers[:1 if os.environ.get("PHONE_PLAIN") == "0" else 2]:  # 0: the guide alone
            running = server()
            try:
                results[name] = measure(browser, running, PLAIN_LOADS if name == "plain Voila" else LOADS)
            finally:
                running.stop()
        browser.close()
    profiles = "; ".join(f"{n} {r} ms, {d / 1e6:g}/{u / 1e6:g} Mbit/s, CPU {c}x" for n, (r, d, u, c) in PROFILES.items())
    print(f"\nphone network (Chromium emulation, 360 px; median of {LOADS} loads, plain Voila {PLAIN_LOADS}; "
          f"profiles: {profiles})")
    print("drawn, usable: on the page's own clock; message: too where the page times it (the guide's welcome); "
          "(driver): when the test driver saw the controls usable")
    print(f"{'link':<44}" + "".join(f"{name + ': message / drawn / usable (driver)':>48}" for name in results))
    for key in results["guide"]:
        link, profile, returning = key
        label = f"{link} {profile}{' returning' if returning else ''}{' (QR code)' if 'interactive=1' in link else ''}"
        cells = []
        for name in results:
            loads = results[name][key]
            figure = [seconds(statistics.median(load[i] for load in loads)) for i in range(4)]
            cells.append(f"{' / '.join(figure[:3])} ({figure[3]})")
        print(f"{label:<44}" + "".join(f"{cell:>48}" for cell in cells))
    return results


if __name__ == "__main__":
    main()
