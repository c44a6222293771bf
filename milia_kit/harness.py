"""The guide and a browser, started for the tests and the benchmark (not used when serving parents).

`Running` starts the guide exactly as `make app` does (or plain default Voila on the same notebook, for
comparison); `launch_chromium` starts the OS Chromium through Playwright, which cannot download its own here.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .paths import ROOT
from .request import READY_LINE
from .serve import GUIDE

# What a browser sends when it opens the page again after the readable page's script ran: the front door
# (front_door.py) gives a kernel only to requests that look like a browser's and carry that script's cookie; the
# tests' and the benchmark's plain HTTP clients say they are one.
BROWSER_HEADERS = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) milia-guide-tests", "Accept": "text/html,*/*",
                   "Cookie": "milia_guide=interactive"}

CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path() -> str | None:
    candidates = (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium"))
    return next((p for p in candidates if p and os.path.exists(p)), None)


def kernel_pid(kernel_id: str) -> int | None:
    """The process of a running kernel, found by its connection file on the command line."""
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if f"kernel-{kernel_id}.json" in (proc / "cmdline").read_text():
                    return int(proc.name)
            except OSError:
                continue
    return None


def launch_chromium(playwright):
    path = chromium_path()
    if not path:
        raise RuntimeError("Chromium is not installed: run `make browser` (tools/ensure-chromium)")
    # As root Chromium refuses its sandbox; without the background-networking flags it calls Google's hosts.
    return playwright.chromium.launch(executable_path=path, chromium_sandbox=False, args=CHROMIUM_ARGS)


def listening(port: int) -> bool:
    """Something on this machine accepts connections on `port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    """The guide (or, with `plain=True`, plain default Voila on the same notebook) running in the background.

    Used by the tests and the benchmark, so both measure what `make app` serves. Its output goes to a log
    file in a private temporary folder, which is also the server's TMPDIR (tests search both for leaks).
    """

    def __init__(self, *voila_args: str, pool_size: int = 2, plain: bool = False, timeout: float = 120, wait: bool = True,
                 terminal: bool = False, typed: bool = False):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.tmp = tempfile.mkdtemp(prefix="milia-guide-")
        self.log_path = Path(self.tmp) / "voila.log"
        env = dict(os.environ, TMPDIR=self.tmp, PYTHONUNBUFFERED="1")
        voila = shutil.which("voila", path=os.path.dirname(sys.executable)) or "voila"
        if typed:  # `voila notebooks/guide.ipynb` typed in the repository: its voila.json, the installed template
            cmd, cwd = [voila, GUIDE, f"--port={self.port}", "--no-browser", *voila_args], ROOT
            env.pop("JUPYTER_PATH", None)
            pool_size = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]["default_pool_size"]
        elif plain:  # default Voila: no voila.json (read from the working directory), no template, no preheat
            cmd, cwd = [voila, str(ROOT / GUIDE), f"--port={self.port}", "--no-browser", *voila_args], self.tmp
        else:
            cmd = [sys.executable, "-m", "milia_kit.serve", "--port", str(self.port),
                   f"--VoilaConfiguration.default_pool_size={pool_size}", *voila_args]
            cwd = ROOT
        self._log_file = self.log_path.open("wb")
        # `terminal`: started as from a terminal, in a process group of its own; stop() then sends SIGINT to the
        # whole group, kernels included, as Ctrl-C in a terminal does
        self.terminal = terminal
        self.process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self._log_file, stderr=subprocess.STDOUT,
                                        start_new_session=terminal)
        self.pool_size = 0 if plain else pool_size
        if wait:  # else the caller waits (the benchmark times the steps of starting)
            self.wait_until(self.ready, timeout, "Voila did not start")

    def port_open(self) -> bool:
        return listening(self.port)

    def waiting_kernels(self) -> int:
        """Preheated kernels that have run the guide and wait for a visitor (each says so once; visits take one)."""
        log = self.log()
        return log.count(READY_LINE) - log.count("Using pre-heated kernel")

    def ready(self) -> bool:
        if self.pool_size:
            return self.waiting_kernels() >= self.pool_size
        return self.port_open()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until(self, condition, timeout: float, message: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise RuntimeError(f"{message}: Voila exited ({self.process.returncode})\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{message} within {timeout} s\n{self.log()[-3000:]}")
            time.sleep(0.05)  # the polling interval of a condition wait

    def wait_for_full_pool(self, timeout: float = 60) -> None:
        """After a visit, wait until the pool is full again of kernels that have run the guide and wait."""
        if self.pool_size:
            self.wait_until(self.ready, timeout, "the kernel pool was not refilled")

    def get(self, path: str, timeout: float = 30, headers: dict | None = None):
        """(status, headers, body text) of a GET (as a browser, unless `headers` say otherwise; a header given as
        None is not sent), error statuses included."""
        return self.request(path, headers=headers, timeout=timeout)

    def post(self, path: str, body: str, headers: dict, timeout: float = 30):
        """(status, headers, body text) of a POST of `body`, error statuses included."""
        return self.request(path, body, headers, timeout)

    def request(self, path: str, body: str | None = None, headers: dict | None = None, timeout: float = 30):
        request = urllib.request.Request(self.url + path.lstrip("/"), None if body is None else body.encode(),
                                         {key: value for key, value in {**BROWSER_HEADERS, **(headers or {})}.items()
                                          if value is not None})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if hasattr(self, "last_log"):  # stopped already (a test that stops it, then its fixture)
            return
        # SIGINT, as Ctrl-C does: Voila then shuts its kernels down. On SIGTERM it stops its loop but leaves
        # the kernels running (seen with Voila 0.5.13), so terminate() is only the fallback.
        if self.process.poll() is None:
            if self.terminal:
                os.killpg(self.process.pid, signal.SIGINT)
            else:
                self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()
        self.last_log = self.log()  # what it printed, still readable once its folder is gone
        shutil.rmtree(self.tmp, ignore_errors=True)




def deploy_render():
    """deploy/render.py, the clinic deployment's file maker (a script, not part of the installed package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("milia_deploy_render", ROOT / "deploy" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_path() -> str | None:
    return next((p for p in ("/usr/sbin/nginx", shutil.which("nginx")) if p and os.path.exists(p)), None)


def ipv6_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


class Proxy:
    """nginx from the OS packages with the clinic's site (deploy/nginx, filled in by deploy/render.py) in front of
    guide processes on `ports`, with a throwaway self-signed certificate, on free non-standard ports.

    Its access log names the guide process (`upstream=`) that answered each request. A load test from this one
    address raises `connections_per_address` (the site's limit on one client)."""

    def __init__(self, ports, staff_passwords: str | None = None, timeout: float = 30, connections_per_address: int = 50):
        path = nginx_path()
        if not path:
            raise RuntimeError("nginx is not installed: run `make deploy-tools` (tools/ensure-deploy-tools)")
        self.tmp = Path(tempfile.mkdtemp(prefix="milia-nginx-"))
        certificate, key = self.tmp / "certificate.pem", self.tmp / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                        "-out", str(certificate)], check=True, capture_output=True)
        self.port, http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.port}/"
        site = deploy_render().nginx_site("127.0.0.1", str(certificate), str(key), ports, https_port=self.port,
                                          http_port=http_port, staff_passwords=staff_passwords, ipv6=ipv6_available(),
                                          connections_per_address=connections_per_address)
        (self.tmp / "site.conf").write_text(site)
        self.access_log = self.tmp / "access.log"
        temp = "".join(f"{kind}_temp_path {self.tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.tmp / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "") +
            f"daemon off;\nworker_processes 1;\npid {self.tmp / 'nginx.pid'};\nerror_log {self.tmp / 'error.log'} info;\n"
            "events { worker_connections 512; }\n"
            "http {\n    include /etc/nginx/mime.types;\n" + temp +
            "    log_format routed '$request_method $uri $status upstream=$upstream_addr route=$milia_route';\n"
            f"    access_log {self.access_log} routed;\n    include {self.tmp / 'site.conf'};\n}}\n")
        test = subprocess.run([path, "-t", "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")], capture_output=True, text=True)
        if test.returncode:
            raise RuntimeError(f"nginx refused the site: {test.stderr}")
        self.process = subprocess.Popen([path, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {(self.tmp / 'error.log').read_text()[-2000:]}")
            time.sleep(0.1)


    def routes(self) -> list[str]:
        """The access log's lines: `METHOD /path STATUS upstream=127.0.0.1:PORT route=...`."""
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # nginx's graceful stop
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)
