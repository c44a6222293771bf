"""The page's style (the template's guide.css) beside the printed handout's (assets/style/handout.css): one set of
colours for the urgency levels, so a parent who has read the red box on screen finds the same red box on paper."""
import re

import pytest

from milia_kit.page_template import SOURCE
from milia_kit.paths import ASSETS

GUIDE = (SOURCE / "static" / "guide.css").read_text()
HANDOUT = (ASSETS / "style" / "handout.css").read_text()
LEVELS = ("emergency", "now", "today", "next_visit")


def tokens(css: str) -> dict:
    return {name: value.strip().lower() for name, value in re.findall(r"(--[a-z-]+):\s*([^;]+);", css)}


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
