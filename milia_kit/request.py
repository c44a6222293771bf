"""The visitor's request (its query string) inside a preheated Voila kernel.

With preheating, Voila runs the guide before any visitor arrives, so the query string is empty when the
first cells run. Voila's `voila.utils.wait_for_request()` solves this by waiting on the websocket
`/voila/query/<kernel_id>`, which sends the request's environment once a visitor is handed this kernel.
This module speaks the same small protocol, reading the same environment variables, because importing
`voila.utils` inside every visitor's kernel costs about 65 MB (it pulls in jupyter_server and nbconvert;
measured with ru_maxrss: 21 MB -> 86 MB), more than the rest of the guide together. tornado is already
loaded in every kernel, so this costs nothing extra. tests/server checks it against a real preheated Voila.

Outside preheat (JupyterLab, nbval, Voila without a pool) it returns at once with the current environment.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
from urllib.parse import parse_qs

# The names Voila sets in a kernel's environment (voila.utils.ENV_VARIABLE).
PREHEAT = "VOILA_PREHEAT"
KERNEL_ID = "VOILA_KERNEL_ID"
WS_PROTOCOL = "VOILA_WS_PROTOCOL"
APP_IP = "VOILA_APP_IP"
APP_PORT = "VOILA_APP_PORT"
SERVER_URL = "VOILA_SERVER_URL"
WS_BASE_URL = "VOILA_WS_BASE_URL"
QUERY_STRING = "QUERY_STRING"

# A pooled kernel may wait hours for its visitor (a quiet night): no time limit here, and none on the cell in
# voila.json, or the waiting cell times out and the next visitor gets a page without the guide (seen in CI).
TIMEOUT_SECONDS = None
# Written to the kernel process's own stderr (Voila's log), once the kernel is waiting: Voila logs its pool as
# "filled" as soon as the kernels have started, before they have run the guide. The harness waits for this.
READY_LINE = "milia_kit: a preheated guide is ready for its visitor"


def query_url(environ=os.environ) -> str:
    protocol = environ.get(WS_PROTOCOL, "ws")
    host = environ.get(APP_IP, "127.0.0.1")
    port = environ.get(APP_PORT, "8866")
    base = environ.get(WS_BASE_URL, environ.get(SERVER_URL, "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{environ.get(KERNEL_ID, '')}"


def wait_for_request(environ=os.environ) -> None:
    """Block until Voila hands this preheated kernel to a visitor, then copy the request into `environ`."""
    if environ.get(PREHEAT, "False") == "False":
        return
    received = {}

    def receive():
        from tornado.websocket import websocket_connect

        async def once():
            connection = await websocket_connect(query_url(environ))
            print(READY_LINE, file=sys.__stderr__, flush=True)
            try:
                message = await connection.read_message()
            finally:
                connection.close()
            return message

        loop = asyncio.new_event_loop()
        try:
            received["message"] = loop.run_until_complete(asyncio.wait_for(once(), TIMEOUT_SECONDS))
        except Exception:  # no visitor info: the guide opens with its defaults, never with an error
            received["message"] = None
        finally:
            loop.close()

    # A thread of its own: the kernel's main thread already runs an event loop.
    thread = threading.Thread(target=receive, daemon=True)
    thread.start()
    thread.join()
    if received.get("message"):
        for key, value in json.loads(received["message"]).items():
            environ[key] = str(value)


def query(environ=os.environ) -> dict[str, str]:
    """The visitor's query parameters, first value of each, as plain strings (untrusted: callers whitelist)."""
    try:
        parsed = parse_qs(environ.get(QUERY_STRING, ""), keep_blank_values=False, max_num_fields=20)
    except ValueError:  # more fields than any real link has: ignore them all, open with defaults
        return {}
    return {key: values[0] for key, values in parsed.items() if values}
