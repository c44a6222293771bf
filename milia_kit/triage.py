"""Red-flag checker for the "When to call the doctor" step: which level of care, and every reason why.

A parent answers the questions (age, temperature, yes/no signs, how long the bumps have been there).
`check()` answers with a level (`red_flags.Level`: EMERGENCY, NOW, TODAY, NEXT_VISIT) and the ids of the rules
that fired. The rules are not here: they are the rule table, assets/red_flags.yml (`red_flags.load()`), the
same table every list of warning signs in the guide and the handouts comes from. This module only reads the
answers and asks the table. It must never under-advise:

- An answer that cannot be read (wrong type, NaN, infinity, out of range, text that is not a number or a
  yes/no, a value in the wrong unit) is reported in `Answers.invalid` and then treated as its *most urgent*
  possible value: unreadable age -> a newborn; unreadable yes/no -> "yes"; unreadable temperature -> the rule
  `temperature_unreadable` (it could have been a very high fever); unreadable "how long have the bumps been
  there" -> long enough to mention.
- An unanswered age could be any age: every rule applies, whatever its ages (age changes what every other
  answer means), and fever lines are those for a newborn.
- `Result.complete` is False until the age and every yes/no question are answered. The view shows no level
  below NOW until then ("no warning signs so far, please answer the rest"): an unanswered question is never
  taken as a "no". A sign at NOW or EMERGENCY is shown at once: more answers can only raise it.
- An unanswered temperature means "not taken". A temperature without a unit takes the unit its number can
  only be in (the table's plausible ranges do not overlap).
- Fever lines are per method, the lowest among the sources (the table); a reading with no method, or with a
  method that is not accurate at the baby's age (ear under 6 months, mouth under 4 years), is judged against
  the lowest line of all, and the parent is told why (`method_unknown`, `method_unreliable`).

So a "yes" instead of a "no", a younger age, or a higher temperature never lowers the level. The one
exception is on purpose: a low temperature is a warning sign of its own (the table's `low` line), so warming
up from low to normal can lower it.
"""
from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Mapping

from . import red_flags
from .red_flags import YES_NO_QUESTIONS, Level

__all__ = [
    "Level",
    "Answers",
    "Result",
    "NOTES",
    "QUESTIONS",
    "YES_NO_QUESTIONS",
    "REQUIRED",
    "TEMPERATURE_UNITS",
    "TEMPERATURE_METHODS",
    "read_answers",
    "check",
]


MAX_AGE_WEEKS = red_flags.MAX_AGE_WEEKS
MAX_TEXT_LENGTH = 40  # longer typed text is not an answer we try to read

TEMPERATURE_UNITS = red_flags.UNITS
TEMPERATURE_METHODS = ("rectal", "armpit", "forehead", "ear", "mouth")  # the order the checker offers them
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
    breathing_trouble: bool | None = None  # works hard to breathe, grunts with each breath
    blue_or_grey: bool | None = None  # blue or grey lips, tongue or face
    seizure: bool | None = None
    hard_to_wake: bool | None = None  # very weak, floppy, not moving, or very hard to wake
    acting_unwell: bool | None = None  # looks sick or does not act like themselves
    crying: bool | None = None  # cries and cannot be calmed
    not_feeding: bool | None = None
    vomiting: bool | None = None  # keeps throwing up, or throws up green
    dry_diapers: bool | None = None  # fewer wet diapers than usual, or none in 6 hours
    feels_cold: bool | None = None  # feels cold, or very pale or blotchy, even after warming
    yellow_skin: bool | None = None  # skin or the whites of the eyes look yellow
    new_rash: bool | None = None  # a new rash the parent cannot explain
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
assert set(YES_NO_QUESTIONS) <= set(QUESTIONS), "every yes/no question of the rule table is an answer here"
# What must be answered before a level below NOW is shown (the temperature may be "not taken").
REQUIRED = ("age_weeks", *YES_NO_QUESTIONS)


