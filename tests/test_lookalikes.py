"""The look-alike explorer (milia_kit/lookalikes.py), its data (assets/lookalikes.yml) and its words
(assets/strings/en.yml, section lookalikes): ranking, missing and hostile answers, and the urgent flag."""
from __future__ import annotations

import dataclasses
import itertools
import math
import re
from pathlib import Path

import pytest
import yaml

from milia_kit import lookalikes
from milia_kit.lookalikes import FIRST_WEEKS, NOT_SURE, QUESTIONS, explore

ROOT = Path(__file__).resolve().parents[1]
STRINGS_FILE = ROOT / "assets" / "strings" / "en.yml"
SOURCES_FILE = ROOT / "assets" / "sources.yml"
CONDITIONS = lookalikes.load()
IDS = [c.id for c in CONDITIONS]
RANKED = [c.id for c in CONDITIONS if not c.urgent]

# What a parent typically sees for each look-alike (medical-sources.md section 3): it should come first.
TYPICAL = {
    "milia": dict(colour="white", redness="none", fluid="solid", place="nose", onset="birth"),
    "sebaceous_hyperplasia": dict(colour="yellow", redness="none", fluid="solid", place="nose", onset="birth"),
    "baby_acne": dict(colour="red", redness="some", fluid="solid", place="face", onset="weeks_2_4"),
    "erythema_toxicum": dict(colour="red", redness="blotch", fluid="solid", place="body", onset="week_1"),
    "transient_pustular_melanosis": dict(colour="yellow", redness="none", fluid="pus", place="face", onset="birth"),
    "miliaria_crystallina": dict(colour="clear", redness="none", fluid="clear", place="neck_folds", onset="week_1"),
    "miliaria_rubra": dict(colour="red", redness="some", fluid="solid", place="neck_folds", onset="weeks_7_12"),
    "cradle_cap": dict(colour="yellow", redness="none", fluid="scales", place="scalp", onset="weeks_5_6"),
    "epstein_pearls": dict(colour="white", redness="none", fluid="solid", place="mouth_roof", onset="birth"),
    "bohn_nodules": dict(colour="white", redness="none", fluid="solid", place="gums", onset="birth"),
}
# Other ways the same look-alikes often show: they should still come first.
ALSO = [
    ("milia", dict(colour="white", fluid="solid", place="face", onset="birth")),
    ("milia", dict(colour="white", redness="none", place="face")),
    ("baby_acne", dict(colour="red", redness="some", fluid="pus", place="face", onset="weeks_5_6")),
    ("baby_acne", dict(colour="red", place="face", onset="weeks_2_4")),
    ("erythema_toxicum", dict(redness="blotch", place="body")),
    ("transient_pustular_melanosis", dict(colour="white", redness="none", fluid="pus", place="neck_folds", onset="birth")),
    ("transient_pustular_melanosis", dict(colour="yellow", fluid="pus", place="body")),
    ("miliaria_crystallina", dict(colour="clear", fluid="clear", place="face")),
    ("miliaria_rubra", dict(colour="red", redness="some", place="neck_folds")),
    ("cradle_cap", dict(fluid="scales", place="scalp")),
    ("sebaceous_hyperplasia", dict(colour="yellow", place="nose")),
    ("epstein_pearls", dict(place="mouth_roof", colour="white")),
    ("bohn_nodules", dict(place="gums")),
]


def first(answers) -> str | None:
    result = explore(answers)
    return result.matches[0].condition if result.matches else None


# --- 1. The data --------------------------------------------------------------------------------------------

def test_every_look_alike_of_the_issue_is_in_the_data_with_milia_first():
    assert IDS[0] == "milia"
    assert set(IDS) == set(TYPICAL) | {"blisters_first_weeks"}
    urgent = [c for c in CONDITIONS if c.urgent]
    assert [c.id for c in urgent] == ["blisters_first_weeks"] and not urgent[0].harmless
    assert all(c.harmless for c in CONDITIONS if not c.urgent)


