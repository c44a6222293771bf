"""The "where milia usually are" picture (milia_kit/face_drawing.py): one valid SVG of a baby's face for every
skin tone, a title and a full text alternative in each language, milia mostly on the nose (then the cheeks and
chin, a few on the forehead) that show on every tone, three labels that point at them, a caption, no redness,
unique ids, the same output for the same input, and words large enough to read on a printed handout.

The words are the real strings (assets/strings/<lang>.yml, section `face`). Spanish is read with
`strings.Strings("es")`, which does not compare the whole file with English (tests/test_spanish.py does that).
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from milia_kit import drawing, paths, strings
from milia_kit.face_drawing import (CAPTION_SIZE, CX, CY, LABELS, RX, RY, VIEW_WIDTH, describe, face_svg, printed_pt,
                                    view_height)
from milia_kit.lookalike_drawing import LOOKS
from milia_kit.washing_drawing import NO

SVG = "{http://www.w3.org/2000/svg}"
TONES = list(drawing.TONES)
LANGS = ["en", "es"]
KEYS = {"title", "description", "caption", "sources", "labels"}
EIGHT_CM = 8 / 2.54 * 72  # points
# red colours the kit draws elsewhere: none of them belongs on a face with milia
REDS = {c for look in LOOKS.values() for c in (look.inflamed, look.bump_red, look.mucosa, look.gum)} \
    | {NO, drawing.MATCH[1]}
PAINT = {"fill", "stroke", "stroke-width", "stroke-linejoin", "fill-opacity", "opacity"}


@pytest.fixture(scope="module", params=LANGS)
def words(request):
    return strings.Strings(request.param)


@pytest.fixture(scope="module")
def english():
    return strings.Strings("en")


def texts(node) -> str:
    return " ".join(" ".join(t.itertext()) for t in node.iter(f"{SVG}text"))


def milia(root) -> dict[str, list[ET.Element]]:
    """The milia dots of each place (nose, cheeks, chin, forehead)."""
    found: dict[str, list[ET.Element]] = {}
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if "mk-face-milia" in classes:
            place = next(c[len("mk-face-"):] for c in classes if c != "mk-face-milia")
            found.setdefault(place, []).extend(g.iter(f"{SVG}circle"))
    return found


def labels(root) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "mk-label"]


# --- Valid, labelled, one per tone -------------------------------------------------------------------------

@pytest.mark.parametrize("tone", TONES)
def test_every_tone_gives_valid_svg_with_title_and_description(words, tone):
    svg = face_svg(words, tone)
    root = ET.fromstring(svg)  # parses: well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "mk-figure" in root.get("class").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == words.text("face.title")
    assert desc.text == words.text("face.description") == describe(words)
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox") == f"0 0 {VIEW_WIDTH} {view_height(words)}"
    assert f'fill="{drawing.TONES[tone].surface}"' in svg  # the baby's face in the chosen tone


def test_the_words_differ_between_languages():
    en, es = strings.Strings("en"), strings.Strings("es")
    for key in ("title", "description", "caption", "labels.nose", "labels.cheeks", "labels.chin"):
        assert en.text(f"face.{key}") != es.text(f"face.{key}"), key
    assert face_svg(en) != face_svg(es)


def test_the_caption_is_under_the_face(words):
    root = ET.fromstring(face_svg(words))
    [caption] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "mk-face-caption"]
    assert texts(caption) == words.text("face.caption")
    assert 1 <= len(list(caption.iter(f"{SVG}text"))) <= 3
    assert min(float(t.get("y")) for t in caption.iter(f"{SVG}text")) > CY + RY + CAPTION_SIZE  # below the chin
    assert max(float(t.get("y")) for t in caption.iter(f"{SVG}text")) < view_height(words)
    assert all(drawing.text_width(" ".join(t.itertext()), CAPTION_SIZE) <= VIEW_WIDTH - 20
               for t in caption.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_caption_names_the_three_labelled_places(lang):
    words = strings.Strings(lang)
    caption = words.text("face.caption").lower()
    assert all(words.text(f"face.labels.{key}").lower() in caption for key in LABELS)


def test_three_labels_each_pointing_at_milia_in_its_place(words):
    root = ET.fromstring(face_svg(words))
    found = labels(root)
    assert [texts(g) for g in found] == [words.text(f"face.labels.{key}") for key in LABELS]
    dots = milia(root)
    for g, key in zip(found, LABELS):
        line = g.find(f"{SVG}line")
        x, y = float(line.get("x2")), float(line.get("y2"))
        assert ((x - CX) / RX) ** 2 + ((y - CY) / RY) ** 2 < 1, key  # on the face
        nearest = min(math.hypot(x - float(c.get("cx")), y - float(c.get("cy"))) for c in dots[key])
        assert nearest <= 6, (key, nearest)  # at a milium of that place


# --- The milia ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tone", TONES)
def test_many_milia_mostly_on_the_nose_then_cheeks_and_chin_a_few_on_the_forehead(english, tone):
    root = ET.fromstring(face_svg(english, tone))
    dots = milia(root)
    assert set(dots) == {"nose", "cheeks", "chin", "forehead"}
    count = {place: len(found) for place, found in dots.items()}
    assert sum(count.values()) >= 30
    assert count["nose"] > max(count["chin"], count["forehead"]) and count["nose"] >= count["cheeks"] / 2  # two cheeks
    assert 1 <= count["forehead"] <= 6 and count["chin"] >= 3 and count["cheeks"] >= 8
    for found in dots.values():
        for c in found:
            x, y, r = (float(c.get(k)) for k in ("cx", "cy", "r"))
            assert ((x - CX) / RX) ** 2 + ((y - CY) / RY) ** 2 < 1  # on the face
            assert 2 <= r <= 4  # tiny, like a pinhead
            assert c.get("fill") == drawing.CONTENTS and c.get("stroke") == LOOKS[tone].rim


@pytest.mark.parametrize("tone", TONES)
def test_the_milia_show_on_every_tone(tone):
    skin, rim = drawing.TONES[tone].surface, LOOKS[tone].rim
    # the white dot or its thin darker rim stands out from the skin, and the rim from the dot
    assert max(drawing.contrast(drawing.CONTENTS, skin), drawing.contrast(rim, skin)) >= 3, tone
    assert drawing.contrast(rim, drawing.CONTENTS) >= 3


@pytest.mark.parametrize("tone", TONES)
def test_no_redness_anywhere(english, tone):
    svg = face_svg(english, tone)
    colours = {c.lower() for c in re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg)}
    assert not colours & {c.lower() for c in REDS}
    # the only colours are the skin and its light, the milia, the hat and onesie, outlines, labels and the hair;
    # not the skin's pinker lining, which around the nose of light skin would look like redness
    skin = drawing.TONES[tone]
    allowed = {skin.surface, skin.deeper, LOOKS[tone].rim, LOOKS[tone].hair, drawing.CONTENTS, drawing.INK,
               drawing.PAPER, drawing.PILL}
    from milia_kit import face_drawing

    allowed |= {face_drawing.HAT, face_drawing.HAT_STRIPE, face_drawing.ONESIE}
    assert colours <= {c.lower() for c in allowed}, colours - {c.lower() for c in allowed}


def _geometry(element: ET.Element) -> tuple:
    return element.tag, tuple(sorted((k, v) for k, v in element.attrib.items() if k not in PAINT))


@pytest.mark.parametrize("tone", TONES)
def test_the_face_and_ears_have_a_dark_outline_that_shows_on_the_paper(english, tone):
    skin = drawing.TONES[tone].surface
    root = ET.fromstring(face_svg(english, tone))
    outlined = {_geometry(e) for e in root.iter() if e.get("stroke") == drawing.INK and float(e.get("stroke-width", 0)) >= 4}
    shapes = [e for e in root.iter() if e.get("fill") == skin]
    assert len(shapes) == 3  # the face and two ears
    assert all(_geometry(e) in outlined for e in shapes)
    assert drawing.contrast(drawing.INK, drawing.PAPER) >= 3


# --- Print size --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_word_prints_at_9_pt_or_more_at_8_cm_wide(lang):
    assert printed_pt(16) == pytest.approx(16 * EIGHT_CM / VIEW_WIDTH) and printed_pt(16) >= 9
    root = ET.fromstring(face_svg(strings.Strings(lang)))
    sizes = [float(re.search(r"font-size:([\d.]+)px", t.get("style")).group(1)) for t in root.iter(f"{SVG}text")]
    assert len(sizes) >= 4 and min(sizes) * EIGHT_CM / VIEW_WIDTH >= 9


# --- The words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_face_words_come_right_after_the_glass_test_in_each_file(lang):
    tree = yaml.safe_load((paths.STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))
    top = list(tree)
    assert top.index("face") == top.index("glass_test") + 1
    assert set(tree["face"]) == KEYS and set(tree["face"]["labels"]) == set(LABELS)


def test_the_description_names_sources_that_exist():
    known = {s["id"] for s in yaml.safe_load((paths.ASSETS / "sources.yml").read_text(encoding="utf-8"))["sources"]}
    for lang in LANGS:
        cited = strings.Strings(lang).get("face.sources")
        assert cited == ["mayo-milia", "medlineplus-milia"] and set(cited) <= known


def test_the_description_says_where_and_no_redness(english):
    text = english.text("face.description").lower()
    assert all(place in text for place in ("nose", "cheeks", "chin", "forehead")) and "not red" in text
    spanish = strings.Strings("es").text("face.description").lower()
    assert all(place in spanish for place in ("nariz", "mejillas", "barbilla", "frente")) and "no está roja" in spanish


def test_the_english_words_read_at_grade_6_or_below(english):
    from test_readability import MAX_GRADE, _sentence, fk_grade

    text = " ".join(_sentence(english.text(f"face.{key}")) for key in ("title", "description", "caption"))
    assert fk_grade(text) <= MAX_GRADE


def test_the_spanish_words_read_easily():
    import textstat

    from test_spanish import OTHER_MIN, join_units

    spanish = strings.Strings("es")
    previous = getattr(textstat.textstat, "_textstatistics__lang", "en_US")
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(join_units([spanish.text(f"face.{key}") for key in ("description", "caption")]))
    finally:
        textstat.set_lang(previous)
    assert score >= OTHER_MIN


@pytest.mark.parametrize("tone", TONES)
def test_without_the_caption_the_face_and_labels_stay(words, tone):
    """For the printed handout, which sets the caption as its own text under the picture."""
    full, bare = ET.fromstring(face_svg(words, tone)), ET.fromstring(face_svg(words, tone, caption=False))
    assert not [g for g in bare.iter(f"{SVG}g") if g.get("class") == "mk-face-caption"]
    assert [texts(g) for g in labels(bare)] == [texts(g) for g in labels(full)]
    assert {k: len(v) for k, v in milia(bare).items()} == {k: len(v) for k, v in milia(full).items()}
    height = float(bare.get("viewBox").split()[3])
    assert CY + RY < height < view_height(words)  # the whole face and the labels, nothing under them
    assert bare.find(f"{SVG}desc").text == describe(words)


@pytest.mark.parametrize("tone", TONES)
def test_without_labels_the_face_and_its_milia_stay(words, tone):
    """For the printed handout's small face, whose caption (as text) names the places: the pills would print
    under 9 pt there."""
    full, bare = ET.fromstring(face_svg(words, tone)), ET.fromstring(face_svg(words, tone, caption=False, labels=False))
    assert labels(full) and not labels(bare) and not texts(bare).strip()
    assert {k: len(v) for k, v in milia(bare).items()} == {k: len(v) for k, v in milia(full).items()}
    assert bare.find(f"{SVG}desc").text == describe(words)
