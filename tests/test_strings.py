"""The strings files: every key the code asks for exists, placeholders are named, languages match."""
import re
from pathlib import Path

import pytest

from milia_kit import strings
from milia_kit.strings import Strings, StringsError

PACKAGE = Path(strings.__file__).parent
LITERAL_KEY = strings.LITERAL_KEY  # literal keys in code: words.text("a.b"), .get("a.b"), text("a.b", x=...)


def used_keys():
    for path in sorted(PACKAGE.rglob("*.py")):
        for key in LITERAL_KEY.findall(path.read_text()):
            yield path.name, key


def test_the_code_asks_for_some_keys():
    assert len(list(used_keys())) > 30


@pytest.mark.parametrize("lang", strings.available_languages())
def test_every_literal_key_used_in_code_exists(lang):
    words = strings.load(lang)
    missing = [(f, k) for f, k in used_keys() if "{" not in k and not words.has(k)]
    assert not missing


@pytest.mark.parametrize("lang", strings.available_languages())
def test_every_templated_key_exists_for_each_of_its_values(lang):
    """Keys built from a value (f"pocket.opening_{stage}") exist for every value the code can produce."""
    from milia_kit import drawing, model, visit

    words = strings.load(lang)
    expanded = {
        "steps.{step}.title": [f"steps.{s}.title" for s in visit.STEPS],
        "steps.{step}.nav": [f"steps.{s}.nav" for s in visit.STEPS],
        "steps.{step}.message.text": [f"steps.{s}.message.text" for s in visit.STEPS],
        "pocket.opening_{stage}": [f"pocket.opening_{s}" for s in ("closed", "wearing", "open", "cleared")],
        "pocket.contents_{word}": [f"pocket.contents_{w}" for w in ("soft", "firmer", "firm", "gone")],
        "pocket.skin_{skin}": [f"pocket.skin_{s}" for s in model.SKINS],
        "pocket.tone_{tone}": [f"pocket.tone_{t}" for t in drawing.TONES],
        "app.mode_{mode}": [f"app.mode_{m}" for m in visit.MODES],
    }
    missing = [k for keys in expanded.values() for k in keys if not words.has(k)]
    assert not missing


def test_a_missing_key_fails_loudly_naming_key_and_file():
    with pytest.raises(StringsError) as error:
        strings.load("en").text("app.no_such_key")
    assert "app.no_such_key" in str(error.value) and "en.yml" in str(error.value)


def test_a_missing_placeholder_value_fails_loudly():
    with pytest.raises(StringsError, match="current"):
        strings.load("en").text("app.progress", total=8)


def test_placeholders_are_filled_by_name():
    assert strings.load("en").text("app.progress", current=2, total=8) == "Step 2 of 8"


def test_a_language_file_with_different_keys_is_refused_at_load(tmp_path, monkeypatch):
    english = (strings.paths.STRINGS / "en.yml").read_text()
    (tmp_path / "en.yml").write_text(english)
    (tmp_path / "xx.yml").write_text(english.replace('  back: "Back"\n', "").replace("{current}", "{now}"))
    reference, other = Strings("en", folder=tmp_path), Strings("xx", folder=tmp_path)
    problems = strings.compare(reference, other)
    assert "missing key app.back" in problems
    assert any("placeholders differ at app.progress" in p for p in problems)


def test_no_strings_file_for_a_language_is_a_clear_error():
    with pytest.raises(StringsError, match="No strings file"):
        Strings("zz")


def test_english_comes_first_among_available_languages():
    assert strings.available_languages()[0] == "en"


def test_no_parent_facing_prose_in_python_or_notebooks():
    """Sentences shown to parents live in assets/strings; code holds keys. Docstrings/comments are fine."""
    import ast
    import json

    sentence = re.compile(r"^[A-Z][a-z]+( [a-z']+){4,}[.!?]$")  # a capitalised sentence of 5+ words
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "serve.py":  # console messages for the clinic's staff, not the page
            continue
        tree = ast.parse(path.read_text())
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if sentence.match(node.value.strip()):
                    offenders.append((path.name, node.value))
    for nb in (PACKAGE.parent / "notebooks").glob("*.ipynb"):
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] == "code":
                code = "".join(cell["source"])
                offenders += [(nb.name, s) for s in re.findall(r"[\"']([^\"']{40,})[\"']", code)]
    assert not offenders


# The one soap advice, as issue 13 words it; a parent reads the same advice on every step and in the quiz.
SOAP_ADVICE = {"en": ("soap", "Use a mild baby soap with no fragrance, or just water."),
               "es": ("jabón", "Use un jabón de bebé suave y sin fragancia, o solo agua.")}


def _leaves(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("lang", sorted(SOAP_ADVICE))
def test_every_piece_of_soap_advice_is_the_same_advice(lang):
    word, advice = SOAP_ADVICE[lang]
    tree = strings.load(lang).tree
    # advice: the steps' words and the quiz's explanations (not its answer choices, the article's view for
    # clinicians, or the label checker's question)
    advising = [(path, text) for path, text in _leaves({"steps": tree["steps"], "quiz": tree["quiz"]["questions"]})
                if word in text.lower() and (path.startswith("steps.") or path.endswith((".right.text", ".not_yet.text")))]
    assert len(advising) >= 4, advising
    for path, text in advising:
        assert advice in text, path
