"""A real Voila serving the guide: the page renders, shows no code or error, and serves nothing it should not."""
import re

import pytest

from milia_kit import strings

pytestmark = pytest.mark.server
WORDS = strings.load("en")


@pytest.fixture(scope="module")
def page(guide_server):
    guide_server.wait_for_full_pool()  # the page a visitor gets from a warm server (other tests used kernels)
    status, headers, body = guide_server.get("/")
    assert status == 200
    return body


def test_the_guide_opens_at_the_root_not_a_file_list(page):
    assert 'id="rendered_cells"' in page and "application/vnd.jupyter.widget-view+json" in page
    assert "voila/tree" not in page and "Select items to perform actions" not in page


PAGE_PROBLEM = re.compile(r'<div id="mk-page-problem" role="alert" hidden>(?:<p class="mk-lang" lang="\w+">[^<]*</p>)+</div>')


def test_no_code_and_no_error_text_on_the_page(page, guide_server):
    for code in ("from milia_kit", "guide.follow_link", "Guide()", "guide.container"):
        assert code not in page
    # The page's own note for a failed start is there, hidden (widgets.js shows it only if the page cannot start).
    assert len(PAGE_PROBLEM.findall(page)) == 1
    page = PAGE_PROBLEM.sub("", page)
    for error in ("There was an error", "Traceback", "StringsError", "show_tracebacks", "did not load"):
        assert error not in page
    outputs = re.findall(r'<script type="application/vnd.voila.cell-output\+json">(.*?)</script>', page, re.S)
    assert outputs, f"no guide output on the page:\n{page[-2000:]}\n--- server log:\n{guide_server.log()[-3000:]}"
    for output in outputs:
        assert '"output_type": "error"' not in output and '"name": "stderr"' not in output


def test_the_page_asks_no_other_host_for_anything(page):
    addresses = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    assert addresses, "the page links its scripts and styles"
    outside = [a for a in addresses if re.match(r"^(https?:)?//", a) and not a.startswith(("http://127.0.0.1", "//127.0.0.1"))]
    assert not outside
    assert "cdn.jsdelivr" not in page and "fonts.googleapis" not in page and "unpkg" not in page


def test_the_guides_own_style_and_script_are_served(guide_server, page):
    for asset in ("static/guide.css", "static/guide.js"):
        assert asset in page
        status, _, body = guide_server.get(f"voila/templates/milia/{asset}")
        assert status == 200 and len(body) > 500


@pytest.mark.parametrize("path", [
    "voila/files/notebooks/guide.ipynb",
    "voila/files/notebooks/GUIDE.IPYNB",
    "voila/files/milia_kit/app.py",
    "voila/files/setup.py",
    "voila/files/assets/strings/en.yml",
    "voila/files/assets/sources.yml",
    "voila/files/voila.json",
    "voila/files/environment.yml",
    "voila/files/pyproject.toml",
    "voila/files/Makefile",
    "voila/files/README.md",
    "voila/files/.env",
    "voila/files/.git/config",
    "voila/files/.ci/run",
    "voila/files/assets/jupyter/voila/templates/milia/index.html.j2",
    "voila/files/../setup.py",
    "voila/files/%2e%2e/setup.py",
    "voila/files/%252e%252e/setup.py",
    "voila/files/..%2fsetup.py",
    "voila/files/handouts/../setup.py",
    "voila/files/handouts/%2e%2e/milia_kit/app.py",
    "voila/files//etc/passwd",
    "voila/files/%2fetc%2fpasswd",
    "voila/files/handouts/..%5c..%5csetup.py",
    "voila/templates/milia/index.html.j2",
    "voila/templates/milia/conf.json",
    "voila/templates/milia/static/../index.html.j2",
    "voila/templates/milia/static/%2e%2e/index.html.j2",
    "static/etc/passwd",
    "voila/static/../../setup.py",
    "notebooks/guide.ipynb",
    "voila/render/notebooks/guide.ipynb",
    "voila/tree",
    "voila/api/contents/notebooks/guide.ipynb",
    "api/contents/notebooks/guide.ipynb",
])
def test_code_data_and_traversal_are_refused(guide_server, path):
    status, _, body = guide_server.get(path)
    assert status != 200 or "guide.container" not in body and "import" not in body, (status, body[:200])
    assert status in (301, 302, 403, 404, 405, 500) or status == 200 and 'id="rendered_cells"' in body
    for secret in ("milia_kit", "def ", "VoilaConfiguration", "dependencies:", "root:", "[core]"):
        assert secret not in body, (path, status, body[:200])


