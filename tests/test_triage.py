"""Tests for milia_kit.triage, the red-flag checker of the "When to call the doctor" step.

The checker must never under-escalate. Three kinds of evidence:

1. Named real-world cases with the exact level and reasons expected.
2. An exhaustive enumeration over a grid of answers, each result compared with two oracles written here from
   research/medical-sources.md, without calling anything inside the module but `check()`:
   - `source_floor()`: the lowest level the sources allow, read literally (AAP: under 12 weeks with
     100.4 F / 38.0 C or higher; Schmitt: under 1 month and acting abnormal; NHS: under 3 months with
     38 C; ...). The module's level must never be below it. This is the safety property.
   - `documented_rules()`: the module's documented rules, restated here (with its two conservative age
     counts: "under 1 month" is under 5 weeks, "under 3 months" is under 13 weeks). Level and reasons must
     match exactly, so over-escalation and missing reasons are caught too.
3. Monotonicity and hostile inputs: more signs, a higher temperature or a younger baby never lowers the
   level, and no browser value makes the checker raise or lower the level.
"""
from __future__ import annotations

import math
import time
from decimal import Decimal
from functools import lru_cache
from itertools import product
from pathlib import Path

import pytest

from milia_kit.triage import (
    QUESTIONS,
    REASON_CODES,
    RULES,
    Answers,
    Level,
    check,
    read_answers,
)

NOW, TODAY, NEXT_VISIT = Level.NOW, Level.TODAY, Level.NEXT_VISIT
RED_FLAGS = (  # the eight yes/no signs enumerated in full
    "acting_unwell", "not_feeding", "hard_to_wake", "blisters", "pus_bumps", "purple_spots",
    "spreading_redness", "painful_rash",
)
ACNE = ("acne_deep_lumps_or_scars", "acne_started_after_6_weeks")
YES_NO = RED_FLAGS + ACNE
UNREADABLE = "unreadable"  # what an answer means when it cannot be read
NOT_TAKEN = "not taken"  # a temperature left blank
MAYBE = "maybe"  # a yes/no answer that cannot be read


# --- The oracles, from research/medical-sources.md sections 4 and 2.6 ---------------------------------------

# Thresholds per unit, as the sources state them in that unit (Mayo: 100.4 F / 38 C rectal, ear, forehead;
# 100 F / 37.8 C by mouth; AAP: 104 F / 40 C). For a mouth or unknown method the module's documented
# judgement lowers "very high" by the same 0.2 C / 0.4 F as fever; 36.0 C / 96.8 F is its "low".
FEVER = {"C": 38.0, "F": 100.4}
FEVER_MOUTH = {"C": 37.8, "F": 100.0}
VERY_HIGH = {"C": 40.0, "F": 104.0}
VERY_HIGH_MOUTH = {"C": 39.8, "F": 103.6}
LOW = {"C": 36.0, "F": 96.8}


def temperature_meaning(reading) -> str:
    """'not taken', 'unreadable', 'low', 'normal', 'fever' or 'very high' for (value, unit, method)."""
    if reading in (NOT_TAKEN, UNREADABLE):
        return reading
    value, unit, method = reading
    mouth_or_unknown = method not in ("rectal", "armpit", "forehead", "ear")
    if value >= (VERY_HIGH_MOUTH if mouth_or_unknown else VERY_HIGH)[unit]:
        return "very high"
    if value >= (FEVER_MOUTH if mouth_or_unknown else FEVER)[unit]:
        return "fever"
    return "low" if value < LOW[unit] else "normal"


def is_yes(value) -> bool:
    """A sign counts when answered yes, or when the answer cannot be read (it could have been yes)."""
    return value is True or value == MAYBE


def expected(age, reading, signs: tuple, bumps) -> tuple[Level, Level, frozenset]:
    """(the sources' floor, the documented level, the documented reason codes) for one set of answers.

    `age` is weeks or None; `reading` is NOT_TAKEN, UNREADABLE or (value, unit, method); `signs` holds one
    answer per YES_NO name (None, False, True or MAYBE); `bumps` is weeks, None or UNREADABLE.
    """
    yes = tuple(map(is_yes, signs))
    floor = source_floor(age, reading, yes)
    level, codes = documented_rules(age, reading, yes)
    if bumps == UNREADABLE or (bumps is not None and bumps >= 12):  # Mayo: milia not gone by about 3 months
        codes |= {"milia_over_3_months"}
    if not codes:
        codes |= {"nothing_urgent"}
    if age is None:
        codes |= {"age_unknown"}
    if None in signs:
        codes |= {"unanswered_questions"}
    return floor, level, codes


