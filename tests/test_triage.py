"""Tests for milia_kit.triage, the red-flag checker of the "When to call the doctor" step.

The checker must never under-advise. Its rules are the rule table (assets/red_flags.yml); these tests do not
copy them. Three kinds of evidence:

1. Protocol cases (tests/data/protocol_cases.yml): 112 cases transcribed from the published protocols
   (Schmitt-Thompson, AAP, NHS, Krames, Mayo, DermNet) by a helper who had not read the checker or the table,
   before the checker was changed, the two cases the safety issue names, and one from Meningitis Now. The checker's level must meet or exceed every expected level, and a level of
   "call now" or more must show at once.
2. Monotonicity over a large grid, run against the table as it is: a "yes" instead of a "no", a younger baby,
   or a higher temperature (from the normal range up) never lowers the level.
3. Hostile and odd browser values: never raise, are reported, and count as their most urgent value.
"""
from __future__ import annotations

import math
from decimal import Decimal
from itertools import combinations, product
from pathlib import Path

import pytest
import yaml

from milia_kit import red_flags
from milia_kit.triage import MAX_AGE_WEEKS, QUESTIONS, REQUIRED, YES_NO_QUESTIONS, Answers, Level, check, read_answers

NOW, TODAY, NEXT_VISIT, EMERGENCY = Level.NOW, Level.TODAY, Level.NEXT_VISIT, Level.EMERGENCY
YES_NO = YES_NO_QUESTIONS
CASES_FILE = Path(__file__).resolve().parent / "data" / "protocol_cases.yml"
PROTOCOL_CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def answered(**given) -> dict:
    """Every yes/no question answered "no" (as a parent who went through the list), then `given`."""
    return {**{name: False for name in YES_NO}, **given}


# --- 1. Protocol cases ------------------------------------------------------------------------------------

def test_the_protocol_table_is_large_and_sourced():
    known = {source.id for source in __import__("milia_kit.sources", fromlist=["load"]).load()}
    assert len(PROTOCOL_CASES) >= 60
    assert len({case["id"] for case in PROTOCOL_CASES}) == len(PROTOCOL_CASES)
    for case in PROTOCOL_CASES:
        assert case["source"] in known and case["says"].strip() and case["expected"] in red_flags.LEVELS, case["id"]
        assert set(case["answers"]) <= set(QUESTIONS), case["id"]
    assert {case["expected"] for case in PROTOCOL_CASES} == set(red_flags.LEVELS)


@pytest.mark.parametrize("case", PROTOCOL_CASES, ids=[case["id"] for case in PROTOCOL_CASES])
def test_protocol_case_is_never_under_advised(case):
    result = check(answered(**case["answers"]))
    expected = red_flags.LEVELS[case["expected"]]
    assert result.level >= expected, f"{case['source']}: {case['says']} -> {result.level.code} {result.reasons}"
    if expected >= NOW:
        assert result.shows_level, "a call-now level must show at once"
    if "age_weeks" in case["answers"]:
        assert result.complete and result.shows_level


# --- the checker's promises beyond single cases ----------------------------------------------------------

def test_no_level_below_now_until_every_question_is_answered():
    partial = check({"age_weeks": 6})
    assert not partial.complete and not partial.shows_level and partial.level is NEXT_VISIT
    assert "unanswered_questions" in partial.notes
    for name in REQUIRED:
        result = check({k: v for k, v in answered(age_weeks=6).items() if k != name})
        assert not result.complete and not result.shows_level, name
    done = check(answered(age_weeks=6))
    assert done.complete and done.shows_level and done.notes == ("nothing_urgent",)


def test_no_warning_sign_only_when_every_answer_is_read_and_none_is_a_sign():
    """The checker's calm heading ("No need to call right now") rests on this: every answer no at 20 weeks is
    it; a sign, milia for 16 weeks (mention at a visit), an unreadable age, or questions left are not."""
    assert check(answered(age_weeks=20)).no_warning_sign
    assert not check(answered(age_weeks=20, bumps_weeks=16)).no_warning_sign
    assert not check(answered(age_weeks=20, crying=True)).no_warning_sign
    for age in ("abc", "-3", "1e9"):
        assert not check(answered(age_weeks=age)).no_warning_sign, age
    assert not check({"age_weeks": 20}).no_warning_sign


