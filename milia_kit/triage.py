"""Red-flag checker for the "When to call the doctor" step: which level of care, and every reason why.

A parent answers a few questions (age, temperature, a few yes/no signs, how long the bumps have been there).
`check()` answers with one of three levels, shown to the parent in plain words from the strings file:

- `Level.NOW`        call your baby's doctor now or go to the emergency department;
- `Level.TODAY`      call your baby's doctor today;
- `Level.NEXT_VISIT` mention it at your next visit.

It must never under-escalate. The rules (the `RULES` table) come from research/medical-sources.md section 4
(red flags) and 2.6 (baby acne); each names its source ids from assets/sources.yml. Where two sources differ
the more urgent one wins. The result lists reason codes, not sentences: the view turns codes into words.

How unclear answers are treated (chosen so that no answer can ever make the advice less urgent):

- An answer that cannot be read (wrong type, NaN, infinity, out of range, text that is not a number or a
  yes/no, a value in the wrong unit) is reported in `Answers.invalid` and then treated as its *most urgent*
  possible value, because the true answer could have been anything:
  unreadable age -> a newborn; unreadable yes/no -> "yes"; unreadable temperature -> reason
  `temperature_unreadable` at NOW (the real reading could have been a very high fever, which is NOW at any
  age); unreadable "how long have the bumps been there" -> "more than about 3 months".
- An unanswered age is treated the same way as an unreadable one (a newborn), because age changes what
  every other answer means (AAP, NHS: a fever under 3 months is an emergency); reason `age_unknown`.
- An unanswered yes/no question counts as "no" (the parent did not tick that sign), so that an empty form
  does not say "call now"; it is listed in `Result.unanswered` and adds the reason `unanswered_questions`, so
  the view can say the advice may change once every question is answered. "No" is the lowest a yes/no
  answer can go, so an unanswered question can never lower the level below a "no".
- An unanswered temperature means "not taken": no fever is assumed; it is listed in `Result.unanswered`.
- A temperature without a unit takes the unit its number can only be in (25 to 45 is Celsius, 77 to 113 is
  Fahrenheit; the ranges do not overlap). A number outside the range of its unit is unreadable.
- A temperature without a method, or with an unreadable one, is judged against the lowest threshold of any
  method (the mouth one, Mayo: 37.8 C / 100 F), so not knowing the method can only raise the level.

Ages are counted so that a baby who might still be under the limit counts as under it: a parent who says
"4 weeks" may have a baby of 28 to 34 days, so "under 1 month" means under 5 weeks; "12 weeks" may be
84 to 90 days, which is under 3 months, so "under 3 months" means under 13 weeks.

So: a "yes" instead of a "no", a younger age, or a higher temperature never lowers the level. The one
exception is on purpose: a low temperature (under 36 C / 96.8 F) is a warning sign of its own (NHS red:
"abnormally cold"), so warming up from low to normal can lower it.
"""
from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, fields
from enum import IntEnum
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

__all__ = [
    "Level",
    "Answers",
    "Result",
    "Rule",
    "RULES",
    "NOTES",
    "REASON_CODES",
    "QUESTIONS",
    "YES_NO_QUESTIONS",
    "TEMPERATURE_UNITS",
    "TEMPERATURE_METHODS",
    "read_answers",
    "check",
]


class Level(IntEnum):
    """How soon to get help; ordered so that `max()` and `<` pick the more urgent."""

    NEXT_VISIT = 0
    TODAY = 1
    NOW = 2

    @property
    def code(self) -> str:
        """The key of this level in the strings file (`triage.levels.<code>`)."""
        return self.name.lower()


# Ages in weeks, counted so that a baby who might still be under a limit is treated as under it (see above).
UNDER_1_MONTH_WEEKS = 5  # Schmitt: "under 1 month"; "4 weeks" can still be 28-31 days
UNDER_3_MONTHS_WEEKS = 13  # AAP "younger than 3 months (12 weeks)", NHS "under 3 months"; "12 weeks" is < 3 months
MILIA_MENTION_WEEKS = 12  # Mayo: milia not gone by about 3 months -> mention at a visit; asking early costs nothing
MAX_AGE_WEEKS = 104  # the guide is about babies up to 2 years; older ages are typing mistakes
MAX_TEXT_LENGTH = 40  # longer typed text is not an answer we try to read