@lru_cache(maxsize=None)
def source_floor(age, reading, yes: tuple) -> Level:
    """The least urgent level the sources allow, taking each source literally.

    `age` is weeks or None (unknown: the answer could be any age, so take the most urgent over all ages);
    `reading` is NOT_TAKEN, UNREADABLE (could be any reading: most urgent over all readings) or
    (value, unit, method); `yes` holds one bool per YES_NO name.
    """
    if age is None:
        return max(source_floor(weeks, reading, yes) for weeks in (0, 3.9, 11.9, 12.9, 13, 104))
    if reading == UNREADABLE:
        return max(source_floor(age, (value, "C", "rectal"), yes) for value in (36.5, 38.0, 40.0))
    sign = dict(zip(YES_NO, yes))
    fever = very_high = False
    if reading != NOT_TAKEN:
        value, unit, method = reading
        # Mayo: 100.4 F / 38 C, or 100 F / 37.8 C by mouth; a method not given could be the mouth.
        fever = value >= (FEVER[unit] if method in ("rectal", "armpit", "forehead", "ear") else FEVER_MOUTH[unit])
        very_high = value >= VERY_HIGH[unit]
    now = [
        fever and age < 12,  # AAP: younger than 3 months (12 weeks) with 100.4 F / 38.0 C or higher
        fever and age < 13,  # NHS red: under 3 months with 38 C / 100.4 F or above (3 months is 13 weeks)
        very_high,  # AAP: above 104 F (40 C)
        fever and (sign["acting_unwell"] or sign["hard_to_wake"]),  # AAP: fever and looks very ill or drowsy
        age < 4 and (sign["acting_unwell"] or sign["not_feeding"] or sign["hard_to_wake"]),  # Schmitt: < 1 month
        sign["hard_to_wake"],  # NHS red: very lethargic or hard to wake
        sign["not_feeding"] and age < 12,  # the issue: not feeding under 12 weeks
        sign["blisters"], sign["pus_bumps"],  # Schmitt: tiny blisters; pimples (first month: possible herpes)
        sign["purple_spots"],  # NHS red: rash that does not fade with pressure; Schmitt: purple spots
        sign["spreading_redness"], sign["painful_rash"],  # Schmitt: looks infected; painful to the touch
    ]
    today = [
        fever,  # AAP: call for a fever
        sign["acting_unwell"],  # Schmitt: you think the baby needs to be seen; AAP: still acts sick
        sign["not_feeding"],  # NHS (older text): refusing to feed -> urgent
        sign["acne_deep_lumps_or_scars"],  # Mayo: cysts or scars need treatment; DermNet: see a doctor
        sign["acne_started_after_6_weeks"],  # DermNet: acne starting after 6 weeks -> see the baby's doctor
    ]
    return NOW if any(now) else TODAY if any(today) else NEXT_VISIT


