"""`make bench`: how fast and how light the guide is, beside plain default Voila on the same notebook.

Starts each server, drives the OS Chromium through Playwright (every request to another host blocked, as in
a clinic with no internet), and prints one table. Figures are medians over BENCH_LOADS page loads (default 5);
round trips over BENCH_PRESSES key presses (default 40). Browser and server share this machine's cores,
as they do in the measurements of ../shared/research/measured.md.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from milia_kit import strings  # noqa: E402
from milia_kit.harness import Running, kernel_pid, launch_chromium  # noqa: E402

LOADS = int(os.environ.get("BENCH_LOADS", 5))
PRESSES = int(os.environ.get("BENCH_PRESSES", 40))
# A visitor reads each step before pressing Next (its main message alone is a few seconds' read); the guide
# uses that time to build the next step (app.Guide._build_next_soon).
READING_SECONDS = 3
LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/]|data:|blob:).*")

# Records, inside the page, the time from a key press or click to the moment the text of `selector` changes
# (the picture's description for a control, the step heading for Next): what the visitor waits for.
TIMER = """selector => {
  window.__times = []; window.__watch = selector;
  const text = () => (document.querySelector(window.__watch) || {}).textContent;
  window.__seen = text();
  if (window.__timerInstalled) { return; }
  window.__timerInstalled = true;
  let start = null;
  const begin = () => { start = performance.now(); };
  document.addEventListener('keydown', begin, true);
  document.addEventListener('click', begin, true);
  new MutationObserver(() => {
    const now = text();
    if (start !== null && now !== window.__seen) { window.__times.push(performance.now() - start); start = null; }
    window.__seen = now;
  }).observe(document.querySelector('#rendered_cells'), {subtree: true, childList: true, characterData: true});
}"""


# When the main message was painted, by the page's own clock (Element Timing on the welcome's message,
# welcome.py): seconds since the page was asked for, or None where the page has no such element (plain Voila
# draws the welcome with its scripts; its sanitiser may drop the attribute).
MESSAGE_PAINTED = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entry = list.getEntries().find(e => e.identifier === 'main-message');
    if (entry) { resolve((entry.renderTime || entry.loadTime) / 1000); }
  }).observe({type: 'element', buffered: true});
  setTimeout(() => resolve(null), 1000);  // no such element on this page
})"""

# The guide draws its controls from the states written into the page, before its kernel has answered (widgets.js):
# they are usable once it has (`data-mk-synced`), when a change gets its answer. Plain Voila draws them only then.
# (The guide's page is the one with its kernel client, `window.mkKernel`, from its first script, connect.js.)
WORKING = "() => !window.mkKernel || document.body.hasAttribute('data-mk-synced')"

# Where a first visit's time goes, from the page's own clock (ms since the page was asked for): the document's
# last byte, then the marks frontend/src/widgets.js sets. Plain Voila sets no marks.
PHASES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const marks = Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]));
  return {'page received': nav.responseEnd, 'script loaded': marks['mk-script-loaded'], 'script started': marks['mk-script-start'],
          'kernel connected': marks['mk-kernel-open'], 'widget states in': marks['mk-states-loaded'],
          'controls drawn': marks['mk-drawn'], 'kernel answered': marks['mk-synced']};
}"""


def median(values):
    return statistics.median(values) if values else float("nan")


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)] if values else float("nan")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_load(browser, server, context=None):
    """Open the pocket step; return timings, bytes and the page (context kept open for a warm reload)."""
    own = context is None
    context = context or browser.new_context(viewport={"width": 1100, "height": 900})
    context.route(LOCAL, lambda route: route.abort())
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server.url + "?step=pocket", wait_until="commit")
    page.wait_for_selector(".mk-message", state="visible", timeout=60_000)
    readable = time.perf_counter() - start
    painted = page.evaluate(MESSAGE_PAINTED)
    page.wait_for_selector(".noUi-handle[role=slider]", state="visible", timeout=60_000)
    drawn = time.perf_counter() - start
    page.wait_for_function(WORKING, timeout=60_000)
    usable = time.perf_counter() - start
    sent = page.evaluate("""() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                              .reduce((sum, e) => sum + (e.transferSize || 0), 0)""")
    return {"readable": readable, "painted": painted, "drawn": drawn, "usable": usable, "bytes": sent, "page": page, "context": context, "own": own,
            "phases": page.evaluate(PHASES)}


def measure(browser, server, name):
    figures = {"readable": [], "painted": [], "drawn_cold": [], "usable_cold": [], "usable_second": [], "usable_warm": [], "bytes": [], "round_trip": [], "next": [], "kernel_mb": [],
               "phases": []}
    for _ in range(LOADS):
        server.wait_for_full_pool()
        cold = one_load(browser, server)
        figures["readable"].append(cold["readable"])
        if cold["painted"] is not None:
            figures["painted"].append(cold["painted"])
        figures["drawn_cold"].append(cold["drawn"])
        figures["usable_cold"].append(cold["usable"])
        figures["bytes"].append(cold["bytes"])
        figures["phases"].append(cold["phases"])
        config = json.loads(cold["page"].locator("#jupyter-config-data").text_content())
        pid = kernel_pid(config["kernelId"])
        if pid:
            figures["kernel_mb"].append(rss_mb(pid))
        cold["page"].close()
        # Warm: the same browser again. Chromium compiles a script afresh on its second load too (and then
        # keeps the compiled code), so the second visit and the third (a clinic PC's usual case) both count.
        for key in ("usable_second", "usable_warm"):
            server.wait_for_full_pool()
            again = one_load(browser, server, cold["context"])
            figures[key].append(again["usable"])
            again["page"].close()
        cold["context"].close()

    server.wait_for_full_pool()
    load = one_load(browser, server)
    page = load["page"]
    # The visitor's first move comes seconds after the page opens; by then the spare kernel that replaces the
    # one they took has started. Measure that steady state, not a race with the replacement's start-up.
    server.wait_for_full_pool()
    page.evaluate(TIMER, "#mk-skin-desc")
    page.get_by_role("slider").first.focus()
    for i in range(1, PRESSES + 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"window.__times.length >= {i}", timeout=10_000)
    figures["round_trip"] = page.evaluate("window.__times")
    page.evaluate(TIMER, ".mk-step-title")
    nexts = page.locator(".mk-nav button.mk-primary")  # Next ("Next: <the next step>")
    for i in range(1, 6):
        page.wait_for_timeout(READING_SECONDS * 1000)  # a visitor reads a step before pressing Next
        nexts.click()
        page.wait_for_function(f"window.__times.length >= {i}", timeout=10_000)
    figures["next"] = page.evaluate("window.__times")
    load["context"].close()
    figures["kernel_mb_before_pdf"], figures["kernel_mb_after_pdf"] = kernel_after_pdf(browser, server)
    figures["server_mb"] = rss_mb(server.process.pid)
    print(f"  measured {name}", file=sys.stderr, flush=True)
    return figures


# A visitor's kernel, as far as the handout goes: the take-home view (no browser), clicked as a parent clicks.
# argv[1] clicks; prints each click's seconds (click -> PDF back in the page's link) and the memory it added.
KERNEL_CLICKS = """
import json, sys, time
from pathlib import Path
from milia_kit.views.takehome import TakeHomeView
from milia_kit.visit import Visit

