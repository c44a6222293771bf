"""The "how to wash" picture (milia_kit/washing_drawing.py): one valid SVG of three captioned panels for every skin
tone, a title and a full text alternative in each language, unique ids, the same output for the same input,
outlines that show on the paper whatever the tone, and a "no squeezing" sign that is a shape, not only a colour.

The words are the real strings (assets/strings/<lang>.yml, section `washing`). Spanish is read with
`strings.Strings("es")`, which does not compare the whole file with English (tests/test_spanish.py does that).
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from milia_kit import drawing, paths, strings
from milia_kit.lookalike_drawing import LOOKS
from milia_kit.washing_drawing import NO, PANEL_FILL, PANELS, VIEW_HEIGHT, VIEW_WIDTH, describe, washing_svg

SVG = "{http://www.w3.org/2000/svg}"
TONES = list(drawing.TONES)
LANGS = ["en", "es"]
ORDER = ("wash", "pat_dry", "hands_off")  # the order a parent does them in
KEYS = {"title", "description", "sources", *ORDER}
# what makes an outline element match the skin-coloured shape it outlines: everything but its paint
PAINT = {"fill", "stroke", "stroke-width", "stroke-linejoin", "fill-opacity", "opacity"}


@pytest.fixture(scope="module", params=LANGS)
def words(request):
    return strings.Strings(request.param)


@pytest.fixture(scope="module")
def english():
    return strings.Strings("en")


def panels(root) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "mk-washing-panel" in (g.get("class") or "").split()]


def texts(node) -> str:
    return " ".join(" ".join(t.itertext()) for t in node.iter(f"{SVG}text"))


# --- Valid, labelled, one per tone -------------------------------------------------------------------------

@pytest.mark.parametrize("tone", TONES)
def test_every_tone_gives_valid_svg_with_title_and_description(words, tone):
    svg = washing_svg(words, tone)
    root = ET.fromstring(svg)  # parses: well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "mk-figure" in root.get("class").split()  # the page's style scales it to the column's width
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == words.text("washing.title")
    assert desc.text == words.text("washing.description") == describe(words)
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox") == f"0 0 {VIEW_WIDTH} {VIEW_HEIGHT}" and VIEW_WIDTH >= 3 * drawing.WIDTH * 0.85
    assert f'fill="{drawing.TONES[tone].surface}"' in svg  # the baby's face and the hands in the chosen tone


def test_the_words_differ_between_languages():
    en, es = strings.Strings("en"), strings.Strings("es")
    for key in KEYS - {"sources"}:
        assert en.text(f"washing.{key}") != es.text(f"washing.{key}"), key
    assert washing_svg(en) != washing_svg(es)


def test_three_panels_side_by_side_each_with_its_caption_in_order(words):
    root = ET.fromstring(washing_svg(words))
    found = panels(root)
    assert len(found) == 3
    offsets = [float(re.match(r"translate\(([\d.]+) ", g.get("transform")).group(1)) for g in found]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3  # left to right, not stacked
    assert PANELS == ORDER
    for number, (panel, key) in enumerate(zip(found, ORDER), start=1):
        caption = words.text(f"washing.{key}")
        assert " ".join(texts(panel).split()[1:]) == caption  # its number, then its caption
        assert texts(panel).split()[0] == str(number)
        assert f"mk-washing-{key.replace('_', '-')}" in panel.get("class").split()


@pytest.mark.parametrize("lang", LANGS)
def test_captions_are_short(lang):
    words = strings.Strings(lang)
    for key in ORDER:
        assert 2 <= len(words.text(f"washing.{key}").split()) <= 4, key


# --- Colours and shapes ------------------------------------------------------------------------------------

def _geometry(element: ET.Element) -> tuple:
    return element.tag, tuple(sorted((k, v) for k, v in element.attrib.items() if k not in PAINT))


@pytest.mark.parametrize("tone", TONES)
def test_every_skin_coloured_shape_has_a_dark_outline_that_shows_on_the_paper(english, tone):
    skin = drawing.TONES[tone].surface
    assert drawing.contrast(drawing.INK, drawing.PAPER) >= 3 and drawing.contrast(drawing.INK, PANEL_FILL) >= 3
    root = ET.fromstring(washing_svg(english, tone))
    outlined = {_geometry(e) for e in root.iter() if e.get("stroke") == drawing.INK and float(e.get("stroke-width", 0)) >= 4}
    skin_shapes = [e for e in root.iter() if e.get("fill") == skin]
    assert len(skin_shapes) >= 3 * 3 + 2 * 6 + 8  # three heads (with ears), two hands in full, the raised hand, the pinch
    missing = [ET.tostring(e, encoding="unicode") for e in skin_shapes if _geometry(e) not in outlined]
    assert not missing, missing


@pytest.mark.parametrize("tone", TONES)
def test_the_no_squeezing_sign_is_a_circle_with_a_slash_over_pinching_fingers(english, tone):
    root = ET.fromstring(washing_svg(english, tone))
    signs = [g for g in root.iter(f"{SVG}g") if g.get("class") == "mk-washing-no"]
    assert len(signs) == 1
    sign = signs[0]
    assert sign in list(panels(root)[2].iter(f"{SVG}g"))  # in the "hands off" panel
    ring = [c for c in sign.iter(f"{SVG}circle") if c.get("stroke") == NO]
    slash = [line for line in sign.iter(f"{SVG}line") if line.get("stroke") == NO]
    assert len(ring) == 1 and len(slash) == 1
    r = float(ring[0].get("r"))
    x1, y1, x2, y2 = (float(slash[0].get(k)) for k in ("x1", "y1", "x2", "y2"))
    cx, cy = float(ring[0].get("cx")), float(ring[0].get("cy"))
    assert math.isclose(math.hypot(x2 - x1, y2 - y1), 2 * r, rel_tol=0.02)  # the slash runs across the whole circle
    assert math.isclose((x1 + x2) / 2, cx, abs_tol=0.5) and math.isclose((y1 + y2) / 2, cy, abs_tol=0.5)
    assert float(ring[0].get("stroke-width")) >= 5 and float(slash[0].get("stroke-width")) >= 5
    assert drawing.contrast(NO, drawing.PILL) >= 3 and drawing.contrast(NO, PANEL_FILL) >= 3
    fingers = [e for e in sign.iter() if e.get("fill") == drawing.TONES[tone].surface]
    assert len(fingers) == 2  # a finger and a thumb, pinching
    assert any(c.get("fill") == drawing.CONTENTS for c in sign.iter(f"{SVG}circle"))  # the bump they pinch


@pytest.mark.parametrize("tone", TONES)
def test_milia_only_in_the_hands_off_panel_and_with_no_redness(english, tone):
    root = ET.fromstring(washing_svg(english, tone))
    wash, pat, hands_off = panels(root)

    def dots(panel):
        return [c for c in panel.iter(f"{SVG}circle") if c.get("fill") == drawing.CONTENTS]

    assert not dots(wash) and not dots(pat)
    assert len(dots(hands_off)) >= 6
    assert all(c.get("stroke") == LOOKS[tone].rim for c in dots(hands_off) if c.get("stroke") != drawing.INK)
    svg = washing_svg(english, tone)
    assert LOOKS[tone].inflamed not in svg and LOOKS[tone].bump_red not in svg


# --- The words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_washing_words_come_right_after_the_pocket_in_each_file(lang):
    tree = yaml.safe_load((paths.STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))
    top = list(tree)
    assert top.index("washing") == top.index("pocket") + 1
    assert set(tree["washing"]) == KEYS


def test_the_description_names_sources_that_exist():
    known = {s["id"] for s in yaml.safe_load((paths.ASSETS / "sources.yml").read_text(encoding="utf-8"))["sources"]}
    for lang in LANGS:
        cited = strings.Strings(lang).get("washing.sources")
        assert cited and set(cited) <= known


def test_the_description_tells_all_three_steps(english):
    text = english.text("washing.description").lower()
    assert "wash" in text and "gently" in text and "pat" in text and "dry" in text and "squeeze" in text
    spanish = strings.Strings("es").text("washing.description").lower()
    assert "lávela" in spanish and "séquela" in spanish and "apriete" in spanish


def test_the_english_words_read_at_grade_6_or_below(english):
    from test_readability import MAX_GRADE, _sentence, fk_grade

    text = " ".join(_sentence(english.text(f"washing.{key}")) for key in ("title", "description"))
    assert fk_grade(text) <= MAX_GRADE


def test_the_spanish_words_read_easily():
    import textstat

    from test_spanish import OTHER_MIN, join_units

    spanish = strings.Strings("es")
    previous = getattr(textstat.textstat, "_textstatistics__lang", "en_US")
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(join_units([spanish.text("washing.description")]))
    finally:
        textstat.set_lang(previous)
    assert score >= OTHER_MIN