@lru_cache(maxsize=None)
def documented_rules(age, reading, yes: tuple) -> tuple[Level, frozenset]:
    """The module's documented rules (all but the milia one), restated: the level and the codes that fire."""
    sign = dict(zip(YES_NO, yes))
    newborn = age is None or age < 5  # "under 1 month": a parent's "4 weeks" can be 28 to 34 days
    young = age is None or age < 13  # "under 3 months": a parent's "12 weeks" is 84 to 90 days
    temperature = temperature_meaning(reading)
    fever = temperature in ("fever", "very high")
    ill = sign["acting_unwell"] or sign["not_feeding"] or sign["hard_to_wake"]
    fired = {
        "temperature_unreadable": (NOW, temperature == UNREADABLE),
        "very_high_fever": (NOW, temperature == "very high"),
        "fever_under_3_months": (NOW, fever and young),
        "low_temperature_under_3_months": (NOW, temperature == "low" and young),
        "fever_and_unwell": (NOW, fever and ill),
        "hard_to_wake": (NOW, sign["hard_to_wake"]),
        "unwell_under_1_month": (NOW, ill and newborn),
        "not_feeding_under_3_months": (NOW, sign["not_feeding"] and young),
        "blisters_first_month": (NOW, sign["blisters"] and newborn),
        "blisters": (NOW, sign["blisters"] and not newborn),
        "pus_bumps_first_month": (NOW, sign["pus_bumps"] and newborn),
        "pus_bumps": (NOW, sign["pus_bumps"] and not newborn),
        "purple_spots": (NOW, sign["purple_spots"]),
        "spreading_redness": (NOW, sign["spreading_redness"]),
        "painful_rash": (NOW, sign["painful_rash"]),
        "fever": (TODAY, fever and not young),
        "low_temperature": (TODAY, temperature == "low" and not young),
        "acting_unwell": (TODAY, sign["acting_unwell"] and not newborn),
        "not_feeding": (TODAY, sign["not_feeding"] and not young),
        "acne_deep_lumps_or_scars": (TODAY, sign["acne_deep_lumps_or_scars"]),
        "acne_started_after_6_weeks": (TODAY, sign["acne_started_after_6_weeks"]),
    }
    codes = frozenset(code for code, (_, applies) in fired.items() if applies)
    return max((fired[code][0] for code in codes), default=NEXT_VISIT), codes


# --- 1. Named cases -----------------------------------------------------------------------------------------

def answers(**changes) -> Answers:
    """A complete set of answers with every sign "no", bumps for 2 weeks, no temperature; then `changes`."""
    base = dict({name: False for name in YES_NO}, age_weeks=6, bumps_weeks=2)
    return Answers(**{**base, **changes})


def temp(value, unit="C", method="rectal", **changes) -> Answers:
    return answers(temperature=value, temperature_unit=unit, temperature_method=method, **changes)


