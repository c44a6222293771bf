"""Serve the guide with Voila: `python -m milia_kit.serve [--port N] [--host H] [voila options...]`.

`make app`, the tests and the benchmark all start the guide through here, so they serve it the same way:
the guide notebook at `/`, the repository as Voila's root (so only the allow-listed `handouts/*.pdf` and
`assets/images/*` can be downloaded), the settings in `voila.json`, and the guide's page template (installed
where Voila looks: page_template.py), with responses compressed. Voila runs in this same process, as
`guide_server_class()`: Voila's application with the guide's handlers, through Voila's own extension points.
"""
from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import re
import signal
import sys

from .paths import ROOT

GUIDE = "notebooks/guide.ipynb"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def command(port: int, host: str, extra: list[str]) -> list[str]:
    """Voila's arguments (after the program name) for serving the guide."""
    return [GUIDE, f"--Voila.root_dir={ROOT}", f"--port={port}", f"--Voila.ip={host}", "--no-browser", *extra]


TEMPLATE_NAME = re.compile(r"[A-Za-z0-9_-]+")
# Set for the kernels of the guide's own page (templates/milia, which draws from it): the guide's container
# writes every widget's state into its output (widget_states.Page).
STATES_IN_PAGE = "MILIA_KIT_STATES_IN_PAGE"


def environment(base=os.environ) -> dict:
    env = dict(base)
    # Kernels inherit this: ipywidgets then does not echo a browser's raw update back before checking it
    # (views/guard.py); one page per kernel has no other browser to keep in step.
    env["JUPYTER_WIDGETS_ECHO"] = "0"
    env[STATES_IN_PAGE] = "1"
    return env


def start_printer() -> None:
    """Start the handout printer (milia_kit/printer.py) for this server's kernels; stop it when the server stops.

    One warm process makes every visitor's PDF, so no kernel imports WeasyPrint (37 MB and 1-2 s each). Kernels
    inherit this process's environment, so they find its socket in `printer.ENV`. Voila returns from Ctrl-C
    (SIGINT) normally, so the exit handler stops the printer; if this process is killed outright, the printer
    sees its lifeline pipe close and exits by itself."""
    from . import printer

    worker = printer.Printer().start()
    os.environ[printer.ENV] = str(worker.socket_path)
    atexit.register(worker.stop)


# zlib's default level; a smaller memory level keeps each open connection's compressor at ~64 KB, not 256 KB
WEBSOCKET_COMPRESSION = {"compression_level": 6, "mem_level": 6}


# What a notebook's cells write (jupyter_client's message types for outputs), never the widgets' comm messages.
CELL_OUTPUTS = frozenset({"execute_input", "execute_result", "display_data", "update_display_data", "stream",
                          "error", "clear_output"})


# Beside the template's static files: the files frontend/build.mjs made Brotli copies of (`<name>.br`), each with
# the sha256 of the file its copy was made from.
BROTLI_COPIES = "compressed.json"
_brotli_checked: dict[str, tuple] = {}  # a static file -> (what its check saw on disk, its copy or None)


def accepts_brotli(accept_encoding: str) -> bool:
    """Whether a request's Accept-Encoding takes `br` (every current browser's does, `br;q=0` says no)."""
    for coding in accept_encoding.split(","):
        name, _, parameters = coding.partition(";")
        if name.strip().lower() == "br":
            quality = parameters.strip().replace(" ", "")
            if not quality.startswith("q="):
                return True
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
    return False


def _on_disk(path: str) -> tuple | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def brotli_copy(source: str) -> str | None:
    """The build's Brotli copy of the static file `source`, if it was made from that file as it is now.

    A file rebuilt or edited since its copy was made (or a copy or list that is missing or unreadable) has none:
    it is sent as before, gzipped. Checked again whenever the file, its copy or the list changes on disk (a build
    writes the file first and the list last: a request in between finds no copy, the next one finds it)."""
    folder, name = os.path.split(source)
    copy, listing = source + ".br", os.path.join(folder, BROTLI_COPIES)
    seen = (_on_disk(source), _on_disk(copy), _on_disk(listing))
    checked = _brotli_checked.get(source)
    if checked and checked[0] == seen:
        return checked[1]
    found = None
    try:
        with open(listing, encoding="utf-8") as file:
            made_from = json.load(file).get(name)
        with open(source, "rb") as file:
            current = hashlib.sha256(file.read()).hexdigest()
        if made_from == current and os.path.isfile(copy):
            found = copy
    except (OSError, ValueError, AttributeError):  # no copies here, or a list that is not the build's
        found = None
    _brotli_checked[source] = (seen, found)
    return found


