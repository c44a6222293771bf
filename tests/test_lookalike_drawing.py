"""The look-alike drawings (milia_kit/lookalike_drawing.py): valid SVG for every condition and skin tone,
a title and description, escaped labels, the same output for the same input, and redness that shows
on every skin tone without relying on colour alone.

The words are the real English strings (`strings.load("en")`, the `lookalikes` section of assets/strings/en.yml);
the escaping test writes a hostile copy of en.yml to a temp folder."""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
import pytest

from milia_kit import drawing, lookalikes, strings
from milia_kit.lookalike_drawing import COLLARETTE, CONDITIONS, LOOKS, PUS, condition_svg, describe
from word_copies import english_tree, words_from

SVG = "{http://www.w3.org/2000/svg}"
TONES = list(drawing.TONES)
RED = ("baby_acne", "erythema_toxicum", "miliaria_rubra", "blisters_first_weeks")  # the ones with redness




@pytest.fixture(scope="module")
def words():
    return strings.load("en")


def texts(svg: str) -> str:
    return " ".join(" ".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text"))


def test_every_condition_in_the_data_has_a_drawing():
    assert set(CONDITIONS) == {c.id for c in lookalikes.load()}


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("condition", CONDITIONS)
def test_every_condition_and_tone_gives_valid_labelled_svg(words, condition, tone):
    svg = condition_svg(condition, words, tone)
    root = ET.fromstring(svg)  # parses: well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == words.text(f"lookalikes.conditions.{condition}.name")
    assert desc.text == words.text(f"lookalikes.drawings.{condition}.desc") == describe(condition, words)
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    shown = texts(svg)
    for label in words.get(f"lookalikes.drawings.{condition}.labels").values():
        assert all(part in shown for part in label.split()), label
    assert drawing.TONES[tone].surface in svg  # the parent's skin tone
    assert root.get("viewBox") == f"0 0 {drawing.WIDTH} {drawing.HEIGHT}"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_ids_are_unique_within_a_page_of_drawings(words, condition):
    ids = re.findall(r' id="([^"]+)"', condition_svg(condition, words, "medium"))
    assert len(ids) == len(set(ids)) and all(i.startswith(f"mk-lookalike-{condition}-") for i in ids)
    for ref in re.findall(r'url\(#([^)]+)\)', condition_svg(condition, words, "medium")):
        assert ref in ids  # every filter and clip it uses is its own


def test_drawing_is_deterministic(words):
    for condition, tone in itertools.product(CONDITIONS, TONES):
        assert condition_svg(condition, words, tone) == condition_svg(condition, words, tone)


def test_different_conditions_and_tones_draw_differently(words):
    for tone in TONES:
        drawn = {condition_svg(c, words, tone) for c in CONDITIONS}
        assert len(drawn) == len(CONDITIONS)
    for condition in CONDITIONS:
        assert len({condition_svg(condition, words, t) for t in TONES}) == len(TONES)
    # beyond the words: the pictures themselves differ
    shapes = {re.sub(r"<title.*?</desc>|<text.*?</text>|mk-lookalike-[a-z_]+", "", condition_svg(c, words, "light"))
              for c in CONDITIONS}
    assert len(shapes) == len(CONDITIONS)


@pytest.mark.parametrize("tone", [None, "", "<b>", "purple", 7, ["deep"], "DEEP"])
def test_an_unknown_tone_falls_back_to_the_default(words, tone):
    assert condition_svg("milia", words, tone) == condition_svg("milia", words, drawing.DEFAULT_TONE)


@pytest.mark.parametrize("condition", ["warts", "", None, 3, "<script>", "milia "])
def test_an_unknown_condition_is_a_clear_error(words, condition):
    with pytest.raises(KeyError, match="No drawing"):
        condition_svg(condition, words)


def test_labels_title_and_description_are_escaped(tmp_path):
    hostile = '<script>alert(1)</script> & "Co" <img src=x onerror=alert(1)>'
    tree = english_tree()
    for condition in CONDITIONS:
        tree["lookalikes"]["conditions"][condition]["name"] = hostile
        tree["lookalikes"]["drawings"][condition]["desc"] = hostile
        for key in tree["lookalikes"]["drawings"][condition]["labels"]:
            tree["lookalikes"]["drawings"][condition]["labels"][key] = hostile
    words = words_from(tree, tmp_path)
    for condition, tone in itertools.product(CONDITIONS, TONES):
        svg = condition_svg(condition, words, tone)
        root = ET.fromstring(svg)
        assert "<script" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
        assert root.find(f"{SVG}title").text == hostile  # shown as text, exactly as written
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}img"))