CASES = [
    # (name, answers, level, reasons in order, invalid)
    ("healthy 2-week-old with milia", answers(age_weeks=2), NEXT_VISIT, ("nothing_urgent",), ()),
    ("2-week-old, 38.0 C rectal", temp(38.0, age_weeks=2), NOW, ("fever_under_3_months",), ()),
    ("11-week-old, 100.4 F rectal", temp(100.4, "F", age_weeks=11), NOW, ("fever_under_3_months",), ()),
    ("12-week-old, 38.0 C armpit counts as under 3 months", temp(38.0, method="armpit", age_weeks=12), NOW,
     ("fever_under_3_months",), ()),
    ("13-week-old, 38.0 C rectal", temp(38.0, age_weeks=13), TODAY, ("fever",), ()),
    ("6-month-old, 38.5 C armpit", temp(38.5, method="armpit", age_weeks=26), TODAY, ("fever",), ()),
    ("6-month-old, 40.0 C rectal", temp(40.0, age_weeks=26), NOW, ("very_high_fever", "fever"), ()),
    ("5-month-old, 104 F forehead", temp(104, "F", "forehead", age_weeks=20), NOW,
     ("very_high_fever", "fever"), ()),
    ("8-week-old, 37.9 C rectal is not a fever", temp(37.9, age_weeks=8), NEXT_VISIT, ("nothing_urgent",), ()),
    ("8-week-old, 37.9 C by mouth is a fever (Mayo 37.8)", temp(37.9, method="mouth", age_weeks=8), NOW,
     ("fever_under_3_months",), ()),
    ("8-week-old, 37.9 C, method unknown", temp(37.9, method=None, age_weeks=8), NOW,
     ("fever_under_3_months",), ()),
    ("7-month-old, 100.3 F rectal", temp(100.3, "F", age_weeks=30), NEXT_VISIT, ("nothing_urgent",), ()),
    ("7-month-old, 100.0 F by mouth", temp(100.0, "F", "mouth", age_weeks=30), TODAY, ("fever",), ()),
    ("3-week-old acting unwell", answers(age_weeks=3, acting_unwell=True), NOW, ("unwell_under_1_month",), ()),
    ("4-week-old not feeding", answers(age_weeks=4, not_feeding=True), NOW,
     ("unwell_under_1_month", "not_feeding_under_3_months"), ()),
    ("5-week-old acting unwell", answers(age_weeks=5, acting_unwell=True), TODAY, ("acting_unwell",), ()),
    ("8-week-old not feeding", answers(age_weeks=8, not_feeding=True), NOW, ("not_feeding_under_3_months",), ()),
    ("5-month-old not feeding", answers(age_weeks=20, not_feeding=True), TODAY, ("not_feeding",), ()),
    ("7-month-old hard to wake", answers(age_weeks=30, hard_to_wake=True), NOW, ("hard_to_wake",), ()),
    ("2-week-old hard to wake", answers(age_weeks=2, hard_to_wake=True), NOW,
     ("hard_to_wake", "unwell_under_1_month"), ()),
    ("2-week-old with blisters on the scalp", answers(age_weeks=2, blisters=True), NOW,
     ("blisters_first_month",), ()),
    ("10-week-old with tiny blisters", answers(age_weeks=10, blisters=True), NOW, ("blisters",), ()),
    ("3-week-old with pus bumps", answers(age_weeks=3, pus_bumps=True), NOW, ("pus_bumps_first_month",), ()),
    ("8-week-old with pus bumps", answers(age_weeks=8, pus_bumps=True), NOW, ("pus_bumps",), ()),
    ("purple spots that do not fade", answers(age_weeks=20, purple_spots=True), NOW, ("purple_spots",), ()),
    ("spreading redness", answers(age_weeks=20, spreading_redness=True), NOW, ("spreading_redness",), ()),
    ("painful rash", answers(age_weeks=20, painful_rash=True), NOW, ("painful_rash",), ()),
    ("baby acne with deep lumps", answers(age_weeks=10, acne_deep_lumps_or_scars=True), TODAY,
     ("acne_deep_lumps_or_scars",), ()),
    ("acne that first started at 8 weeks", answers(age_weeks=10, acne_started_after_6_weeks=True), TODAY,
     ("acne_started_after_6_weeks",), ()),
    ("milia for 14 weeks", answers(age_weeks=16, bumps_weeks=14), NEXT_VISIT, ("milia_over_3_months",), ()),
    ("milia for 12 weeks", answers(age_weeks=12, bumps_weeks=12), NEXT_VISIT, ("milia_over_3_months",), ()),
    ("5-month-old, fever and acting unwell", temp(38.5, age_weeks=20, acting_unwell=True), NOW,
     ("fever_and_unwell", "fever", "acting_unwell"), ()),
    ("age not given, 38.2 C rectal", temp(38.2, age_weeks=None), NOW,
     ("fever_under_3_months", "age_unknown"), ()),
    ("age not given, nothing else", answers(age_weeks=None), NEXT_VISIT, ("nothing_urgent", "age_unknown"), ()),
    ("temperature typed as 'hot'", temp("hot", age_weeks=30), NOW, ("temperature_unreadable",), ("temperature",)),
    ("decimal comma '38,5'", temp("38,5", age_weeks=30), TODAY, ("fever",), ()),
    ("unit C but 100.4 typed", temp(100.4, "C", age_weeks=30), NOW, ("temperature_unreadable",),
     ("temperature",)),
    ("3-week-old, 35.5 C rectal", temp(35.5, age_weeks=3), NOW, ("low_temperature_under_3_months",), ()),
    ("7-month-old, 35.5 C rectal", temp(35.5, age_weeks=30), TODAY, ("low_temperature",), ()),
    ("blank form", Answers(), NEXT_VISIT, ("nothing_urgent", "age_unknown", "unanswered_questions"), ()),
    ("blisters answered 'maybe'", answers(age_weeks=10, blisters="maybe"), NOW, ("blisters",), ("blisters",)),
    ("one sign skipped", answers(age_weeks=10, painful_rash=None), NEXT_VISIT,
     ("nothing_urgent", "unanswered_questions"), ()),
]


@pytest.mark.parametrize("name, given, level, reasons, invalid", CASES, ids=[case[0] for case in CASES])
def test_named_case(name, given, level, reasons, invalid):
    result = check(given)
    assert (result.level, result.reasons, result.invalid) == (level, reasons, invalid)


def test_there_are_enough_named_cases():
    assert len(CASES) >= 25