def voilas_own_output(message, session) -> bool:
    """An output of a cell Voila ran (its parent is an `execute_request` from a session that is not the page's).

    `message` is a kernel message as the server's connection holds it: a dict, or for the websocket protocol
    pages use (v1) its parts after the signature (header, parent header, metadata, content, buffers), of which
    only the two small headers are read. Anything unreadable is not Voila's output: it goes to the page."""
    try:
        if isinstance(message, dict):
            header, parent = message.get("header") or {}, message.get("parent_header") or {}
        else:
            header = session.unpack(message[0])
            if header.get("msg_type") not in CELL_OUTPUTS:  # most messages stop here, their parent unread
                return False
            parent = session.unpack(message[1])
        return (header.get("msg_type") in CELL_OUTPUTS and parent.get("msg_type") == "execute_request"
                and parent.get("session") != session.session)
    except Exception:
        return False


def guide_server_class():
    """Voila's application, made the guide's through Voila's own extension points (no patched internals):

    - `init_settings`: gzip every response (the page, with every widget's state written into it, and its
      script), and compress the kernel websocket's messages (permessage-deflate, which every browser asks for):
      a step's new widgets, built as the visitor goes on, are tens of KB of JSON, a sixth of that compressed.
      Tornado reads both when the Application is made from these settings, before `Voila.tornado_settings` would
      apply.
    - `kernel_websocket_connection_class`: each kernel message goes to the page the moment it is ready, and the
      outputs of Voila's own runs of the notebook's cells do not go to the page at all (`voilas_own_output`).
    - `init_handlers`: the front door (front_door.py) before Voila's page and kernel websocket, `/robots.txt`,
      and a 404 for template addresses that are not static files.

    Each handler it replaces must be in Voila's list: if a Voila release renames one, the guide stops at start
    with one line naming it (tests/test_serve.py checks them too)."""
    import tornado.ioloop
    import tornado.web
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from jupyter_core.utils import run_sync
    from jupyter_server.utils import url_path_join
    from traitlets import Bool, Float, Int, default
    from voila.app import Voila
    from voila.static_file_handler import TemplateStaticFileHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    from . import front_door

    class PagesConnection(ZMQChannelsWebsocketConnection):
        """The page's connection to its kernel.

        TCP_NODELAY on its websocket. A control change brings back several small messages (status, one update per
        widget, status); tornado leaves Nagle's algorithm on for websockets, so every message after the first
        waited for the browser's delayed acknowledgement: about 40 ms on every round trip (measured with a plain
        websocket client: a redraw's updates came 47 ms after the request, 8 ms with this). tornado's docs
        recommend exactly this for latency-sensitive websockets.

        No outputs of Voila's own cell runs: the page already holds them, written into it by Voila. A page whose
        socket opens while its kernel still runs the guide's cells (a kernel started for the visit, a fast
        network) was sent the last cell's output again, every widget's state with it: about 70 KB of JSON for
        the phone to take in and parse, on the network the page is still loading over."""

        def connect(self):
            self.websocket_handler.set_nodelay(True)
            return super().connect()

        def _on_zmq_reply(self, stream, msg_or_list):
            if getattr(stream, "channel", None) == "iopub" and voilas_own_output(msg_or_list, self.session):
                return
            super()._on_zmq_reply(stream, msg_or_list)

    class OnlyStaticFiles(TemplateStaticFileHandler):
        """The page template's static files.

        A 404, not a 500 with a traceback in the log, for a template address that is not a static file: Voila's
        handler expects `<template>/static/<file>` and fails on anything else (0.5.13:
        `/voila/templates/milia/index.html.j2` gave a 500). The templates' own files were never served.

        The build's Brotli copy of a file (`brotli_copy`), to a browser that takes Brotli: the same file in
        about 12 % fewer bytes than gzip gives (64 KB instead of 72 KB for widgets.js, which every first visit
        downloads). tornado's gzip leaves a response alone that already names its encoding."""

        def parse_url_path(self, path):
            parts = path.split("/")
            if (len(parts) < 3 or parts[1] != "static" or not TEMPLATE_NAME.fullmatch(parts[0])
                    or any(part in ("", ".", "..") for part in parts)
                    or parts[-1].endswith(".br") or parts[-1] == BROTLI_COPIES):
                raise tornado.web.HTTPError(404)  # not <template>/static/<file>, or it walks with "..": never a file
            return super().parse_url_path(path)

        brotli_of = None  # the file whose Brotli copy this response sends
        brotli_size = 0
        has_copy = False  # the file asked for has a copy (sent or not): the response depends on Accept-Encoding

        def validate_absolute_path(self, root, absolute_path):
            found = super().validate_absolute_path(root, absolute_path)
            copy = brotli_copy(found) if found else None
            self.has_copy = copy is not None
            if copy and accepts_brotli(self.request.headers.get("Accept-Encoding", "")):
                try:
                    self.brotli_size = os.stat(copy).st_size  # tornado keeps the file's own size, from its check
                except OSError:  # gone since its check: the file itself
                    return found
                self.brotli_of = found
                return copy
            return found

        def get_content_type(self):
            if not self.brotli_of:
                return super().get_content_type()
            copy, self.absolute_path = self.absolute_path, self.brotli_of  # the type of what the copy holds
            try:
                return super().get_content_type()
            finally:
                self.absolute_path = copy

        def get_content_size(self):
            return self.brotli_size if self.brotli_of else super().get_content_size()

        def set_extra_headers(self, path):
            super().set_extra_headers(path)
            if self.brotli_of:
                self.set_header("Content-Encoding", "br")
            if self.has_copy and not self.settings.get("compress_response"):  # else tornado's gzip says it
                self.set_header("Vary", "Accept-Encoding")

    class GuideVoila(Voila):
        max_visitors = Int(0, config=True, help="Most visitors' kernels alive at once (0: sized from this machine's "
                                                "memory, front_door.default_max_visitors).")
        per_address = Int(6, config=True, help="Most kernels one address may hold at once (0: no limit, e.g. a "
                                               "clinic behind one NAT).")
        abandoned_after = Float(60.0, config=True, help="Seconds a kernel waits for its page to connect before it "
                                                        "is shut down.")
        front_door = Bool(True, config=True, help="False: Voila's own page handler only, for the benchmark's "
                                                  "comparison (tools/flood.py); never for serving parents.")

        @default("kernel_websocket_connection_class")
        def _pages_connection(self):
            return PagesConnection

        def stop(self):
            # A second Ctrl-C while the kernels shut down would break off the shutdown with a traceback and leave
            # kernels running: the first one is enough (each kernel's shutdown has its own time limit).
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            # No kernel holds anything worth a graceful end (nothing a parent types is kept): stop them at once.
            # A graceful shutdown of a kernel still running the guide's cells (the pool refilling) ended with its
            # reply sent on sockets already closed: a ZMQError traceback on every Ctrl-C.
            run_sync(self.kernel_manager.shutdown_all)(now=True)
            super().stop()

        def init_settings(self):
            settings = super().init_settings()
            settings["compress_response"] = True
            settings["websocket_compression_options"] = WEBSOCKET_COMPRESSION
            return settings

        def init_handlers(self):
            handlers = super().init_handlers()
            swapped = {TemplateStaticFileHandler: OnlyStaticFiles}
            extra = []
            if self.front_door:
                door = front_door.Door(self.max_visitors or front_door.default_max_visitors(), self.per_address,
                                       self.abandoned_after)
                visitors = self.visitors = front_door.Visitors()
                page, websocket, robots = front_door.handlers(TornadoVoilaHandler, VoilaKernelWebsocketHandler, door,
                                                              visitors)
                swapped.update({TornadoVoilaHandler: page, VoilaKernelWebsocketHandler: websocket})
                extra = [(url_path_join(self.server_url, "/robots.txt"), robots)]
                self.log.info("front door: at most %d visitors, %s per address, abandoned after %.0f s",
                              door.max_visitors, door.per_address or "no limit", door.abandoned_after)

                async def sweep():
                    await front_door.sweep(self.kernel_manager, door, visitors, self.log)

                tornado.ioloop.PeriodicCallback(sweep, 1000 * max(1.0, min(10.0, door.abandoned_after / 4))).start()
            missing = [base.__name__ for base in swapped if not any(entry[1] is base for entry in handlers)]
            if missing:
                raise SystemExit(f"This Voila version no longer serves the guide's page the way it expects "
                                 f"({', '.join(missing)} not found): install the Voila version environment.yml names.")
            return [*extra, *((entry[0], swapped.get(entry[1], entry[1]), *entry[2:]) for entry in handlers)]

    return GuideVoila


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)  # --help goes to voila
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8866)))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    args, extra = parser.parse_known_args(argv)
    # Before anything starts or listens: a mistake in the clinic's settings or a translation stops here, named
    # in one line, instead of inside a visitor's page.
    from . import page_template, preflight

    preflight.require_ready()
    if args.host not in LOCAL_HOSTS:
        print(f"WARNING: serving on {args.host}: anyone who can reach this machine on port {args.port} can open "
              "the guide. It has no login. Use it only on a trusted clinic network, or put it behind a proxy "
              "with TLS and sign-in (see README).", file=sys.stderr, flush=True)
    print(f"Serving the milia guide at http://{'127.0.0.1' if args.host in LOCAL_HOSTS else args.host}:{args.port}/ "
          "(Ctrl-C to stop)", flush=True)
    os.chdir(ROOT)  # voila.json is read from the working directory
    os.environ.update(environment())
    try:  # where Voila looks for page templates, as plain `voila` and JupyterLab's preview do
        page_template.require_installed()
    except page_template.TemplateNotInstalled as problem:
        sys.exit(f"The guide cannot start: {problem}")
    # Ctrl-C (SIGINT) is how Voila shuts its kernels down; make sure it is not inherited as ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    start_printer()
    sys.argv = ["voila", *command(args.port, args.host, extra)]
    sys.exit(guide_server_class().launch_instance())


if __name__ == "__main__":
    main()
