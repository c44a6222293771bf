"""The glass test picture (milia_kit/glass_test_drawing.py): one valid SVG of two captioned panels for every skin
tone, a title and a full text alternative in each language, what to do read from the rule table (never written
twice), unique ids, the same output for the same input, spots that show on every tone (through the glass), a
warning marker that is a shape, not only a colour, and words large enough to read on a printed handout.

The words are the real strings (assets/strings/<lang>.yml, section `glass_test`). Spanish is read with
`strings.Strings("es")`, which does not compare the whole file with English (tests/test_spanish.py does that).
"""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from milia_kit import drawing, paths, red_flags, strings
from milia_kit.glass_test_drawing import (GLASS_TINT_OPACITY, PANELS, RULES, SPOTS, TEXT_SIZE, VIEW_WIDTH, WARNING,
                                          describe, glass_test_svg, printed_pt, seen_through_glass, view_height)
from milia_kit.red_flags import Level

SVG = "{http://www.w3.org/2000/svg}"
TONES = list(drawing.TONES)
LANGS = ["en", "es"]
ORDER = ("press", "still_seen")  # what a parent does, then what it means
KEYS = {"title", "description", "dark_skin_note", "sources", *ORDER}
EIGHT_CM = 8 / 2.54 * 72  # points


@pytest.fixture(scope="module", params=LANGS)
def words(request):
    return strings.Strings(request.param)


@pytest.fixture(scope="module")
def english():
    return strings.Strings("en")


def panels(root) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "mk-glass-panel" in (g.get("class") or "").split()]


def texts(node) -> str:
    return " ".join(" ".join(t.itertext()) for t in node.iter(f"{SVG}text"))


def by_class(node, name: str) -> list[ET.Element]:
    return [e for e in node.iter() if name in (e.get("class") or "").split()]


def note(words) -> str:
    return words.text("glass_test.dark_skin_note", dark_skin=words.text("red_flags.dark_skin"))


# --- Valid, labelled, one per tone -------------------------------------------------------------------------

@pytest.mark.parametrize("tone", TONES)
def test_every_tone_gives_valid_svg_with_title_and_description(words, tone):
    svg = glass_test_svg(words, tone)
    root = ET.fromstring(svg)  # parses: well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "mk-figure" in root.get("class").split()  # the page's style scales it to the column's width
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == words.text("glass_test.title")
    assert desc.text == describe(words) and desc.text.startswith(words.get("glass_test.description").split(":")[0])
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox") == f"0 0 {VIEW_WIDTH} {view_height(words)}" and VIEW_WIDTH >= 2 * drawing.WIDTH * 0.75
    assert f'fill="{drawing.TONES[tone].surface}"' in svg  # the baby's skin in the chosen tone


def test_the_words_differ_between_languages():
    en, es = strings.Strings("en"), strings.Strings("es")
    for key in KEYS - {"sources", "dark_skin_note"}:  # the note is only {dark_skin}: its words are the table's
        assert en.text(f"glass_test.{key}", with_fever="x", without_fever="y") != \
            es.text(f"glass_test.{key}", with_fever="x", without_fever="y"), key
    assert note(en) != note(es)
    assert glass_test_svg(en) != glass_test_svg(es)


def test_two_panels_side_by_side_each_with_its_caption_in_order(words):
    root = ET.fromstring(glass_test_svg(words))
    found = panels(root)
    assert len(found) == 2
    offsets = [float(re.match(r"translate\(([\d.]+) ", g.get("transform")).group(1)) for g in found]
    assert offsets == sorted(offsets) and len(set(offsets)) == 2  # left to right, not stacked
    assert PANELS == ORDER
    for number, (panel, key) in enumerate(zip(found, ORDER), start=1):
        caption = words.text(f"glass_test.{key}")
        assert " ".join(texts(panel).split()[1:]) == caption  # its number, then its caption
        assert texts(panel).split()[0] == str(number)
        assert f"mk-glass-{key.replace('_', '-')}" in panel.get("class").split()


@pytest.mark.parametrize("lang", LANGS)
def test_captions_are_short_and_fit_under_their_panel(lang):
    words = strings.Strings(lang)
    root = ET.fromstring(glass_test_svg(words))
    for panel, key in zip(panels(root), ORDER):
        assert 2 <= len(words.text(f"glass_test.{key}").split()) <= 7, key
        lines = [" ".join(t.itertext()) for t in panel.iter(f"{SVG}text")][1:]
        assert 1 <= len(lines) <= 3, lines
        assert all(drawing.text_width(line, TEXT_SIZE) <= 300 for line in lines), lines  # the panel is 300 wide


def test_the_note_on_dark_skin_is_under_both_panels_in_the_tables_words(words):
    root = ET.fromstring(glass_test_svg(words))
    [group] = by_class(root, "mk-glass-note")
    assert texts(group) == note(words)
    assert words.text("red_flags.dark_skin") in texts(group) and words.text("red_flags.dark_skin") in describe(words)
    # one home: the strings' own line is only the table's words (tests/test_red_flags.py looks for the rest)
    assert words.get("glass_test.dark_skin_note").replace("{dark_skin}", "").strip() in ("", ".")
    assert not any(group in list(panel.iter()) for panel in panels(root))  # under both, not in one
    panel_bottom = 16 + 300
    captions = [float(t.get("y")) + panel_bottom - 300 for panel in panels(root) for t in panel.iter(f"{SVG}text")]
    assert min(float(t.get("y")) for t in group) > max(captions)  # below every caption line


