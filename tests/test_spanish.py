"""The Spanish guide (assets/strings/es.yml) against the English reference (assets/strings/en.yml).

- Same keys and placeholders (milia_kit.strings.compare), and the same shape: every list has the same length,
  every body block the same kind (p, h, ul), every timeline band the same weeks, every `sources` list the same ids.
- Plain Spanish (DESIGN.md section 4): Fernández-Huerta 70 or above for each step's parent-facing text and for
  the age timeline; the label checker's explanations are printed and must not fall under 60 (the floor in
  medical-sources.md 7.3).
- No English left behind, and no confusion of milios (keratin cysts) with miliaria (a sweat rash).

Readability runs offline: textstat 0.7.x only loads cmudict (through nltk, which may download) for English;
for Spanish it counts syllables with pyphen's bundled hyph_es dictionary. The test checks both facts and makes
any nltk download fail loudly.

How text is joined for a step (the same approach as tests/test_readability.py for English): title, main
message, then every body block (headings, paragraphs, list items) in order. A heading or list item is its own
unit on screen, so one without end punctuation gets a full stop; `**bold**` marks and «quotes» are removed;
the abbreviation "Dra." is read as one word (textstat would otherwise end a sentence at its point). Nothing is
left out.
"""
from __future__ import annotations

import re

import pytest

from milia_kit import strings
from milia_kit.markup import all_blocks, block_texts
from milia_kit.strings import flatten, placeholders

STEP_MIN = 70.0  # Fernández-Huerta, parent-facing steps ("bastante fácil", about 6th grade)
TIMELINE_MIN = 70.0
LABELS_MIN = 60.0  # the label checker's explanations: printed, never below "normal"

ENGLISH_WORDS = re.compile(r"\b(the|your|you|and|with|baby|babies|doctor|skin|bumps?|this|that|is|are)\b", re.I)

# Leaves that may read the same in both files: codes, the bilingual language picker, proper names.
SAME_AS_ENGLISH_OK = {"app.language_label", "red_flags.temperature", "red_flags.method_names.rectal",
                      "red_flags.method_names.mouth"}  # "{c} °C ({f} °F)"; "rectal" and "oral" are Spanish too
PROPER_NAMES = {"Cynthia Bailey MD"}
# Where es.yml may name miliaria (heat rash): only the look-alike explorer's two heat-rash names, which set it
# apart from milios. Anywhere else, "miliaria" or "sudamina" would be the common Spanish mix-up with milios.
MILIARIA_ALLOWED_KEYS = {
    "lookalikes.conditions.miliaria_crystallina.name",
    "lookalikes.conditions.miliaria_rubra.name",
}


# --- loading ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def en():
    return strings.Strings("en")


@pytest.fixture(scope="module")
def es():
    return strings.Strings("es")


leaves = strings.leaves  # every scalar in a tree, with a path like steps.start.body[0].p


def is_sources_key(key) -> bool:
    return key == "sources" or str(key).endswith("_sources")


SOURCES_PATH = re.compile(r"(^|\.)(\w+_)?sources(\.|\[)")  # a leaf inside a sources list or mapping


# --- textstat, offline, in Spanish --------------------------------------------------------------

def _no_download(*args, **kwargs):
    raise AssertionError("textstat tried to download data through nltk; the Spanish readability test must run offline")


@pytest.fixture(scope="module")
def huerta():
    """textstat's Fernández-Huerta score for Spanish; textstat's global language is restored afterwards."""
    import textstat
    import nltk
    import pyphen
    from textstat.backend.utils import get_cmudict

    assert "es" in pyphen.LANGUAGES, "pyphen has no bundled Spanish dictionary"
    previous = getattr(textstat.textstat, "_textstatistics__lang", "en_US")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nltk, "download", _no_download)
        assert get_cmudict("es") is None, "textstat would look Spanish words up in cmudict"
        textstat.set_lang("es")
        try:
            yield textstat.fernandez_huerta
        finally:
            textstat.set_lang(previous)


def _unit(text: str) -> str:
    """One on-screen unit of text, cleaned for scoring."""
    text = str(text).replace("**", "").replace("«", "").replace("»", "").strip()
    text = re.sub(r"\bDra?\.", lambda m: m.group(0)[:-1], text)  # "Dra. Bailey" is not a sentence break
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)  # a decimal point, should one appear
    if text and text[-1] not in ".!?:":
        text += "."
    return text


def join_units(parts) -> str:
    return " ".join(_unit(p) for p in parts if str(p).strip())


def step_text(words: strings.Strings, step_id: str) -> str:
    step = words.get(f"steps.{step_id}")
    parts = [step["title"], step["message"]["text"]]
    for block in all_blocks(step.get("body")):
        parts.extend(block_texts(block))
    return join_units(parts)


