"""The age timeline: every age has a band, odd values are clamped, the view follows the slider."""
import pytest

from milia_kit import strings, timeline
from milia_kit.views.timeline import TimelineView
from milia_kit.visit import Visit

BANDS = strings.load("en").get("timeline.bands")


@pytest.mark.parametrize("weeks", range(timeline.MAX_WEEKS + 1))
def test_every_week_has_exactly_one_band(weeks):
    assert sum(b["from_week"] <= weeks <= b["to_week"] for b in BANDS) == 1
    assert timeline.band_for(weeks, BANDS)["from_week"] <= weeks


@pytest.mark.parametrize("value, expected", [(-3, 0), (99, timeline.MAX_WEEKS), (2.6, 3), ("7", 7), ("x", 0),
                                             (float("nan"), 0), (None, 0), (10**30, timeline.MAX_WEEKS)])
def test_odd_ages_are_clamped(value, expected):
    assert timeline.clamp_weeks(value) == expected


def test_when_to_call_by_age_comes_from_the_rule_table():
    """Milia at 14 weeks: mention at a visit; a newborn: the fever line and "younger than 3 months" (the table's)."""
    words = strings.load("en")
    view = TimelineView(Visit())
    newborn = view.answer.value.replace("&#x27;", "'")
    assert words.text("red_flags.ages.three_months") in newborn and "37.2 °C" in newborn
    view.weeks.value = 14
    later = view.answer.value.replace("&#x27;", "'")
    assert words.text("red_flags.signs.milia_3_months") in later
    assert words.text("red_flags.ages.three_months") not in later  # no under-3-months sign at 14 weeks


def test_the_view_follows_the_slider():
    view = TimelineView(Visit())
    newborn = view.answer.value
    assert strings.load("en").text("timeline.value_zero") in view.field.value.value
    view.weeks.value = 14
    assert view.answer.value != newborn and timeline.band_for(14, BANDS)["milia"] in view.answer.value
    assert "14 weeks" in view.field.value.value