# --- What to do: from the rule table -----------------------------------------------------------------------

def test_the_table_says_a_fever_with_spots_that_do_not_fade_is_an_emergency():
    level = {rule.id: rule.level for rule in red_flags.load().rules}
    assert level[RULES["with_fever"]] is Level.EMERGENCY
    assert level[RULES["without_fever"]] is Level.NOW


@pytest.mark.parametrize("lang", LANGS)
def test_the_description_says_each_levels_action_in_the_tables_words(lang):
    words = strings.Strings(lang)
    text = describe(words)
    emergency, now = (words.text(f"red_flags.levels.{code}.result") for code in ("emergency", "now"))
    assert emergency in text and now in text
    assert text.index(emergency) < text.index(now)  # with a fever first, the more urgent
    assert not re.search(r"\d", text)  # no phone number, no temperature, no emergency number's digits


def test_the_description_follows_the_table_when_a_level_changes(english, monkeypatch):
    table = red_flags.load()
    changed = dataclasses.replace(table, rules=tuple(
        dataclasses.replace(rule, level=Level.TODAY) if rule.id == RULES["without_fever"] else rule
        for rule in table.rules))
    monkeypatch.setattr(red_flags, "load", lambda *args, **kwargs: changed)
    text = describe(english)
    assert english.text("red_flags.levels.today.result") in text
    assert english.text("red_flags.levels.now.result") not in text


def test_the_english_description_names_the_glass_the_spots_and_the_emergency(english):
    text = describe(english).lower()
    assert "press" in text and "clear glass" in text and "firmly" in text and "through the glass" in text
    assert "fever" in text and "emergency number" in text
    spanish = describe(strings.Strings("es")).lower()
    assert "oprima" in spanish and "vaso de vidrio transparente" in spanish and "número de emergencias" in spanish


# --- The spots, the glass, the marker ----------------------------------------------------------------------

@pytest.mark.parametrize("tone", TONES)
def test_the_spots_show_through_the_glass_on_every_tone(tone):
    skin, look = seen_through_glass(drawing.TONES[tone].surface), SPOTS[tone]
    spot = seen_through_glass(look.spot)
    assert drawing.luminance(spot) < drawing.luminance(skin)  # darker than the skin, as purple spots are
    if look.ring is None:
        assert drawing.contrast(spot, skin) >= 3, tone
    else:  # deep brown skin: the light dashed ring around each group is what stands out
        assert drawing.contrast(look.ring, skin) >= 3 and drawing.contrast(look.ring, spot) >= 3
    assert SPOTS["deep"].ring is not None


def test_the_spots_darken_with_the_skin():
    shades = [drawing.luminance(SPOTS[tone].spot) for tone in TONES]  # TONES runs from light to deep
    assert shades == sorted(shades, reverse=True) and len(set(shades)) == len(shades)


@pytest.mark.parametrize("tone", TONES)
def test_the_same_spots_are_in_both_panels_under_a_clear_glass(english, tone):
    root = ET.fromstring(glass_test_svg(english, tone))
    for panel in panels(root):
        spots = by_class(panel, "mk-glass-spot")
        glass = by_class(panel, "mk-glass-glass")
        assert len(spots) >= 8 and all(s.get("fill") == SPOTS[tone].spot for s in spots)
        assert len(glass) == 1 and float(glass[0].get("fill-opacity")) == GLASS_TINT_OPACITY <= 0.2  # clear
        order = list(panel.iter())
        assert max(order.index(s) for s in spots) < order.index(glass[0])  # drawn under the glass, seen through it
        rings = by_class(panel, "mk-glass-ring")
        assert bool(rings) == (SPOTS[tone].ring is not None)
        assert all(r.get("stroke") == SPOTS[tone].ring and r.get("stroke-dasharray") for r in rings)
    first, second = panels(root)
    inside = len(by_class(second, "mk-glass-spot"))
    assert inside <= len(by_class(first, "mk-glass-spot"))  # the close-up shows the group the glass is pressed on


@pytest.mark.parametrize("tone", TONES)
def test_the_second_panel_marks_the_spots_with_a_ring_and_a_warning_sign_made_of_shapes(english, tone):
    root = ET.fromstring(glass_test_svg(english, tone))
    first, second = panels(root)
    assert not by_class(first, "mk-glass-marker") and not by_class(first, "mk-glass-warning")
    [marker], [warning] = by_class(second, "mk-glass-marker"), by_class(second, "mk-glass-warning")
    ring = [e for e in marker.iter(f"{SVG}ellipse") if e.get("stroke") == drawing.INK]
    assert len(ring) == 1 and float(ring[0].get("stroke-width")) >= 5  # bold
    # the ring goes round the spots: every spot of the close-up is inside it
    cx, cy, rx, ry = (float(ring[0].get(k)) for k in ("cx", "cy", "rx", "ry"))
    for spot in by_class(second, "mk-glass-spot"):
        x, y = float(spot.get("cx")), float(spot.get("cy"))
        assert ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 < 1
    assert not list(warning.iter(f"{SVG}text"))  # the "!" is shapes, not a font
    assert [e.get("fill") for e in warning.iter(f"{SVG}path") if e.get("stroke") == drawing.INK] == [WARNING]
    assert len(list(warning.iter(f"{SVG}rect"))) == 1 and len(list(warning.iter(f"{SVG}circle"))) == 1  # the "!"
    assert drawing.contrast(drawing.INK, WARNING) >= 4.5


