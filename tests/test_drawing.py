"""The jeans-pocket drawing: valid SVG, labelled, text alternative, every control changes it."""
import xml.etree.ElementTree as ET

import pytest

from milia_kit import drawing, strings
from milia_kit.model import DAYS_MAX, Pocket

SVG = "{http://www.w3.org/2000/svg}"
WORDS = strings.load("en")


def pocket(days=0, skin="baby", care=0, article=True):
    p = Pocket(skin=skin, article_picture=article)
    p.days, p.care_days = days, care
    return p


def texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("tone", list(drawing.TONES))
@pytest.mark.parametrize("days, skin, care", [(0, "baby", 0), (20, "baby", 10), (36, "baby", 36), (60, "baby", 0), (DAYS_MAX, "adult", 50)])
def test_every_state_and_tone_gives_valid_labelled_svg(days, skin, care, tone):
    skin_svg, jeans_svg = drawing.pocket_svgs(pocket(days, skin, care), WORDS, tone)
    for svg in (skin_svg, jeans_svg):
        root = ET.fromstring(svg)  # parses: well-formed XML
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text == drawing.describe(pocket(days, skin, care), WORDS)
    if not pocket(days, skin, care).cleared:
        for key in ("label_covering", "label_lining", "label_contents", "label_surface"):
            assert WORDS.text(f"pocket.{key}") in texts(skin_svg).replace("  ", " ") or all(
                part in texts(skin_svg) for part in WORDS.text(f"pocket.{key}").split())
    for key in ("label_fabric", "label_pocket_lining", "label_pocket_contents"):
        assert all(part in texts(jeans_svg) for part in WORDS.text(f"pocket.{key}").split())


def test_matching_parts_carry_the_same_numbers_in_both_panels():
    skin_svg, jeans_svg = drawing.pocket_svgs(pocket(), WORDS)
    for svg in (skin_svg, jeans_svg):
        numbers = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text") if t.text in {"1", "2", "3"}]
        assert sorted(numbers) == ["1", "2", "3"]


def test_parents_never_read_the_articles_soft_or_firm():
    words = [WORDS.text(f"pocket.contents_{w}") for w in ("soft", "firmer", "firm")]
    for days in (0, 10, 40):
        shown = drawing.describe(pocket(days, article=False), WORDS)
        assert not any(w and w in shown for w in words), shown
    assert WORDS.text("pocket.contents_soft") in drawing.describe(pocket(0), WORDS)  # clinicians: the article's


@pytest.mark.parametrize("start, control, value, words_change", [
    ({}, "days", 30, True),
    ({}, "skin", "adult", True),
    ({"days": 30}, "care_days", 20, True),  # care wears the covering further: a new stage in words too
    ({"days": 10}, "care_days", 1, False),  # a little care changes the picture, maybe not the words
])
def test_each_control_changes_the_picture(start, control, value, words_change):
    p = pocket(**{"days": start.get("days", 0)})
    before = (drawing.pocket_svgs(p, WORDS), drawing.describe(p, WORDS))
    setattr(p, control, value)
    after = (drawing.pocket_svgs(p, WORDS), drawing.describe(p, WORDS))
    assert after[0] != before[0]
    if words_change:
        assert after[1] != before[1]


def test_skin_tone_changes_the_skin_colours_only():
    p = pocket(10)
    light, deep = drawing.pocket_svgs(p, WORDS, "light"), drawing.pocket_svgs(p, WORDS, "deep")
    assert light[0] != deep[0] and drawing.TONES["deep"].surface in deep[0]
    assert light[1] == deep[1]  # the jeans do not change with the baby's skin


def test_at_least_four_skin_tones_from_light_to_deep():
    assert len(drawing.TONES) >= 4
    lum = [drawing.luminance(t.surface) for t in drawing.TONES.values()]
    assert lum == sorted(lum, reverse=True)


def test_an_unknown_tone_falls_back_to_the_default():
    assert drawing.pocket_svgs(pocket(), WORDS, "<b>")[0] == drawing.pocket_svgs(pocket(), WORDS)[0]


def test_drawing_is_deterministic():
    assert drawing.pocket_svgs(pocket(33, "baby", 12), WORDS) == drawing.pocket_svgs(pocket(33, "baby", 12), WORDS)


def test_description_tells_each_stage_in_words():
    said = {drawing.describe(pocket(d), WORDS) for d in (0, 14, 30, 40, 60)}
    assert len(said) == 5
    assert WORDS.text("pocket.opening_cleared") in drawing.describe(pocket(60), WORDS)


def test_label_text_is_escaped(tmp_path):
    (tmp_path / "en.yml").write_text(open(strings.paths.STRINGS / "en.yml").read().replace(
        'label_lining: "Lining"', 'label_lining: "<script>alert(1)</script> & Co"'))
    hostile = strings.Strings("en", folder=tmp_path)
    svg = drawing.skin_svg(pocket(), hostile, drawing.TONES["light"])
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_label_text_contrast_is_aa_on_its_pill():
    assert drawing.contrast(drawing.INK, drawing.PILL) >= 4.5
    for colour in drawing.MATCH.values():  # white numbers on the badges
        assert drawing.contrast("#ffffff", colour) >= 4.5


def test_contrast_follows_wcag():
    assert round(drawing.contrast("#000000", "#ffffff"), 1) == 21.0
    assert drawing.contrast("#777777", "#777777") == 1.0
    assert drawing.contrast("#ffffff", "#000000") == drawing.contrast("#000000", "#ffffff")