def test_every_condition_names_sources_that_exist():
    known = {s["id"] for s in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
    for condition in CONDITIONS:
        assert condition.sources and set(condition.sources) <= known, condition.id


@pytest.mark.parametrize("condition", CONDITIONS, ids=IDS)
def test_every_profile_uses_known_codes_and_answers_every_question(condition):
    for question, codes in QUESTIONS.items():
        typical, possible = condition.typical[question], condition.possible.get(question, frozenset())
        assert typical and typical <= set(codes) and possible <= set(codes) and not typical & possible


@pytest.mark.parametrize("broken, message", [
    ("conditions: []", "no `conditions`"),
    ("conditions:\n  - {id: milia, harmless: true, urgent: false, sources: [a], typical: {colour: [white]}}",
     "no typical answer"),
    ("conditions:\n  - {id: milia, harmless: yes-ish, urgent: false, sources: [a]}", "`harmless`"),
    ("conditions:\n  - {id: milia, harmless: true, urgent: false, sources: []}", "`sources`"),
    ("conditions:\n  - {id: milia, harmless: true, urgent: false, sources: [a], typical: {shape: [round]}}",
     "unknown question"),
    ("conditions:\n  - {id: milia, harmless: true, urgent: false, sources: [a], typical: {colour: [blue]}}",
     "unknown answer"),
])
def test_a_mistake_in_the_data_is_a_clear_error_at_load(tmp_path, broken, message):
    path = tmp_path / "lookalikes.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(lookalikes.LookalikesDataError, match=re.escape(message)):
        lookalikes.load(path)


@pytest.mark.parametrize("change, message", [
    (lambda conditions: conditions.append(conditions[0]), "twice"),
    (lambda conditions: conditions.pop(0), "milia itself is missing"),
    (lambda conditions: conditions[1]["possible"].update(colour=["yellow"]), "typical and possible"),
])
def test_a_mistake_across_conditions_is_an_error(tmp_path, change, message):
    data = yaml.safe_load((ROOT / "assets" / "lookalikes.yml").read_text(encoding="utf-8"))
    change(data["conditions"])
    path = tmp_path / "lookalikes.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(lookalikes.LookalikesDataError, match=message):
        lookalikes.load(path)


# --- 2. Ranking ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("condition", sorted(TYPICAL))
def test_typical_answers_put_each_look_alike_first(condition):
    result = explore(TYPICAL[condition])
    assert result.matches[0].condition == condition
    assert result.matches[0].fits == tuple(QUESTIONS)  # every answer is typical for it
    assert result.matches[0].score == lookalikes.TYPICAL * len(QUESTIONS)


@pytest.mark.parametrize("condition, answers", ALSO, ids=[f"{c}-{i}" for i, (c, _) in enumerate(ALSO)])
def test_other_usual_answers_put_it_first_too(condition, answers):
    assert first(answers) == condition


@pytest.mark.parametrize("colour", ["yellow", "white"])
@pytest.mark.parametrize("place", ["face", "body", "neck_folds"])
def test_pus_bumps_at_birth_without_redness_bring_up_pustular_melanosis_and_still_the_alert(colour, place):
    """Transient neonatal pustular melanosis is harmless, but pus in a newborn always needs a doctor: the
    explorer ranks it among the matches and the urgent box still shows."""
    result = explore(dict(colour=colour, redness="none", fluid="pus", place=place, onset="birth"))
    assert "transient_pustular_melanosis" in [m.condition for m in result.matches]
    assert result.urgent and "pus_first_weeks" in result.urgent_reasons
    assert result.urgent_conditions == ("blisters_first_weeks",)


def test_pustular_melanosis_sits_next_to_erythema_toxicum_and_is_harmless_not_urgent():
    assert IDS.index("transient_pustular_melanosis") == IDS.index("erythema_toxicum") + 1
    tnpm = CONDITIONS[IDS.index("transient_pustular_melanosis")]
    assert tnpm.harmless and not tnpm.urgent and "medscape-tnpm" in tnpm.sources
    assert tnpm.typical["redness"] == {"none"} and not tnpm.possible.get("redness")  # no redness: its key sign
    assert tnpm.typical["onset"] == {"birth"}


def test_the_urgent_look_alike_is_shown_by_the_alert_never_ranked():
    herpes = dict(colour="clear", redness="some", fluid="clear", place="scalp", onset="week_1")
    result = explore(herpes)
    assert result.urgent and result.urgent_conditions == ("blisters_first_weeks",)
    for answers in [herpes, *TYPICAL.values(), *(a for _, a in ALSO)]:
        assert "blisters_first_weeks" not in [m.condition for m in explore(answers).matches]


def test_scoring_is_as_documented():
    milia = CONDITIONS[0]
    match = lookalikes._score(milia, dict(colour="yellow", redness="none", fluid="pus", place=None, onset="older"))
    # yellow: possible (+1); none: typical (+2); pus: does not fit (-2); place unanswered (0); older: possible (+1)
    assert match.score == 1 + 2 - 2 + 1
    assert (match.fits, match.partly, match.misfits) == (("redness",), ("colour", "onset"), ("fluid",))


def test_a_condition_with_two_answers_that_do_not_fit_is_not_a_match():
    result = explore(dict(colour="red", redness="blotch", fluid="solid", place="nose", onset="birth"))
    assert all(len(m.misfits) <= lookalikes.MAX_MISFITS and m.score > 0 for m in result.matches)
    assert "milia" not in [m.condition for m in result.matches]  # red and a blotch: two answers that do not fit


def test_ties_are_broken_by_the_fixed_order_of_the_data():
    result = explore({"colour": "white"})
    scores = [m.score for m in result.matches]
    assert scores == [scores[0]] * len(scores)  # milia, Epstein pearls and Bohn nodules all score the same
    order = [m.condition for m in result.matches]
    assert order == sorted(order, key=IDS.index)
    pearls = next(c for c in CONDITIONS if c.id == "epstein_pearls")
    twin = dataclasses.replace(pearls, id="twin")  # the same profile under another name
    answers = TYPICAL["epstein_pearls"]
    assert [m.condition for m in explore(answers, (pearls, twin)).matches][:2] == ["epstein_pearls", "twin"]
    assert [m.condition for m in explore(answers, (twin, pearls)).matches][:2] == ["twin", "epstein_pearls"]


def test_more_fit_ranks_higher_then_fewer_misfits():
    for answers in [*TYPICAL.values(), *(a for _, a in ALSO)]:
        matches = explore(answers).matches
        keys = [(-m.score, len(m.misfits)) for m in matches]
        assert keys == sorted(keys)


@pytest.mark.parametrize("answers", [*TYPICAL.values(), *(a for _, a in ALSO)])
def test_at_most_three_matches_and_the_same_answers_give_the_same_result(answers):
    result = explore(answers)
    assert 1 <= len(result.matches) <= lookalikes.MAX_MATCHES
    assert explore(dict(answers)) == result
    assert explore(dict(reversed(list(answers.items())))) == result  # order of the keys does not matter


# --- 3. Missing answers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("nothing", [None, {}, dict.fromkeys(QUESTIONS), dict.fromkeys(QUESTIONS, NOT_SURE),
                                     dict.fromkeys(QUESTIONS, ""), dict.fromkeys(QUESTIONS, "  Not_Sure ")])
