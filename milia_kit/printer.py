"""The printer: one warm process per guide server that makes the personalised handout PDFs.

Why. WeasyPrint (with pydyf, fontTools, tinycss2 and the fonts it loads) adds 33-37 MB to the process
that imports it, and importing it and making a first PDF takes 1-2 s of CPU. Made inside each visitor's
kernel, every visitor who downloads a handout pays both: the kernel grows from about 62 MB to about 94 MB
and the first click waits for the import. One printer per Voila server pays them once, at server start,
before any parent clicks: the kernels never import WeasyPrint, and every click gets a warm build.

Three parts, one module, so the two ends of the socket cannot drift apart:
- The worker, `python -m milia_kit.printer --socket PATH`: imports WeasyPrint and segno and builds one
  throwaway PDF (fonts, Pango's caches, the parsed stylesheet and the QR code are then warm), then makes a
  handout for each request. Requests arrive on a Unix-domain socket in a private folder (folder 0700, socket
  0600: only this user's processes can connect). A thread per connection reads the request; the builds
  themselves run one at a time, in arrival order, on the main thread (WeasyPrint is not made for threads,
  and on a 2-core server parallel builds would only slow each other): a few parents printing at once queue.
- `Printer`, on the server's side (`serve.py` starts one before Voila; kernels inherit its environment, so
  they find the socket in `MILIA_KIT_PRINTER`): starts the worker, starts it again if it dies or hangs, stops
  it with the server. The worker holds the read end of a pipe from the server (its stdin, the "lifeline") and
  exits when that closes, so even a server killed with SIGKILL leaves no printer behind.
- `build_pdf(fields, words, clinic)`, in the kernel: the one way the guide makes a personalised PDF. With
  `MILIA_KIT_PRINTER` set it asks the printer; without it (the notebook in JupyterLab, nbval, the view's
  tests) it builds in-process with `handout.build_pdf`, as before.

The protocol. Each message is a 4-byte big-endian length and that many bytes. A request is the JSON of the
already-checked `handout.Handout` fields (name, place, date as ISO text or null, clinician, lang, tone),
at most MAX_REQUEST bytes; the worker checks them again (`Handout` cleans and refuses as in the kernel),
so a request is never more than what a parent could type in the boxes. The reply is one status byte and
then the PDF (OK) or the kind of failure as ASCII (ERROR: "too_large", "bad_request", "refused", "busy",
"failed"). Failures never echo what was sent.

The printer builds with the served strings and clinic settings (the same files the kernels read, from the
same environment), so the request needs only what was typed. A kernel that was given other words or
settings (tests, notebooks) has no MILIA_KIT_PRINTER and builds in-process with its own.

When the printer is down. The kernel waits at most TIMEOUT seconds (connecting to a dead socket fails at
once); the parent then gets the view's usual "could not be made, try again" message. The server restarts
a dead worker (after 0.5 s, backing off to 30 s if it keeps dying), so the next click works. The kernel does
not fall back to building in-process: that would bring back the 37 MB per visitor (and, under the load
that made the printer slow, in every kernel at once).

When the printer hangs. A worker that is alive but stuck (stopped, frozen, a build that never ends) would
otherwise make every click wait TIMEOUT and fail, for every visitor, until the server restarts. So the worker
reports to `Printer` over a second pipe: a heartbeat byte every HEARTBEAT_EVERY seconds once warm, and a byte
as each build begins and ends. `Printer` kills a worker that is silent for SILENT_LIMIT, spends more than
BUILD_LIMIT on one handout, or is not warm within WARM_UP_LIMIT, and starts a fresh one (which warms up
again). The parents who were waiting on it get the "try again" message at once: their connections close with
the killed worker, or, if it never took them, with the old listening socket, which is replaced by a new one
at the same path. The next click waits for the new worker and gets its PDF.

Privacy. Nothing typed is logged, printed or written: requests and PDFs live in memory only (the socket
carries them from process to process; it writes nothing to disk), the worker's messages name only a kind
or an exception type, and WeasyPrint's own log (which can quote a document) is switched off in the worker.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import math
import os
import queue
import select
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from . import handout, strings
from . import clinic as clinic_settings

ENV = "MILIA_KIT_PRINTER"  # the worker's socket path, for the kernels
SOCKET_NAME = "printer.sock"
# The checked fields are at most 180 letters (40 + 80 + 60) of 4 bytes each in UTF-8, plus a few quotes
# escaped, the date, language and tone and the JSON around them: under 1 KB. 4 KB leaves room and no more.
MAX_REQUEST = 4096
MAX_RESPONSE = 16 * 1024 * 1024  # a handout is about 32 KB; a reply this large is not a handout
TIMEOUT = 30.0  # seconds a kernel waits for its PDF, queue included (a warm build takes about 0.4 s)
READ_TIMEOUT = 5.0  # seconds the worker waits for a request's bytes once a kernel has connected
MAX_DRAIN = 1024 * 1024  # bytes of a refused request read and dropped, at most, so its sender gets the reply
FIELDS = tuple(field.name for field in dataclasses.fields(handout.Handout))
HEADER = struct.Struct(">I")
OK, ERROR = b"P", b"E"
RESTART_DELAYS = (0.5, 1, 2, 5, 10, 30)  # seconds before starting a dead worker again, backing off
STEADY = 60.0  # a worker that ran this long before dying starts again after the shortest delay
# The watchdog's limits. Measured on a 2-core machine (December 2026), warm: a short English handout builds in
# 0.8 s, the longest Spanish one (every box full) in 2.2 s; with other servers and browsers busy on the same
# cores (load 4-6), builds through a worker took 1.9 s typical and 9.1 s at worst, and its heartbeats came at
# most 1.06 s apart while it built. A hung worker must be caught inside the kernel's TIMEOUT, so its parent
# hears "try again" before giving up on their own and the printer is back for the next click, yet a slow but
# working printer must never be killed: a restart costs 2-4 s of CPU and fails every request it held.
HEARTBEAT_EVERY = 1.0  # seconds between the warm worker's "still here" bytes
SILENT_LIMIT = 10.0  # ten missed heartbeats (a busy worker misses none): stopped or frozen, not busy
BUILD_LIMIT = 20.0  # twice the slowest build seen on a busy machine, and still 10 s inside TIMEOUT
# From start to warm: imports, fonts and a first PDF take 2-4 s, far more the first time fontconfig builds its
# caches; killing a slow first warm-up would only start it again from nothing, so this limit is generous.
WARM_UP_LIMIT = 120.0
ALIVE, BUILDING, BUILT = b".", b"B", b"D"  # the worker's one-byte reports to the watchdog
MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to 108 bytes on Linux


class PrinterError(RuntimeError):
    """The printer could not make the PDF; `.kind` says why, in one word (never what was typed)."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(kind)


