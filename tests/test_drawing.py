"""The jeans-pocket drawing: valid SVG, labelled, text alternative, every control changes it; the illustrated look
(named parts, the dome, contrast on every tone, ids of its own, a size budget)."""
import re
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


# --- the illustrated look: parts named for page scripts, the dome, contrast on every tone, ids, size ----------

STATES = {  # (days, skin) of each stage, in the parents' picture
    "closed": (0, "baby"), "wearing": (20, "baby"), "open": (36, "baby"), "cleared": (60, "baby"), "adult": (DAYS_MAX, "adult"),
}
SKIN_PARTS = {"dermis", "epidermis", "surface", "milium", "lining", "contents", "roof"}
JEANS_PARTS = {"pocket", "pocket-lining", "seam"}
# Each panel's length before it was illustrated (English, the longest over the tones); it may grow to 2.5 times that.
LENGTH_BEFORE = {"closed": (5210, 4288), "wearing": (5307, 4298), "open": (5628, 4223), "cleared": (1879, 3092),
                 "adult": (5320, 4311)}


def state(name, article=False):
    days, skin = STATES[name]
    return pocket(days, skin, article=article)


def parts(svg: str) -> dict:
    """data-part name -> tag, for every part in a panel (each name once)."""
    named = [(e.get("data-part"), e.tag.replace(SVG, "")) for e in ET.fromstring(svg).iter() if e.get("data-part")]
    assert len(named) == len({name for name, _ in named}), named
    return dict(named)


def by_id(svg: str, ident: str):
    return next(e for e in ET.fromstring(svg).iter() if e.get("id") == ident)


def colours(svg: str, paint: str) -> list[str]:
    """The colours a fill or stroke paints with: its own, or every stop of the gradient it names."""
    found = re.fullmatch(r"url\(#([^)]+)\)", paint)
    if not found:
        return [paint]
    return [stop.get("stop-color") for stop in by_id(svg, found.group(1)).iter(f"{SVG}stop")]


def part(svg: str, name: str):
    return next(e for e in ET.fromstring(svg).iter() if e.get("data-part") == name)


@pytest.mark.parametrize("name", list(STATES))
def test_every_state_names_the_parts_it_shows(name):
    p = state(name)
    skin, jeans = drawing.pocket_svgs(p, WORDS)
    expected = ({"dermis", "epidermis", "surface", "dimple"} if p.cleared
                else SKIN_PARTS | ({"opening"} if p.opening > 0 else set()) | ({"flakes"} if p.stage == "open" else set()))
    assert set(parts(skin)) == expected
    assert set(parts(jeans)) == (JEANS_PARTS | ({"pocket-contents"} if not p.cleared else set())
                                 | ({"pocket-flakes"} if p.stage == "open" else set()))


def test_a_part_is_the_same_kind_of_shape_in_every_state_and_tone():
    seen: dict = {}
    for name in STATES:
        for tone in drawing.TONES:
            for svg in drawing.pocket_svgs(state(name), WORDS, tone):
                for part_name, tag in parts(svg).items():
                    assert seen.setdefault(part_name, tag) == tag, part_name
    assert {"roof", "opening", "flakes", "dimple", "seam", "pocket-flakes", "pocket-contents"} <= set(seen)


def _surface_points(svg: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part(svg, "surface").get("d"))]
    return list(zip(numbers[::2], numbers[1::2]))  # absolute M and C only: the numbers pair up as (x, y)


@pytest.mark.parametrize("name", list(STATES))
def test_the_milium_raises_the_surface_into_a_dome_and_leaves_a_dimple(name):
    p = state(name)
    skin = drawing.pocket_svgs(p, WORDS)[0]
    middle = [y for x, y in _surface_points(skin) if 150 <= x <= 250]
    if p.cleared:
        assert min(middle) >= drawing.SURFACE_Y  # a faint dimple, no bump
        return
    top = min(middle)
    assert top < drawing.SURFACE_Y - 4  # a raised papule
    milium = part(skin, "milium")
    cy = float(re.search(r"translate\(\S+ (\S+)\)", milium.get("transform")).group(1))
    wall_top = cy - float(part(skin, "lining").get("r"))
    assert wall_top > top  # the dome is over the milium, its roof between them


def test_the_roof_over_a_babys_milium_is_thinner_than_over_an_adults_and_thins_as_it_opens():
    def roof(p):
        skin = drawing.pocket_svgs(p, WORDS)[0]
        cy = float(re.search(r"translate\(\S+ (\S+)\)", part(skin, "milium").get("transform")).group(1))
        return cy - float(part(skin, "lining").get("r")) - min(y for x, y in _surface_points(skin) if 150 <= x <= 250)
    assert roof(pocket(0, "baby", article=False)) < roof(pocket(0, "adult", article=False))
    assert roof(pocket(36, "baby", article=False)) < roof(pocket(20, "baby", article=False)) < roof(pocket(0, "baby", article=False))