def step_ids() -> list[str]:
    return list(strings.Strings("en").get("steps"))


# --- keys, placeholders, shape ------------------------------------------------------------------

def test_same_keys_and_placeholders(en, es):
    assert strings.compare(en, es) == []
    ref, oth = flatten(en.tree), flatten(es.tree)
    assert ref.keys() == oth.keys()
    for key, value in ref.items():
        if isinstance(value, str):
            assert isinstance(oth[key], str), f"{key}: a string in English, not in Spanish"
            assert placeholders(value) == placeholders(oth[key]), key


def test_the_guide_loads_in_spanish():
    words = strings.load("es")
    assert words.text("app.progress", current=2, total=8) == "Paso 2 de 8"
    assert words.text("meta.language_name") == "Español" and words.text("meta.html_lang") == "es"
    assert words.text("app.language_label") == strings.load("en").text("app.language_label") == "Language / Idioma"


def _same_shape(a, b, path: str, problems: list[str]):
    if isinstance(a, dict):
        if not isinstance(b, dict) or a.keys() != b.keys():
            problems.append(f"{path}: keys {sorted(a) if isinstance(a, dict) else a!r} vs "
                            f"{sorted(b) if isinstance(b, dict) else b!r}")
            return
        for key in a:
            here = f"{path}.{key}" if path else str(key)
            if (is_sources_key(key) and not isinstance(a[key], str)) or key in ("from_week", "to_week"):
                if a[key] != b[key]:
                    problems.append(f"{here}: {a[key]!r} in English, {b[key]!r} in Spanish")
            else:
                _same_shape(a[key], b[key], here, problems)
    elif isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            problems.append(f"{path}: a list of {len(a)} in English, {len(b) if isinstance(b, list) else b!r} in Spanish")
            return
        for index, (x, y) in enumerate(zip(a, b)):
            _same_shape(x, y, f"{path}[{index}]", problems)
    elif isinstance(a, str):
        if not isinstance(b, str):
            problems.append(f"{path}: text in English, {b!r} in Spanish")
        elif placeholders(a) != placeholders(b):
            problems.append(f"{path}: placeholders {sorted(placeholders(a))} vs {sorted(placeholders(b))}")
        elif bool(a.strip()) != bool(b.strip()):
            problems.append(f"{path}: empty in one language only")
    elif a != b:  # numbers and other scalars stay identical
        problems.append(f"{path}: {a!r} in English, {b!r} in Spanish")


def test_same_structure_lists_bands_and_sources(en, es):
    problems: list[str] = []
    _same_shape(en.tree, es.tree, "", problems)
    assert not problems, "\n".join(problems)


def test_every_list_valued_key_has_the_same_length(en, es):
    ref, oth = flatten(en.tree), flatten(es.tree)
    for key, value in ref.items():
        if isinstance(value, list):
            assert len(value) == len(oth[key]), key


def test_timeline_bands_keep_the_english_weeks(en, es):
    weeks = lambda words: [(b["from_week"], b["to_week"]) for b in words.get("timeline.bands")]
    assert weeks(es) == weeks(en)


