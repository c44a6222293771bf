"""How the guide is served: the same command for `make app`, tests and bench."""
import json
import subprocess
import sys

import pytest

from conftest import CELL_OUTPUT_MESSAGES

from milia_kit import page_template, serve
from milia_kit.paths import ROOT


def test_the_command_serves_the_guide_from_the_repository_root():
    cmd = serve.command(8866, "127.0.0.1", ["--debug"])
    assert cmd[0] == "notebooks/guide.ipynb" and f"--Voila.root_dir={ROOT}" in cmd
    assert "--port=8866" in cmd and "--Voila.ip=127.0.0.1" in cmd and cmd[-1] == "--debug"


def test_the_page_template_is_where_voila_looks_for_templates():
    """Plain `voila`, JupyterLab's preview and Binder find it by name, with no start script or JUPYTER_PATH."""
    found = page_template.found()
    assert found and found.resolve() == page_template.SOURCE.resolve()
    assert (found / "index.html.j2").is_file() and (found / "static" / "guide.js").is_file()
    assert "JUPYTER_PATH" not in serve.environment({}) or serve.environment({})["JUPYTER_PATH"] == ""


def test_installing_the_template_links_it_once_and_refuses_to_overwrite_someone_elses(tmp_path):
    link = page_template.install(tmp_path)
    assert link.is_symlink() and link.resolve() == page_template.SOURCE.resolve()
    assert page_template.install(tmp_path) == link  # again: the same link
    other = tmp_path / "other"
    page_template.install(other)
    (other / "share/jupyter/voila/templates/milia").unlink()
    (other / "share/jupyter/voila/templates/milia").mkdir()  # a folder of someone else's: left alone
    with pytest.raises(page_template.TemplateNotInstalled, match="is a folder"):
        page_template.install(other)


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

    server = Running(pool_size=1, terminal=True)
    tmp = server.tmp
    kernels = lambda: [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).count(tmp)]
    assert kernels(), "the preheated kernel runs with the server's private temporary folder"
    server.stop()  # SIGINT to the server and its kernels, as Ctrl-C in a terminal sends
    assert server.process.returncode == 0
    assert kernels() == []
    # and quietly: no traceback (a kernel's ZMQError, a second Ctrl-C's KeyboardInterrupt) in what it printed
    assert "Traceback" not in server.last_log and "Error" not in server.last_log


def _cmdline(proc) -> str:
    try:
        return (proc / "cmdline").read_text()
    except OSError:
        return ""


@pytest.fixture(scope="module")
def guide_app():
    """The guide's Voila application, set up as `make app` sets it up, without listening."""
    import os

    import tornado.web

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        app = serve.guide_server_class()()
        # no preheated pool: building the app would start its kernels (and write their files here)
        app.initialize(serve.command(8899, "127.0.0.1", ["--VoilaConfiguration.preheat_kernel=False"]))
        settings = app.init_settings()
        app.app = tornado.web.Application(**settings)
        yield app, settings, app.init_handlers()
    finally:
        os.chdir(here)
    assert not list(ROOT.glob("kernel-*.json")), "setting the app up started kernels"


def test_every_extension_point_the_guide_uses_is_still_there(guide_app):
    """Voila's own extension points, not patched internals: if a Voila or jupyter_server release drops one,
    this fails (and the guide itself stops at start naming it)."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from voila.app import Voila

    app, settings, handlers = guide_app
    assert "kernel_websocket_connection_class" in Voila.class_traits()
    assert callable(ZMQChannelsWebsocketConnection.connect)
    assert callable(ZMQChannelsWebsocketConnection._on_zmq_reply)  # where Voila's own outputs are held back
    assert settings["compress_response"] is True
    assert app.kernel_websocket_connection_class.__name__ == "PagesConnection"
    served = {entry[1].__name__ for entry in handlers if isinstance(entry[1], type)}
    assert {"FrontDoor", "ConnectedKernel", "OnlyStaticFiles", "Robots"} <= served
    assert not {"TornadoVoilaHandler", "VoilaKernelWebsocketHandler", "TemplateStaticFileHandler"} & served


def test_nothing_outside_the_guides_own_classes_is_changed():
    """No process-wide patches: tornado's Application and jupyter_server's websocket are as their packages made them."""
    import tornado.web
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    from voila.static_file_handler import TemplateStaticFileHandler

    serve.guide_server_class()
    assert tornado.web.Application.__init__.__module__ == "tornado.web"
    assert KernelWebsocketHandler.open.__module__.startswith("jupyter_server")
    assert TemplateStaticFileHandler.parse_url_path.__module__.startswith("voila")


def test_kernel_websockets_send_without_waiting_for_acknowledgements(guide_app):
    app, _, _ = guide_app
    calls = []

    class Handler:  # the shape of a tornado websocket handler: what happens first when the page connects?
        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    connection = app.kernel_websocket_connection_class.__new__(app.kernel_websocket_connection_class)
    connection._trait_values["websocket_handler"] = Handler()  # a trait: set without its type check
    try:
        connection.connect()
    except Exception:  # no kernel behind this bare connection: only the first step matters here
        pass
    assert calls[:1] == [("nodelay", True)]


def kernel_message(session, msg_type, parent=None):
    """A kernel's message as the server's connection gets it for the page's websocket (v1): its parts after the
    signature, made by jupyter_client's own Session."""
    message = session.msg(msg_type, {}, parent=parent)
    return session.serialize(message)[2:]  # [DELIM, signature, header, parent header, metadata, content]