TEMPERATURE_UNITS = ("C", "F")
TEMPERATURE_METHODS = ("rectal", "armpit", "forehead", "ear", "mouth")
_METHOD_WORDS = MappingProxyType({
    **{method: method for method in TEMPERATURE_METHODS},
    "bottom": "rectal", "underarm": "armpit", "axillary": "armpit", "temporal": "forehead",
    "tympanic": "ear", "oral": "mouth",
})
_UNIT_WORDS = MappingProxyType({
    **{unit: unit for unit in TEMPERATURE_UNITS},
    "c": "C", "celsius": "C", "centigrade": "C", "f": "F", "fahrenheit": "F",
})
_YES_WORDS = frozenset({"yes", "y", "true", "1", "on", "si", "sí"})
_NO_WORDS = frozenset({"no", "n", "false", "0", "off"})
# A typed number, with a decimal point or comma (Spanish keyboards): "8", "38.5", "38,5".
_NUMBER = re.compile(r"[+-]?\d{1,6}(?:[.,]\d{1,6})?")
# A typed temperature may carry its unit: "38,5 °C", "100.4F".
_TEMPERATURE_TEXT = re.compile(rf"({_NUMBER.pattern})\s*[°º]?\s*(c|f|celsius|fahrenheit)?")


class _Scale(NamedTuple):
    """Temperature thresholds in one unit, each as the source states it in that unit (no rounding)."""

    plausible: tuple[float, float]  # a reading outside this range is a mistake (or the other unit)
    low: float  # below this the baby is cold (NHS red: "abnormally cold"); not stated in degrees by a source
    fever: float  # AAP, NHS, Mayo: 38.0 C / 100.4 F rectal, ear, forehead (and NHS armpit)
    fever_mouth: float  # Mayo: 37.8 C / 100 F by mouth; also used when the method is not known
    very_high: float  # AAP: above 40 C / 104 F call right away at any age
    very_high_mouth: float  # the same 0.2 C (0.4 F) lower for mouth or unknown method, by analogy with fever


_SCALES = MappingProxyType({
    "C": _Scale(plausible=(25.0, 45.0), low=36.0, fever=38.0, fever_mouth=37.8, very_high=40.0,
                very_high_mouth=39.8),
    "F": _Scale(plausible=(77.0, 113.0), low=96.8, fever=100.4, fever_mouth=100.0, very_high=104.0,
                very_high_mouth=103.6),
})


@dataclass(frozen=True)
class Answers:
    """A parent's answers. Every answer may be None (not answered).

    Build it from browser values with `read_answers()`, which fills `invalid` with the names of answers it
    could not read (their value is then None). `check()` reads its input again, so an `Answers` built by hand
    with unexpected values is still judged safely.
    """

    age_weeks: float | None = None  # 0 to 104
    temperature: float | None = None  # in `temperature_unit`
    temperature_unit: str | None = None  # "C" or "F"
    temperature_method: str | None = None  # one of TEMPERATURE_METHODS
    acting_unwell: bool | None = None  # looks or acts not like themselves
    not_feeding: bool | None = None
    hard_to_wake: bool | None = None
    blisters: bool | None = None  # tiny bumps with clear fluid
    pus_bumps: bool | None = None  # pimples with pus
    purple_spots: bool | None = None  # purple or blood-coloured spots that do not fade when pressed
    spreading_redness: bool | None = None  # skin looks infected: spreading redness, sores or pus
    painful_rash: bool | None = None  # rash hurts when touched
    bumps_weeks: float | None = None  # how long the bumps have been there, 0 to 104 weeks
    acne_deep_lumps_or_scars: bool | None = None  # baby acne with deep lumps (cysts) or scars
    acne_started_after_6_weeks: bool | None = None  # acne that first started after 6 weeks of age
    invalid: tuple[str, ...] = ()  # names of answers that could not be read, in QUESTIONS order


QUESTIONS = tuple(f.name for f in fields(Answers) if f.name != "invalid")
YES_NO_QUESTIONS = (
    "acting_unwell", "not_feeding", "hard_to_wake", "blisters", "pus_bumps", "purple_spots",
    "spreading_redness", "painful_rash", "acne_deep_lumps_or_scars", "acne_started_after_6_weeks",
)


