"""What every drawing in the parent's skin tone shares (milia_kit/inserts.py DRAWINGS: the washing pictures, the
glass test, the face): ids of its own, the same picture for the same input, each tone its own, and an unknown
tone drawn as the default. Each drawing's own test file checks what it shows."""
import re
from importlib import import_module

import pytest

from milia_kit import drawing, inserts, strings

TONES = list(drawing.TONES)
PREFIXES = {"washing_steps": "mk-washing-", "glass_test": "mk-glass-", "milia_face": "mk-face-"}


def draw_function(name):
    module, function, _css, _captions_as_text = inserts.DRAWINGS[name]
    return getattr(import_module(f"milia_kit.{module}"), function)


@pytest.fixture(scope="module")
def english():
    return strings.load("en")


def test_every_drawing_is_covered():
    assert set(PREFIXES) == set(inserts.DRAWINGS)


@pytest.mark.parametrize("name", sorted(PREFIXES))
@pytest.mark.parametrize("tone", TONES)
def test_ids_are_unique_prefixed_and_every_reference_is_its_own(english, name, tone):
    svg = draw_function(name)(english, tone)
    ids = re.findall(r' id="([^"]+)"', svg)
    assert ids and len(ids) == len(set(ids)) and all(i.startswith(PREFIXES[name]) for i in ids)
    assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= set(ids)


@pytest.mark.parametrize("name", sorted(PREFIXES))
@pytest.mark.parametrize("lang", strings.available_languages())
def test_the_same_input_always_draws_the_same_picture(name, lang):
    words = strings.load(lang)
    for tone in TONES:
        assert draw_function(name)(words, tone) == draw_function(name)(words, tone)


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_each_tone_draws_differently_and_only_in_its_own_skin(english, name):
    draw = draw_function(name)
    assert len({draw(english, tone) for tone in TONES}) == len(TONES)
    for tone in TONES:
        others = {drawing.TONES[t].surface for t in TONES if t != tone}
        assert not any(f'fill="{colour}"' in draw(english, tone) for colour in others)


@pytest.mark.parametrize("name", sorted(PREFIXES))
@pytest.mark.parametrize("tone", [None, "", "<b>", "purple", 7, ["deep"], "DEEP"])
def test_an_unknown_tone_falls_back_to_the_default(english, name, tone):
    assert draw_function(name)(english, tone) == draw_function(name)(english, drawing.DEFAULT_TONE)


SECTIONS = {"washing_steps": "washing", "glass_test": "glass_test", "milia_face": "face"}
HOSTILE = '<script>alert(1)</script> & "Co" <img src=x onerror=alert(1)>'


def _hostile(node):
    """Every word of a strings section made hostile; source ids and the rule table's placeholders kept."""
    if isinstance(node, dict):
        return {key: value if key == "sources" else _hostile(value) for key, value in node.items()}
    return HOSTILE if isinstance(node, str) and not node.startswith("{") else node


@pytest.mark.parametrize("name", sorted(PREFIXES))
def test_words_are_escaped_never_markup(tmp_path, name):
    import xml.etree.ElementTree as ET

    from word_copies import english_tree, words_from

    tree = english_tree()
    tree[SECTIONS[name]] = _hostile(tree[SECTIONS[name]])
    words = words_from(tree, tmp_path)
    svg_ns = "{http://www.w3.org/2000/svg}"
    for tone in TONES:
        svg = draw_function(name)(words, tone)
        root = ET.fromstring(svg)
        assert "<script" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
        assert root.find(f"{svg_ns}title").text == HOSTILE and root.find(f"{svg_ns}desc").text.startswith(HOSTILE)
        assert not list(root.iter(f"{svg_ns}script")) and not list(root.iter(f"{svg_ns}img"))