def test_no_answers_give_no_matches_and_no_alert(nothing):
    result = explore(nothing)
    assert result.matches == () and not result.urgent and result.urgent_reasons == () and result.ignored == ()
    assert result.answers == dict.fromkeys(QUESTIONS) and result.answered == ()


def test_a_missing_answer_counts_for_nothing():
    full = explore(TYPICAL["baby_acne"])
    part = explore({k: v for k, v in TYPICAL["baby_acne"].items() if k != "place"})
    assert part.matches[0].condition == "baby_acne" and part.matches[0].score == full.matches[0].score - 2
    assert "place" not in part.answered


# --- 4. Hostile answers ----------------------------------------------------------------------------------

class EvilStr(str):
    def strip(self, *args):
        raise RuntimeError("boom")

    def lower(self):
        return "pus"

    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class EvilMapping(dict):
    def get(self, key, default=None):
        raise RuntimeError("boom")


HOSTILE_VALUES = [
    42, 3.5, math.nan, math.inf, True, False, b"white", ["white"], ("pus",), {"white": 1}, {"white"}, object(),
    "<script>alert(1)</script>", "white\x00", "w" * 10_000, "pus" * 20, "whitè", "1", "-1", "0", "white; pus",
    "blotch\n<img src=x onerror=alert(1)>", 10 ** 400, EvilStr("nonsense"),
]


@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=lambda v: type(v).__name__ + repr(v)[:12])
def test_a_hostile_value_is_ignored_never_raises(question, value):
    result = explore({question: value})
    assert result.answers[question] is None and result.ignored == (question,)
    assert result.matches == () and not result.urgent


@pytest.mark.parametrize("raw", [42, "white", ["white"], object(), b"pus", EvilMapping(colour="white"), 3.5])
def test_input_that_is_not_a_mapping_of_answers_is_ignored(raw):
    result = explore(raw)
    assert result.matches == () and not result.urgent
    assert result.ignored == tuple(QUESTIONS)


def test_answer_codes_may_come_in_any_case_and_with_spaces():
    assert explore({"colour": " White ", "place": "NOSE"}).answers["colour"] == "white"
    assert first({k: v.upper() for k, v in TYPICAL["cradle_cap"].items()}) == "cradle_cap"


