"""The handout printer (milia_kit/printer.py): a real worker process, asked over its real socket.

A PDF made through the socket is the same handout, accents and all; oversize and garbage requests are refused
and the worker lives on; several parents at once each get their own handout; an unreachable printer fails
quickly with the view's friendly message; a dead worker is started again; a hung one (stopped with SIGSTOP, or a
build past its limit) is killed and started again, and the parent who waited is told to try again; the worker
leaves with its server (stopped with Ctrl-C, or killed); the kernel's side never imports WeasyPrint; nothing typed
is logged.
Nothing is mocked: every test talks to a process running `python -m milia_kit.printer`.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdf
import pytest

from milia_kit import clinic, handout, printer, strings
from milia_kit.handout import Handout
from milia_kit.paths import ROOT

MARKER = "Qyxzelmina"


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


def wait_until(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{message} within {timeout} s")
        time.sleep(0.02)  # the polling interval of a condition wait


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (an orphan's zombie may wait for a PID 1 that never reaps)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def processes_with(*needles: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if all(needle in cmdline for needle in needles) and alive(int(proc.name)):
                found.append(int(proc.name))
    return found


def exchange(path, payload: bytes, timeout: float = 60) -> bytes:
    """Send raw bytes to the printer; its reply (status byte + body), or b"" if it just hung up."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        conn.connect(str(path))
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    if not received:
        return b""
    (length,) = printer.HEADER.unpack(received[:4])
    assert len(received) == 4 + length, "one whole reply"
    return received[4:]


def frame(body: bytes) -> bytes:
    return printer.HEADER.pack(len(body)) + body


def request(**changes) -> dict:
    fields = {"name": "Ana", "place": "", "date": None, "clinician": "", "lang": "en", "tone": "medium"}
    fields.update(changes)
    return fields


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """One real printer for the module, its messages kept in a file (to check that nothing typed is in them)."""
    log_path = tmp_path_factory.mktemp("printer") / "printer.log"
    with log_path.open("wb") as log:
        running = printer.Printer(stderr=log).start()
        running.log_path = log_path
        try:
            yield running
        finally:
            running.stop()


def test_a_pdf_from_the_printer_is_the_handout_with_the_name_and_its_accents(worker):
    fields = Handout(name="Zoë Nuñez-Ångström", place="nariz y mejillas", date=dt.date(2026, 11, 25),
                     clinician="Dra. Peña", lang="es", tone="deep")
    pdf = printer.ask(worker.socket_path, fields)
    assert pdf.startswith(b"%PDF-") and len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == handout.PAGES
    text = pdf_text(pdf)
    assert text.count("Zoë Nuñez-Ångström") == 1 and "nariz y mejillas" in text and "Dra. Peña" in text
    assert "25 de noviembre de 2026" in text
    assert pdf == handout.build_pdf(fields, strings.load("es"), clinic.load()), "the same PDF as built in-process"


def test_the_socket_is_private(worker):
    folder, sock = os.stat(worker.folder), os.stat(worker.socket_path)
    assert stat.S_IMODE(folder.st_mode) == 0o700 and folder.st_uid == os.getuid()
    assert stat.S_ISSOCK(sock.st_mode) and stat.S_IMODE(sock.st_mode) == 0o600


def test_an_oversize_request_is_refused_and_the_worker_lives_on(worker):
    pid = worker.process.pid
    too_big = json.dumps(request(name="x" * printer.MAX_REQUEST)).encode()
    assert exchange(worker.socket_path, frame(too_big)) == printer.ERROR + b"too_large"
    # a length far past the limit is refused from the header alone, before any body is read
    assert exchange(worker.socket_path, printer.HEADER.pack(2**31) + b"{") == printer.ERROR + b"too_large"
    assert pdf_text(printer.ask(worker.socket_path, Handout(name="Ana"))).count("Ana") == 1
    assert worker.process.pid == pid and worker.starts == 1 and alive(pid)