def sources_subtrees(node, path: str = ""):
    """Every value under a `sources` or `*_sources` key that is a list or mapping of ids, by path."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else str(key)
            if is_sources_key(key) and not isinstance(value, str):
                yield here, value
            else:
                yield from sources_subtrees(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from sources_subtrees(item, f"{path}[{index}]")


def test_every_sources_list_is_identical_to_english(en, es):
    ref, oth = dict(sources_subtrees(en.tree)), dict(sources_subtrees(es.tree))
    assert ref, "found no sources lists in en.yml"
    assert ref.keys() == oth.keys()
    differ = [path for path in ref if ref[path] != oth[path]]
    assert not differ, f"sources differ from English at {differ}"


# --- readability --------------------------------------------------------------------------------

def test_spanish_syllables_are_counted_offline(huerta):
    from textstat.backend.counts import count_syllables

    assert count_syllables("bebé", "es") == 2
    assert count_syllables("granitos", "es") == 3
    assert huerta("Lave la cara de su bebé. No apriete los granitos.") > 70


@pytest.mark.parametrize("step_id", step_ids())
def test_step_fernandez_huerta(huerta, es, step_id):
    score = huerta(step_text(es, step_id))
    print(f"paso {step_id}: Fernández-Huerta {score:.1f}")
    assert score >= STEP_MIN, f"paso {step_id}: Fernández-Huerta {score:.1f}, under {STEP_MIN}"


def band_calls(band) -> str:
    """The band's "when to call" words as the page shows them (the rule table's signs for these ages), each
    heading and list item a unit of its own, as on screen."""
    from milia_kit import red_flags, strings

    html = red_flags.age_band_html(strings.load("es"), band["from_week"], band["to_week"])
    units = re.findall(r"<(?:p|li)[^>]*>(.*?)</(?:p|li)>", html)
    return join_units(re.sub(r"<[^>]+>", "", unit).replace("&#x27;", "'") for unit in units)


def test_timeline_fernandez_huerta(huerta, es):
    bands = es.get("timeline.bands")
    for band in bands:
        band["visit"] = band_calls(band)
    low = []
    for band in bands:
        score = huerta(join_units([band["milia"], band["acne"], band["visit"]]))
        print(f"línea de tiempo, semanas {band['from_week']}-{band['to_week']}: Fernández-Huerta {score:.1f}")
        if score < TIMELINE_MIN:
            low.append((band["from_week"], band["to_week"], score))
    whole = huerta(join_units([band[k] for band in bands for k in ("milia", "acne", "visit")]))
    print(f"línea de tiempo, todas las semanas: Fernández-Huerta {whole:.1f}")
    assert whole >= TIMELINE_MIN and not low, f"timeline under {TIMELINE_MIN}: whole {whole:.1f}, bands {low}"


def label_explanations(words: strings.Strings) -> dict[str, str]:
    """The label checker's explanations, grouped as the parent meets them."""
    labels = words.get("labels")
    texts = lambda group: [entry["text"] for entry in labels[group].values()]
    return {
        "labels (intro, notas)": join_units(
            [labels["intro"]["text"], labels["hint_empty"], labels["checking_note"], labels["none_found"]["text"],
             labels["may_contain"]["text"], labels["tip"]["text"], labels["privacy"]]),
        "labels.category_explain": join_units(texts("category_explain")),
        "labels.note_explain": join_units(texts("note_explain")),
        "labels.claims_explain": join_units(texts("claims_explain")),
    }


def test_label_checker_fernandez_huerta(huerta, es):
    low = []
    for name, text in label_explanations(es).items():
        score = huerta(text)
        print(f"{name}: Fernández-Huerta {score:.1f}")
        if score < LABELS_MIN:
            low.append((name, score))
    assert not low, f"label checker texts under {LABELS_MIN}: {low}"


TRIAGE_MIN = 70.0  # the red-flag checker speaks to a worried parent: the same bar as the steps


def test_triage_fernandez_huerta(huerta, es):
    """The red-flag checker's words."""
    triage = es.get("triage")
    groups = {f"triage.{g}": join_units(triage[g].values()) for g in ("notes", "questions", "invalid")}
    flags = es.get("red_flags")  # the rule table's words: every warning sign, reason and level
    sample = {"fever": "38,0 °C o más", "very_high": "39,2 °C", "high": "39,0 °C", "low": "36,0 °C",
              "dark_skin": flags["dark_skin"],
              **{f"age_{age}": text for age, text in flags["ages"].items()},
              **{f"from_{age}": text for age, text in flags["ages_from"].items()}}
    groups["red_flags.signs"] = join_units(f"Llame si su bebé {sign.format(**sample)}" for sign in flags["signs"].values())
    groups["red_flags.reasons"] = join_units(reason.format(**sample) for reason in flags["reasons"].values())
    groups["red_flags.levels"] = join_units(part for level in flags["levels"].values() for part in level.values())
    groups["red_flags.groups"] = join_units(part for group in flags["groups"].values() for part in group.values())
    groups["triage (title, intro, start_hint)"] = join_units(
        [triage.get(k, "") for k in ("title", "intro", "start_hint")])
    low = []
    for name, text in groups.items():
        if not text:
            continue
        score = huerta(text.replace("{phone}", "555 0100"))
        print(f"{name}: Fernández-Huerta {score:.1f}")
        if score < TRIAGE_MIN:
            low.append((name, score))
    assert not low, f"triage texts under {TRIAGE_MIN}: {low}"


OTHER_MIN = 70.0  # other parent-facing explanations, for sections en.yml has (look-alikes, teach-back quiz, handout tool)
OTHER_SECTIONS = ("lookalikes", "quiz", "takehome_tool", "handout")
CLINICIAN_PARTS = re.compile(r"(^|\.)(note|clinician_sheet)(\.|$)")  # chart note and clinicians' sheet: clinician words


