"""One guide process or two, behind the clinic's nginx (deploy/), under the same visitors: what a second process
buys on this machine. `python tools/processes.py`, or `make bench` (unless BENCH_PROCESSES=0).

Both runs go through nginx (tests/deploy check the same set-up), so the only difference is the number of guide
processes. The visitors are tools/load.py's (HTTP and the kernel websocket, a control changed every 2 s),
PROCESSES_VISITORS of them arriving over PROCESSES_ARRIVE seconds and staying PROCESSES_STAY seconds.
"""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import load  # noqa: E402
from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from milia_kit.harness import Proxy, Running  # noqa: E402

VISITORS = int(os.environ.get("PROCESSES_VISITORS", 100))
ARRIVE = float(os.environ.get("PROCESSES_ARRIVE", 40))
STAY = float(os.environ.get("PROCESSES_STAY", 60))


def measure(processes: int) -> dict:
    servers = [Running(timeout=180) for _ in range(processes)]
    # the visitors all come from this machine's one address: the site's per-client limit would turn most away
    proxy = Proxy([server.port for server in servers], connections_per_address=10 * VISITORS)
    try:
        figures = asyncio.run(load.run(servers[0], proxy.url, servers))
        figures["per_process"] = [server.log().count("Using pre-heated kernel") for server in servers]
    finally:
        proxy.stop()
        for server in servers:
            server.stop()
    return figures


def main() -> dict:
    load.VISITORS, load.ARRIVE, load.STAY = VISITORS, ARRIVE, STAY
    AsyncHTTPClient.configure(None, max_clients=VISITORS + 10)
    runs = {f"{n} process{'es' if n > 1 else ''}": measure(n) for n in (1, 2)}
    print(f"\nprocesses: {VISITORS} visitors through nginx arriving over {ARRIVE:.0f} s, each changing a control "
          f"every {load.EVERY:.0f} s for {STAY:.0f} s")
    print(f"{'figure':<44}" + "".join(f"{name:>16}" for name in runs))
    rows = [("visitors with errors or no widgets", lambda f: f["errors"] + f["missing_widgets"]),
            ("control changes answered", lambda f: f["round_trips"]),
            ("round trip p50 (ms)", lambda f: round(f["p50_ms"], 1)),
            ("round trip p95 (ms)", lambda f: round(f["p95_ms"], 1)),
            ("guide processes + kernels memory, most (MB)", lambda f: round(f["peak_mb"])),
            ("preheated kernels handed out by each process", lambda f: "/".join(map(str, f["per_process"]))),
            ("kernels not freed after the visits", lambda f: f["not_freed"])]
    for name, value in rows:
        print(f"{name:<44}" + "".join(f"{value(f)!s:>16}" for f in runs.values()))
    for name, f in runs.items():
        if f["error_kinds"]:
            print(f"  {name}: errors seen: " + "; ".join(f["error_kinds"]))
    return runs


if __name__ == "__main__":
    main()