@pytest.mark.parametrize("payload, kind", [
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", b"too_large"),  # "GET " read as a length: over a gigabyte
    (frame(b"not json"), b"bad_request"),
    (frame(b"\xff\xfe\x00"), b"bad_request"),
    (frame(b"[]"), b"bad_request"),
    (frame(json.dumps({**request(), "extra": 1}).encode()), b"bad_request"),
    (frame(json.dumps({"name": "Ana"}).encode()), b"bad_request"),
    (frame(json.dumps(request(name=5)).encode()), b"bad_request"),
    (frame(json.dumps(request(date="2026-13-45")).encode()), b"bad_request"),
    (frame(json.dumps(request(date=20261125)).encode()), b"bad_request"),
    (frame(json.dumps(request(lang="../../etc")).encode()), b"bad_request"),
    (frame(json.dumps(request(name=MARKER * 5)).encode()), b"refused"),  # past the 40-letter limit
    (frame(json.dumps(request(name="Ana \U0001F476")).encode()), b"refused"),
    (frame(b""), b"bad_request"),
    (printer.HEADER.pack(100) + b"{\"name\"", None),  # cut short: nobody left to answer
    (b"\x00\x00", None),
], ids=lambda value: repr(value)[:24])
def test_garbage_is_refused_without_echo_and_the_worker_lives_on(worker, payload, kind):
    pid = worker.process.pid
    reply = exchange(worker.socket_path, payload)
    assert reply == (printer.ERROR + kind if kind else b"")
    assert MARKER.encode() not in reply
    assert pdf_text(printer.ask(worker.socket_path, Handout(name="Ben"))).count("Ben") == 1
    assert worker.process.pid == pid and worker.starts == 1 and alive(pid)


