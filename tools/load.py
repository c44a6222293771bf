"""Capacity: many visitors at once, speaking HTTP and the kernel websocket directly (a browser per visitor
would measure the browsers, not the server). Part of `make bench`; also `python tools/load.py`.

Each visitor opens the guide on the pocket step, checks that its page carries the guide's widgets, asks its kernel for the widget
states (as the page's widget manager does), moves the pocket's time control every LOAD_EVERY seconds for
LOAD_STAY seconds and times each redrawn picture, then leaves with the page's goodbye (the XSRF check stays
on). Visitors arrive evenly over LOAD_ARRIVE seconds. Only 127.0.0.1 is contacted; every loop is bounded.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from milia_kit.harness import BROWSER_HEADERS, Running  # noqa: E402
from milia_kit.model import DAYS_MAX  # noqa: E402

VISITORS = int(os.environ.get("LOAD_VISITORS", 100))
ARRIVE = float(os.environ.get("LOAD_ARRIVE", 120))
STAY = float(os.environ.get("LOAD_STAY", 120))
EVERY = float(os.environ.get("LOAD_EVERY", 2))
FREED_WITHIN = 120.0
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


@dataclass
class Visit:
    kernel: str = ""
    widgets_present: bool = False
    errors: list = field(default_factory=list)
    round_trips: list = field(default_factory=list)
    left_at: float = 0.0


PROTOCOL = "v1.kernel.websocket.jupyter.org"  # as the page speaks it (frontend/src/kernel.js)


def message(session: str, msg_type: str, content: dict, metadata: dict | None = None) -> bytes:
    return serialize_msg_to_ws_v1({"header": {"msg_id": uuid.uuid4().hex, "username": "load", "session": session,
                                              "msg_type": msg_type, "version": "5.3", "date": ""},
                                   "parent_header": {}, "metadata": metadata or {}, "content": content},
                                  "shell", lambda part: json.dumps(part).encode())


def read(raw: bytes) -> dict:
    _channel, parts = deserialize_msg_from_ws_v1(raw)
    return {"header": json.loads(parts[0]), "content": json.loads(parts[3])}


async def comm_messages(ws, deadline: float):
    """The kernel's comm messages, until the deadline (bounded: never waits forever)."""
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(ws.read_message(), max(0.1, deadline - time.monotonic()))
        if raw is None:
            raise ConnectionError("websocket closed")
        data = read(raw)
        if data["header"]["msg_type"] == "comm_msg":
            yield data["content"]


async def until_reply(ws, msg_type: str) -> dict:
    while True:
        raw = await ws.read_message()
        if raw is None:
            raise ConnectionError("websocket closed")
        data = read(raw)
        if data["header"]["msg_type"] == msg_type:
            return data


ROUTE = re.compile(r"milia_route=([^;]+)")