@dataclass(frozen=True)
class Result:
    """What `check()` found.

    `reasons`: the ids of every rule that fired, in table order. `notes`: what explains the result without
    raising it (`NOTES` order). `invalid`: answers that could not be read (question names). `unanswered`:
    questions left blank that matter. `complete`: the age and every yes/no question are answered.
    """

    level: Level
    reasons: tuple[str, ...]
    notes: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    complete: bool = True
    temperature_method: str | None = None  # as read: the view names it when it was not reliable

    @property
    def shows_level(self) -> bool:
        """A level below NOW is shown only when every question is answered; NOW and EMERGENCY at once."""
        return self.complete or self.level >= Level.NOW

    @property
    def no_warning_sign(self) -> bool:
        """Every question answered and read, and no rule fired: nothing to call about, nor to mention at a visit.
        An answer that could not be read is never this, even when it raised no level (an unreadable age)."""
        return self.complete and self.level is Level.NEXT_VISIT and not self.reasons and not self.invalid


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
    if unit is None or not _in_range(number, red_flags.load().plausible[unit]):
        return None, None, False
    return number, unit, True


def _unit_from_number(number: float) -> str | None:
    """The only unit this reading makes sense in; None when it makes sense in neither."""
    for unit in TEMPERATURE_UNITS:
        if _in_range(number, red_flags.load().plausible[unit]):
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


# --- What the answers mean, and what the table says of them. ---------------------------------------------

def _temperature(answers: Answers, table) -> dict[str, bool]:
    """The temperature facts of the rules, against the table's lines (see red_flags.yml, `temperature`)."""
    found = dict.fromkeys(red_flags.TEMPERATURE_FACTS, False)
    unit = answers.temperature_unit
    if "temperature" in answers.invalid or (answers.temperature is not None and unit not in TEMPERATURE_UNITS):
        found["temperature_unreadable"] = True  # (a wrong unit only in an `Answers` built by hand)
        return found
    if answers.temperature is None:
        return found
    reading = answers.temperature
    found["fever"] = reading >= table.fever_threshold(unit, answers.temperature_method, answers.age_weeks)
    found["high_fever"] = reading >= table.high[unit]
    found["very_high_fever"] = reading >= table.very_high[unit]
    found["low_temperature"] = reading < table.low[unit]
    return found


def facts(answers: Answers, table) -> dict[str, bool]:
    """The facts the rules are written in: unreadable yes/no -> yes; unanswered yes/no -> no (the view
    shows no level below NOW until every one is answered)."""
    bumps = answers.bumps_weeks
    found = {name: name in answers.invalid or getattr(answers, name) is True for name in YES_NO_QUESTIONS}
    found.update(_temperature(answers, table))
    found["milia_3_months"] = "bumps_weeks" in answers.invalid or (bumps is not None and bumps >= table.milia_weeks)
    return found


# Codes that explain the result without raising it, in the order they are given.
NOTES = ("nothing_urgent", "age_unknown", "method_unknown", "method_unreliable", "unanswered_questions")


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


def word_keys() -> list[str]:
    """The strings keys the checker's view builds from its questions and notes (each language needs them)."""
    keys = [f"triage.invalid.{name}" for name in QUESTIONS]
    keys += [f"triage.questions.{name}" for name in QUESTIONS]
    keys += [f"triage.notes.{note}" for note in NOTES] + ["triage.notes.unanswered_questions_now"]
    keys += [f"triage.methods.{method}" for method in TEMPERATURE_METHODS]
    keys += [f"triage.units.{unit}" for unit in TEMPERATURE_UNITS]
    return keys


def check(answers) -> Result:
    """The level of care for these answers, with every reason. Never raises on any answers.

    `answers` is an `Answers` or a mapping of browser values; it is read again with `read_answers()`.
    """
    table = red_flags.load()
    answers = read_answers(answers)
    found = facts(answers, table)
    fired = [rule for rule in table.rules
             if rule.when is not None and all(found[fact] for fact in rule.when) and table.applies_at(rule, answers.age_weeks)]
    level = max((rule.level for rule in fired), default=Level.NEXT_VISIT)
    unanswered = _unanswered(answers)
    took = answers.temperature is not None
    notes = []
    if not fired:
        notes.append("nothing_urgent")
    if answers.age_weeks is None:
        notes.append("age_unknown")
    if took and answers.temperature_method is None:
        notes.append("method_unknown")
    if took and answers.temperature_method is not None and not table.reliable(answers.temperature_method,
                                                                             answers.age_weeks):
        notes.append("method_unreliable")
    complete = not any(name in unanswered for name in REQUIRED)
    if not complete:
        notes.append("unanswered_questions")
    return Result(
        level=level,
        reasons=tuple(rule.id for rule in fired),
        notes=tuple(notes),
        invalid=answers.invalid,
        unanswered=unanswered,
        complete=complete,
        temperature_method=answers.temperature_method,
    )