def _geometry(element: ET.Element) -> tuple:
    paint = {"fill", "stroke", "stroke-width", "stroke-linejoin", "stroke-linecap", "class", "fill-opacity"}
    return element.tag, tuple(sorted((k, v) for k, v in element.attrib.items() if k not in paint))


@pytest.mark.parametrize("tone", TONES)
def test_every_outline_on_the_skin_has_a_white_halo_so_it_shows_on_every_tone(english, tone):
    skin = drawing.TONES[tone].surface
    # on every tone, the INK line or its white halo stands out from the skin (and from the skin under the glass)
    for ground in (skin, seen_through_glass(skin)):
        assert max(drawing.contrast(drawing.INK, ground), drawing.contrast(drawing.PILL, ground)) >= 3, tone
    root = ET.fromstring(glass_test_svg(english, tone))
    halos = {_geometry(e) for e in by_class(root, "mk-glass-halo") if e.get("stroke") == drawing.PILL}
    for group in ("mk-glass-tumbler", "mk-glass-marker", "mk-glass-warning"):
        lines = [e for g in by_class(root, group) for e in g.iter() if e.get("stroke") == drawing.INK]
        assert lines, group
        missing = [ET.tostring(e, encoding="unicode") for e in lines if _geometry(e) not in halos]
        assert not missing, missing
    hands = by_class(root, "mk-glass-hand")
    assert len(hands) == 1  # pressing the glass in the first panel
    skin_shapes = [e for e in hands[0].iter() if e.get("fill") == skin]
    assert len(skin_shapes) == 7 and len([e for e in by_class(hands[0], "mk-glass-halo")]) == 7


# --- Print size --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_word_prints_at_9_pt_or_more_at_8_cm_wide(lang):
    assert printed_pt() == pytest.approx(TEXT_SIZE * EIGHT_CM / VIEW_WIDTH) and printed_pt() >= 9
    root = ET.fromstring(glass_test_svg(strings.Strings(lang)))
    sizes = [float(re.search(r"font-size:([\d.]+)px", t.get("style")).group(1)) for t in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) * EIGHT_CM / VIEW_WIDTH >= 9


# --- The words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_glass_test_words_come_right_after_the_washing_in_each_file(lang):
    tree = yaml.safe_load((paths.STRINGS / f"{lang}.yml").read_text(encoding="utf-8"))
    top = list(tree)
    assert top.index("glass_test") == top.index("washing") + 1
    assert set(tree["glass_test"]) == KEYS


def test_the_description_names_sources_that_exist():
    known = {s["id"] for s in yaml.safe_load((paths.ASSETS / "sources.yml").read_text(encoding="utf-8"))["sources"]}
    for lang in LANGS:
        cited = strings.Strings(lang).get("glass_test.sources")
        assert cited == ["meningitis-now-glass-test", "nhs-rashes"] and set(cited) <= known


def test_the_english_words_read_at_grade_6_or_below(english):
    from test_readability import MAX_GRADE, _sentence, fk_grade

    parts = [english.text("glass_test.title"), describe(english),
             *(english.text(f"glass_test.{key}") for key in ORDER)]
    assert fk_grade(" ".join(_sentence(p) for p in parts)) <= MAX_GRADE


def test_the_spanish_words_read_easily():
    import textstat

    from test_spanish import OTHER_MIN, join_units

    spanish = strings.Strings("es")
    previous = getattr(textstat.textstat, "_textstatistics__lang", "en_US")
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(join_units([describe(spanish)]))
    finally:
        textstat.set_lang(previous)
    assert score >= OTHER_MIN


@pytest.mark.parametrize("tone", TONES)
def test_without_captions_the_panels_stay_and_the_words_go(words, tone):
    """For the printed handout, which sets the captions and the note as its own text under the picture."""
    full, bare = glass_test_svg(words, tone), glass_test_svg(words, tone, captions=False)
    root = ET.fromstring(bare)
    assert root.get("viewBox") == f"0 0 {VIEW_WIDTH} {16 + 300 + 16}"
    assert [texts(p) for p in panels(root)] == ["1", "2"]  # the numbers only
    assert not by_class(root, "mk-glass-note")
    assert root.find(f"{SVG}desc").text == describe(words)  # the full text alternative is still there
    assert len(by_class(root, "mk-glass-spot")) == len(by_class(ET.fromstring(full), "mk-glass-spot"))
    assert glass_test_svg(words, tone, captions=True) == full