# --- the kernel's side --------------------------------------------------------------------------------


def build_pdf(fields: handout.Handout, words, clinic) -> bytes:
    """The personalised handout as PDF bytes: from the server's printer when there is one, else in-process.

    Same arguments and result as `handout.build_pdf`, so the view has one build path. With the printer, `words`
    and `clinic` are not sent: the printer uses the served ones (see the module's docstring)."""
    path = os.environ.get(ENV)
    if not path:
        return handout.build_pdf(fields, words, clinic)
    return ask(path, fields)


def encode(fields: handout.Handout) -> bytes:
    """A request: the checked fields as JSON (UTF-8, the date as ISO text)."""
    values = {name: getattr(fields, name) for name in FIELDS}
    values["date"] = values["date"].isoformat() if values["date"] else None
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ask(path: str | os.PathLike, fields: handout.Handout, timeout: float = TIMEOUT) -> bytes:
    """Send one request to the printer at `path`; its PDF, or `PrinterError` within about `timeout` seconds."""
    request = encode(fields)
    if len(request) > MAX_REQUEST:
        raise PrinterError("too_large")
    deadline = time.monotonic() + timeout
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(os.fspath(path))
            conn.sendall(HEADER.pack(len(request)) + request)
            reply = _receive(conn, MAX_RESPONSE, deadline)
    except PrinterError:
        raise
    except TimeoutError:
        raise PrinterError("timeout") from None
    except (OSError, EOFError):  # no socket, nobody listening, or the worker died mid-way
        raise PrinterError("unreachable") from None
    if reply[:1] == OK and len(reply) > 1:
        return reply[1:]
    raise PrinterError(reply[1:].decode("ascii", "replace")[:40] if reply[:1] == ERROR else "bad_reply")