@dataclass(frozen=True)
class Result:
    """What `check()` found.

    `reasons`: every rule that fired, in `RULES` order, then the notes that apply (`NOTES` order);
    `nothing_urgent` comes first when no rule fired. `invalid`: answers that could not be read (question
    names). `unanswered`: questions left blank that matter for these answers.
    """

    level: Level
    reasons: tuple[str, ...]
    invalid: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()


# --- Reading browser values. Each reader returns (value, readable); `read_answers()` catches anything a
# hostile value still makes them raise. -----------------------------------------------------------------------

def _read_text(value) -> str | None:
    """Short text, trimmed and lower-cased; None when it is not text or is too long to be an answer."""
    if not isinstance(value, str) or len(value) > MAX_TEXT_LENGTH:
        return None
    return value.strip().lower()


def _read_number(value, low: float, high: float) -> tuple[float | None, bool]:
    """A finite number from `low` to `high`, given as a number or typed text ("8", "8,5")."""
    if value is None:
        return None, True
    if type(value) is float or type(value) is int:  # the usual case, from a widget
        if not abs(value) <= 1e300:  # NaN, infinity, or an int too big for float()
            return None, False
        number = float(value)
        return (number, True) if low <= number <= high else (None, False)
    if isinstance(value, bool):  # True is an int in Python, but never an age or a number of weeks
        return None, False
    if isinstance(value, str):
        text = _read_text(value)
        if text == "":
            return None, True
        if text is None or _NUMBER.fullmatch(text) is None:
            return None, False
        value = text.replace(",", ".")
    elif not isinstance(value, numbers.Real):
        return None, False
    try:
        number = float(value)
    except Exception:  # hostile numbers: huge ints (OverflowError), objects whose __float__ fails
        return None, False
    if not math.isfinite(number) or not low <= number <= high:
        return None, False
    return number, True


def _read_yes_no(value) -> tuple[bool | None, bool]:
    """True/False, 1/0, or typed yes/no words (English and Spanish)."""
    if value is None:
        return None, True
    if isinstance(value, bool):
        return value, True
    if isinstance(value, int) and value in (0, 1):
        return bool(value), True
    text = _read_text(value)
    if text == "":
        return None, True
    if text in _YES_WORDS:
        return True, True
    if text in _NO_WORDS:
        return False, True
    return None, False


def _read_choice(value, words: Mapping[str, str]) -> tuple[str | None, bool]:
    """One of a few known words (a unit or a method), in any letter case."""
    if value is None:
        return None, True
    if type(value) is str and value in words:  # the usual case, from a widget
        return words[value], True
    text = _read_text(value)
    if text is None:
        return None, False
    text = text.replace("°", "").replace("º", "").strip()
    if text == "":
        return None, True
    if text in words:
        return words[text], True
    return None, False


def _read_temperature(value, unit: str | None) -> tuple[float | None, str | None, bool]:
    """The temperature and its unit (from `unit`, the text, or the number), and whether it could be read.

    A unit typed with the number ("38.5 C") counts like the unit answer; if the two disagree, or the number is
    outside the range of its unit, the reading is unreadable: better to ask again than to guess.
    """
    if value is None:
        return None, None, True
    typed_unit = None
    match = _TEMPERATURE_TEXT.fullmatch(_read_text(value) or "") if isinstance(value, str) else None
    if match is not None:
        value = match.group(1)
        typed_unit = _UNIT_WORDS[match.group(2)] if match.group(2) else None
    number, readable = _read_number(value, -math.inf, math.inf)
    if number is None:
        return None, None, readable
    if typed_unit is not None and unit is not None and typed_unit != unit:
        return None, None, False
    unit = unit or typed_unit or _unit_from_number(number)
    if unit is None or not _in_range(number, _SCALES[unit].plausible):
        return None, None, False
    return number, unit, True


def _unit_from_number(number: float) -> str | None:
    """The only unit this reading makes sense in; None when it makes sense in neither."""
    for unit in TEMPERATURE_UNITS:
        if _in_range(number, _SCALES[unit].plausible):
            return unit
    return None


