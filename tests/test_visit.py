"""Where a visitor is: stepping stays in bounds; deep links accept only known values."""
import pytest

from milia_kit.visit import STEPS, Visit


def test_go_moves_within_the_guide():
    v = Visit()
    v.go(-1)
    assert v.step == "start"
    for _ in range(20):
        v.go(+1)
    assert v.step == STEPS[-1] and v.number == len(STEPS)


@pytest.mark.parametrize("query, expected", [
    ({"step": "care", "lang": "en"}, ("care", "en", "self")),
    ({"step": "CALL ", "mode": "clinician"}, ("call", "en", "clinician")),
    ({"step": "nope", "lang": "fr", "mode": "admin"}, ("start", "en", "self")),
    ({"step": "<script>alert(1)</script>", "lang": "en'; DROP"}, ("start", "en", "self")),
    ({"step": "../../etc/passwd"}, ("start", "en", "self")),
    ({"step": "x" * 100_000}, ("start", "en", "self")),
    ({}, ("start", "en", "self")),
])
def test_deep_links_fall_back_to_defaults(query, expected):
    v = Visit()
    v.follow(query)
    assert (v.step, v.lang, v.mode) == expected