def _receive(conn: socket.socket, limit: int, deadline: float | None = None) -> bytes:
    """One length-prefixed message; `PrinterError("too_large")` past `limit`, EOFError if the other end hangs up."""
    (length,) = HEADER.unpack(_exactly(conn, HEADER.size, deadline))
    if length > limit:
        raise PrinterError("too_large")
    return _exactly(conn, length, deadline)


def _exactly(conn: socket.socket, count: int, deadline: float | None) -> bytes:
    chunks, left = [], count
    while left:
        if deadline is not None:  # one deadline for the whole reply, however it arrives in pieces
            conn.settimeout(max(0.001, deadline - time.monotonic()))
        chunk = conn.recv(min(left, 65536))
        if not chunk:
            raise EOFError("the other end hung up")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(HEADER.pack(len(payload)) + payload)


# --- the server's side --------------------------------------------------------------------------------


class Printer:
    """The server's printer worker: started with the server, started again if it dies or hangs, stopped with it.

    `Printer().start()` returns at once; the worker warms up in the background while Voila starts (a click
    before it is warm just waits for it). `socket_path` is what kernels need (serve.py puts it in ENV). The
    limits are the module's constants; tests pass shorter ones to make a real build count as hung."""

    def __init__(self, stderr=None, *, build_limit: float = BUILD_LIMIT, silent_limit: float = SILENT_LIMIT,
                 warm_up_limit: float = WARM_UP_LIMIT):
        self.folder = Path(tempfile.mkdtemp(prefix="milia-printer-"))  # mkdtemp makes it 0700
        if len(os.fsencode(self.folder / SOCKET_NAME)) > MAX_SOCKET_PATH:  # a long TMPDIR: use a short folder
            os.rmdir(self.folder)
            self.folder = Path(tempfile.mkdtemp(prefix="milia-printer-", dir="/tmp"))
        self.socket_path = self.folder / SOCKET_NAME
        self.stderr = stderr  # where the worker's few status lines go (default: the server's own stderr)
        self.build_limit, self.silent_limit, self.warm_up_limit = build_limit, silent_limit, warm_up_limit
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self._listener: socket.socket | None = None
        self._reports: int | None = None  # the read end of the current worker's report pipe
        self._started_at = 0.0
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watchdog: threading.Thread | None = None

    def start(self) -> "Printer":
        # The server binds the socket and hands it to each worker it starts (as systemd's socket activation
        # does): the socket exists as soon as `start` returns, and a click while a worker is starting or being
        # restarted waits in the socket's queue for it instead of failing.
        self._listener = listen(self.socket_path)
        self._spawn()
        # A daemon: Python joins its other threads before the exit handlers run, and serve.py's handler is the
        # `stop` that ends this one (and joins it).
        self._watchdog = threading.Thread(target=self._watch, name="milia-printer-watchdog", daemon=True)
        self._watchdog.start()
        return self

    def _spawn(self) -> bool:
        """Start a worker, unless the printer is stopping; whether it started one."""
        with self._lock:
            if self._stopping.is_set():
                return False
            fd = self._listener.fileno()
            # Its own pipe rather than stdout, so nothing a library prints can pass for a report. Only the worker
            # holds the write end, so the pipe ends when the worker does, however it ends.
            reports, report_end = os.pipe()
            try:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "milia_kit.printer", "--socket", str(self.socket_path), "--fd", str(fd),
                     "--report-fd", str(report_end)],
                    pass_fds=(fd, report_end),
                    stdin=subprocess.PIPE,  # the lifeline: the worker exits when the server's end closes
                    stdout=subprocess.DEVNULL, stderr=self.stderr)
            except BaseException:
                os.close(reports)
                raise
            finally:
                os.close(report_end)
            self._reports = reports
            self.starts += 1
            self._started_at = time.monotonic()
            return True

    def _watch(self) -> None:
        """Start the worker again whenever it dies or hangs, until the server stops."""
        quick_deaths = 0  # in a row, each soon after its start: wait longer each time (a broken install)
        while True:
            process = self.process
            hung = self._supervise(process, self._reports)
            if self._stopping.is_set():
                return
            process.stdin.close()  # its end of the lifeline: one pipe fewer per restart in a long-running server
            if hung:
                self._replace_listener()
            quick_deaths = quick_deaths + 1 if time.monotonic() - self._started_at < STEADY else 1
            delay = RESTART_DELAYS[min(quick_deaths, len(RESTART_DELAYS)) - 1]
            what = f"{hung}, so it was stopped" if hung else f"stopped (exit code {process.returncode})"
            print(f"milia_kit: the handout printer {what}; starting it again in {delay} s", file=sys.stderr,
                  flush=True)
            if self._stopping.wait(delay) or not self._spawn():
                return  # `stop` came first; a worker started just before it is followed to its end as usual

    def _supervise(self, process: subprocess.Popen, reports: int) -> str | None:
        """Follow one worker's reports until it ends. None when it died or was stopped; when it hung, it is
        killed here and the answer says how it hung (for the server's log: a limit, never a request)."""
        poller = select.poll()  # not select.select: a busy Voila server holds more than 1024 descriptors
        poller.register(reports, select.POLLIN)
        warm, last_heard, building_since = False, self._started_at, None
        try:
            while True:
                if not warm:
                    limits = [(self._started_at + self.warm_up_limit,
                               f"was not ready {self.warm_up_limit:g} s after starting")]
                else:
                    limits = [(last_heard + self.silent_limit, f"did not answer for {self.silent_limit:g} s")]
                if building_since is not None:
                    limits.append((building_since + self.build_limit,
                                   f"spent more than {self.build_limit:g} s on one handout"))
                deadline, how = min(limits)
                if poller.poll(max(0, math.ceil((deadline - time.monotonic()) * 1000))):
                    reported = os.read(reports, 4096)
                    if not reported:  # the worker is gone (died, or stopped by `stop`)
                        process.wait()
                        return None
                    warm, last_heard = True, time.monotonic()  # the first report comes once it is warm
                    began, ended = reported.rfind(BUILDING), reported.rfind(BUILT)
                    if began > ended:
                        building_since = last_heard
                    elif ended > began:
                        building_since = None
                elif time.monotonic() >= deadline:
                    process.kill()  # SIGKILL: it ends even a stopped process, and no handler can delay it
                    process.wait()
                    return how
        finally:
            os.close(reports)

    def _replace_listener(self) -> None:
        """A new listening socket at the same path, and the old one closed: the requests still queued in it
        were waiting for the hung worker; they fail now (their parents see "try again") instead of waiting on
        for the new worker's warm-up, past their own limit. Called once the hung worker (which held the old
        socket too) is dead."""
        fresh_path = self.socket_path.with_name(SOCKET_NAME + ".new")
        fresh = listen(fresh_path)
        os.replace(fresh_path, self.socket_path)  # at once: a kernel connecting meanwhile finds one or the other
        stale, self._listener = self._listener, fresh
        stale.close()

    def stop(self, timeout: float = 10) -> None:
        """Stop the worker (closing its lifeline, as a dying server would) and the watchdog, and remove the
        folder. Idempotent."""
        self._stopping.set()
        with self._lock:  # a worker being started now is finished first, and is the one stopped here
            process = self.process
        if process is not None:
            if process.stdin and not process.stdin.closed:
                process.stdin.close()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._watchdog is not None:
            self._watchdog.join(timeout)  # it ends when the worker's report pipe does, or from its restart delay
        if self._listener is not None:
            self._listener.close()
        shutil.rmtree(self.folder, ignore_errors=True)


