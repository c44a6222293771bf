"""The page's front end (frontend/ built into the template's static folder): the committed build matches its
sources, holds no address of another host, and loads only what the guide needs."""
import hashlib
import re

import pytest

from milia_kit.paths import ROOT

FRONTEND = ROOT / "frontend"
STATIC = ROOT / "assets" / "jupyter" / "voila" / "templates" / "milia" / "static"
BUILT = [STATIC / "connect.js", STATIC / "widgets.js", STATIC / "widgets.css"]


def sources_hash() -> str:
    """The hash build.mjs stamps on its output, computed the same way."""
    files = ["package-lock.json", "build.mjs", *sorted(f"src/{p.name}" for p in (FRONTEND / "src").iterdir())]
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((FRONTEND / name).read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("built", BUILT, ids=lambda p: p.name)
def test_the_committed_build_is_from_the_current_sources(built):
    stamp = re.match(r"/\* milia guide page front end, built from frontend/ \(sources sha256 ([0-9a-f]{64})\) \*/",
                     built.read_text(encoding="utf-8"))
    assert stamp, f"{built.name} was not built by frontend/build.mjs"
    assert stamp.group(1) == sources_hash(), "frontend/ changed since the build: run `make frontend` and commit"


def test_the_styles_fetch_nothing_but_their_own_data():
    css = (STATIC / "widgets.css").read_text(encoding="utf-8")
    addresses = re.findall(r"""url\(\s*["']?([^"')\s]+)""", css)
    assert addresses and all(a.startswith("data:") for a in addresses), [a for a in addresses if not a.startswith("data:")]


def test_the_script_names_no_content_host():
    # Links in library error messages are fine (never fetched; the browser tests block and record any request
    # to another host); a content delivery host would mean a script or font fetched from outside.
    js = (STATIC / "widgets.js").read_text(encoding="utf-8")
    for host in ("cdn.jsdelivr", "unpkg.com", "fonts.googleapis", "fonts.gstatic", "cdnjs", "cdn.mathjax"):
        assert host not in js.lower()


def test_the_build_stays_small():
    # Voila's own front end is about 5 MB of JavaScript; the point of this one is to be a fraction of that.
    assert (STATIC / "widgets.js").stat().st_size < 1_000_000


def test_dependencies_are_pinned_exactly():
    import json

    package = json.loads((FRONTEND / "package.json").read_text())
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version}: pin an exact version"
    assert (FRONTEND / "package-lock.json").exists()