def test_a_call_now_sign_shows_at_once_even_with_questions_left():
    for name in YES_NO:
        result = check({"age_weeks": 6, name: True})
        assert result.shows_level == (result.level >= NOW), name
    assert check({"breathing_trouble": True}).level is EMERGENCY


def test_unknown_or_unreliable_method_uses_the_lowest_fever_line_and_says_so():
    lowest = min(red_flags.load().fever["C"].values())
    for method, age in ((None, 30), ("ear", 8), ("mouth", 60)):
        result = check(answered(age_weeks=age, temperature=lowest, temperature_unit="C", temperature_method=method))
        assert result.level >= TODAY, (method, age)
        assert ("method_unknown" if method is None else "method_unreliable") in result.notes
    assert "method_unreliable" not in check(answered(age_weeks=30, temperature=37, temperature_method="ear")).notes


def test_the_checker_offers_the_tables_methods():
    from milia_kit.triage import TEMPERATURE_METHODS
    assert set(TEMPERATURE_METHODS) == set(red_flags.load().methods)


def test_levels_are_ordered():
    assert NEXT_VISIT < TODAY < NOW < EMERGENCY
    assert [level.code for level in Level] == ["next_visit", "today", "now", "emergency"]


# --- 2. Monotonicity, against the table as it is ----------------------------------------------------------

def _ages():
    """Every age cut-off of the table, just under and at it, and an unknown age (the youngest)."""
    cuts = sorted(cut for cut in red_flags.load().ages.values() if cut <= MAX_AGE_WEEKS)  # older: not a baby's age
    return [None, 0] + [age for cut in cuts for age in (cut - 0.5, cut)] + [MAX_AGE_WEEKS]


def _readings():
    """Not taken, then rising readings from the normal range up in each unit and method; unreadable last."""
    table = red_flags.load()
    chain = {}
    for unit, method in product(red_flags.UNITS, (None, *table.methods)):
        lines = sorted({*table.fever[unit].values(), table.very_high[unit]})
        values = sorted({table.low[unit], *lines, *(line - 0.1 for line in lines), max(lines) + 1})
        chain[unit, method] = [{"temperature": v, "temperature_unit": unit, "temperature_method": method}
                               for v in values]
    return chain


SIGN_SETS = [()] + [(a,) for a in YES_NO] + list(combinations(YES_NO, 2))


def test_answering_yes_never_lowers_the_level():
    failures = []
    for age, reading in product(_ages()[::2], ({}, {"temperature": 38.0, "temperature_unit": "C"})):
        for signs in SIGN_SETS:
            base = answered(age_weeks=age, **reading, **{s: True for s in signs})
            level = check(base).level
            for extra in YES_NO:
                if not base[extra] and check({**base, extra: True}).level < level:
                    failures.append(f"{age} {reading} {signs} + {extra}")
    assert not failures, failures[:10]


def test_a_younger_baby_never_gets_a_lower_level():
    ages = [a for a in _ages() if a is not None][::-1] + [None]  # oldest first; None (unknown) counts as youngest
    failures = []
    for signs, reading in product(SIGN_SETS[:1 + len(YES_NO)], ({}, {"temperature": 37.5, "temperature_unit": "C"},
                                                                {"temperature": 38.1, "temperature_unit": "C"})):
        levels = [check(answered(age_weeks=age, **reading, **{s: True for s in signs})).level for age in ages]
        if levels != sorted(levels):
            failures.append(f"{signs} {reading}: {list(zip(ages, [l.code for l in levels]))}")
    assert not failures, failures[:10]


def test_a_higher_reading_never_lowers_the_level():
    failures = []
    for age in _ages():
        for (unit, method), chain in _readings().items():
            levels = [check(answered(age_weeks=age, **reading)).level for reading in chain]
            if levels != sorted(levels):
                failures.append(f"{age} {unit} {method}: {[l.code for l in levels]}")
    assert not failures, failures[:10]