# --- the worker ---------------------------------------------------------------------------------------


class Refused(Exception):
    """A request the worker will not build; `.kind` is the one word sent back."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(kind)


def fields_from(data) -> handout.Handout:
    """A request's JSON, checked again (a request is no more than what a parent could type in the boxes)."""
    if not isinstance(data, dict) or set(data) != set(FIELDS):
        raise Refused("bad_request")
    if not all(isinstance(data[name], str) for name in FIELDS if name != "date"):
        raise Refused("bad_request")
    if data["lang"] not in _languages():
        raise Refused("bad_request")
    date = data["date"]
    if date is not None:
        try:
            date = dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            raise Refused("bad_request") from None
    try:
        return handout.Handout(**{**data, "date": date})
    except handout.HandoutInputError:
        raise Refused("refused") from None


_LANGUAGES: list[str] = []


def _languages() -> list[str]:
    """The languages the printer builds: those with complete strings (as the view offers them)."""
    if not _LANGUAGES:
        _LANGUAGES.extend(handout.buildable_languages())
    return _LANGUAGES


def _make(fields: handout.Handout) -> bytes:
    return handout.build_pdf(fields, strings.load(fields.lang), clinic_settings.load())


def _answer(conn: socket.socket, jobs: queue.Queue) -> None:
    """One connection: read the request, queue its build, send the PDF or the kind of failure."""
    with conn:
        try:
            conn.settimeout(READ_TIMEOUT)
            try:
                (length,) = HEADER.unpack(_exactly(conn, HEADER.size, None))
                if length > MAX_REQUEST:
                    raise Refused("too_large")
                data = json.loads(_exactly(conn, length, None).decode("utf-8"))
            except (UnicodeDecodeError, ValueError):  # json.JSONDecodeError is a ValueError
                raise Refused("bad_request") from None
            job = Future()
            jobs.put((fields_from(data), job))
            try:
                reply = OK + job.result(timeout=TIMEOUT)
            except FutureTimeout:
                job.cancel()  # the kernel has given up by now: do not build it
                raise Refused("busy") from None
            except Exception as error:  # the build failed: say which kind of error, never the fields
                print(f"milia_kit: the printer could not make a handout ({type(error).__name__})",
                      file=sys.stderr, flush=True)
                raise Refused("failed") from None
        except Refused as refused:
            reply = ERROR + refused.kind.encode("ascii")
        except (OSError, EOFError):  # the kernel hung up or never sent its request: nobody to answer
            return
        try:
            _send(conn, reply)
            if reply[:1] == ERROR:
                _drain(conn)
        except OSError:
            pass  # the kernel gave up waiting