def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

view = TakeHomeView(Visit())
before, seconds = rss_mb(), []
for i in range(int(sys.argv[1])):
    view.name.value = f"Zoë {i}"  # a change takes the last link away: each click makes a new PDF
    began = time.perf_counter()
    view.download.click()
    seconds.append(time.perf_counter() - began)
    assert "mk-download-link" in view.link.value, "no PDF"
print(json.dumps({"seconds": seconds, "added_mb": rss_mb() - before, "weasyprint": "weasyprint" in sys.modules}))
"""


def pdf_build_seconds(clicks: int = 6) -> dict:
    """A personalised handout as a parent gets it, click -> PDF back, in a fresh process standing in for a
    visitor's kernel: through a warm printer (as `make app` serves it) and built in the kernel (as plain Voila
    or JupyterLab do). The first click, the median of the later ones, and the memory the clicks added to the
    kernel. Also a fresh printer's start -> first PDF back, its imports and warm-up included."""
    import subprocess

    from milia_kit import handout, printer

    def kernel(env: dict) -> dict:
        done = subprocess.run([sys.executable, "-c", KERNEL_CLICKS, str(clicks)], capture_output=True, text=True,
                              check=True, env=env)
        return json.loads(done.stdout)

    alone_env = {k: v for k, v in os.environ.items() if k != printer.ENV}
    began = time.perf_counter()
    worker = printer.Printer().start()
    try:
        printer.ask(worker.socket_path, handout.Handout(name="Ana", place="nose"))
        printer_first = time.perf_counter() - began
        served = kernel({**alone_env, printer.ENV: str(worker.socket_path)})
    finally:
        worker.stop()
    alone = kernel(alone_env)
    assert not served["weasyprint"] and alone["weasyprint"]
    return {
        "printer start -> first PDF (s)": printer_first,
        "first click (s)": served["seconds"][0], "later clicks, median (s)": median(served["seconds"][1:]),
        "kernel MB added": served["added_mb"],
        "in kernel: first click (s)": alone["seconds"][0],
        "in kernel: later clicks, median (s)": median(alone["seconds"][1:]),
        "in kernel: kernel MB added": alone["added_mb"],
    }