def test_result_lists_skipped_questions_for_the_view():
    result = check(temp(38.5, method=None, age_weeks=20, pus_bumps=None, bumps_weeks=None))
    assert result.unanswered == ("temperature_method", "pus_bumps", "bumps_weeks")
    assert check(Answers()).unanswered == tuple(q for q in QUESTIONS if q not in ("temperature_unit",
                                                                                   "temperature_method"))


def test_levels_are_ordered():
    assert NEXT_VISIT < TODAY < NOW and max(TODAY, NOW, NEXT_VISIT) is NOW
    assert [level.code for level in Level] == ["next_visit", "today", "now"]


# --- 2. Exhaustive enumeration -------------------------------------------------------------------------------
#
# The example grid of the issue crossed in one product (12 ages x 13 temperatures x 3^10 yes/no answers x 4 bump
# durations) is 36.8 million checks: about 15 minutes at the checker's ~25 microseconds. It is split into full
# products that share every age and temperature of that grid, 334,266 checks in all (about 15 s; the count and
# time of A are printed with `pytest -s`):
#   A.  an age in every band the rules and sources draw x a temperature of every kind x all eight red-flag
#       answers (3^8), with the bump and two acne answers taking their 36 combinations in turn: 196,830;
#   B.  all 12 ages x all 13 temperatures x the three "seems ill" answers (3^3) x both acne answers (4 x 4, one
#       value unreadable), the bump duration taking its 5 values in turn: 67,392;
#   B2. all 12 ages x all 13 temperatures x 5 bump durations x both acne answers (4 x 4): 12,480;
#   C.  all 12 ages x all 13 temperatures x the five rash signs (3^5): 37,908;
#   D.  all 12 ages x 26 readings at every threshold x 7 methods x 3 ways of giving the unit x acting unwell
#       (3): 19,656.

AGES = (None, 0, 2, 3, 4, 5, 8, 11, 12, 13, 20, 30)
BOUNDARY_AGES = (None, 0, 4, 5, 12, 13)  # one in each band: < 4, 4, 5 to 11, 12, 13 or more weeks


def sent(value, unit, method):
    """A reading as the browser sends it, and what it means."""
    return {"temperature": value, "temperature_unit": unit, "temperature_method": method}, (value, unit, method)


# (what the browser sends, what it means). The meaning is written by hand, not computed by the module.
TEMPERATURES = (
    ({}, NOT_TAKEN),
    sent(36.5, "C", "rectal"), sent(37.9, "C", "rectal"), sent(38.0, "C", "rectal"), sent(38.5, "C", "armpit"),
    sent(40.0, "C", "rectal"), sent(100.3, "F", "rectal"), sent(100.4, "F", "ear"), sent(104.0, "F", "forehead"),
    ({"temperature": "abc"}, UNREADABLE),
    ({"temperature": math.nan, "temperature_unit": "C"}, UNREADABLE),
    ({"temperature": -5, "temperature_unit": "C", "temperature_method": "rectal"}, UNREADABLE),
    ({"temperature": 999, "temperature_unit": "F", "temperature_method": "rectal"}, UNREADABLE),
)
BOUNDARY_TEMPERATURES = (  # one of each kind: not taken (as good as normal), low, fever, very high, unreadable
    ({}, NOT_TAKEN), sent(35.5, "C", "rectal"), sent(38.0, "C", "rectal"), sent(40.0, "C", "rectal"),
    ({"temperature": "abc"}, UNREADABLE),
)
ANSWER_VALUES = (None, False, True)  # one digit in base 3
BUMPS_AND_ACNE = tuple(product((None, 2, 12, 14), ANSWER_VALUES, ANSWER_VALUES))
BUMPS = (None, 2, 12, 14, "abc")  # from calm to most urgent; "abc" cannot be read
ACNE_VALUES = (None, False, True, MAYBE)  # MAYBE cannot be read: counts as yes
CALM_REST = {"bumps_weeks": 2, "acne_deep_lumps_or_scars": False, "acne_started_after_6_weeks": False}
# Red-flag combinations, the first red flag being the lowest base-3 digit: combination i + 3**k has red flag k
# one step further along None -> False -> True.
FLAG_COMBINATIONS = tuple(tuple(reversed(values)) for values in product(ANSWER_VALUES, repeat=len(RED_FLAGS)))
POSITION = {code: i for i, code in enumerate(REASON_CODES)}