def test_not_knowing_the_method_never_lowers_the_level():
    for age, (unit, method), in product(_ages(), _readings()):
        for reading in _readings()[unit, method]:
            known = check(answered(age_weeks=age, **reading)).level
            assert check(answered(age_weeks=age, **{**reading, "temperature_method": None})).level >= known


# --- 3. Hostile and odd browser values ----------------------------------------------------------------------

class HostileStr(str):
    def strip(self, *args):
        raise RuntimeError("hostile")

    def __len__(self):
        raise RuntimeError("hostile")


class HostileInt(int):
    def __float__(self):
        raise RuntimeError("hostile")

    def __eq__(self, other):
        raise RuntimeError("hostile")

    __hash__ = int.__hash__


class HostileMapping(dict):
    def get(self, key, default=None):
        raise RuntimeError("hostile")


JUNK = ("abc", "1e309", "nan", "inf", "-inf", "--1", "1.2.3", "12 weeks", 10 ** 400, -10 ** 400, 1e308,
        -1e308, math.nan, math.inf, -math.inf, Decimal("NaN"), complex(1, 1), [[1]], {"a": 1}, ["38"], ("38",),
        {38}, b"38", object(), "9" * 100_000, "yes" * 10_000, HostileStr("5"), HostileInt(5))
UNREADABLE_BY_FIELD = {
    "age_weeks": JUNK + (-1, -0.5, 104.5, 200, True, False, "8 weeks old"),
    "bumps_weeks": JUNK + (-3, 105, True, False),
    "temperature": JUNK + (-5, 0, 20, 46, 76, 114, 999, True, False, "38.5 K"),
    "temperature_unit": JUNK + ("K", "kelvin", 1, True, "C" * 1000),
    "temperature_method": JUNK + ("nose", 1, True, "rectal" * 100),
    **{name: JUNK + ("perhaps", "yess", 2, -1, 0.5, 1.0, "sí" * 100) for name in YES_NO},
}
# The most urgent readable value of each answer, which an unreadable answer must match.
WORST = {"age_weeks": None, "bumps_weeks": 14, "temperature_unit": None, "temperature_method": None,
         **{name: True for name in YES_NO}}
# The calmest readable value of each answer, which an unreadable answer must never go below.
CALMEST = {"age_weeks": 104, "bumps_weeks": 0, "temperature": 36.5, "temperature_unit": "C",
           "temperature_method": "rectal", **{name: False for name in YES_NO}}
BASES = (  # a few sets of other answers to put each bad value into
    {},
    {"age_weeks": 30, "temperature": 36.8, "temperature_unit": "C", "temperature_method": "rectal",
     **{name: False for name in YES_NO}, "bumps_weeks": 2},
    {"age_weeks": 20, "temperature": 38.4, "temperature_unit": "C", **{name: False for name in YES_NO}},
    {"age_weeks": 8, "temperature": 100.5, "temperature_unit": "F", "blisters": True},
    {"age_weeks": 40, **{name: False for name in YES_NO}, "bumps_weeks": 2},
)


@pytest.mark.parametrize("field", list(UNREADABLE_BY_FIELD))
def test_unreadable_answers_never_raise_are_reported_and_count_as_the_most_urgent(field):
    for base, bad in product(BASES, UNREADABLE_BY_FIELD[field]):
        result = check({**base, field: bad})
        assert field in result.invalid, (field, bad, base)
        assert result.level >= check({**base, field: CALMEST[field]}).level, (field, bad, base)
        assert result.level >= check({**base, field: None}).level, (field, bad, base)
        if field == "temperature":
            assert result.level is NOW and "temperature_unreadable" in result.reasons, (bad, base)
        else:
            worst = check({**base, field: WORST[field]})
            assert result.level == worst.level, (field, bad, base)
        assert read_answers({**base, field: bad}).invalid == result.invalid


