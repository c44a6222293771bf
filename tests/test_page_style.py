"""The page's style (the template's guide.css) beside the printed handout's (assets/style/handout.css): one set of
colours for the urgency levels, so a parent who has read the red box on screen finds the same red box on paper;
and one set of design tokens (colours, type scale, spacing, controls) in one place, used by every rule."""
import re

import pytest

from milia_kit.page_template import SOURCE
from milia_kit.paths import ASSETS

GUIDE = (SOURCE / "static" / "guide.css").read_text()
HANDOUT = (ASSETS / "style" / "handout.css").read_text()
LEVELS = ("emergency", "now", "today", "next_visit")


def tokens(css: str) -> dict:
    return {name: value.strip().lower() for name, value in re.findall(r"(--[a-z0-9-]+):\s*([^;]+);", css)}


@pytest.mark.parametrize("screen, paper", [("--mk-urgent", "--h-red"), ("--mk-urgent-soft", "--h-red-soft"),
                                           ("--mk-today", "--h-warm"), ("--mk-today-soft", "--h-warm-soft"),
                                           ("--mk-accent", "--h-teal"), ("--mk-soft", "--h-teal-soft"),
                                           ("--mk-ink", "--h-ink")])
def test_each_urgency_colour_on_screen_is_the_handouts(screen, paper):
    assert tokens(GUIDE)[screen] == tokens(HANDOUT)[paper]


@pytest.mark.parametrize("level", LEVELS)
def test_every_urgency_card_takes_its_colours_from_the_tokens_only(level):
    rules = re.findall(rf"\.mk-(?:triage|red-flags)-{level}\s*\{{([^}}]*)\}}", GUIDE)
    assert len(rules) == 2, level  # the checker's answer and the list of signs
    for rule in rules:
        assert "var(--mk-" in rule and not re.search(r"#[0-9a-f]{3,6}", rule, re.I), rule


def outside_root(css: str) -> str:
    """The style sheet's rules after its :root block, without comments (which may name colours)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return css[css.index("}", css.index(":root {")) + 1:]


def test_every_colour_is_a_token_from_the_root_block():
    literals = re.findall(r"#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(", outside_root(GUIDE), re.I)
    assert not literals, f"name these colours in :root and use var(--mk-...): {literals}"


def test_every_type_size_is_on_the_type_scale():
    sizes = re.findall(r"font-size:\s*([^;}]+)", outside_root(GUIDE))
    assert sizes
    scale = {f"var(--mk-text-{step})" for step in ("sm", "base", "md", "lg", "xl", "2xl")} | {"var(--mk-size)"}
    off_scale = [size for size in sizes if size.replace("!important", "").strip() not in scale]
    assert not off_scale, off_scale
    root = tokens(GUIDE)
    steps = [float(root[f"--mk-text-{step}"].removesuffix("rem")) for step in ("sm", "base", "md", "lg", "xl", "2xl")]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)  # a scale: each size larger than the last


def test_every_field_takes_its_height_border_and_corner_from_the_control_tokens():
    fields = re.search(r':root \.mk-guide select, :root \.mk-guide input\[type="text"\], :root \.mk-guide '
                       r'input\[type="date"\],\s*:root \.mk-guide input\[type="number"\], :root \.mk-guide textarea '
                       r'\{([^}]*)\}', GUIDE)
    assert fields, "one rule for every field"
    for declaration in ("min-height: var(--mk-control-height)", "border: var(--mk-control-border)",
                        "border-radius: var(--mk-control-radius)"):
        assert declaration in fields.group(1)
    assert tokens(GUIDE)["--mk-control-height"] == "44px"  # WCAG 2.5.5's target size
    # no later rule gives a field a border or a corner of its own
    later = outside_root(GUIDE)[outside_root(GUIDE).index(fields.group(1)) + len(fields.group(1)):]
    for rule in re.findall(r"([^{}]*(?:select|textarea|input)[^{}]*)\{([^}]*)\}", later):
        assert not re.search(r"(?<![-\w])border(?:-radius)?:", rule[1]), rule


@pytest.mark.parametrize("badge, colour", [("", "--mk-accent"), ("mk-check-first", "--mk-today"),
                                           ("mk-not-harmless", "--mk-urgent")])
def test_a_lookalike_cards_edge_is_the_colour_of_its_badge(badge, colour):
    has = f":has(.{badge})" if badge else ""
    card = re.search(rf"\.mk-guide \.mk-lookalike-card{re.escape(has)} \{{([^}}]*)\}}", GUIDE)
    assert card and f"var({colour})" in card.group(1)
    if badge:  # the badge that says it in words has the same colour
        words = re.search(rf"\.mk-lookalike-badge\.{badge} \{{([^}}]*)\}}", GUIDE)
        assert words and f"border-color: var({colour})" in words.group(1)