def verify(given: dict, meaning: tuple, invalid: tuple) -> tuple[Level, str | None]:
    """Check `given`; return its level and a description of what is wrong with the result, or None."""
    result = check(given)
    floor, level, codes = expected(*meaning)
    problem = None
    if result.level < floor:
        problem = f"UNDER-ESCALATED: {result.level.name} below the sources' {floor.name}"
    elif result.level != level or set(result.reasons) != codes:
        problem = f"{result.level.name} {result.reasons} != {level.name} {sorted(codes)}"
    elif len(set(result.reasons)) != len(result.reasons) or list(result.reasons) != sorted(
            result.reasons, key=POSITION.__getitem__):
        problem = f"reasons out of order: {result.reasons}"
    elif result.invalid != invalid:
        problem = f"invalid {result.invalid} != {invalid}"
    return result.level, problem and f"{given}: {problem}"


def invalid_names(*names) -> tuple:
    return tuple(name for name in QUESTIONS if name in names)


@pytest.fixture(scope="module")
def enumeration():
    """Product A; returns the levels found by (age, reading) and red-flag combination, for monotonicity."""
    started = time.perf_counter()
    levels, failures, count = {}, [], 0
    for age, (browser_temperature, reading) in product(BOUNDARY_AGES, BOUNDARY_TEMPERATURES):
        slice_levels = bytearray(len(FLAG_COMBINATIONS))
        invalid = invalid_names("temperature") if reading == UNREADABLE else ()
        for i, flags in enumerate(FLAG_COMBINATIONS):
            bumps, *acne = BUMPS_AND_ACNE[count % len(BUMPS_AND_ACNE)]
            given = {"age_weeks": age, "bumps_weeks": bumps, **browser_temperature,
                     **dict(zip(RED_FLAGS, flags)), **dict(zip(ACNE, acne))}
            slice_levels[i], problem = verify(given, (age, reading, flags + tuple(acne), bumps), invalid)
            if problem and len(failures) < 10:
                failures.append(problem)
            count += 1
        levels[age, reading] = bytes(slice_levels)
    print(f"\nproduct A: {count} combinations in {time.perf_counter() - started:.1f} s")
    return levels, failures, count


def test_every_combination_of_red_flags_matches_the_sources_and_rules(enumeration):
    _, failures, count = enumeration
    assert count == len(BOUNDARY_AGES) * len(BOUNDARY_TEMPERATURES) * 3 ** len(RED_FLAGS) == 196_830
    assert not failures, "\n".join(failures)


def other_answers(age, t: int, bumps, acne: tuple, flags: tuple) -> tuple[dict, tuple, tuple]:
    """(what the browser sends, what it means, which answers cannot be read) for one combination."""
    browser_temperature, reading = TEMPERATURES[t]
    given = {"age_weeks": age, "bumps_weeks": bumps, **browser_temperature, **dict(zip(RED_FLAGS, flags)),
             **dict(zip(ACNE, acne))}
    meaning = (age, reading, flags + acne, UNREADABLE if bumps == "abc" else bumps)
    invalid = invalid_names(*(["temperature"] if reading == UNREADABLE else []),
                            *(["bumps_weeks"] if bumps == "abc" else []),
                            *(name for name, answer in zip(ACNE, acne) if answer == MAYBE))
    return given, meaning, invalid


@pytest.mark.parametrize("age", AGES)
def test_every_age_temperature_illness_and_acne_answer(age):
    """Product B."""
    failures = []
    for n, (t, ill, acne) in enumerate(product(range(len(TEMPERATURES)), product(ANSWER_VALUES, repeat=3),
                                               product(ACNE_VALUES, repeat=2))):
        _, problem = verify(*other_answers(age, t, BUMPS[n % len(BUMPS)], acne, ill + (False,) * 5))
        if problem:
            failures.append(problem)
    assert n + 1 == 13 * 27 * 16 and not failures, "\n".join(failures[:10])


