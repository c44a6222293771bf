"""Milia or something else? Compare what a parent sees with milia and the bumps that look like them.

The parent answers five questions (`QUESTIONS`): the colour of the bumps, redness around them, what is in
them, where most of them are, and how old the baby was when they started. `explore(answers)` says which
conditions fit best, why, and whether the answers call for a doctor now. Pure Python, no widgets; codes
only (question names, answer codes, condition ids, reason codes): the view turns them into words.

The conditions are data (assets/lookalikes.yml): for each, the answers that are `typical` and those that are
`possible`, whether it is harmless, whether it is urgent, and its source ids.

Scoring (deterministic):

- Each answered question adds to a condition's score: +2 if the answer is typical for it, +1 if it is
  possible, -2 if it does not fit. A question not answered ("not sure", None, or a value that is not one of
  the question's answer codes) adds nothing to any condition.
- A condition is a match when its score is above 0 and at most one answer does not fit it.
- Matches are ranked by score (higher first), then by fewer answers that do not fit, then by the fixed order
  of the data file (milia first). At most `MAX_MATCHES` are returned.
- Urgent conditions (neonatal herpes, "blisters_first_weeks") are never ranked: the urgent flag shows them.

The urgent flag (Schmitt's newborn rash protocol: tiny blisters, or pimples with pus, need a doctor now;
blisters or pimples in the first month must be examined quickly because of possible herpes). It is decided
by rules in this module, not by the data file or the ranking, so that no data edit and no other answer can
hide it:

- Blisters: the parent says the bumps hold clear liquid (`fluid: clear`) or look clear like drops of water
  (`colour: clear`). Pus: `fluid: pus`.
- Blisters or pus always set `urgent`, at any age, as the guide's "When to call the doctor" step does.
- In the first weeks (onset at birth up to 6 weeks, `FIRST_WEEKS`, the upper end of "about 4 to 6 weeks"),
  the reasons are `blisters_first_weeks` / `pus_first_weeks` and the urgent look-alike (neonatal herpes) is
  shown. Later onsets give `blisters` / `pus_bumps`.
- An onset not answered counts as the first weeks (the more careful reading), with the note `onset_unknown`.
- Answers that cannot be read count as not answered: they never raise, never set the flag on their own, and
  never clear it when another answer sets it.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import yamlfile

from . import paths

__all__ = [
    "QUESTIONS",
    "NOT_SURE",
    "FIRST_WEEKS",
    "MAX_MATCHES",
    "REASON_CODES",
    "TYPICAL",
    "POSSIBLE",
    "MISFIT",
    "Condition",
    "Match",
    "Result",
    "LookalikesDataError",
    "load",
    "read_answers",
    "explore",
]

# The questions and their answer codes, in the order the view asks them.
QUESTIONS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "colour": ("white", "yellow", "red", "purple", "clear"),
    "redness": ("none", "some", "blotch"),
    "fluid": ("solid", "clear", "pus", "scales"),
    "place": ("nose", "face", "scalp", "mouth_roof", "gums", "neck_folds", "body"),
    "onset": ("birth", "week_1", "weeks_2_4", "weeks_5_6", "weeks_7_12", "older"),
})
NOT_SURE = "not_sure"  # the view's "Not sure" option: the same as not answered

# Onsets in the first weeks of life: up to 6 weeks, the careful end of Schmitt's "first month" and the
# issue's "about 4 to 6 weeks" (a parent's "4 weeks" can be 28 to 34 days).
FIRST_WEEKS = frozenset({"birth", "week_1", "weeks_2_4", "weeks_5_6"})
MAX_MATCHES = 3
MAX_MISFITS = 1  # a condition with more answers that do not fit it is not a match

TYPICAL, POSSIBLE, MISFIT = 2, 1, -2  # points per answered question

# Reason codes of `Result.urgent_reasons`, in the order they are listed.
REASON_CODES = ("purple_spots", "blisters_first_weeks", "pus_first_weeks", "blisters", "pus_bumps", "onset_unknown")
# A red or purple bump is never shown as a look-alike whose colour it does not fit (milia are white or yellow):
# a parent of a baby with red or purple spots must not read "milia" as the best match.
EXCLUDING_COLOURS = frozenset({"red", "purple"})

DATA_FILE = "lookalikes.yml"
_MAX_TEXT = 40  # a longer value is not an answer code


class LookalikesDataError(ValueError):
    """assets/lookalikes.yml is not as this module expects (a mistake in the data, caught at load)."""


@dataclass(frozen=True)
class Condition:
    id: str
    harmless: bool
    urgent: bool
    sources: tuple[str, ...]
    typical: Mapping[str, frozenset[str]]
    possible: Mapping[str, frozenset[str]]

    @property
    def check_first(self) -> bool:
        """Harmless, but it comes with pus or blisters in a baby's first weeks, which a doctor must see (the
        urgent box says so for those answers): never shown as plainly "harmless"."""
        return (self.harmless and bool(self.typical.get("fluid", frozenset()) & {"pus", "clear"})
                and bool(self.typical.get("onset", frozenset()) & FIRST_WEEKS))

    def points(self, question: str, answer: str) -> int:
        if answer in self.typical.get(question, ()):
            return TYPICAL
        if answer in self.possible.get(question, ()):
            return POSSIBLE
        return MISFIT


@dataclass(frozen=True)
class Match:
    """One condition that fits: its score and which answered questions fit it, partly fit, or do not fit."""

    condition: str
    score: int
    fits: tuple[str, ...]  # questions (QUESTIONS order) whose answer is typical for it
    partly: tuple[str, ...]  # questions whose answer can fit it
    misfits: tuple[str, ...]  # questions whose answer does not fit it
    harmless: bool


@dataclass(frozen=True)
class Result:
    """What `explore()` found.

    `answers`: every question with its answer code, or None when not answered. `ignored`: questions whose
    value could not be read (not one of its answer codes), treated as not answered. `urgent`: call the
    doctor now; `urgent_reasons` in REASON_CODES order; `urgent_conditions`: the urgent look-alikes to show.
    """

    answers: Mapping[str, str | None]
    matches: tuple[Match, ...]
    urgent: bool
    urgent_reasons: tuple[str, ...]
    urgent_conditions: tuple[str, ...]
    ignored: tuple[str, ...]

    @property
    def answered(self) -> tuple[str, ...]:
        return tuple(q for q in QUESTIONS if self.answers.get(q) is not None)


# --- The data ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def load(path: Path | None = None) -> tuple[Condition, ...]:
    """The conditions in their fixed order, checked: an unknown question or answer code is an error."""
    path = path or paths.ASSETS / DATA_FILE
    with Path(path).open(encoding="utf-8") as f:
        data = yamlfile.parse(f) or {}
    entries = data.get("conditions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LookalikesDataError(f"{path}: no `conditions` list")
    conditions = tuple(_condition(entry, path) for entry in entries)
    ids = [c.id for c in conditions]
    if len(set(ids)) != len(ids):
        raise LookalikesDataError(f"{path}: a condition id is listed twice")
    if "milia" not in ids:
        raise LookalikesDataError(f"{path}: milia itself is missing")
    return conditions


def _condition(entry, path) -> Condition:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise LookalikesDataError(f"{path}: every condition needs an `id`")
    cid = entry["id"]
    for flag in ("harmless", "urgent"):
        if not isinstance(entry.get(flag), bool):
            raise LookalikesDataError(f"{path}: {cid}: `{flag}` must be true or false")
    sources = entry.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise LookalikesDataError(f"{path}: {cid}: `sources` must list source ids")
    profiles = {}
    for kind in ("typical", "possible"):
        profile = entry.get(kind) or {}
        if not isinstance(profile, dict):
            raise LookalikesDataError(f"{path}: {cid}: `{kind}` must map questions to answer lists")
        for question, answers in profile.items():
            if question not in QUESTIONS:
                raise LookalikesDataError(f"{path}: {cid}: unknown question {question!r}")
            if not isinstance(answers, list) or not set(answers) <= set(QUESTIONS[question]):
                raise LookalikesDataError(f"{path}: {cid}: {kind}.{question} has an unknown answer: {answers!r}")
        profiles[kind] = MappingProxyType({q: frozenset(a) for q, a in profile.items()})
    for question in QUESTIONS:
        if not profiles["typical"].get(question):
            raise LookalikesDataError(f"{path}: {cid}: no typical answer for {question!r}")
        if profiles["typical"][question] & profiles["possible"].get(question, frozenset()):
            raise LookalikesDataError(f"{path}: {cid}: {question!r} lists an answer as typical and possible")
    return Condition(id=cid, harmless=entry["harmless"], urgent=entry["urgent"], sources=tuple(sources),
                     typical=profiles["typical"], possible=profiles["possible"])


# --- Reading answers ----------------------------------------------------------------------------------------

def _read_one(question: str, value) -> tuple[str | None, bool]:
    """(answer code or None, readable). None and "not sure" are readable and mean "not answered"."""
    if value is None:
        return None, True
    if not isinstance(value, str):
        return None, False
    text = str.strip(value)  # the base method: a hostile str subclass cannot change what we compare
    if len(text) > _MAX_TEXT:
        return None, False
    text = text.lower()
    if text in ("", NOT_SURE):
        return None, True
    if text in QUESTIONS[question]:
        return text, True
    return None, False


def read_answers(raw) -> tuple[dict[str, str | None], tuple[str, ...]]:
    """Browser values (a mapping of question to value) as answer codes, and the questions that were ignored.

    Never raises. Unknown keys are left out. Anything that is not an answer code of its question (wrong type,
    unknown text, too long) is ignored: that question counts as not answered. Input that is neither a
    mapping nor None cannot be read: every question is ignored.
    """
    answers: dict[str, str | None] = dict.fromkeys(QUESTIONS)
    if raw is None:
        return answers, ()
    if not isinstance(raw, Mapping):
        return answers, tuple(QUESTIONS)
    ignored = []
    for question in QUESTIONS:
        try:
            value = raw.get(question)
            answers[question], readable = _read_one(question, value)
        except Exception:  # a hostile mapping or value: not answered
            answers[question], readable = None, False
        if not readable:
            ignored.append(question)
    return answers, tuple(ignored)


# --- Exploring ------------------------------------------------------------------------------------------------

def explore(raw, conditions: tuple[Condition, ...] | None = None) -> Result:
    """The conditions that fit the answers best, and whether they call for a doctor now. Never raises on answers."""
    answers, ignored = read_answers(raw)
    conditions = load() if conditions is None else conditions
    urgent_reasons = _urgent_reasons(answers)
    urgent = any(code != "onset_unknown" for code in urgent_reasons)
    first_weeks = "blisters_first_weeks" in urgent_reasons or "pus_first_weeks" in urgent_reasons
    scored = []
    for order, condition in enumerate(conditions):
        if condition.urgent:
            continue
        match = _score(condition, answers)
        if answers.get("colour") in EXCLUDING_COLOURS and "colour" in match.misfits:
            continue
        if match.score > 0 and len(match.misfits) <= MAX_MISFITS:
            scored.append((-match.score, len(match.misfits), order, match))
    matches = tuple(item[-1] for item in sorted(scored, key=lambda item: item[:3])[:MAX_MATCHES])
    return Result(
        answers=MappingProxyType(answers),
        matches=matches,
        urgent=urgent,
        urgent_reasons=urgent_reasons,
        urgent_conditions=tuple(c.id for c in conditions if c.urgent) if first_weeks else (),
        ignored=ignored,
    )


def _score(condition: Condition, answers: Mapping[str, str | None]) -> Match:
    fits, partly, misfits, score = [], [], [], 0
    for question in QUESTIONS:
        answer = answers.get(question)
        if answer is None:
            continue
        points = condition.points(question, answer)
        score += points
        {TYPICAL: fits, POSSIBLE: partly, MISFIT: misfits}[points].append(question)
    return Match(condition=condition.id, score=score, fits=tuple(fits), partly=tuple(partly),
                 misfits=tuple(misfits), harmless=condition.harmless)


def _urgent_reasons(answers: Mapping[str, str | None]) -> tuple[str, ...]:
    blisters = answers.get("fluid") == "clear" or answers.get("colour") == "clear"
    pus = answers.get("fluid") == "pus"
    # Schmitt: purple or blood-coloured spots not present at birth: call now; NHS: a rash that does not fade
    # with pressure (the glass test). The parent cannot be asked to judge which: purple always calls now.
    found = {"purple_spots"} if answers.get("colour") == "purple" else set()
    if not (blisters or pus):
        return tuple(code for code in REASON_CODES if code in found)
    onset = answers.get("onset")
    first_weeks = onset is None or onset in FIRST_WEEKS
    if blisters:
        found.add("blisters_first_weeks" if first_weeks else "blisters")
    if pus:
        found.add("pus_first_weeks" if first_weeks else "pus_bumps")
    if onset is None:
        found.add("onset_unknown")
    return tuple(code for code in REASON_CODES if code in found)
