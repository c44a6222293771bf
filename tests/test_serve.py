"""How the guide is served: the same command for `make app`, tests and bench."""
import subprocess
import sys

from milia_kit import serve
from milia_kit.paths import ROOT


def test_the_command_serves_the_guide_from_the_repository_root():
    cmd = serve.command(8866, "127.0.0.1", ["--debug"])
    assert cmd[0] == "notebooks/guide.ipynb" and f"--Voila.root_dir={ROOT}" in cmd
    assert "--port=8866" in cmd and "--Voila.ip=127.0.0.1" in cmd and cmd[-1] == "--debug"


def test_the_page_template_is_on_the_jupyter_path():
    env = serve.environment({"JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(":") == [str(ROOT / "assets" / "jupyter"), "/elsewhere"]
    assert (ROOT / "assets/jupyter/voila/templates/milia/index.html.j2").exists()


def test_serving_beyond_this_machine_warns_that_there_is_no_login():
    # --help makes voila print its options and exit; the warning comes first, from our code
    out = subprocess.run([sys.executable, "-m", "milia_kit.serve", "--host", "0.0.0.0", "--port", "1", "--help"],
                         capture_output=True, text=True, timeout=60)
    assert "WARNING" in out.stderr and "no login" in out.stderr
    local = subprocess.run([sys.executable, "-m", "milia_kit.serve", "--port", "1", "--help"],
                           capture_output=True, text=True, timeout=60)
    assert "WARNING" not in local.stderr


def test_ctrl_c_stops_the_guide_and_all_its_kernels():
    from pathlib import Path

    from milia_kit.harness import Running

    server = Running(pool_size=1)
    tmp = server.tmp
    kernels = lambda: [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).count(tmp)]
    assert kernels(), "the preheated kernel runs with the server's private temporary folder"
    server.stop()  # SIGINT, as Ctrl-C sends
    assert server.process.returncode == 0
    assert kernels() == []


def _cmdline(proc) -> str:
    try:
        return (proc / "cmdline").read_text()
    except OSError:
        return ""


def test_kernel_websockets_send_without_waiting_for_acknowledgements():
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    calls = []

    class Handler:  # the shape of a tornado websocket handler: what happens first when it opens?
        async def open(self, kernel_id):
            calls.append(("open", kernel_id))

        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    serve.answer_without_delay(Handler)
    serve.answer_without_delay(Handler)  # twice: still one wrapper
    from conftest import run_async

    run_async(Handler().open("kernel-id"))
    assert calls == [("nodelay", True), ("open", "kernel-id")]

    serve.answer_without_delay()
    assert KernelWebsocketHandler.open.without_delay
    assert VoilaKernelWebsocketHandler.open is KernelWebsocketHandler.open, "Voila's handler must not bypass it"