# --- Colours: redness on every skin tone, and nothing by colour alone --------------------------------------




def test_every_tone_has_a_look():
    assert set(LOOKS) == set(drawing.TONES)


@pytest.mark.parametrize("tone", TONES)
def test_outlines_stand_out_from_the_skin(tone):
    skin, look = drawing.TONES[tone], LOOKS[tone]
    assert drawing.contrast(look.edge, skin.surface) >= 3  # the dashed line around redness (WCAG 1.4.11)
    # a pale bump shows by its rim on light skin, by its own colour on dark skin
    assert max(drawing.contrast(look.rim, skin.surface), drawing.contrast(drawing.CONTENTS, skin.surface)) >= 3


def test_redness_gets_deeper_as_the_skin_gets_darker():
    inflamed = [drawing.luminance(LOOKS[t].inflamed) for t in TONES]
    assert inflamed == sorted(inflamed, reverse=True)
    for tone in TONES:  # always darker than the skin it sits on, so it never disappears into it
        assert drawing.luminance(LOOKS[tone].inflamed) < drawing.luminance(drawing.TONES[tone].surface)
        assert drawing.luminance(LOOKS[tone].bump_red) < drawing.luminance(LOOKS[tone].inflamed)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("condition", RED)
def test_redness_is_drawn_in_the_tones_colour_with_a_dashed_outline_and_a_label(words, condition, tone):
    svg, look = condition_svg(condition, words, tone), LOOKS[tone]
    assert f'fill="{look.inflamed}"' in svg
    assert f'stroke="{look.edge}" stroke-width="1.3" stroke-dasharray="4 4"' in svg
    labels = " ".join(words.get(f"lookalikes.drawings.{condition}.labels").values()).lower()
    assert "red" in labels  # the picture also says it in words


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("condition", sorted(set(CONDITIONS) - set(RED)))
def test_conditions_without_redness_draw_none(words, condition, tone):
    svg = condition_svg(condition, words, tone)
    assert LOOKS[tone].inflamed not in svg and "stroke-dasharray" not in svg


@pytest.mark.parametrize("tone", TONES)
def test_pustular_melanosis_brown_spots_show_on_every_tone(words, tone):
    """Its brown spots are darker than the skin, and either stand out at 3:1 by themselves or have a white ring of
    scale that does (deep brown skin); the ring shows on the spot too. Its pustules are pale yellow, with no red."""
    skin, look = drawing.TONES[tone], LOOKS[tone]
    assert drawing.luminance(look.macule) < drawing.luminance(skin.surface)
    assert max(drawing.contrast(look.macule, skin.surface), drawing.contrast(COLLARETTE, skin.surface)) >= 3
    assert drawing.contrast(COLLARETTE, look.macule) >= 3
    svg = condition_svg("transient_pustular_melanosis", words, tone)
    assert f'fill="{look.macule}"' in svg and f'stroke="{COLLARETTE}"' in svg and f'fill="{PUS}"' in svg
    assert svg.count(f'fill="{look.macule}"') >= 3 and svg.count(f'fill="{PUS}"') >= 3  # several of each
    assert look.inflamed not in svg and look.bump_red not in svg  # no redness around the pustules


def test_pustular_melanosis_brown_gets_deeper_as_the_skin_gets_darker():
    macules = [drawing.luminance(LOOKS[t].macule) for t in TONES]
    assert macules == sorted(macules, reverse=True) and len(set(macules)) == len(TONES)


def test_pustular_melanosis_labels_name_the_pus_bump_and_the_brown_spot(words):
    labels = words.get("lookalikes.drawings.transient_pustular_melanosis.labels")
    assert set(labels) == {"pustule", "spot"}
    assert "pus" in labels["pustule"].lower() and "brown" in labels["spot"].lower()
    shown = texts(condition_svg("transient_pustular_melanosis", words, "deep"))
    assert "pus" in shown and "Brown" in shown


def test_label_text_is_dark_on_white_pills(words):
    svg = condition_svg("baby_acne", words, "deep")
    assert f'fill="{drawing.PILL}"' in svg and f'fill="{drawing.INK}"' in svg
    assert drawing.contrast(drawing.INK, drawing.PILL) >= 4.5