def explanations(node, path: str = "") -> list[str]:
    """Sentences a parent reads in a section: strings of 4 or more words that end a sentence."""
    found = []
    for here, value in leaves(node, path):
        if not isinstance(value, str) or SOURCES_PATH.search(here) or CLINICIAN_PARTS.search(here):
            continue
        text = re.sub(r"\{[a-z_]+\}", "12", value)
        if len(text.split()) >= 4 and text.rstrip().endswith((".", "?", "!", ":")):
            found.append(text)
    return found


@pytest.mark.parametrize("section", OTHER_SECTIONS)
def test_other_sections_fernandez_huerta(huerta, es, section):
    texts = explanations(es.get(section), section)
    assert texts, f"{section}: no sentences found to score"
    score = huerta(join_units(texts))
    print(f"{section}: Fernández-Huerta {score:.1f} ({len(texts)} textos)")
    assert score >= OTHER_MIN, f"{section}: Fernández-Huerta {score:.1f}, under {OTHER_MIN}"


PHONE_WIDTH = 26  # tests/test_lookalikes.py: a question or option longer than this does not fit a phone


def test_lookalike_questions_and_options_fit_a_phone_in_spanish(es):
    words = es.get("lookalikes")
    long = [text for text in words["questions"].values() if len(text) > PHONE_WIDTH]
    long += [text for options in words["options"].values() for text in options.values() if len(text) > PHONE_WIDTH]
    long += [words[k] for k in ("not_sure", "tone_label") if len(words[k]) > PHONE_WIDTH]
    assert not long, long


# --- no English left, no miliaria ---------------------------------------------------------------

def _parent_and_clinician_texts(en, es):
    """(path, English, Spanish) for every translatable leaf string."""
    ref = dict(leaves(en.tree))
    for path, value in leaves(es.tree):
        if path.startswith("meta.") or path in SAME_AS_ENGLISH_OK or SOURCES_PATH.search(path):
            continue
        if not isinstance(value, str) or value in PROPER_NAMES:
            continue
        if not re.sub(r"\{[a-z_]+\}", "", value).strip():  # only placeholders, like pocket.describe
            continue
        yield path, ref.get(path), value


def test_no_english_string_left(en, es):
    same = []
    for path, english, spanish in _parent_and_clinician_texts(en, es):
        if path == "labels.placeholder":  # ingredient names as printed on labels
            continue
        if isinstance(english, str) and len(english.split()) >= 3 and spanish.strip() == english.strip():
            same.append(path)
    assert not same, f"still in English: {same}"


def test_no_english_words_in_spanish_text(en, es):
    """Common English words do not appear; English label claims are quoted in parentheses on purpose."""
    found = []
    for path, _, spanish in _parent_and_clinician_texts(en, es):
        text = re.sub(r"\([^)]*\)", "", spanish)  # "(unscented)": the English label word, given as a help
        hits = ENGLISH_WORDS.findall(text)
        if hits:
            found.append((path, hits))
    assert not found, found


def test_milios_are_never_called_miliaria(es):
    named = {path: value for path, value in leaves(es.tree)  # source ids (contemporarypeds-miliaria) are not words
             if isinstance(value, str) and not SOURCES_PATH.search(path) and re.search(r"miliar|sudamina", value, re.I)}
    assert set(named) <= MILIARIA_ALLOWED_KEYS, f"miliaria named at {sorted(set(named) - MILIARIA_ALLOWED_KEYS)}"
    for path, value in named.items():
        assert "calor" in value.lower(), f"{path}: miliaria named without saying it is a heat rash: {value!r}"
    milia_words = [value for path, value in leaves(es.tree) if isinstance(value, str) and "milios" in value.lower()]
    assert milia_words, "es.yml never says milios"


# Spain's words where a US clinic's Latin-American families say another (issue 13's list, from a reviewer who
# read the guide in Spanish): the word on the left is never used.
NOT_FOR_A_US_CLINIC = {r"\brellen\w*": "llene", r"\bpuls[ea]\w*": "oprima", r"\bsitios?\b": "lugar",
                       r"\bcomprob\w*|\bcompruebe\w*": "revisar", r"\bcasi siempre\b": "por lo general",
                       r"\bmilium\b": "milio", r"\bmamás y papás\b": "familias"}


def test_latin_american_wording_for_a_us_clinic(en, es):
    found = [(path, pattern) for path, _, spanish in _parent_and_clinician_texts(en, es)
             for pattern in NOT_FOR_A_US_CLINIC if re.search(pattern, spanish, re.I)]
    assert not found, found


def test_teach_back_has_a_spanish_gloss(es):
    named = [value for _path, value in leaves(es.tree) if isinstance(value, str) and "teach-back" in value]
    assert named and all("en sus propias palabras" in value.lower() or "en inglés, teach-back" in value for value in named)