@pytest.mark.parametrize("tone", list(drawing.TONES))
def test_the_milium_stands_out_from_the_skin_on_every_tone(tone):
    """3:1 for the shapes that carry meaning: the pearly contents against the wall round them, and the milium's
    outline against the deeper skin it sits in. (Pearly white cannot reach 3:1 on the lightest skin itself, so
    there the outline carries it.)"""
    skin = drawing.pocket_svgs(state("closed"), WORDS, tone)[0]
    lining = part(skin, "lining")
    contents = colours(skin, part(skin, "contents").get("fill"))
    dermis = colours(skin, part(skin, "dermis").get("fill"))
    assert all(drawing.contrast(c, lining.get("fill")) >= 3 for c in contents)
    assert all(drawing.contrast(lining.get("stroke"), d) >= 3 for d in dermis)
    assert drawing.TONES[tone].lining in skin or drawing.contrast(drawing.TONES[tone].lining, drawing.PEARL_EDGE) < 3


def test_on_deep_skin_the_contents_and_the_glint_stand_out_from_the_skin_itself():
    deep = drawing.TONES["deep"]
    skin = drawing.pocket_svgs(state("closed"), WORDS, "deep")[0]
    contents = colours(skin, part(skin, "contents").get("fill"))
    for around in (deep.surface, deep.deeper, *colours(skin, part(skin, "dermis").get("fill"))):
        assert all(drawing.contrast(c, around) >= 3 for c in contents)
    assert drawing.contrast("#ffffff", deep.surface) >= 3 and 'stroke="#ffffff"' in skin  # the dome's glint
    assert drawing.contrast(part(skin, "surface").get("stroke"), drawing.PAPER) >= 3  # the dome's outline


@pytest.mark.parametrize("tone", list(drawing.TONES))
def test_leader_lines_are_seen_on_the_skin_they_cross(tone):
    """Dark leader lines vanish into deep skin: there they run on a pale edge 3:1 against it."""
    deeper = drawing.TONES[tone].deeper
    skin = drawing.pocket_svgs(state("closed"), WORDS, tone)[0]
    for group in ET.fromstring(skin).iter(f"{SVG}g"):
        if group.get("class") == "mk-label":
            lines = list(group.iter(f"{SVG}line"))
            assert max(drawing.contrast(line.get("stroke"), deeper) for line in lines) >= 3


@pytest.mark.parametrize("name", list(STATES))
def test_ids_are_the_panels_own_and_one_id_has_one_definition(name):
    definitions: dict = {}
    for tone in drawing.TONES:
        skin, jeans = drawing.pocket_svgs(state(name), WORDS, tone)
        for svg, prefix in ((skin, "mk-skin-"), (jeans, "mk-jeans-")):
            ids = re.findall(r' id="([^"]+)"', svg)
            assert len(ids) == len(set(ids)) and all(i.startswith(prefix) for i in ids)
            assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= set(ids)
            assert "href" not in svg  # the handout allows one link only: the guide's address
            for ident in ids:
                if not ident.endswith(("-title", "-desc")):
                    definition = ET.tostring(by_id(svg, ident))
                    assert definitions.setdefault(ident, definition) == definition, ident
    assert any(f"mk-skin-{tone}-" in ident for ident in definitions for tone in drawing.TONES)


def test_gradients_are_in_the_pictures_own_units_for_the_printed_handout():
    for svg in drawing.pocket_svgs(state("open"), WORDS, "deep"):
        gradients = [e for e in ET.fromstring(svg).iter() if e.tag in (f"{SVG}linearGradient", f"{SVG}radialGradient")]
        assert gradients and all(g.get("gradientUnits") == "userSpaceOnUse" for g in gradients)


def test_the_contents_show_more_layers_when_firmer_in_the_articles_picture():
    def layers(p):
        return len(list(part(drawing.pocket_svgs(p, WORDS)[0], "milium").iter(f"{SVG}ellipse")))
    assert layers(pocket(0, "adult", article=True)) < layers(pocket(DAYS_MAX, "adult", article=True))
    assert layers(pocket(0, "adult", article=False)) == layers(pocket(DAYS_MAX, "adult", article=True))


@pytest.mark.parametrize("name", list(STATES))
def test_each_panel_stays_within_its_size_budget(name):
    for tone in drawing.TONES:
        for svg, before in zip(drawing.pocket_svgs(state(name), WORDS, tone), LENGTH_BEFORE[name]):
            assert len(svg) <= 2.5 * before, (name, tone, len(svg), before)


def test_panel_captions_are_text_escaped_and_numbered():
    shown = drawing.captions_html(["Wash <b>gently</b>", "Pat & dry"], note="On dark skin: <script>")
    assert shown == ('<figcaption class="mk-panel-captions"><span class="mk-panel-caption-row">'
                     '<span>1. Wash &lt;b&gt;gently&lt;/b&gt;</span><span>2. Pat &amp; dry</span></span>'
                     '<span class="mk-panel-note">On dark skin: &lt;script&gt;</span></figcaption>')
    assert "mk-panel-note" not in drawing.captions_html(["One"])
    assert "<span>One</span>" in drawing.captions_html(["One"], numbered=False)