def _in_range(number: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= number <= bounds[1]


def _raw_values(raw) -> tuple[dict[str, object], set[str]]:
    """Question name -> raw value, from an `Answers`, a mapping or anything else, never raising.

    Also returns the names already marked unreadable (an `Answers` read before keeps its marks). Input that
    is neither an `Answers`, a mapping nor None cannot be read at all: every question is marked unreadable.
    """
    if raw is None:
        return {}, set()
    if isinstance(raw, Answers):
        values = {name: getattr(raw, name) for name in QUESTIONS}
        marked = raw.invalid if isinstance(raw.invalid, (tuple, list, set, frozenset)) else ()
        return values, {name for name in marked if isinstance(name, str) and name in QUESTIONS}
    if not isinstance(raw, Mapping):
        return {}, set(QUESTIONS)
    values, unreadable = {}, set()
    for name in QUESTIONS:
        try:
            values[name] = raw.get(name)
        except Exception:  # a hostile mapping
            unreadable.add(name)
    return values, unreadable


def _read_weeks(value) -> tuple[float | None, bool]:
    """An age, or how long the bumps have been there: 0 to 104 weeks."""
    return _read_number(value, 0, MAX_AGE_WEEKS)


def _read_unit(value) -> tuple[str | None, bool]:
    return _read_choice(value, _UNIT_WORDS)


def _read_method(value) -> tuple[str | None, bool]:
    return _read_choice(value, _METHOD_WORDS)


# Which reader reads which answer (the temperature itself is read after its unit, below).
_READERS = (
    ("age_weeks", _read_weeks),
    ("temperature_unit", _read_unit),
    ("temperature_method", _read_method),
    *((name, _read_yes_no) for name in YES_NO_QUESTIONS),
    ("bumps_weeks", _read_weeks),
)


def read_answers(raw) -> Answers:
    """Answers from browser values (a mapping of question name to value) or from another `Answers`.

    Never raises. Unknown keys are ignored. Every answer that cannot be read is set to None and its name is
    listed in `invalid`; `check()` then treats it as its most urgent value (see the module docstring).
    The `except Exception` clauses are for values that break even the type checks (hostile str or int
    subclasses, mappings whose `get` fails): such an answer is unreadable, and the page does not break.
    """
    try:
        values, unreadable = _raw_values(raw)
    except Exception:
        values, unreadable = {}, set(QUESTIONS)
    clean: dict[str, object] = {}
    for name, reader in _READERS:
        try:
            clean[name], readable = reader(values.get(name))
        except Exception:
            clean[name], readable = None, False
        if not readable:
            unreadable.add(name)
    for name in unreadable:  # a mark wins over any value beside it
        clean[name] = None
    try:  # after the marks: an unreadable unit is worked out from the number instead
        value = None if "temperature" in unreadable else values.get("temperature")
        temperature, unit, readable = _read_temperature(value, clean["temperature_unit"])
    except Exception:
        temperature, unit, readable = None, None, False
    clean["temperature"], clean["temperature_unit"] = temperature, unit
    if not readable:
        unreadable.add("temperature")
    return Answers(**clean, invalid=tuple(name for name in QUESTIONS if name in unreadable))


# --- What the answers mean, in the terms the rules use. ---------------------------------------------------

class _Facts(NamedTuple):
    """The answers as the rules see them, with every unclear answer already at its most urgent value."""

    under_1_month: bool
    under_3_months: bool
    temperature: str  # "not_taken", "unreadable", "low", "normal", "fever" or "very_high"
    has_fever: bool  # "fever" or "very_high"
    seems_ill: bool  # Schmitt "looks or acts abnormal in any way"; AAP "looks very ill, unusually drowsy"
    acting_unwell: bool
    not_feeding: bool
    hard_to_wake: bool
    blisters: bool
    pus_bumps: bool
    purple_spots: bool
    spreading_redness: bool
    painful_rash: bool
    acne_deep_lumps_or_scars: bool
    acne_started_after_6_weeks: bool
    bumps_over_3_months: bool


def _temperature_level(answers: Answers) -> str:
    """Classify the reading against the thresholds of its unit and method (mouth or unknown: the lower ones)."""
    if "temperature" in answers.invalid:
        return "unreadable"
    if answers.temperature is None:
        return "not_taken"
    scale = _SCALES.get(answers.temperature_unit)
    if scale is None:  # only an `Answers` built by hand can get here: a number without a known unit
        return "unreadable"
    by_mouth_or_unknown = answers.temperature_method in (None, "mouth")
    very_high = scale.very_high_mouth if by_mouth_or_unknown else scale.very_high
    fever = scale.fever_mouth if by_mouth_or_unknown else scale.fever
    if answers.temperature >= very_high:
        return "very_high"
    if answers.temperature >= fever:
        return "fever"
    if answers.temperature < scale.low:
        return "low"
    return "normal"


def _facts(answers: Answers) -> _Facts:
    """Facts from read answers: unknown age -> newborn; unreadable yes/no -> yes; unanswered yes/no -> no."""
    age = answers.age_weeks  # None when unanswered or unreadable: treated as a newborn
    bumps = answers.bumps_weeks
    invalid = answers.invalid
    temperature = _temperature_level(answers)
    signs = {name: name in invalid or getattr(answers, name) is True for name in YES_NO_QUESTIONS}
    return _Facts(
        under_1_month=age is None or age < UNDER_1_MONTH_WEEKS,
        under_3_months=age is None or age < UNDER_3_MONTHS_WEEKS,
        temperature=temperature,
        has_fever=temperature in ("fever", "very_high"),
        seems_ill=signs["acting_unwell"] or signs["not_feeding"] or signs["hard_to_wake"],
        bumps_over_3_months="bumps_weeks" in invalid or (bumps is not None and bumps >= MILIA_MENTION_WEEKS),
        **signs,
    )


# --- The rules. Order here is the order of `Result.reasons`. ----------------------------------------------

class Rule(NamedTuple):
    """One red flag: its reason code, the level it calls for, its source ids, and when it applies."""

    code: str
    level: Level
    sources: tuple[str, ...]
    applies: Callable[[_Facts], bool]


RULES: tuple[Rule, ...] = (
    # A reading we cannot read could have been a very high fever, which is NOW at any age (AAP).
    Rule("temperature_unreadable", Level.NOW, ("aap-fever",), lambda f: f.temperature == "unreadable"),
    # AAP: temperature above 104 F (40 C) -> call right away, at any age.
    Rule("very_high_fever", Level.NOW, ("aap-fever",), lambda f: f.temperature == "very_high"),
    # AAP, NHS red, Schmitt: under 3 months with 38.0 C / 100.4 F or higher -> call now / emergency department.
    Rule("fever_under_3_months", Level.NOW, ("aap-fever", "nhs-rashes", "schmitt-newborn-rashes"),
         lambda f: f.has_fever and f.under_3_months),
    # NHS red: "abnormally cold"; a young baby with a low temperature can be seriously ill (a judgement call).
    Rule("low_temperature_under_3_months", Level.NOW, ("nhs-rashes",),
         lambda f: f.temperature == "low" and f.under_3_months),
    # AAP: fever and looks very ill, unusually drowsy or very fussy -> call right away, at any age.
    Rule("fever_and_unwell", Level.NOW, ("aap-fever",), lambda f: f.has_fever and f.seems_ill),
    # NHS red: very lethargic or hard to wake; AAP: unusually drowsy.
    Rule("hard_to_wake", Level.NOW, ("nhs-rashes", "aap-fever"), lambda f: f.hard_to_wake),
    # Schmitt: under 1 month and looks or acts abnormal in any way -> call now or go to the ER.
    Rule("unwell_under_1_month", Level.NOW, ("schmitt-newborn-rashes",), lambda f: f.seems_ill and f.under_1_month),
    # NHS red: signs of dehydration; Krames: refuses to feed -> right away (the issue: under 12 weeks).
    Rule("not_feeding_under_3_months", Level.NOW, ("nhs-rashes", "krames-etn", "schmitt-newborn-rashes"),
         lambda f: f.not_feeding and f.under_3_months),
    # Schmitt: blisters in the first month need a quick exam (possible herpes), and tiny blisters are call-now.
    Rule("blisters_first_month", Level.NOW, ("schmitt-newborn-rashes",), lambda f: f.blisters and f.under_1_month),
    # Schmitt: tiny blisters -> call now, at any age (NHS calls a blistering rash amber: the higher wins).
    Rule("blisters", Level.NOW, ("schmitt-newborn-rashes", "nhs-rashes"),
         lambda f: f.blisters and not f.under_1_month),
    # Schmitt: pimples in the first month need a quick exam (possible herpes).
    Rule("pus_bumps_first_month", Level.NOW, ("schmitt-newborn-rashes",), lambda f: f.pus_bumps and f.under_1_month),
    # Schmitt: pimples (bumps with pus) -> call now. Its exception (looks like erythema toxicum) needs an expert eye.
    Rule("pus_bumps", Level.NOW, ("schmitt-newborn-rashes",), lambda f: f.pus_bumps and not f.under_1_month),
    # NHS red: a rash that does not fade when pressed; Schmitt: purple or blood-coloured spots -> call now.
    Rule("purple_spots", Level.NOW, ("nhs-rashes", "schmitt-newborn-rashes"), lambda f: f.purple_spots),
    # Schmitt: skin looks infected (spreading redness, sores or pus) -> call now.
    Rule("spreading_redness", Level.NOW, ("schmitt-newborn-rashes",), lambda f: f.spreading_redness),
    # Schmitt: rash painful to the touch -> call now (NHS says amber: the higher wins).
    Rule("painful_rash", Level.NOW, ("schmitt-newborn-rashes", "nhs-rashes"), lambda f: f.painful_rash),
    # AAP: any fever in a child is a reason to call; from 3 months on, fever alone can wait for office hours.
    Rule("fever", Level.TODAY, ("aap-fever",), lambda f: f.has_fever and not f.under_3_months),
    # A low reading in an older baby: check again and call (a judgement call; no source gives a number).
    Rule("low_temperature", Level.TODAY, ("nhs-rashes",), lambda f: f.temperature == "low" and not f.under_3_months),
    # Schmitt: you think the baby needs to be seen; AAP: still acts sick -> call.
    Rule("acting_unwell", Level.TODAY, ("schmitt-newborn-rashes", "aap-fever"),
         lambda f: f.acting_unwell and not f.under_1_month),
    # NHS (older advice): refusing to feed -> contact the doctor urgently.
    Rule("not_feeding", Level.TODAY, ("nhs-rashes",), lambda f: f.not_feeding and not f.under_3_months),
    # Mayo: acne with cysts or scars may need prescription treatment; DermNet: scarring acne -> see a doctor.
    Rule("acne_deep_lumps_or_scars", Level.TODAY, ("mayo-baby-acne", "dermnet-acne-children"),
         lambda f: f.acne_deep_lumps_or_scars),
    # DermNet: acne starting after about 6 weeks is infantile acne, which can scar -> see the baby's doctor.
    Rule("acne_started_after_6_weeks", Level.TODAY, ("dermnet-acne-children",),
         lambda f: f.acne_started_after_6_weeks),
    # Mayo: milia not gone by about 3 months -> mention them at a visit.
    Rule("milia_over_3_months", Level.NEXT_VISIT, ("mayo-milia",), lambda f: f.bumps_over_3_months),
)

# Codes that explain the result without raising it, in the order they follow the rules.
NOTES = ("nothing_urgent", "age_unknown", "unanswered_questions")
REASON_CODES = tuple(rule.code for rule in RULES) + NOTES


def _unanswered(answers: Answers) -> tuple[str, ...]:
    """Questions left blank that matter: the unit is worked out from the number, the method only with a reading."""
    took_temperature = answers.temperature is not None or "temperature" in answers.invalid
    skipped = []
    for name in QUESTIONS:
        if name in answers.invalid or getattr(answers, name) is not None or name == "temperature_unit":
            continue
        if name == "temperature_method" and not took_temperature:
            continue
        skipped.append(name)
    return tuple(skipped)


def check(answers) -> Result:
    """The level of care for these answers, with every reason. Never raises.

    `answers` is an `Answers` or a mapping of browser values; it is read again with `read_answers()`.
    """
    answers = read_answers(answers)
    facts = _facts(answers)
    fired = [rule for rule in RULES if rule.applies(facts)]
    level = max((rule.level for rule in fired), default=Level.NEXT_VISIT)
    unanswered = _unanswered(answers)
    notes = []
    if not fired:
        notes.append("nothing_urgent")
    if answers.age_weeks is None:
        notes.append("age_unknown")
    if any(name in unanswered for name in YES_NO_QUESTIONS):
        notes.append("unanswered_questions")
    return Result(
        level=level,
        reasons=tuple(rule.code for rule in fired) + tuple(notes),
        invalid=answers.invalid,
        unanswered=unanswered,
    )