@pytest.mark.parametrize("age", AGES)
def test_every_age_temperature_bump_and_acne_answer(age):
    """Product B2; a longer time or an acne "yes" never lowers the level."""
    failures, levels = [], {}
    for t, bumps, acne in product(range(len(TEMPERATURES)), BUMPS, product(ACNE_VALUES, repeat=2)):
        levels[t, bumps, acne], problem = verify(*other_answers(age, t, bumps, acne, (False,) * 8))
        if problem:
            failures.append(problem)
    for (t, bumps, (deep, late)), level in levels.items():
        calmer = [levels[t, BUMPS[b], (deep, late)] for b in range(BUMPS.index(bumps))]
        calmer += [levels[t, bumps, (value, late)] for value in (None, False) if deep in (True, MAYBE)]
        calmer += [levels[t, bumps, (deep, value)] for value in (None, False) if late in (True, MAYBE)]
        if any(level < other for other in calmer):
            failures.append(f"more urgent answers lowered the level: {TEMPERATURES[t], bumps, deep, late}")
    assert len(levels) == 13 * 5 * 16 and not failures, "\n".join(failures[:10])


@pytest.mark.parametrize("age", AGES)
def test_every_age_temperature_and_rash_sign(age):
    """Product C."""
    failures = []
    for t, rash in product(range(len(TEMPERATURES)), product(ANSWER_VALUES, repeat=5)):
        _, problem = verify(*other_answers(age, t, 2, (False, False), (False,) * 3 + rash))
        if problem:
            failures.append(problem)
    assert not failures, "\n".join(failures[:10])


# Readings around every threshold, in each unit; each is sent three ways (unit answer, unit left out, unit typed).
READINGS = {
    "C": (35.5, 35.9, 36.0, 36.5, 37.7, 37.8, 37.9, 38.0, 39.7, 39.8, 39.9, 40.0, 41.0),
    "F": (95.9, 96.7, 96.8, 97.7, 99.9, 100.0, 100.3, 100.4, 103.5, 103.6, 103.9, 104.0, 105.8),
}
METHODS = (None, "rectal", "armpit", "forehead", "ear", "mouth", "nose")  # "nose" is not a method: unreadable


def temperature_ways(value, unit, method):
    """The same reading as a browser might send it."""
    yield {"temperature": value, "temperature_unit": unit, "temperature_method": method}
    yield {"temperature": value, "temperature_method": method}
    yield {"temperature": f" {value}".replace(".", ",") + f" °{unit.lower()}", "temperature_method": method}


@pytest.mark.parametrize("age", AGES)
def test_every_temperature_unit_and_method(age):
    """Product D."""
    failures = []
    for (unit, values), method, acting_unwell in product(READINGS.items(), METHODS, ANSWER_VALUES):
        invalid = invalid_names("temperature_method") if method == "nose" else ()
        flags = (acting_unwell,) + (False,) * 7
        for value in values:
            meaning = (age, (value, unit, None if method == "nose" else method), flags + (False, False), 2)
            for browser_temperature in temperature_ways(value, unit, method):
                given = {"age_weeks": age, **CALM_REST, **browser_temperature, **dict(zip(RED_FLAGS, flags))}
                _, problem = verify(given, meaning, invalid)
                if problem:
                    failures.append(problem)
    assert not failures, "\n".join(failures[:10])


def test_oracles_say_what_the_sources_say():
    """The oracles are not vacuous: they give the key source rules the levels the sources give."""
    no = (False,) * len(YES_NO)
    assert expected(11, (38.0, "C", "rectal"), no, 2)[0] is NOW
    assert expected(11, (100.4, "F", "armpit"), no, 2)[0] is NOW
    assert expected(30, (38.0, "C", "rectal"), no, 2)[0] is TODAY
    assert expected(None, (38.0, "C", "rectal"), no, 2)[0] is NOW
    assert expected(30, UNREADABLE, no, 2)[0] is NOW
    assert expected(30, NOT_TAKEN, (MAYBE,) + no[1:], 2)[0] is TODAY
    assert expected(30, NOT_TAKEN, no, 2) == (NEXT_VISIT, NEXT_VISIT, frozenset({"nothing_urgent"}))
    assert expected(None, NOT_TAKEN, (None,) + no[1:], 14) == (
        NEXT_VISIT, NEXT_VISIT, frozenset({"milia_over_3_months", "age_unknown", "unanswered_questions"}))