def test_the_outputs_of_voilas_own_cell_runs_are_not_sent_to_the_page():
    from jupyter_client.session import Session

    voila, page, kernel = Session(), Session(), Session()
    page.session = "the-pages-session"
    cell = voila.msg("execute_request", {"code": "guide"})
    asked = page.msg("comm_msg", {"comm_id": "c", "data": {}})
    for output in CELL_OUTPUT_MESSAGES:
        assert serve.voilas_own_output(kernel_message(kernel, output, cell), page), output
    # what the page needs: the widgets' messages, statuses and replies, whatever they answer
    for kept in ("comm_open", "comm_msg", "comm_close", "status", "kernel_info_reply"):
        assert not serve.voilas_own_output(kernel_message(kernel, kept, cell), page)
    assert not serve.voilas_own_output(kernel_message(kernel, "stream", asked), page)  # the page's own request
    page_cell = page.msg("execute_request", {"code": "1"})
    assert not serve.voilas_own_output(kernel_message(kernel, "execute_result", page_cell), page)
    assert not serve.voilas_own_output(kernel_message(kernel, "stream", None), page)  # no parent: a log line
    assert not serve.voilas_own_output([b"not json", b"{}"], page)  # unreadable: passed on, never dropped
    as_dict = kernel.msg("display_data", {}, parent=cell)
    assert serve.voilas_own_output(as_dict, page)  # the older websocket protocol's form


@pytest.mark.parametrize("accept, takes", [
    ("gzip, deflate, br, zstd", True), ("br", True), ("BR;q=0.5", True), ("gzip, br; q=1.0", True),
    ("gzip", False), ("", False), ("br;q=0, gzip", False), ("br;q=nonsense", False), ("brotli", False)])
def test_brotli_goes_only_to_a_request_that_takes_it(accept, takes):
    assert serve.accepts_brotli(accept) is takes


def built(folder, name="widgets.js", body=b"console.log('the guide');\n", listed=None):
    """A static folder as frontend/build.mjs leaves it: a file, its copy, and the list naming what it was made from."""
    import hashlib

    (folder / name).write_bytes(body)
    (folder / f"{name}.br").write_bytes(b"the copy")
    listed = hashlib.sha256(body).hexdigest() if listed is None else listed
    (folder / serve.BROTLI_COPIES).write_text(json.dumps({name: listed}))
    return str(folder / name)


def test_a_brotli_copy_is_sent_only_while_it_was_made_from_the_file_as_it_is(tmp_path):
    source = built(tmp_path)
    assert serve.brotli_copy(source) == source + ".br"
    with open(source, "a") as file:  # edited (or rebuilt) since, without a new copy: sent as before
        file.write("// edited\n")
    assert serve.brotli_copy(source) is None


@pytest.mark.parametrize("broken", ["no list", "not json", "other file", "no copy"])
def test_without_a_good_copy_the_file_is_sent_as_before(tmp_path, broken):
    source = built(tmp_path, listed="0" * 64 if broken == "other file" else None)
    if broken == "no list":
        (tmp_path / serve.BROTLI_COPIES).unlink()
    if broken == "not json":
        (tmp_path / serve.BROTLI_COPIES).write_text("{not json")
    if broken == "no copy":
        (tmp_path / "widgets.js.br").unlink()
    assert serve.brotli_copy(source) is None
    assert serve.brotli_copy(str(tmp_path / "missing.js")) is None


def test_the_committed_brotli_copies_are_of_the_committed_build():
    import brotli  # Google's own decoder, not the build's encoder

    static = page_template.SOURCE / "static"
    for name in ("widgets.js", "widgets.css"):
        assert serve.brotli_copy(str(static / name)) == str(static / name) + ".br", f"run `make frontend` ({name})"
        assert brotli.decompress((static / f"{name}.br").read_bytes()) == (static / name).read_bytes()


def test_a_copy_removed_or_listed_after_its_file_is_noticed(tmp_path):
    """A build writes the file first and the list last; a copy can be removed while the server runs."""
    source = built(tmp_path)
    (tmp_path / serve.BROTLI_COPIES).write_text("{}")  # the build has written the file, not yet the list
    assert serve.brotli_copy(source) is None
    built(tmp_path)  # now the list
    assert serve.brotli_copy(source) == source + ".br"
    (tmp_path / "widgets.js.br").unlink()
    assert serve.brotli_copy(source) is None