def test_unknown_keys_are_left_out():
    result = explore({**TYPICAL["milia"], "shape": "round", "__class__": "x", 7: "white"})
    assert result == explore(TYPICAL["milia"])


@pytest.mark.parametrize("value", HOSTILE_VALUES[:12], ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("sign", ["blisters", "pus"])
def test_hostile_values_elsewhere_never_hide_the_alert(sign, value):
    answers = {q: value for q in QUESTIONS}
    answers["fluid"] = "clear" if sign == "blisters" else "pus"
    result = explore(answers)
    assert result.urgent
    assert result.urgent_reasons == (f"{'blisters' if sign == 'blisters' else 'pus'}_first_weeks", "onset_unknown")


# --- 5. The urgent flag: enumerated ------------------------------------------------------------------------

def _every(question, *, including_none=True):
    return [*QUESTIONS[question], *([None] if including_none else [])]


FIRST_WEEK_ONSETS = [o for o in QUESTIONS["onset"] if o in FIRST_WEEKS]
LATER_ONSETS = [o for o in QUESTIONS["onset"] if o not in FIRST_WEEKS]


def test_first_weeks_are_birth_to_about_6_weeks():
    assert FIRST_WEEK_ONSETS == ["birth", "week_1", "weeks_2_4", "weeks_5_6"]
    assert LATER_ONSETS == ["weeks_7_12", "older"]


@pytest.mark.parametrize("fluid, reason", [("clear", "blisters_first_weeks"), ("pus", "pus_first_weeks")])
def test_blisters_or_pus_in_the_first_weeks_are_always_urgent_whatever_else_is_picked(fluid, reason):
    checked = 0
    for colour, redness, place, onset in itertools.product(
            _every("colour"), _every("redness"), _every("place"), [*FIRST_WEEK_ONSETS, None]):
        result = explore(dict(colour=colour, redness=redness, fluid=fluid, place=place, onset=onset))
        assert result.urgent, (colour, redness, place, onset)
        assert reason in result.urgent_reasons
        assert result.urgent_conditions == ("blisters_first_weeks",)
        assert ("onset_unknown" in result.urgent_reasons) == (onset is None)
        checked += 1
    assert checked == len(_every("colour")) * 4 * 8 * 5


def test_clear_bumps_like_water_drops_count_as_blisters_whatever_is_inside():
    for fluid, redness, place, onset in itertools.product(
            _every("fluid"), _every("redness"), _every("place"), _every("onset")):
        result = explore(dict(colour="clear", redness=redness, fluid=fluid, place=place, onset=onset))
        assert result.urgent
        first_weeks = onset is None or onset in FIRST_WEEKS
        assert ("blisters_first_weeks" if first_weeks else "blisters") in result.urgent_reasons


@pytest.mark.parametrize("onset", LATER_ONSETS)
def test_blisters_or_pus_later_still_call_now_without_the_first_weeks_look_alike(onset):
    for fluid, code in (("clear", "blisters"), ("pus", "pus_bumps")):
        for colour, redness, place in itertools.product(_every("colour"), _every("redness"), _every("place")):
            result = explore(dict(colour=colour, redness=redness, fluid=fluid, place=place, onset=onset))
            assert result.urgent and code in result.urgent_reasons
            assert result.urgent_conditions == ()
            assert not any(r.endswith("_first_weeks") for r in result.urgent_reasons if r != code)


def test_purple_spots_are_always_urgent_and_never_milia():
    """Schmitt: purple or blood-coloured spots: call now; NHS: a rash that does not fade under a glass: red."""
    for redness, fluid, place, onset in itertools.product(
            _every("redness"), _every("fluid"), _every("place"), _every("onset")):
        result = explore(dict(colour="purple", redness=redness, fluid=fluid, place=place, onset=onset))
        assert result.urgent and "purple_spots" in result.urgent_reasons
        assert result.matches == (), "a purple spot is no harmless look-alike"


def test_red_bumps_never_list_milia_as_a_match():
    for redness, fluid, place, onset in itertools.product(
            _every("redness"), _every("fluid"), _every("place"), _every("onset")):
        result = explore(dict(colour="red", redness=redness, fluid=fluid, place=place, onset=onset))
        assert "milia" not in [match.condition for match in result.matches]


def test_without_blisters_or_pus_nothing_is_urgent():
    for colour, redness, fluid, place, onset in itertools.product(
            [c for c in _every("colour") if c not in ("clear", "purple")], _every("redness"),
            [f for f in _every("fluid") if f not in ("clear", "pus")], _every("place"), _every("onset")):
        result = explore(dict(colour=colour, redness=redness, fluid=fluid, place=place, onset=onset))
        assert not result.urgent and result.urgent_reasons == () and result.urgent_conditions == ()


def test_reasons_come_in_a_fixed_order():
    result = explore(dict(colour="clear", fluid="pus"))
    assert result.urgent_reasons == ("blisters_first_weeks", "pus_first_weeks", "onset_unknown")
    assert set(result.urgent_reasons) <= set(lookalikes.REASON_CODES)


# --- 6. The words (assets/strings/en.yml, section lookalikes) ----------------------------------------------

@pytest.fixture(scope="module")
def fragment():
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def words(fragment):
    return fragment["lookalikes"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_look_alike_a_doctor_must_check_first_never_opens_with_a_plain_harmless(lang):
    """Its badge says "Usually harmless, but a doctor must check it first": a card that then opened "Harmless."
    sent mixed messages (the fourth PEMAT/CDC rating)."""
    from milia_kit import strings

    words = strings.load(lang)
    plain = words.text("lookalikes.result.harmless_badge")
    checked = [c.id for c in lookalikes.load() if c.check_first]
    assert checked  # baby acne, pus bumps at birth, clear heat rash
    for condition in checked:
        assert not words.text(f"lookalikes.conditions.{condition}.harmless.text").startswith(plain), condition


def test_every_code_has_words(words):
    assert set(words["questions"]) == set(words["options"]) == set(words["fits"]) == set(QUESTIONS)
    for question, codes in QUESTIONS.items():
        assert set(words["options"][question]) == set(codes) == set(words["fits"][question])
    assert set(words["conditions"]) == set(IDS) == set(words["drawings"])
    assert set(words["urgent"]["reasons"]) == set(lookalikes.REASON_CODES)
    for condition in IDS:
        entry = words["conditions"][condition]
        assert entry["name"].strip()
        for part in ("looks", "differs", "harmless"):
            assert entry[part]["text"].strip() and entry[part]["sources"], (condition, part)


def test_every_factual_text_names_sources_that_exist(fragment, words):
    known = {s["id"] for s in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
    cited = set()

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("sources"), list):
                cited.update(node["sources"])
            for value in node.values():
                collect(value)

    collect(words)
    assert cited <= known, cited - known
    for code in ("blisters_first_weeks", "pus_first_weeks", "blisters", "pus_bumps"):
        assert "schmitt-newborn-rashes" in words["urgent"]["reasons"][code]["sources"]


def test_options_and_questions_fit_a_phone(words):
    for question, text in words["questions"].items():
        assert len(text) <= 26, text
    for question, options in words["options"].items():
        assert all(len(text) <= 26 for text in options.values()), options
    assert len(words["not_sure"]) <= 26 and len(words["tone_label"]) <= 26


def test_no_statistics_and_calm_words(words):
    flat = yaml.safe_dump(words)
    assert "%" not in flat and not re.search(r"\d+ (in|out of) \d+", flat)
    for alarm in ("deadly", "fatal", " die", "death", "danger", "!", "emergency!", "immediately"):
        assert alarm not in flat.lower(), alarm


def test_the_urgent_box_says_call_now_and_where_to_go(words):
    assert "now" in words["urgent"]["heading"].lower() and "doctor" in words["urgent"]["heading"]
    from milia_kit import strings
    assert "emergency" in strings.load("en").text("red_flags.levels.now.action", phone="555")  # the rule table's words
    assert words["urgent"]["button"] == "When to call the doctor"


def _parent_texts(words) -> list[str]:
    texts = [words["title"], words["intro"], words["redness_note"]["text"], words["urgent"]["heading"],
             words["urgent"]["why"]["text"],
             *(r["text"] for r in words["urgent"]["reasons"].values()),
             *(words["result"][k] for k in ("hint", "none_fit", "ignored", "not_diagnosis"))]
    for entry in words["conditions"].values():
        texts += [entry[part]["text"] for part in ("looks", "differs", "harmless")]
    texts += [d["desc"] for d in words["drawings"].values()]
    return texts


def test_parent_words_read_at_grade_6_or_below(words):
    from test_readability import MAX_GRADE, _sentence, fk_grade

    everything = " ".join(_sentence(t) for t in _parent_texts(words))
    assert fk_grade(everything) <= MAX_GRADE
    for name, entry in words["conditions"].items():  # each result card on its own, too
        card = " ".join(_sentence(entry[part]["text"]) for part in ("looks", "differs", "harmless"))
        assert fk_grade(card) <= MAX_GRADE, name