# --- 3. Monotonicity (on the levels of product A) ------------------------------------------------------------

def test_answering_yes_never_lowers_the_level(enumeration):
    levels, _, _ = enumeration
    failures = []
    for key, slice_levels in levels.items():
        for k, field in enumerate(RED_FLAGS):
            for i, flags in enumerate(FLAG_COMBINATIONS):
                steps_to_yes = 2 - ANSWER_VALUES.index(flags[k])
                if steps_to_yes and slice_levels[i] > slice_levels[i + steps_to_yes * 3 ** k]:
                    failures.append(f"{key} {dict(zip(RED_FLAGS, flags))}: {field}=True lowers the level")
    assert not failures, "\n".join(failures[:10])


def test_a_younger_baby_never_gets_a_lower_level(enumeration):
    levels, _, _ = enumeration
    oldest_first = sorted((age for age in BOUNDARY_AGES if age is not None), reverse=True) + [None]  # None: any
    failures = [
        f"{reading} flags #{i}: age {younger} lower than {older}"
        for _, reading in BOUNDARY_TEMPERATURES
        for older, younger in zip(oldest_first, oldest_first[1:])
        for i in range(len(FLAG_COMBINATIONS))
        if levels[younger, reading][i] < levels[older, reading][i]
    ]
    assert not failures, "\n".join(failures[:10])


def test_a_higher_temperature_never_lowers_the_level(enumeration):
    """From the normal range up (36.0 C / 96.8 F): below it, a low reading is a warning sign of its own."""
    levels, _, _ = enumeration
    chain = [reading for _, reading in BOUNDARY_TEMPERATURES if reading in (NOT_TAKEN, UNREADABLE)
             or reading[0] >= LOW[reading[1]]]
    # not taken < 38.0 < 40.0 < unreadable (it could be any reading)
    failures = [
        f"age {age} flags #{i}: {higher} lower than {lower}"
        for age in BOUNDARY_AGES for lower, higher in zip(chain, chain[1:])
        for i in range(len(FLAG_COMBINATIONS)) if levels[age, higher][i] < levels[age, lower][i]
    ]
    assert len(chain) == 4 and not failures, "\n".join(failures[:10])


def test_a_higher_reading_in_the_same_unit_and_method_never_lowers_the_level():
    for age, (unit, values), method in product(AGES, READINGS.items(), METHODS):
        found = [check({"age_weeks": age, "temperature": value, "temperature_unit": unit,
                        "temperature_method": method}).level for value in values if value >= LOW[unit]]
        assert found == sorted(found), (age, unit, method, found)


# --- 4. Hostile and odd browser values ----------------------------------------------------------------------

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
        assert result.level is NOW and set(result.invalid) == set(QUESTIONS)  # nothing could be read


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


# --- 5. The words for the view (assets/strings/en.yml, section triage) ----------------------------------------

STRINGS_FILE = Path(__file__).resolve().parents[1] / "assets" / "strings" / "en.yml"
SOURCES_FILE = Path(__file__).resolve().parents[1] / "assets" / "sources.yml"


@pytest.fixture(scope="module")
def words():
    import yaml
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))["triage"]


def test_every_code_has_words(words):
    assert set(words["levels"]) == set(words["level_details"]) == {level.code for level in Level}
    assert set(words["reasons"]) == set(REASON_CODES)
    assert set(words["questions"]) >= set(QUESTIONS)
    assert set(words["invalid"]) == set(QUESTIONS)
    assert all(isinstance(text, str) and text.strip() for group in ("levels", "level_details", "reasons",
                                                                    "questions", "invalid")
               for text in words[group].values())


def test_level_details_say_what_to_do(words):
    details = words["level_details"]
    assert "emergency department" in details["now"] and "call" in details["now"].lower()
    assert all("{phone}" in details[code] for code in ("now", "today"))
    assert all("your baby's doctor" in details[code] for code in details)


def test_every_rule_names_its_sources(words):
    import yaml
    known = {source["id"] for source in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
    for rule in RULES:
        assert set(words["sources"][rule.code]) == set(rule.sources), rule.code
    assert {source for ids in words["sources"].values() for source in ids} <= known
