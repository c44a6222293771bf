"""The red-flag rule table (milia_kit/red_flags.py, assets/red_flags.yml): checked when read, protocol-true
thresholds, and the one home of every warning sign a parent reads.

The place test changes the table (a fever line, a sign's words) and finds the change in every place a parent
reads warning signs: the checker, the lists of "When to call", the short list on "Take home" and "Milia or
something else?", the age text of "Why babies get them", the handout and the clinician sheet. A place with
warning signs of its own would keep the old words and fail. A second test finds no temperature figure or
emergency number in the strings outside the table's words.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
from types import MappingProxyType

import pytest
import yaml

from milia_kit import clinic, handout, red_flags, strings, triage
from milia_kit.markup import blocks_html
from milia_kit.paths import ROOT
from milia_kit.red_flags import Level, RuleTableError
from milia_kit.views import page
from milia_kit.views.red_flags import result_html

ASSETS = ROOT / "assets"


@pytest.fixture(scope="module")
def table():
    return red_flags.load()


# --- thresholds, as the published protocols state them (medical-sources.md section 10) -------------------

def test_fever_lines_are_the_lowest_among_the_sources_per_method(table):
    # Schmitt-Thompson "How to take the temperature": rectal, forehead, ear 38.0 C / 100.4 F; mouth 37.8 C /
    # 100 F; under the arm 37.2 C / 99 F. NHS and AAP are never lower, so these win.
    assert dict(table.fever["C"]) == {"rectal": 38.0, "forehead": 38.0, "ear": 38.0, "mouth": 37.8, "armpit": 37.2}
    assert dict(table.fever["F"]) == {"rectal": 100.4, "forehead": 100.4, "ear": 100.4, "mouth": 100.0, "armpit": 99.0}


def test_unknown_and_unreliable_methods_use_the_lowest_line_of_all(table):
    assert table.fever_threshold("C", None, 30) == 37.2
    assert table.fever_threshold("C", "ear", 25.5) == 37.2  # ear readings are not accurate before 6 months
    assert table.fever_threshold("C", "ear", 27) == 38.0
    assert table.fever_threshold("F", "mouth", 104) == 99.0  # mouth readings: 4 years and older only
    assert table.fever_threshold("C", "rectal", None) == 38.0


def every_string(tree):
    """(dotted path, text) for every string in a strings tree, inside lists and body blocks too."""
    return ((path, value) for path, value in strings.leaves(tree) if isinstance(value, str))


def test_younger_than_3_months_is_one_phrase_and_one_cut_off_everywhere(table):
    assert table.ages["three_months"] == 13  # 90 days: a baby typed as 12 weeks can be 84 to 90 days old
    second_cut_off = re.compile(r"\b(under|younger than|menores? de) 12 (weeks|semanas)", re.IGNORECASE)
    for lang in strings.available_languages():
        found = [path for path, text in every_string(strings.load(lang).tree) if second_cut_off.search(text)]
        assert not found, f"{lang}: a second way to say 'younger than 3 months': {found}"


# --- the table is checked when read --------------------------------------------------------------------------

def broken_copy(tmp_path, change):
    """A copy of the assets with the rule table changed by `change(data)`."""
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS, assets)
    data = yaml.safe_load((assets / "red_flags.yml").read_text(encoding="utf-8"))
    change(data)
    (assets / "red_flags.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return assets


def rule(data, rule_id):
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize("change, key", [
    (lambda d: rule(d, "seizure").update(level="urgent"), "'seizure'.level"),
    (lambda d: rule(d, "seizure").update(sources={"no-such-source": "says"}), "no-such-source"),
    (lambda d: rule(d, "dry_diapers").update(when=["wet_nappies"]), "'dry_diapers'.when"),
    (lambda d: rule(d, "fever_under_3_months").update(ages={"under": "two_months"}), "'fever_under_3_months'.ages"),
    (lambda d: d["temperature"]["fever"][0]["C"].update(armpit="high"), "temperature.fever[0].C.armpit"),
    (lambda d: rule(d, "blue_or_grey").update(sign="blue_lips"), "red_flags.signs.blue_lips"),
    (lambda d: d["rules"].append(dict(rule(d, "seizure"))), "used twice"),
    # mistakes that would silently lose advice: a rule deleted, a `when:` left blank, a line typed in one unit
    # only, an age range moved so that some ages have no rule
    (lambda d: d["rules"].remove(rule(d, "breathing_trouble")), "when: [breathing_trouble]"),
    (lambda d: rule(d, "fever_under_3_months").pop("when"), "'fever_under_3_months'.when"),
    (lambda d: rule(d, "fever_under_3_months").update(when=None), "'fever_under_3_months'.when"),
    (lambda d: d["temperature"]["fever"][0]["F"].update(armpit=100.9), "temperature.fever.armpit"),
    (lambda d: rule(d, "fever_from_3_months").update(ages={"from": "six_months"}), "when: [fever]"),
    (lambda d: d["temperature"]["low"].update(C=38.5, F=101.3), "the lines must rise"),
    # a sign's own danger: the same wherever the sign is shown, named in every language, and only with a sign
    (lambda d: rule(d, "pus_bumps").update(danger="bleeding"), "'pus_bumps'"),
    (lambda d: rule(d, "painful_rash").update(danger="sunburn"), "red_flags.dangers.sunburn"),
    (lambda d: rule(d, "temperature_unreadable").update(danger="herpes"), "'temperature_unreadable'.danger"),
], ids=["level", "source", "fact", "age", "threshold", "words", "duplicate", "rule-deleted", "when-missing",
        "when-blank", "one-unit", "age-gap", "order", "danger-differs", "danger-words", "danger-no-sign"])
def test_a_mistake_in_the_table_names_the_file_and_the_key(tmp_path, change, key):
    with pytest.raises(RuleTableError) as error:
        red_flags.load(broken_copy(tmp_path, change))
    assert key in str(error.value) and ("red_flags.yml" in str(error.value) or ".yml" in str(error.value))


def test_a_translation_missing_a_warning_sign_is_refused(tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS, assets)
    es = assets / "strings" / "es.yml"
    text = es.read_text(encoding="utf-8")
    es.write_text(re.sub(r"\n    seizure: [^\n]*", "", text, count=1), encoding="utf-8")
    with pytest.raises(RuleTableError, match=r"es\.yml.*red_flags\.signs\.seizure"):
        red_flags.load(assets)


def test_an_age_text_shows_only_signs_for_those_ages():
    words = strings.load("en")
    newborn = red_flags.age_band_html(words, 0, 1)
    three_to_six = words.text("red_flags.signs.high_fever_3_to_6_months", **red_flags.values(red_flags.load(), words))
    assert blocks_html([{"p": three_to_six}])[3:-4] not in newborn  # a rule with two age limits needs both
    assert blocks_html([{"p": three_to_six}])[3:-4] in red_flags.age_band_html(words, 13, 17)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_list_is_short_and_names_its_danger(table, lang):
    """CDC Clear Communication Index: lists of 7 items or fewer (item 8); each warning sign's danger named
    (item 18): every group of signs ends with the danger its signs share."""
    words = strings.load(lang)
    for sign_list in red_flags.sign_lists(words, table):
        for group in sign_list.groups:
            assert 1 <= len(group.items) <= 7, (sign_list.level, group.heading, len(group.items))
            assert group.why.strip() and group.heading.strip()
    assert len(red_flags.sign_items(table, words, Level.NOW, short_only=True)) <= 7
    shown = page.body_inserts(words)["red_flag_lists"]
    assert all(blocks_html([{"p": group.why}])[3:-4] in shown
               for sign_list in red_flags.sign_lists(words, table) for group in sign_list.groups)


def test_the_real_table_loads_and_every_level_has_signs(table):
    assert all(table.signs(level) for level in Level)
    assert all(table.signs(level, short_only=True) for level in (Level.EMERGENCY, Level.NOW))


# --- every place a parent reads a warning sign comes from the table -----------------------------------------

MARK = "71.3"  # a fever line no source states: it can only appear where the table is read


def places(words) -> dict[str, str]:
    """Every place a parent (or clinician) reads warning signs, as HTML, for one language."""
    plain = clinic.Clinic(name="Clinic", phone="555-123-4567", guide_address="https://example.org/")
    inserts = page.body_inserts(words)
    young = triage.check({"age_weeks": 2, "temperature": 38.5, "temperature_unit": "C"})
    return {
        "call step": blocks_html(words.get("steps.call.body"), inserts),
        "take home": blocks_html(words.get("steps.takehome.body"), inserts),
        "look-alikes": blocks_html(words.get("steps.lookalikes.body"), inserts),
        "why (newborn)": red_flags.age_band_html(words, 0, 1),
        "checker": result_html(young, words, "555"),
        "handout": handout.handout_body(handout.Handout(lang=words.lang), words, plain),
        "clinician sheet": handout.clinician_body(words, plain),
    }


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_changed_fever_line_reaches_every_place(monkeypatch, table, lang):
    words = strings.load(lang)
    changed = dataclasses.replace(table, fever=MappingProxyType({
        unit: MappingProxyType({**lines, "armpit": 71.3 if unit == "C" else 160.3})
        for unit, lines in table.fever.items()}))
    monkeypatch.setattr(red_flags, "load", lambda assets=None: changed)
    mark = MARK.replace(".", words.text("red_flags.decimal_mark"))
    missing = [name for name, html in places(words).items() if mark not in html]
    assert not missing, f"these places do not read the fever line from the table: {missing}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_sign_of_every_level_is_on_the_call_step_and_the_handout(lang):
    words = strings.load(lang)
    shown = places(words)
    for sign_list in red_flags.sign_lists(words):
        for text in (sign_list.heading, *sign_list.items):
            escaped = blocks_html([{"p": text}])[3:-4]
            assert escaped in shown["call step"] and escaped in shown["handout"], text


def test_no_warning_sign_is_written_outside_the_table():
    """No temperature figure, emergency number or age cut-off for calling lives in the strings outside the
    table's words (red_flags.*). The safe fallback is the one exception: it must work when nothing else does."""
    allowed = ("red_flags.", "app.safe_fallback", "triage.units", "triage.invalid.temperature",
               "clinician.maps_to")
    # figures, emergency numbers, and where to look for spots on dark skin (the glass test has one home too)
    figure = re.compile(r"\d+(?:[.,]\d)?\s*°|\b911\b|\b999\b|\b100[.,]4\b|\b38[.,]0\b|eyelids|párpados")
    for lang in strings.available_languages():
        found = [f"{key}: {value}" for key, value in every_string(strings.load(lang).tree)
                 if not key.startswith(allowed) and figure.search(value)]
        assert not found, f"{lang}: warning-sign figures outside the rule table's words: {found}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_short_list_names_the_danger_of_its_signs_too(lang, table):
    """CDC item 18 wherever signs are listed: the short list carries the danger line of each group it draws from."""
    words = strings.load(lang)
    shown, said = red_flags.short_html(words, table), set()
    for level in (Level.EMERGENCY, Level.NOW):
        whys = red_flags.short_whys(table, words, level, said)
        assert whys
        for why in whys:
            assert blocks_html([{"p": why}])[3:-4] in shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_age_timelines_lists_name_their_dangers(lang, table):
    words = strings.load(lang)
    for from_week, to_week in ((0, 1), (2, 4), (5, 12), (13, 26)):
        shown = red_flags.age_band_html(words, from_week, to_week, table)
        rules, said = red_flags.rules_for_ages(table, from_week, to_week), set()
        for level in reversed(Level):
            signs = [r.sign for r in rules if r.level is level]
            for why in red_flags.dangers(table, words, level, signs, said):
                assert blocks_html([{"p": why}])[3:-4] in shown, (from_week, level)
                shown_signs = " ".join(words.text(f"red_flags.signs.{r.sign}", **red_flags.values(table, words))
                                       for r in rules if r.sign)
                assert not _unshown(why, shown_signs, lang), (from_week, why)