def _drain(conn: socket.socket) -> None:
    """Read and drop what is left of a refused request (a bounded amount), before closing: on Linux, closing
    a Unix socket with unread bytes resets the connection, and the sender would lose the reply."""
    conn.shutdown(socket.SHUT_WR)
    left = MAX_DRAIN
    while left > 0 and (chunk := conn.recv(min(left, 65536))):
        left -= len(chunk)


def _accept(listener: socket.socket, jobs: queue.Queue) -> None:
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_answer, args=(conn, jobs), name="milia-printer-request", daemon=True).start()


def listen(path: Path) -> socket.socket:
    """A listening socket at `path`, mode 0600, in a folder only this user can enter (checked)."""
    folder = os.stat(path.parent)
    if not stat.S_ISDIR(folder.st_mode) or folder.st_uid != os.getuid() or folder.st_mode & 0o077:
        raise SystemExit(f"milia_kit: the printer's folder must be private (mode 0700, owned by this user): {path.parent}")
    if path.is_socket():
        path.unlink()  # left by a printer that was killed: this folder is ours alone
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))  # no one else can reach it in the meantime: the folder is 0700
    os.chmod(path, 0o600)
    listener.listen(64)
    return listener


def _exit_with_the_server(path: Path) -> None:
    """Block until the server's end of stdin closes (it stopped, or was killed), then leave no trace."""
    try:
        while os.read(0, 1024):
            pass  # the server sends nothing; only the end of the pipe matters
    except OSError:
        pass
    _remove(path)
    os._exit(0)  # at once, even mid-build: nothing here outlives the request