@pytest.mark.parametrize("query", ["?template=lab", "?template=../../../etc", "?theme=dark", "?theme=JupyterLab%20Dark"])
def test_template_and_theme_overrides_are_ignored(guide_server, query):
    status, _, body = guide_server.get("/" + query)
    assert status in (200, 400, 403)
    if status == 200:
        assert "static/guide.css" in body and "cdn.jsdelivr" not in body and "theme-dark" not in body


def test_the_notebook_source_is_not_listed_or_downloadable(guide_server):
    for path in ("voila/api/contents", "voila/api/contents/notebooks"):
        status, _, body = guide_server.get(path)
        assert "guide.container" not in body and '"content": "' not in body


def test_the_guide_raised_nothing_while_serving(guide_server, page):
    """Voila logs tracebacks of its own (a browser leaving mid-message, malformed hostile URLs); the guide, none."""
    log = guide_server.log()
    frames = re.findall(r'File "([^"]+)"', log)
    assert not [f for f in frames if "/milia_kit/" in f]
    assert "StringsError" not in log and "Timeout waiting for IOPub" not in log and "Cell execution timed out" not in log


def test_responses_are_compressed(guide_server):
    """The page's JavaScript is about 5 MB as text; gzip sends about a quarter of it (issue: fast on a phone)."""
    import gzip
    import urllib.request

    page = guide_server.get("/")[2]
    script = re.search(r'src="(/voila/static/[^"]+\.js)"', page) or re.search(r'src="([^"]+\.js[^"]*)"', page)
    assert script
    request = urllib.request.Request(guide_server.url + script.group(1).lstrip("/"), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        assert response.headers.get("Content-Encoding") == "gzip"
    assert len(gzip.decompress(body)) > 2 * len(body)


def test_a_static_files_brotli_copy_goes_only_to_browsers_that_take_it_and_is_never_served_itself(guide_server):
    """serve.OnlyStaticFiles: gzip for a client that does not take Brotli, with `Vary` so that no cache hands one
    answer to the other; the copies and their list are not addresses of their own."""
    import urllib.error
    import urllib.request

    static = guide_server.url + "voila/templates/milia/static/"
    for accept, encoding in (("gzip", "gzip"), ("br, gzip", "br")):
        request = urllib.request.Request(static + "widgets.js", headers={"Accept-Encoding": accept})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers.get("Content-Encoding") == encoding
            assert "Accept-Encoding" in response.headers.get("Vary", "")
            assert response.headers.get("Content-Type", "").startswith(("text/javascript", "application/javascript"))
    for name in ("widgets.js.br", "widgets.css.br", "compressed.json"):
        status = guide_server.get("voila/templates/milia/static/" + name)[0]
        assert status == 404, name


def test_kernel_messages_are_compressed(guide_server):
    """Every widget's state (115 KB of JSON) must reach a phone before its first control works: the kernel's
    websocket agrees to permessage-deflate when the browser asks for it, as every browser does."""
    from tornado.websocket import websocket_connect

    from conftest import run_async

    kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', guide_server.get("/")[2]).group(1)
    url = guide_server.url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"

    async def extensions(compression):
        socket = await websocket_connect(url, compression_options=compression)
        try:
            return socket.headers.get("Sec-WebSocket-Extensions", "")
        finally:
            socket.close()

    assert run_async(extensions({})).startswith("permessage-deflate")
    assert run_async(extensions(None)) == ""  # a client that does not ask gets plain messages


@pytest.mark.parametrize("path", [
    "voila/templates/milia/index.html.j2",
    "voila/templates/milia/conf.json",
    "voila/templates/lab/index.html.j2",
    "voila/templates/nonexistent/x.js",
    "voila/templates/nonexistent/static/x.js",
    "voila/templates/milia/../milia/static/guide.css",
    "voila/templates/milia/static/../../milia/conf.json",
    "voila/templates/milia/static/nothere.js",
    "voila/templates/%2E%2E/static/x.js",
    "voila/templates/milia/static/%2E%2E/%2E%2E/milia/conf.json",
    "voila/templates/milia/static//guide.js",
])
def test_template_addresses_that_are_not_static_files_are_not_found_and_log_no_error(guide_server, path):
    before = guide_server.log().count("Traceback")
    status, _, body = guide_server.get(path)
    assert status == 404, (status, body[:200])
    assert "{%" not in body and "base_template" not in body  # no template source, ever
    assert guide_server.log().count("Traceback") == before