def test_several_parents_at_once_each_get_their_own_handout(worker):
    names = ["Amélie", "Bartholomew", "Chidinma", "Dorotéia"]
    results = {}

    def one(name):
        results[name] = printer.ask(worker.socket_path, Handout(name=name, place="chin"))

    threads = [threading.Thread(target=one, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=printer.TIMEOUT + 10)
    assert sorted(results) == sorted(names)
    for name, pdf in results.items():
        text = pdf_text(pdf)
        assert text.count(name) == 1 and not [other for other in names if other != name and other in text]


def test_nothing_typed_is_logged_by_the_worker(worker):
    printer.ask(worker.socket_path, Handout(name=MARKER, place=MARKER, clinician=MARKER))
    exchange(worker.socket_path, frame(json.dumps(request(name=MARKER * 5)).encode()))
    exchange(worker.socket_path, frame(json.dumps(request(name=MARKER, date="not a date")).encode()))
    assert "handout printer ready" in worker.log_path.read_text()
    assert MARKER not in worker.log_path.read_text(errors="replace")


def test_an_unreachable_printer_fails_quickly(tmp_path):
    began = time.monotonic()
    with pytest.raises(printer.PrinterError, match="unreachable"):
        printer.ask(tmp_path / "no-such.sock", Handout(name="Ana"))
    bound = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # a socket file with nobody listening on it
    bound.bind(str(tmp_path / "deaf.sock"))
    with bound, pytest.raises(printer.PrinterError, match="unreachable"):
        printer.ask(tmp_path / "deaf.sock", Handout(name="Ana"))
    assert time.monotonic() - began < 2


def test_a_printer_that_never_answers_times_out_instead_of_hanging(tmp_path):
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # connects, then never replies
    silent.bind(str(tmp_path / "silent.sock"))
    silent.listen(1)
    with silent:
        began = time.monotonic()
        with pytest.raises(printer.PrinterError, match="timeout"):
            printer.ask(tmp_path / "silent.sock", Handout(name="Ana"), timeout=1.0)
        assert 0.9 < time.monotonic() - began < 5
    assert printer.TIMEOUT <= 60, "a kernel never waits more than a minute"


def test_the_view_says_sorry_when_the_printer_is_unreachable(tmp_path, monkeypatch):
    from milia_kit.views.takehome import TakeHomeView
    from milia_kit.visit import Visit

    monkeypatch.setenv(printer.ENV, str(tmp_path / "gone.sock"))
    view = TakeHomeView(Visit())
    view.name.value = MARKER
    began = time.monotonic()
    view.download.click()
    assert time.monotonic() - began < 2
    assert "Sorry" in view.status.value and 'role="alert"' in view.status.value
    assert view.link.value == "" and not view.handout_made


def test_without_a_printer_the_pdf_is_built_in_the_process(monkeypatch):
    monkeypatch.delenv(printer.ENV, raising=False)
    own = dataclasses.replace(clinic.load(), phone="555-987-6543")  # settings only this caller has
    fields = Handout(name="Ana")
    pdf = printer.build_pdf(fields, strings.load("en"), own)
    assert "555-987-6543" in pdf_text(pdf) and pdf == handout.build_pdf(fields, strings.load("en"), own)


KERNEL_SIDE = """
import base64, json, re, sys
from milia_kit.views.takehome import TakeHomeView
from milia_kit.visit import Visit
view = TakeHomeView(Visit())
view.name.value = "Zoë Ñúñez"
view.download.click()
pdf = re.search(r'base64,([A-Za-z0-9+/=]+)"', view.link.value)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("weasyprint", "pydyf", "fontTools", "tinycss2", "cssselect2", "tinyhtml5", "segno", "PIL"))
print(json.dumps({"heavy": heavy, "pdf": pdf.group(1) if pdf else None, "status": view.status.value}))
"""


def test_the_kernel_side_never_imports_weasyprint(worker):
    """The take-home view's download, run as a kernel runs it (MILIA_KIT_PRINTER set), in a fresh process."""
    env = dict(os.environ, **{printer.ENV: str(worker.socket_path)})
    result = subprocess.run([sys.executable, "-c", KERNEL_SIDE], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["pdf"], found["status"]
    assert pdf_text(base64.b64decode(found["pdf"])).count("Zoë Ñúñez") == 1
    assert found["heavy"] == [], "the PDF was made without importing WeasyPrint (or segno) in the kernel"


def test_a_dead_printer_is_started_again_and_the_next_click_works(tmp_path, capsys):
    with (tmp_path / "printer.log").open("wb") as log:
        running = printer.Printer(stderr=log).start()
        try:
            assert printer.ask(running.socket_path, Handout(name="Ana"))
            first = running.process
            first.kill()  # as if it crashed
            wait_until(lambda: first.poll() is not None, 10, "the killed printer was not reaped")
            # asked while no worker is running: the request waits in the socket's queue for the new one
            assert pdf_text(printer.ask(running.socket_path, Handout(name="Ben"))).count("Ben") == 1
            assert running.starts == 2 and running.process is not first and alive(running.process.pid)
        finally:
            running.stop()
    assert "handout printer stopped (exit code -9); starting it again in 0.5 s" in capsys.readouterr().err
    assert (tmp_path / "printer.log").read_text().count("handout printer ready") == 2
    assert not running.folder.exists() and running.process.poll() is not None


def test_a_stopped_printer_is_replaced_and_the_parent_who_waited_is_told_to_try_again(tmp_path, monkeypatch, capsys):
    """SIGSTOP stands in for any hang: the process lives, holds its socket and answers nothing. The real limits."""
    from milia_kit.markup import inline
    from milia_kit.views.takehome import TakeHomeView
    from milia_kit.visit import Visit

    with (tmp_path / "printer.log").open("wb") as log:
        running = printer.Printer(stderr=log).start()
        try:
            assert printer.ask(running.socket_path, Handout(name="Ana"))  # up and warm
            stopped = running.process
            os.kill(stopped.pid, signal.SIGSTOP)
            monkeypatch.setenv(printer.ENV, str(running.socket_path))  # as in a visitor's kernel
            view = TakeHomeView(Visit())
            view.name.value = MARKER
            began = time.monotonic()
            view.download.click()
            waited = time.monotonic() - began
            assert waited < printer.SILENT_LIMIT + 5 < printer.TIMEOUT, "the watchdog answered, not the timeout"
            assert inline(view.visit.words.text("takehome_tool.failed")) in view.status.value
            assert view.link.value == "" and not view.handout_made
            assert not alive(stopped.pid), "the stopped printer was killed"
            pdf = printer.ask(running.socket_path, Handout(name="Ben"))  # waits for the fresh worker's warm-up
            assert pdf.startswith(b"%PDF") and pdf_text(pdf).count("Ben") == 1
            assert running.starts == 2 and running.process is not stopped and alive(running.process.pid)
        finally:
            running.stop()
    err = capsys.readouterr().err
    assert f"did not answer for {printer.SILENT_LIMIT:g} s, so it was stopped; starting it again in 0.5 s" in err
    assert (tmp_path / "printer.log").read_text().count("handout printer ready") == 2, "the new one warmed up again"
    assert MARKER not in err + (tmp_path / "printer.log").read_text(errors="replace")


def test_a_build_that_runs_past_its_limit_is_killed_and_its_parent_gets_the_failure(tmp_path, capsys):
    """A limit far shorter than any real build (0.4-0.9 s) makes a real build count as hung."""
    log_path = tmp_path / "printer.log"
    with log_path.open("wb") as log:
        running = printer.Printer(stderr=log, build_limit=0.05).start()
        try:
            wait_until(lambda: "handout printer ready" in log_path.read_text(), 60, "the printer did not warm up")
            building = running.process
            began = time.monotonic()
            with pytest.raises(printer.PrinterError, match="unreachable"):  # the view's "try again", not a wait
                printer.ask(running.socket_path, Handout(name="Ana"))
            assert time.monotonic() - began < 5
            assert not alive(building.pid), "the hung build's printer was killed"
            wait_until(lambda: log_path.read_text().count("handout printer ready") == 2, 60,
                       "a fresh printer did not start and warm up")
            assert running.starts == 2 and running.process is not building
        finally:
            running.stop()
    assert "spent more than 0.05 s on one handout, so it was stopped; starting it again" in capsys.readouterr().err


def test_stop_leaves_no_printer_behind_after_a_restart(tmp_path):
    log_path = tmp_path / "printer.log"
    with log_path.open("wb") as log:
        running = printer.Printer(stderr=log, silent_limit=3.0).start()  # shorter than the real 10 s: a quicker test
        try:
            assert printer.ask(running.socket_path, Handout(name="Ana"))
            first = running.process
            os.kill(first.pid, signal.SIGSTOP)
            wait_until(lambda: running.starts == 2, 30, "the stopped printer was not replaced")
            assert pdf_text(printer.ask(running.socket_path, Handout(name="Ben"))).count("Ben") == 1
            second = running.process
            assert processes_with("milia_kit.printer", str(running.socket_path)) == [second.pid]
        finally:
            running.stop()
    assert processes_with("milia_kit.printer", str(running.socket_path)) == []
    assert not alive(first.pid) and not alive(second.pid) and second.returncode == 0, "stopped by its lifeline"
    assert not running._watchdog.is_alive(), "the watchdog thread ended with it"
    assert not running.folder.exists()


PARENT = """
import os, sys
from milia_kit import printer, serve
serve.start_printer()
print(os.environ[printer.ENV], flush=True)
sys.stdin.read()
"""


def test_the_printer_leaves_when_its_server_is_killed(tmp_path):
    """A server killed outright (SIGKILL: no exit handlers run) still leaves no printer behind."""
    env = dict(os.environ, TMPDIR=str(tmp_path))
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=ROOT, env=env)
    try:
        path = parent.stdout.readline().strip()
        assert path.startswith(str(tmp_path))
        assert printer.ask(path, Handout(name="Ana"))  # it is up and warm
        (pid,) = processes_with("milia_kit.printer", path)
        parent.kill()
        parent.wait()
        wait_until(lambda: not alive(pid), 15, "the printer outlived its killed server")
        assert not Path(path).parent.exists(), "it removed its socket folder on the way out"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


@pytest.mark.server
def test_the_guide_starts_a_printer_its_kernels_use_and_ctrl_c_stops_it():
    from milia_kit.harness import Running

    server = Running(pool_size=1)
    try:
        (pid,) = processes_with("milia_kit.printer", server.tmp)
        path = re.search(r"--socket (\S+)", " ".join(Path(f"/proc/{pid}/cmdline").read_text().split("\0"))).group(1)
        kernels = processes_with("ipykernel", server.tmp)
        assert kernels, "a preheated kernel"
        environ = Path(f"/proc/{kernels[0]}/environ").read_bytes().split(b"\0")
        assert f"{printer.ENV}={path}".encode() in environ, "kernels find the printer in their environment"
        assert pdf_text(printer.ask(path, Handout(name="Ana"))).count("Ana") == 1
    finally:
        server.stop()  # SIGINT, as Ctrl-C sends
    assert server.process.returncode == 0
    assert not alive(pid) and processes_with("milia_kit.printer", server.tmp) == []
    assert not Path(path).exists()
