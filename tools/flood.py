"""The open web, measured: a flood of plain requests beside real visitors, with the front door and without it.

`python tools/flood.py` (or `make bench`, unless BENCH_FLOOD=0). The flood: FLOOD_REQUESTS plain `GET`s at
FLOOD_RATE a second, from 8 client addresses (127.0.0.2-9) and five kinds of client (curl, a search robot, a link
preview, an HTTP library, and a script that says it is a browser), none of which runs the page or opens a
websocket. Beside it, FLOOD_VISITORS real visitors (tools/load.py: the page, the websocket, a control changed every
2 s), and a parent in Chromium who opens the pocket step afresh CHROMIUM_LOADS times during the flood (a new
visitor each time: the readable page first, then the guide; bench.one_load). Printed for each run: what the
flood's requests got, the most kernels alive and the most memory the server and its kernels held, the real
visitors' round trips and the Chromium visitor's time to a usable pocket.

Without the front door every request starts a kernel, so that run is cut to UNPROTECTED_REQUESTS (the same rate)
to keep this machine alive; its figures are per request, to compare.
"""
from __future__ import annotations

import asyncio
import collections
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import load  # noqa: E402
from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from milia_kit.harness import Running  # noqa: E402

FLOOD_VISITORS = int(os.environ.get("FLOOD_VISITORS", 20))
FLOOD_REQUESTS = int(os.environ.get("FLOOD_REQUESTS", 2000))
UNPROTECTED_REQUESTS = int(os.environ.get("UNPROTECTED_REQUESTS", 150))
FLOOD_RATE = float(os.environ.get("FLOOD_RATE", 20))
CHROMIUM_LOADS = int(os.environ.get("FLOOD_CHROMIUM_LOADS", 5))
CHROMIUM_FIRST_S, CHROMIUM_GAP_S = 5.0, 12.0  # into the flood, then between loads (both runs last longer than this)
ADDRESSES = [f"127.0.0.{i}" for i in range(2, 10)]
CLIENTS = [("curl/8.5.0", "*/*"), ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "text/html"),
           ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "*/*"),
           ("python-requests/2.31.0", "*/*"),
           ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36", "text/html")]
KERNEL_ID = re.compile(rb'"kernelId":\s*"[0-9a-f-]{36}"')


async def one_request(port: int, i: int) -> str:
    """What one plain request got: "readable", "kernel", "busy" (503) or what went wrong."""
    agent, accept = CLIENTS[i % len(CLIENTS)]
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(ADDRESSES[i % len(ADDRESSES)], 0)), 30)
        writer.write(f"GET /?step=pocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: {agent}\r\n"
                     f"Accept: {accept}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        body = await asyncio.wait_for(reader.read(-1), 180)
        writer.close()
    except Exception as error:  # a refused or stalled request is a figure
        return f"error {type(error).__name__}"
    status = body[9:12].decode(errors="replace")
    if status == "503":
        return "busy"
    if status != "200":
        return f"status {status}"
    return "kernel" if KERNEL_ID.search(body) else "readable"


def kernels_alive(server: Running) -> int:
    return sum(1 for _ in Path(server.tmp).rglob("kernel-*.json"))


def chromium_visits(server: Running) -> list[float]:
    """Seconds from opening `?step=pocket` to a usable pocket, for a new visitor in Chromium, during the flood."""
    import bench
    from playwright.sync_api import sync_playwright

    from milia_kit.harness import launch_chromium

    usable = []
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for i in range(CHROMIUM_LOADS):
                time.sleep(max(0.0, started + CHROMIUM_FIRST_S + i * CHROMIUM_GAP_S - time.monotonic()))  # pacing
                try:
                    visit = bench.one_load(browser, server)
                    usable.append(visit["usable"])
                    visit["context"].close()
                except Exception as error:  # a page that never became usable is a figure too
                    usable.append(float("inf"))
                    print(f"  a Chromium visit failed: {type(error).__name__}: {str(error)[:120]}", file=sys.stderr)
        finally:
            browser.close()
    return usable


async def run(server: Running, requests: int) -> dict:
    got = collections.Counter()
    peak = {"kernels": 0, "mb": 0.0}
    done = asyncio.Event()

    async def watch():
        while not done.is_set():
            peak["kernels"] = max(peak["kernels"], kernels_alive(server))
            peak["mb"] = max(peak["mb"], load.tree_rss_mb(server.process.pid))
            await asyncio.sleep(1)

    async def flood():
        started = time.monotonic()

        async def at(i):
            await asyncio.sleep(max(0.0, started + i / FLOOD_RATE - time.monotonic()))
            got[await one_request(server.port, i)] += 1

        await asyncio.gather(*(at(i) for i in range(requests)))

    watcher = asyncio.ensure_future(watch())
    visitors, _, usable = await asyncio.gather(load.run(server), flood(), asyncio.to_thread(chromium_visits, server))
    done.set()
    await watcher
    return {"got": dict(got), "peak_kernels": peak["kernels"], "peak_mb": peak["mb"], "usable": usable, **visitors}


def measure(protected: bool) -> dict:
    requests = FLOOD_REQUESTS if protected else UNPROTECTED_REQUESTS
    server = Running(*(() if protected else ("--GuideVoila.front_door=False",)), timeout=180)
    try:
        figures = asyncio.run(run(server, requests))
    finally:
        server.stop()
    figures["requests"] = requests
    return figures


def main() -> None:
    # the real visitors: tools/load.py's, fewer and shorter than its capacity run (set here, not through its
    # environment, so `make bench` can run both)
    load.VISITORS, load.ARRIVE, load.STAY = FLOOD_VISITORS, 20.0, 60.0
    AsyncHTTPClient.configure(None, max_clients=load.VISITORS + 10)
    runs = {"front door": measure(True), "no front door": measure(False)}
    print(f"\nflood: plain requests at {FLOOD_RATE:.0f}/s from {len(ADDRESSES)} addresses and {len(CLIENTS)} kinds of "
          f"client, beside {load.VISITORS} real visitors")
    print(f"{'figure':<52}" + "".join(f"{name:>18}" for name in runs))
    rows = [("flood requests sent", lambda f: f["requests"]),
            ("  got the readable guide", lambda f: f["got"].get("readable", 0)),
            ("  got the busy page (503)", lambda f: f["got"].get("busy", 0)),
            ("  got a kernel", lambda f: f["got"].get("kernel", 0)),
            ("  failed (refused, stalled, other status)", lambda f: sum(v for k, v in f["got"].items()
                                                                        if k not in ("readable", "busy", "kernel"))),
            ("kernels alive, most at once", lambda f: f["peak_kernels"]),
            ("server + kernels memory, most (MB)", lambda f: round(f["peak_mb"])),
            ("real visitors with errors or no widgets", lambda f: f["errors"] + f["missing_widgets"]),
            ("real visitors' round trip p50 (ms)", lambda f: round(f["p50_ms"], 1)),
            ("real visitors' round trip p95 (ms)", lambda f: round(f["p95_ms"], 1)),
            ("Chromium visitor: pocket usable, median (s)", lambda f: round(statistics.median(f["usable"]), 2)),
            ("Chromium visitor: pocket usable, slowest (s)", lambda f: round(max(f["usable"]), 2))]
    for name, value in rows:
        print(f"{name:<52}" + "".join(f"{value(f)!s:>18}" for f in runs.values()))
    for name, f in runs.items():
        if f["error_kinds"]:
            print(f"  {name}: errors seen: " + "; ".join(f["error_kinds"]))


if __name__ == "__main__":
    main()
