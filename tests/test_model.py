"""The jeans-pocket model: bounded, monotonic, clamps hostile values, resets."""
import itertools
import math

import pytest

from milia_kit.model import DAYS_MAX, SKINS, Pocket


def state(days, skin="baby", care=0, article=True):
    pocket = Pocket(skin=skin, article_picture=article)
    pocket.days = days
    pocket.care_days = care
    return pocket


@pytest.mark.parametrize("skin", SKINS)
def test_every_derived_value_stays_between_0_and_1(skin):
    for days in range(DAYS_MAX + 1):
        for care in (0, days // 2, days):
            p = state(days, skin, care)
            for value in (p.covering, p.opening, p.firmness):
                assert 0.0 <= value <= 1.0, (days, care, value)


@pytest.mark.parametrize("skin", SKINS)
def test_more_time_or_more_care_never_closes_the_pocket_or_softens_it(skin):
    for days, care in itertools.product(range(DAYS_MAX), range(0, DAYS_MAX, 7)):
        care = min(care, days)
        now, later, more_care = state(days, skin, care), state(days + 1, skin, care), state(days + 1, skin, min(care + 1, days + 1))
        assert later.opening >= now.opening
        assert later.firmness >= now.firmness
        assert more_care.opening >= later.opening


@pytest.mark.parametrize("days", [0, 10, 30])
def test_the_mainstream_picture_is_firm_from_the_start_and_washing_speeds_nothing(days):
    """What parents see: no source says washing clears milia sooner, and milia are firm from the start."""
    for care in (0, days // 2, days):
        parent = state(days, care=care, article=False)
        assert parent.opening == state(days, care=0, article=False).opening
        assert parent.firmness == 1.0
    if days:  # Dr Bailey's picture, for clinicians: washing helps, and the contents firm up with time
        assert state(days, care=days).opening > state(days, care=0).opening
        assert state(days).firmness < 1.0


def test_a_babys_milium_clears_within_weeks_but_an_adults_stays():
    assert not state(0).cleared
    assert state(42).cleared  # about 6 weeks (sources: a few weeks, by 1 to 2 months)
    assert not state(21).cleared
    assert not state(DAYS_MAX, "adult", DAYS_MAX).cleared  # adult milia tend to stay
    assert state(DAYS_MAX, "adult").opening > 0


def test_baby_skin_has_the_thinner_covering():
    assert Pocket(skin="baby").covering < Pocket(skin="adult").covering


def test_stages_follow_the_opening_in_order():
    order = ["closed", "wearing", "open", "cleared"]
    seen = [state(d).stage for d in range(DAYS_MAX + 1)]
    assert seen[0] == "closed" and seen[-1] == "cleared"
    assert [order.index(s) for s in seen] == sorted(order.index(s) for s in seen)
    assert set(seen) == set(order)


def test_firmness_words_go_soft_firmer_firm_then_gone():
    words = [state(d, "adult").firmness_word for d in range(DAYS_MAX + 1)]
    assert words[0] == "soft" and words[-1] == "firm" and "firmer" in words
    assert state(60).firmness_word == "gone"


@pytest.mark.parametrize("hostile, expected", [
    (-5, 0), (DAYS_MAX + 1, DAYS_MAX), (10**12, DAYS_MAX), (-(10**12), 0),
])
def test_out_of_range_days_are_clamped(hostile, expected):
    p = Pocket()
    p.days = hostile
    assert p.days == expected


def test_care_can_never_exceed_the_days_and_follows_them_down():
    p = state(30, care=30)
    p.care_days = 500
    assert p.care_days == 30
    p.days = 10
    assert p.care_days == 10
    p.care_days = -3
    assert p.care_days == 0


def test_an_unknown_skin_is_refused_and_changes_nothing():
    p = state(12)
    with pytest.raises(Exception):
        p.skin = "<script>"
    assert p.skin == "baby" and p.days == 12


def test_reset_returns_to_a_new_milium_in_baby_skin():
    p = state(90, "adult", 40)
    changes = []
    p.observe(lambda c: changes.append(c["name"]))
    p.reset()
    assert (p.days, p.skin, p.care_days) == (0, "baby", 0)
    assert p.opening == 0 and math.isclose(p.firmness, 0)
    assert set(changes) == {"days", "skin", "care_days"}


def test_the_model_imports_no_widgets_and_no_view_code():
    import ast

    import milia_kit.model as model

    tree = ast.parse(open(model.__file__).read())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if "widget" in name or "drawing" in name or "views" in name}