def _remove(path: Path) -> None:
    try:
        path.unlink()
        path.parent.rmdir()  # the server removes the folder too; this covers a server that was killed
    except OSError:
        pass


def warm_up() -> float:
    """Import WeasyPrint and segno and make one throwaway stock handout: the first parent gets a warm build."""
    began = time.perf_counter()
    _make(handout.Handout())
    for lang in _languages():
        strings.load(lang)
    return time.perf_counter() - began


def _reporter(fd: int | None):
    """`tell(report)`: one byte to the server's watchdog on `fd` (a no-op for a worker started by hand).

    Never blocks and never raises: a server too busy to read for hours (the pipe holds 64 KB, 18 hours of
    heartbeats) loses reports, not the worker's builds; a server that is gone is the lifeline's business."""
    if fd is None:
        return lambda report: None
    os.set_blocking(fd, False)

    def tell(report: bytes) -> None:
        try:
            os.write(fd, report)  # one byte: atomic on a pipe, whichever thread writes it
        except OSError:
            pass

    return tell


def _heartbeat(tell) -> None:
    while True:
        tell(ALIVE)
        time.sleep(HEARTBEAT_EVERY)


def serve(path: Path, fd: int | None = None, report_fd: int | None = None) -> None:
    """The worker: listen on `path` (or on the listening socket `fd` that `Printer` handed over), warm up, then
    build each queued request, oldest first, until the server goes. With `report_fd` (from `Printer`), it
    reports there that it is alive and when each build begins and ends, for the server's watchdog."""
    # WeasyPrint's and fontTools' log messages can quote the document; the worker's own lines are prints.
    logging.disable(logging.CRITICAL)
    supervised = stat.S_ISFIFO(os.fstat(0).st_mode)
    if supervised:  # started by `Printer`: it stops this worker; a Ctrl-C in the terminal is for the server
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        threading.Thread(target=_exit_with_the_server, args=(path,), name="milia-printer-lifeline", daemon=True).start()
    listener = listen(path) if fd is None else socket.socket(fileno=fd)
    _languages()  # before any request is read (the request threads only read the list)
    jobs: queue.Queue = queue.Queue()
    threading.Thread(target=_accept, args=(listener, jobs), name="milia-printer-accept", daemon=True).start()
    seconds = warm_up()  # requests that arrive meanwhile wait in the queue
    print(f"milia_kit: handout printer ready (pid {os.getpid()}, warmed up in {seconds:.1f} s)", file=sys.stderr,
          flush=True)
    tell = _reporter(report_fd)
    if report_fd is not None:  # its first heartbeat tells the watchdog the worker is warm; silence, that it is stuck
        threading.Thread(target=_heartbeat, args=(tell,), name="milia-printer-heartbeat", daemon=True).start()
    try:
        while True:
            fields, job = jobs.get()
            if not job.set_running_or_notify_cancel():
                continue  # its kernel stopped waiting
            tell(BUILDING)
            try:
                job.set_result(_make(fields))
            except Exception as error:  # reported by the request's thread, by type only
                job.set_exception(error)
            finally:
                tell(BUILT)
            del fields, job  # keep nothing typed longer than its request
    finally:
        listener.close()
        if fd is None:
            _remove(path)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m milia_kit.printer",
                                     description="The handout printer: makes personalised PDFs for the guide's kernels.")
    parser.add_argument("--socket", type=Path, required=True, help="socket path, in a folder of mode 0700")
    parser.add_argument("--fd", type=int, help="an inherited socket already listening at that path (from `Printer`)")
    parser.add_argument("--report-fd", type=int, help="an inherited pipe for the watchdog's reports (from `Printer`)")
    args = parser.parse_args(argv)
    try:
        serve(args.socket, args.fd, args.report_fd)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