def test_the_checkers_reasons_come_with_their_dangers(table):
    words = strings.load("en")
    purple = next(r for r in table.rules if r.id == "purple_spots")
    whys = red_flags.rule_dangers(table, words, [purple.id])
    assert len(whys) == 1 and whys[0].startswith(words.text(f"red_flags.groups.{purple.group}.why"))
    assert "bleeding under the skin" in whys[0]
    assert red_flags.rule_dangers(table, words, []) == []


# Words a danger line can name, and what the signs shown with it must then say (the fourth rating's finding R3:
# purple spots alone ended with the herpes line; the short list's line named yellow skin and throwing up, which
# it does not list). Written from the finding, not from the table.
NAMED_IN_DANGERS = {
    "en": {"herpes": ("blister", "pus"), "yellow": ("yellow",), "throwing up": ("throw",), "spots": ("spots",)},
    "es": {"herpes": ("ampoll", "pus"), "amarill": ("amarill",), "vomit": ("vomit",), "manchas": ("manchas",)},
}


def _unshown(danger: str, shown: str, lang: str) -> list[str]:
    return [word for word, needs in NAMED_IN_DANGERS[lang].items()
            if word in danger.lower() and not any(n in shown.lower() for n in needs)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_checker_answers_danger_names_only_the_signs_it_found(lang, table):
    words = strings.load(lang)
    filled = red_flags.values(table, words)
    for rule in table.rules:
        if rule.sign is None or rule.when is None:
            continue
        shown = words.text(f"red_flags.signs.{rule.sign}", **filled) + words.text(f"red_flags.reasons.{rule.id}", **filled)
        for danger in red_flags.rule_dangers(table, words, [rule.id]):
            assert not _unshown(danger, shown, lang), (rule.id, danger)
    purple_alone = " ".join(red_flags.rule_dangers(table, words, ["purple_spots"]))
    assert "herpes" not in purple_alone


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_danger_two_answers_share_is_said_once(lang, table):
    """Spots that do not fade, with a fever (an emergency) and without (call now): a parent who answers both reads
    the bleeding line once (a second reader's finding), on the checker and on every page that lists both."""
    words = strings.load(lang)
    line = words.text("red_flags.dangers.bleeding")
    both = " ".join(red_flags.rule_dangers(table, words, ["fever_and_purple_spots", "purple_spots"]))
    assert both.count(line) == 1
    assert red_flags.short_html(words, table).count(blocks_html([{"p": line}])[3:-4]) == 1
    assert red_flags.all_lists_html(words, table).count(blocks_html([{"p": line}])[3:-4]) == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_short_lists_dangers_name_only_the_signs_it_lists(lang, table):
    words = strings.load(lang)
    for level in (Level.EMERGENCY, Level.NOW):
        shown = " ".join(red_flags.sign_items(table, words, level, short_only=True))
        for danger in red_flags.short_whys(table, words, level):
            assert not _unshown(danger, shown, lang), (level, danger)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_signs_own_danger_follows_it_onto_every_list(lang, table):
    """The herpes line stays on the full list, where blisters are; the yellow line where yellow skin is."""
    words = strings.load(lang)
    for sign_list in red_flags.sign_lists(words, table):
        for group in sign_list.groups:
            assert not _unshown(group.why, " ".join(group.items), lang), group.heading
    everything = red_flags.all_lists_html(words, table)
    for danger in ("herpes", "bleeding", "yellow"):
        line = words.text(f"red_flags.dangers.{danger}", **red_flags.values(table, words))
        assert blocks_html([{"p": line}])[3:-4] in everything


def test_yellow_after_the_first_week_says_when_to_call_now(table):
    """Seattle Children's (Schmitt), jaundiced newborn: deep yellow or orange skin, or yellow that has reached the
    legs, is a call now. The checker does not ask how deep the yellow is (its answer stays 'today'), so the list
    and the checker's reason say it (the fifth rating's finding M4)."""
    words = strings.load("en")
    filled = red_flags.values(table, words)
    for key in ("red_flags.signs.yellow_today", "red_flags.reasons.yellow_from_first_week"):
        text = words.text(key, **filled).lower()
        assert "call now" in text and "orange" in text and "legs" in text, key