@pytest.mark.parametrize("given, expected", [
    ({"age_weeks": "8"}, {"age_weeks": 8.0}),
    ({"age_weeks": " 8,5 "}, {"age_weeks": 8.5}),
    ({"age_weeks": "  "}, {"age_weeks": None}),
    ({"bumps_weeks": "14"}, {"bumps_weeks": 14.0}),
    ({"blisters": "YES"}, {"blisters": True}),
    ({"blisters": " no "}, {"blisters": False}),
    ({"blisters": "Sí"}, {"blisters": True}),
    ({"blisters": 1}, {"blisters": True}),
    ({"blisters": 0}, {"blisters": False}),
    ({"blisters": ""}, {"blisters": None}),
    ({"temperature": "38,5"}, {"temperature": 38.5, "temperature_unit": "C"}),
    ({"temperature": "100.4F"}, {"temperature": 100.4, "temperature_unit": "F"}),
    ({"temperature": "38.5 °C", "temperature_unit": "c"}, {"temperature": 38.5, "temperature_unit": "C"}),
    ({"temperature": 38.5, "temperature_unit": "Celsius"}, {"temperature": 38.5, "temperature_unit": "C"}),
    ({"temperature": 100, "temperature_method": "Oral"}, {"temperature": 100.0, "temperature_unit": "F",
                                                          "temperature_method": "mouth"}),
    ({"temperature": 37, "temperature_method": "underarm"}, {"temperature": 37.0, "temperature_method": "armpit"}),
])
def test_odd_but_readable_answers_are_read(given, expected):
    read = read_answers(given)
    assert read.invalid == ()
    assert {name: getattr(read, name) for name in expected} == expected


@pytest.mark.parametrize("given", [
    {"temperature": "38.5 F"}, {"temperature": "100.4 C"}, {"temperature": "38.5 °C", "temperature_unit": "F"},
    {"temperature": 38.5, "temperature_unit": "F"}, {"temperature": 100.4, "temperature_unit": "C"},
    {"temperature": "100.4 °C", "temperature_unit": "F"}, {"temperature": "38.5F", "temperature_unit": "C"},
])
def test_a_temperature_in_the_wrong_unit_is_unreadable_so_call_now(given):
    result = check({"age_weeks": 30, **given})
    assert result.invalid == ("temperature",)
    assert (result.level, result.reasons[0]) == (NOW, "temperature_unreadable")


@pytest.mark.parametrize("given", [None, [], [1, 2], "age_weeks=8", 42, 3.5, object(), b"{}", HostileMapping(a=1),
                                   {1: 2, None: 3, "extra": 4}, {"age_weeks": {"nested": [1, [2]]}}])
def test_odd_whole_inputs_never_raise_and_never_lower_the_level(given):
    result = check(given)
    assert result.level >= check({}).level
    if given is not None and not isinstance(given, dict) or isinstance(given, HostileMapping):
        assert result.level is EMERGENCY and set(result.invalid) == set(QUESTIONS)  # nothing could be read


def test_a_hand_built_answers_is_read_again():
    """An `Answers` built by hand with odd values, or with its marks in the wrong type, is still safe."""
    assert check(Answers(age_weeks="abc", blisters="maybe")).invalid == ("age_weeks", "blisters")
    assert check(Answers(age_weeks=30, invalid=("blisters",))).level is NOW
    assert check(Answers(age_weeks=30, invalid="blisters")).level is NEXT_VISIT  # not a tuple: ignored
    assert check(Answers(age_weeks=30, invalid=("no_such_question", 7))).invalid == ()
    marked = check(Answers(age_weeks=30, temperature=36.5, temperature_unit="C", invalid=("temperature",)))
    assert marked.level is NOW and marked.invalid == ("temperature",)  # a mark wins over the value beside it


def test_reading_twice_changes_nothing():
    for base in BASES:
        once = read_answers(base)
        assert read_answers(once) == once



# --- 4. Words ------------------------------------------------------------------------------------------------

def test_every_question_and_note_has_words():
    from milia_kit import strings
    from milia_kit.triage import NOTES
    for lang in strings.available_languages():
        words = strings.load(lang)
        for name in QUESTIONS:
            assert words.text(f"triage.invalid.{name}").strip(), (lang, name)
            if name != "temperature_unit":
                assert words.text(f"triage.questions.{name}", dark_skin="x").strip(), (lang, name)
        for note in NOTES:
            if note != "method_unreliable":  # said by red_flags.unreliable.<method>
                assert words.text(f"triage.notes.{note}").strip(), (lang, note)