async def one_visitor(base: str, visit: Visit, route: str = "") -> None:
    """One visitor at `base` (the guide, or a proxy in front of it: then the proxy's route cookie goes with every
    later request, as a browser sends it, and its throwaway certificate is accepted). `route` ("milia_route=..."):
    a browser that has its route cookie already, so the test knows which process it reaches."""
    http = AsyncHTTPClient()
    first = {**BROWSER_HEADERS, "Cookie": "; ".join(filter(None, [BROWSER_HEADERS["Cookie"], route]))}
    try:
        page = await http.fetch(base + "?step=pocket", request_timeout=180, raise_error=False,  # steps are built when shown
                                headers=first, validate_cert=False)  # a visitor, as the front door sees one
    except Exception as error:  # a page that never came (timeout, refused) is a figure, not a crash
        visit.errors.append(f"page {type(error).__name__}")
        return
    if page.code != 200:
        visit.errors.append(f"page {page.code}")
        return
    html = page.body.decode()
    visit.widgets_present = "application/vnd.jupyter.widget-view+json" in html
    if not visit.widgets_present:  # say why: the page's error output names what went wrong in the kernel
        error = re.search(r'"ename": "([^"]*)", "evalue": "([^"]{0,200})', html)
        visit.errors.append(f"no widgets: {error.group(1)}: {error.group(2)}" if error else f"no widgets: {html[-300:]!r}")
        return
    found = KERNEL_ID.search(html)
    if not found:
        visit.errors.append("no kernel id")
        return
    visit.kernel = found.group(1)
    route = next((ROUTE.search(c).group(0) for c in page.headers.get_list("Set-Cookie") if ROUTE.search(c)), route)
    cookies = "; ".join(filter(None, [BROWSER_HEADERS["Cookie"], route]))
    session = uuid.uuid4().hex
    ws = await websocket_connect(HTTPRequest(f"{base.replace('http', 'ws', 1)}api/kernels/{visit.kernel}/channels?session_id={session}",
                                             headers={"Cookie": cookies}, validate_cert=False), subprotocols=[PROTOCOL])
    try:
        # as a page does: first a kernel_info handshake (messages sent before the connection is ready are lost)
        await ws.write_message(message(session, "kernel_info_request", {}), binary=True)
        await asyncio.wait_for(until_reply(ws, "kernel_info_reply"), 60)
        control = uuid.uuid4().hex  # the widget manager's control comm: all widget states in one reply
        await ws.write_message(message(session, "comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                                       metadata={"version": "1.0.0"}), binary=True)
        await ws.write_message(message(session, "comm_msg", {"comm_id": control, "data": {"method": "request_states"}}), binary=True)
        states = None
        async for content in comm_messages(ws, time.monotonic() + 60):
            if content.get("comm_id") == control and content["data"].get("method") == "update_states":
                states = content["data"]["states"]
                break
        days = next(i for i, s in states.items() if s["state"].get("_model_name") == "IntSliderModel" and s["state"].get("max") == DAYS_MAX)
        figure = next(i for i, s in states.items() if "mk-pocket-figure" in str(s["state"].get("value", "")))
        end = time.monotonic() + STAY
        value = 0
        while time.monotonic() < end:
            value = value % DAYS_MAX + 1
            began = time.monotonic()
            await ws.write_message(message(session, "comm_msg", {"comm_id": days, "data": {
                "method": "update", "state": {"value": value}, "buffer_paths": []}}), binary=True)
            async for content in comm_messages(ws, began + 30):
                if content.get("comm_id") == figure and "value" in content["data"].get("state", {}):
                    visit.round_trips.append((time.monotonic() - began) * 1000)
                    break
            await asyncio.sleep(max(0.0, EVERY - (time.monotonic() - began)))
    except Exception as error:  # counted, reported as a figure
        visit.errors.append(f"{type(error).__name__}: {error}")
    finally:
        ws.close()
        token = secrets.token_hex(16)  # the page's goodbye, with the double-submit XSRF token
        try:
            await http.fetch(HTTPRequest(f"{base}voila/api/shutdown/{visit.kernel}", method="POST", body=f"_xsrf={token}",
                                         headers={"Cookie": f"_xsrf={token}; {cookies}", "Content-Type": "application/x-www-form-urlencoded"},
                                         request_timeout=30, validate_cert=False), raise_error=False)
        except Exception as error:
            visit.errors.append(f"goodbye {type(error).__name__}")
        visit.left_at = time.monotonic()


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the Voila server and its kernels)."""
    children = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(proc.name))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        todo += children.get(current, [])
    return total / 1024


async def kernel_status(http, base: str, kernel: str) -> int:
    """The server's answer about a kernel (404: gone); 0 when a server too busy to answer lets the request time out."""
    try:
        return (await http.fetch(f"{base}api/kernels/{kernel}", raise_error=False, request_timeout=60)).code
    except Exception:  # an overloaded server (the flood without the front door): still there, as far as we know
        return 0


async def run(server: Running, base: str | None = None, servers: list | None = None, routes=()) -> dict:
    """The visitors at `base` (default: the server's own address; or a proxy in front of `servers`). `routes`:
    route cookies the visitors bring, in turn (none: each gets the proxy's own, at random)."""
    servers = servers or [server]
    base = base or server.url
    visits = [Visit() for _ in range(VISITORS)]
    peak = 0.0
    done = asyncio.Event()

    async def watch_memory():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(tree_rss_mb(s.process.pid) for s in servers))
            await asyncio.sleep(2)

    async def arrive(i, visit):
        await asyncio.sleep(i * ARRIVE / max(1, VISITORS))
        try:
            await one_visitor(base, visit, routes[i % len(routes)] if routes else "")
        except Exception as error:  # a server too busy to answer (the flood without the front door) is a figure
            visit.errors.append(f"visit {type(error).__name__}")

    watcher = asyncio.ensure_future(watch_memory())
    await asyncio.gather(*(arrive(i, v) for i, v in enumerate(visits)))
    left = time.monotonic()
    http = AsyncHTTPClient()
    remaining = [v.kernel for v in visits if v.kernel]
    while remaining and time.monotonic() - left < FREED_WITHIN:  # asked of each process itself, not through a proxy
        remaining = [k for k in remaining if [await kernel_status(http, s.url, k) for s in servers] != [404] * len(servers)]
        if remaining:
            await asyncio.sleep(2)
    done.set()
    await watcher
    trips = [t for v in visits for t in v.round_trips]
    return {
        "visitors": VISITORS, "missing_widgets": sum(not v.widgets_present for v in visits if v.kernel),
        "errors": sum(len(v.errors) for v in visits), "error_kinds": sorted({e[:200] for v in visits for e in v.errors})[:5],
        "round_trips": len(trips), "p50_ms": statistics.median(trips) if trips else float("nan"),
        "p95_ms": sorted(trips)[int(0.95 * (len(trips) - 1))] if trips else float("nan"),
        "peak_mb": peak, "not_freed": len(remaining), "freed_s": time.monotonic() - left,
    }


def main() -> dict:
    AsyncHTTPClient.configure(None, max_clients=VISITORS + 10)
    server = Running()
    try:
        figures = asyncio.run(run(server))
    finally:
        server.stop()
    print(f"\ncapacity: {figures['visitors']} visitors arriving over {ARRIVE:.0f} s, each changing a control every "
          f"{EVERY:.0f} s for {STAY:.0f} s")
    for name in ("missing_widgets", "errors", "round_trips", "p50_ms", "p95_ms", "peak_mb", "not_freed", "freed_s"):
        value = figures[name]
        print(f"  {name:<16} {value:.1f}" if isinstance(value, float) else f"  {name:<16} {value}")
    if figures["error_kinds"]:
        print("  errors seen      " + "\n                   ".join(figures["error_kinds"]))
    return figures


if __name__ == "__main__":
    main()
