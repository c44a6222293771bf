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
    """Voila's own front end is about 5 MB of JavaScript; this one carries only the controls the guide uses (src/
    controls.js), two Lumino classes (src/lumino-widgets.js) and no jQuery (src/no-jquery.js). Measured on the
    commit that cut it: 243 KB, 72 KB gzipped (it was 553 KB, 158 KB): about 0.4 s on a phone's 1.6 Mbit/s."""
    import gzip

    script = (STATIC / "widgets.js").read_bytes()
    assert len(script) < 300_000 and len(gzip.compress(script, 6)) < 90_000, (len(script), len(gzip.compress(script, 6)))


def widgets_the_guide_makes() -> set[tuple[str, str]]:
    """(module, name) of every widget model and view the guide's kernel makes: the widget classes named in
    milia_kit's code, and every widget alive after a guide has been through every step in both modes and languages."""
    import ipywidgets
    from ipywidgets.widgets import widget

    from milia_kit.app import Guide
    from milia_kit.visit import STEPS

    names = set()
    for path in (ROOT / "milia_kit").rglob("*.py"):
        for name in re.findall(r"\bwidgets\.([A-Z]\w+)\(", path.read_text(encoding="utf-8")):
            cls = getattr(ipywidgets, name)
            names |= {(cls._model_module.default_value, cls._model_name.default_value),
                      (cls._view_module.default_value, cls._view_name.default_value)}
    guide = Guide()
    for mode in ("clinician", "self"):
        guide.visit.mode = mode
        for lang in ("es", "en"):
            guide.visit.lang = lang
            for step in STEPS:
                guide.visit.step = step
    for alive in list(widget._instances.values()):
        names |= {(alive._model_module, alive._model_name), (alive._view_module, alive._view_name)}
    return {(module, name) for module, name in names if name}


def test_the_page_has_every_control_the_guide_makes():
    """The page carries only the controls the guide uses (src/controls.js): one it lacks would leave a step with a
    problem note where its control should be."""
    script = (STATIC / "widgets.js").read_text(encoding="utf-8")
    made = widgets_the_guide_makes()
    assert {("@jupyter-widgets/controls", "IntSliderView"), ("@jupyter-widgets/base", "LayoutModel")} <= made
    # the bundle's export maps name each class the page can make: `IntSliderView:()=>...` (esbuild's form)
    missing = sorted(name for module, name in made if not re.search(rf"\b{name}:\(\)=>", script))
    assert not missing, f"add their modules to frontend/src/controls.js and rebuild: {missing}"
    assert not re.search(r"\bAudioModel:\(\)=>", script)  # and what it does not use stays out


def test_the_kernel_client_written_into_the_page_holds_nothing_jinja_would_read():
    """index.html.j2 includes connect.js through Jinja, which would read `{{`, `{%` or `{#` in it as its own."""
    script = (STATIC / "connect.js").read_text(encoding="utf-8")
    assert not re.search(r"\{[{%#]", script)
    assert "{% include \"static/connect.js\" %}" in (STATIC.parent / "index.html.j2").read_text(encoding="utf-8")


def test_dependencies_are_pinned_exactly():
    import json

    package = json.loads((FRONTEND / "package.json").read_text())
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version}: pin an exact version"
    assert (FRONTEND / "package-lock.json").exists()