def kernel_after_pdf(browser, server) -> tuple[float, float]:
    """A real visitor's kernel on the Take home step: its memory before and after downloading a personalised PDF."""
    server.wait_for_full_pool()
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.route(LOCAL, lambda route: route.abort())
    page = context.new_page()
    page.goto(server.url + "?step=takehome", wait_until="commit")
    button = page.get_by_role("button", name=strings.load("en").text("takehome_tool.download_button"))
    button.wait_for(state="visible", timeout=60_000)
    pid = kernel_pid(json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"])
    before = rss_mb(pid) if pid else float("nan")
    button.click()
    page.locator("a.mk-download-link").wait_for(state="visible", timeout=60_000)
    after = rss_mb(pid) if pid else float("nan")
    context.close()
    return before, after


def start(plain: bool):
    """The server, the seconds until its port answered, and until it was ready (guide: preheated kernels waiting)."""
    began = time.perf_counter()
    server = Running(plain=plain, wait=False)
    server.wait_until(server.port_open, 120, "Voila did not open its port")
    port_open = time.perf_counter() - began
    server.wait_until(server.ready, 120, "Voila did not start")
    return server, port_open, time.perf_counter() - began


def main():
    results = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, plain in (("guide", False), ("plain voila", True))[:1 if os.environ.get("BENCH_PLAIN") == "0" else 2]:
            server, port_open, launch = start(plain)
            try:
                results[name] = measure(browser, server, name)
                results[name]["launch"] = launch
                results[name]["port_open"] = port_open
            finally:
                server.stop()
        browser.close()

    guide = results["guide"]
    plain = results.get("plain voila") or {key: [float("nan")] if isinstance(value, list) else float("nan")
                                           for key, value in guide.items()}
    pdf = pdf_build_seconds()
    rows = [
        ("launch -> port open, serving pages (s)", guide["port_open"], plain["port_open"], ""),
        ("launch -> preheated kernels waiting (s)", guide["launch"], float("nan"), "guide: both pool kernels have run the guide"),
        ("page open -> main message painted (s)", median(guide["painted"]), median(plain["painted"]),
         "the page's own clock (Element Timing)"),
        ("page open -> main message readable, seen by Playwright (s)", median(guide["readable"]), median(plain["readable"]),
         "includes Playwright's polling"),
        ("page open -> pocket controls drawn, first visit (s)", median(guide["drawn_cold"]), median(plain["drawn_cold"]),
         "guide: from the page's own states"),
        ("page open -> pocket controls usable, first visit (s)", median(guide["usable_cold"]), median(plain["usable_cold"]),
         "empty cache; the kernel has answered"),
        ("page open -> pocket controls usable, second visit (s)", median(guide["usable_second"]), median(plain["usable_second"]), "cached, compiled again"),
        ("page open -> pocket controls usable, warm cache (s)", median(guide["usable_warm"]), median(plain["usable_warm"]), "third visit"),
        ("bytes sent for one first visit (MB)", median(guide["bytes"]) / 1e6, median(plain["bytes"]) / 1e6, "transfer size"),
        ("control change -> redrawn picture, median (ms)", median(guide["round_trip"]), median(plain["round_trip"]), ""),
        ("control change -> redrawn picture, p95 (ms)", p95(guide["round_trip"]), p95(plain["round_trip"]), ""),
        ("Next -> next step shown, median (ms)", median(guide["next"]), median(plain["next"]), ""),
        ("kernel memory per visitor (MB RSS)", median(guide["kernel_mb"]), median(plain["kernel_mb"]), ""),
        ("Voila server process (MB RSS)", guide["server_mb"], plain["server_mb"], "after the visits"),
        ("kernel memory on Take home, after one PDF (MB RSS)", guide["kernel_mb_after_pdf"],
         plain["kernel_mb_after_pdf"], f"before the PDF: {guide['kernel_mb_before_pdf']:.0f} / {plain['kernel_mb_before_pdf']:.0f}"),
        ("personalised PDF, first click -> PDF (s)", pdf["first click (s)"], pdf["in kernel: first click (s)"],
         "guide: printer; plain: built in the kernel"),
        ("personalised PDF, later clicks -> PDF, median (s)", pdf["later clicks, median (s)"],
         pdf["in kernel: later clicks, median (s)"], ""),
        ("kernel memory added by 6 PDFs (MB RSS)", pdf["kernel MB added"], pdf["in kernel: kernel MB added"],
         "the view in a fresh process"),
        ("printer start -> first PDF, incl. imports (s)", pdf["printer start -> first PDF (s)"], float("nan"),
         "once per server, not at page load"),
    ]
    print(f"\nmilia guide benchmark: {LOADS} loads, {PRESSES} key presses, medians unless marked")
    print(f"{'figure':<56} {'guide':>10} {'plain voila':>12} {'ratio':>7}  note")
    for label, ours, theirs, note in rows:
        ratio = ours / theirs if theirs else float("nan")
        print(f"{label:<56} {ours:>10.3f} {theirs:>12.3f} {ratio:>7.2f}  {note}")
    phases = guide["phases"]
    print("\nguide, first visit, where the time goes (median ms since the page was asked for): " + ", ".join(
        f"{name} {median([p[name] for p in phases if p.get(name) is not None]):.0f}" for name in phases[0]))


if __name__ == "__main__":
    main()
    if os.environ.get("BENCH_CAPACITY", "1") != "0":
        import load

        load.main()
    if os.environ.get("BENCH_FLOOD", "1") != "0":  # the open web: a flood of plain requests beside real visitors
        import flood

        flood.main()
    if os.environ.get("BENCH_PROCESSES", "1") != "0":  # one guide process or two behind the clinic's nginx
        import processes

        processes.main()
    if os.environ.get("BENCH_PHONE", "1") != "0":  # a parent's phone network: Chromium's emulation, beside plain Voila
        import phone

        phone.main()
