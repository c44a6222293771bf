"""The red-flag rule table (assets/red_flags.yml): read, checked, and turned into every list a parent reads.

One table, many readers, so they cannot drift: the checker (`triage.check`), the lists on "When to call the
doctor", the age text on "Why babies get them", the call line on "Milia or something else?" and "Take home",
the handouts and the clinician sheet all take their warning signs from here. Their words are the strings
`red_flags.*`, keyed by the table's ids; thresholds are filled in from the table, never typed in a sentence.

`load()` checks the whole table and the words every language needs for it; any mistake raises
`RuleTableError` naming the file and the key, and `preflight` stops the guide before it serves anyone.

No widgets here.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import paths, yamlfile
from .markup import inline

FILE = "red_flags.yml"
UNITS = ("C", "F")
# The checker's yes/no questions, in the order it asks them (whole-baby signs first: they are the most urgent).
YES_NO_QUESTIONS = (
    "breathing_trouble", "blue_or_grey", "seizure", "hard_to_wake", "acting_unwell", "crying", "not_feeding",
    "vomiting", "dry_diapers", "feels_cold", "yellow_skin", "new_rash", "blisters", "pus_bumps", "purple_spots",
    "spreading_redness", "painful_rash", "acne_deep_lumps_or_scars", "acne_started_after_6_weeks",
)
TEMPERATURE_FACTS = ("fever", "high_fever", "very_high_fever", "low_temperature", "temperature_unreadable")
FACTS = YES_NO_QUESTIONS + TEMPERATURE_FACTS + ("milia_3_months",)
LIST_ONLY = "list_only"  # `when:` of a rule that is a list item only, never fired by the checker
MAX_AGE_WEEKS = 104  # the guide is about babies up to 2 years; older ages are typing mistakes
# A fact that must, on its own, call for at least this level at every age: a question the checker asks but
# no rule reads, or an age the rules leave out, would otherwise pass in silence (a table checked when read
# cannot lose a rule by mistake). high_fever is an extra line for some ages only.
COVERED = {**{fact: "today" for fact in YES_NO_QUESTIONS}, "fever": "today", "very_high_fever": "now",
           "low_temperature": "now", "temperature_unreadable": "now", "milia_3_months": "next_visit"}
FAHRENHEIT_SLACK = 0.15  # a line's F and C agree when F is within this of C x 9/5 + 32 (sources round to 0.1)


class Level(IntEnum):
    """How soon to get help; ordered so that `max()` and `<` pick the more urgent."""

    NEXT_VISIT = 0
    TODAY = 1
    NOW = 2
    EMERGENCY = 3

    @property
    def code(self) -> str:
        """The level's id in the table and its key in the strings (`red_flags.levels.<code>`)."""
        return self.name.lower()


LEVELS = {level.code: level for level in Level}


class RuleTableError(ValueError):
    """The rule table, or the words it needs, has a mistake; the message names the file and the key."""


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    when: tuple[str, ...] | None  # None: a list item only, never fired by the checker
    under: str | None  # an age id: applies below it
    from_age: str | None  # an age id: applies from it on
    sign: str | None  # the list item parents read (red_flags.signs.<sign>); None: the checker only
    group: str | None  # the sub-list of its level the sign is shown in (red_flags.groups.<group>)
    short: bool
    danger: str | None  # a danger of this sign alone, said after its group's wherever it is shown (red_flags.dangers.<danger>)
    sources: MappingProxyType  # source id -> what it says


@dataclass(frozen=True)
class Table:
    path: Path
    ages: MappingProxyType  # age id -> weeks
    fever: MappingProxyType  # unit -> method -> lowest threshold among the sources
    unreliable_under: MappingProxyType  # method -> weeks below which a reading is not reliable
    very_high: MappingProxyType  # unit -> the line for every method (lowered for the armpit: see `parse`)
    high: MappingProxyType  # unit -> the line for every method
    low: MappingProxyType  # unit -> below this the baby is cold
    plausible: MappingProxyType  # unit -> (low, high)
    milia_weeks: float
    rules: tuple[Rule, ...]

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(self.fever["C"])

    def reliable(self, method: str | None, age_weeks: float | None) -> bool:
        """False when the method is not known or not accurate at this age (an unknown age: the youngest)."""
        if method not in self.fever["C"]:
            return False
        limit = self.unreliable_under.get(method)
        return limit is None or (age_weeks is not None and age_weeks >= limit)

    def fever_threshold(self, unit: str, method: str | None, age_weeks: float | None) -> float:
        """The lowest fever line for this method; the lowest of all when the method is unknown or unreliable."""
        lines = self.fever[unit]
        return lines[method] if self.reliable(method, age_weeks) else min(lines.values())

    def applies_at(self, rule: Rule, age_weeks: float | None) -> bool:
        """Whether a rule's ages include this age. An unknown age could be any age: every rule applies."""
        return _applies(rule, self.ages, age_weeks)

    def signs(self, level: Level, short_only: bool = False) -> list[str]:
        """The list items for one level, in table order, each once."""
        found = [r.sign for r in self.rules if r.level is level and r.sign and (r.short or not short_only)]
        return list(dict.fromkeys(found))

    def groups(self, level: Level) -> list[tuple[str, list[str]]]:
        """The sub-lists of one level: (group, its signs), groups and signs in table order, each sign once."""
        found: dict[str, list[str]] = {}
        for sign in self.signs(level):
            group = next(r.group for r in self.rules if r.sign == sign)
            found.setdefault(group, []).append(sign)
        return list(found.items())

    def sources_for(self, level: Level) -> list[str]:
        return list(dict.fromkeys(s for r in self.rules if r.level is level and r.sign for s in r.sources))


def _applies(rule: Rule, ages, age_weeks: float | None) -> bool:
    if age_weeks is None:
        return True
    if rule.under is not None and not age_weeks < ages[rule.under]:
        return False
    if rule.from_age is not None and age_weeks < ages[rule.from_age]:
        return False
    return True


# --- reading and checking -------------------------------------------------------------------------------

def _fail(path: Path, key: str, problem: str):
    raise RuleTableError(f"{_shown(path)}: {key}: {problem}")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _number(value, path, key) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(path, key, f"must be a number, not {value!r}")
    return float(value)


def _sources(value, known, path, key) -> MappingProxyType:
    if not isinstance(value, dict) or not value:
        _fail(path, key, "must list at least one source id with what it says")
    for source_id, says in value.items():
        if source_id not in known:
            _fail(path, f"{key}.{source_id}", "is not a source id in sources.yml")
        if not isinstance(says, str) or not says.strip():
            _fail(path, f"{key}.{source_id}", "must say what the source states, in quotes")
    return MappingProxyType(dict(value))


def parse(data, path: Path, known_sources) -> Table:
    """Check a table as read from YAML; `known_sources` holds the ids of sources.yml."""
    if not isinstance(data, dict):
        _fail(path, "(top)", "the file must be a mapping with levels, ages, temperature and rules")
    if data.get("levels") != [level.code for level in Level]:
        _fail(path, "levels", f"must be {[level.code for level in Level]}")
    ages = {}
    for age_id, age in (data.get("ages") or {}).items():
        if not isinstance(age, dict):
            _fail(path, f"ages.{age_id}", "must have under_weeks and sources")
        ages[age_id] = _number(age.get("under_weeks"), path, f"ages.{age_id}.under_weeks")
        _sources(age.get("sources"), known_sources, path, f"ages.{age_id}.sources")
    temperature = data.get("temperature")
    if not isinstance(temperature, dict):
        _fail(path, "temperature", "is missing")
    methods = temperature.get("methods")
    if not isinstance(methods, list) or not methods:
        _fail(path, "temperature.methods", "must list the ways a temperature is taken")
    fever = {unit: {} for unit in UNITS}
    for index, entry in enumerate(temperature.get("fever") or ()):
        key = f"temperature.fever[{index}]"
        if not isinstance(entry, dict):
            _fail(path, key, "must be a mapping with source, says, C and F")
        _sources({entry.get("source"): entry.get("says")}, known_sources, path, key)
        for unit in UNITS:
            for method, value in (entry.get(unit) or {}).items():
                if method not in methods:
                    _fail(path, f"{key}.{unit}.{method}", f"is not one of temperature.methods {methods}")
                value = _number(value, path, f"{key}.{unit}.{method}")
                fever[unit][method] = min(value, fever[unit].get(method, value))
    plausible = {}
    for unit in UNITS:
        bounds = (temperature.get("plausible") or {}).get(unit)
        if not (isinstance(bounds, list) and len(bounds) == 2):
            _fail(path, f"temperature.plausible.{unit}", "must be [lowest, highest]")
        plausible[unit] = tuple(_number(b, path, f"temperature.plausible.{unit}") for b in bounds)
        for method in methods:
            if method not in fever[unit]:
                _fail(path, f"temperature.fever.{unit}.{method}", "no source gives a fever line for this method")
            if not plausible[unit][0] < fever[unit][method] < plausible[unit][1]:
                _fail(path, f"temperature.fever.{unit}.{method}", "is outside temperature.plausible")
        fever[unit] = MappingProxyType({method: fever[unit][method] for method in methods})
    unreliable = {}
    for method, age_id in (temperature.get("unreliable_under") or {}).items():
        if method not in methods or age_id not in ages:
            _fail(path, f"temperature.unreliable_under.{method}", "must name a method and an age id")
        unreliable[method] = ages[age_id]
    lines = {}
    for name in ("very_high", "high", "low"):
        entry = temperature.get(name)
        if not isinstance(entry, dict):
            _fail(path, f"temperature.{name}", "is missing")
        _sources({entry.get("source"): entry.get("says")}, known_sources, path, f"temperature.{name}")
        if entry.get("lowered", False) not in (True, False):
            _fail(path, f"temperature.{name}.lowered", "must be true or false")
        # One line for every method. `lowered`: by as much as the lowest fever line is below the highest, so a
        # line stated without a method also holds for the method that reads lowest (the armpit).
        lines[name] = MappingProxyType({
            u: round(_number(entry.get(u), path, f"temperature.{name}.{u}")
                     - (max(fever[u].values()) - min(fever[u].values()) if entry.get("lowered") else 0), 1)
            for u in UNITS})
    milia = data.get("milia_mention") or {}
    milia_weeks = _number(milia.get("weeks"), path, "milia_mention.weeks")
    _sources(milia.get("sources"), known_sources, path, "milia_mention.sources")
    rules, seen = [], set()
    for index, raw in enumerate(data.get("rules") or ()):
        key = f"rules[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            _fail(path, key, "must be a mapping with an id")
        key = f"rules[{index}] {raw['id']!r}"
        if raw["id"] in seen:
            _fail(path, key, "the id is used twice")
        seen.add(raw["id"])
        if raw.get("level") not in LEVELS:
            _fail(path, f"{key}.level", f"must be one of {', '.join(LEVELS)}")
        if "when" not in raw:
            _fail(path, f"{key}.when", f"is missing: list the facts, or write `{LIST_ONLY}` for a list item only")
        when = raw["when"]
        if when == LIST_ONLY:
            when = None
        elif not isinstance(when, list) or not when or any(fact not in FACTS for fact in when):
            _fail(path, f"{key}.when", f"must list facts from: {', '.join(FACTS)} (or be {LIST_ONLY})")
        else:
            when = tuple(when)
        age_limits = raw.get("ages") or {}
        if not isinstance(age_limits, dict) or set(age_limits) - {"under", "from"} or any(
                a not in ages for a in age_limits.values()):
            _fail(path, f"{key}.ages", "must be {under: <age id>} or {from: <age id>} with ids from `ages`")
        sign = raw.get("sign")
        if sign is not None and not (isinstance(sign, str) and sign.isidentifier()):
            _fail(path, f"{key}.sign", "must be a word like fever_young, or null")
        if when is None and sign is None:
            _fail(path, key, "a rule the checker never fires must at least be a list item (sign)")
        group = raw.get("group")
        if (sign is None) != (group is None) or (group is not None and not (isinstance(group, str) and group.isidentifier())):
            _fail(path, f"{key}.group", "a rule with a sign needs a group (a word like skin), and only such a rule")
        if raw.get("short", False) not in (True, False) or (raw.get("short") and sign is None):
            _fail(path, f"{key}.short", "must be true or false, and true only with a sign")
        danger = raw.get("danger")
        if danger is not None and (sign is None or not (isinstance(danger, str) and danger.isidentifier())):
            _fail(path, f"{key}.danger", "must be a word like herpes, and only on a rule with a sign")
        rules.append(Rule(id=raw["id"], level=LEVELS[raw["level"]], when=when, under=age_limits.get("under"),
                          from_age=age_limits.get("from"), sign=sign, group=group, short=bool(raw.get("short")),
                          danger=danger,
                          sources=_sources(raw.get("sources"), known_sources, path, f"{key}.sources")))
    if not rules:
        _fail(path, "rules", "the table has no rules")
    for rule in rules:
        other = next(r for r in rules if r.sign == rule.sign)
        if rule.sign and (other.group, other.level) != (rule.group, rule.level):
            _fail(path, f"rules {rule.id!r}", f"sign {rule.sign} is shown at one level in one group; {other.id!r} "
                                             f"puts it at {other.level.code} in {other.group}")
        if rule.sign and other.danger != rule.danger:
            _fail(path, f"rules {rule.id!r}", f"sign {rule.sign} has one danger wherever it is shown; {other.id!r} "
                                             f"gives it {other.danger}, this rule {rule.danger}")
    _check_lines(path, fever, lines, plausible)
    _check_coverage(path, rules, ages)
    for level in (Level.EMERGENCY, Level.NOW):
        if not any(r.short and r.level is level for r in rules):
            _fail(path, "rules", f"no `short: true` sign at level {level.code}: the short call list would be empty")
    return Table(path=path, ages=MappingProxyType(ages), fever=MappingProxyType(fever),
                 unreliable_under=MappingProxyType(unreliable), very_high=lines["very_high"], high=lines["high"],
                 low=lines["low"],
                 plausible=MappingProxyType(plausible), milia_weeks=milia_weeks, rules=tuple(rules))


def _check_lines(path, fever, lines, plausible) -> None:
    """Every line's C and F agree, and the lines are in order: low < every fever line < high, very high."""
    pairs = [(f"temperature.fever.{m}", fever["C"][m], fever["F"][m]) for m in fever["C"]]
    pairs += [(f"temperature.{name}", lines[name]["C"], lines[name]["F"]) for name in lines]
    for key, celsius, fahrenheit in pairs:
        if abs(fahrenheit - (celsius * 9 / 5 + 32)) > FAHRENHEIT_SLACK:
            _fail(path, key, f"{celsius} °C is {celsius * 9 / 5 + 32:.1f} °F, not {fahrenheit} °F")
    for unit in UNITS:
        if not lines["low"][unit] < min(fever[unit].values()) <= max(fever[unit].values()) < min(
                lines["high"][unit], lines["very_high"][unit]):
            _fail(path, f"temperature ({unit})", "the lines must rise: low < every fever line < high and very_high")


def _check_coverage(path, rules, ages) -> None:
    """Each fact in COVERED calls, on its own, for at least its level at every age from 0 to MAX_AGE_WEEKS."""
    weeks = [w / 2 for w in range(MAX_AGE_WEEKS * 2 + 1)]
    for fact, level in COVERED.items():
        floor = LEVELS[level]
        alone = [r for r in rules if r.when == (fact,) and r.level >= floor]
        gaps = [w for w in weeks if not any(_applies(r, ages, w) for r in alone)]
        if gaps:
            _fail(path, "rules", f"no rule with `when: [{fact}]` at level {level} or higher covers ages "
                                 f"{gaps[0]:g} to {gaps[-1]:g} weeks: a parent's answer would be ignored there")


def word_keys(table: Table) -> list[str]:
    """Every strings key the table needs in each language."""
    keys = ["red_flags.fever_reading", "red_flags.temperature", "red_flags.or", "red_flags.decimal_mark",
            "red_flags.dark_skin",
            "red_flags.short_heading", "red_flags.see_call_step", "red_flags.thresholds_title",
            "red_flags.threshold_line"]
    keys += [f"red_flags.levels.{level.code}.{part}" for level in Level
             for part in ("heading", "result", "action")]
    keys += [f"red_flags.places.{method}" for method in table.methods]
    keys += [f"red_flags.method_names.{method}" for method in table.methods]
    keys += [f"red_flags.unreliable.{method}" for method in table.unreliable_under]
    keys += [f"red_flags.ages.{age}" for age in table.ages]
    keys += [f"red_flags.ages_from.{age}" for age in table.ages]
    keys += [f"red_flags.signs.{sign}" for sign in dict.fromkeys(r.sign for r in table.rules if r.sign)]
    keys += [f"red_flags.groups.{group}.{part}" for group in dict.fromkeys(r.group for r in table.rules if r.group)
             for part in ("heading", "why")]
    keys += [f"red_flags.dangers.{danger}" for danger in dict.fromkeys(r.danger for r in table.rules if r.danger)]
    keys += [f"red_flags.reasons.{r.id}" for r in table.rules if r.when is not None]
    return keys


def check_words(table: Table, words) -> None:
    """Every key the table needs is in this language, and every sentence fills in (RuleTableError if not)."""
    for key in word_keys(table):
        if not words.has(key):
            raise RuleTableError(f"{_shown(words.path)}: key {key!r} is missing (the rule table {FILE} needs it)")
    try:
        filled = values(table, words)
        for level in Level:
            sign_items(table, words, level)
        for rule in table.rules:
            if rule.when is not None:
                words.text(f"red_flags.reasons.{rule.id}", **filled)
        for level in Level:  # every group's line, with its signs' own dangers, as the lists show them
            dangers(table, words, level, table.signs(level))
        threshold_lines(table, words)
    except (KeyError, ValueError, IndexError) as error:
        raise RuleTableError(f"{_shown(words.path)}: a red_flags sentence does not fill in ({error})") from None


def load(assets: Path | None = None, fresh: bool = False) -> Table:
    """The table from an assets folder (default: the guide's), checked with the words of every language.

    Read once per process; `fresh` reads the files as they are now (the start-up check uses it)."""
    path = Path(assets) if assets else paths.ASSETS
    return _load.__wrapped__(path) if fresh else _load(path)


@lru_cache(maxsize=4)
def _load(assets: Path) -> Table:
    from . import sources, strings  # not at import: a visitor's kernel loads them only when a step needs them

    path = assets / FILE
    try:
        data = yamlfile.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleTableError(f"{_shown(path)}: the rule table is missing") from None
    except yamlfile.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark else ""
        raise RuleTableError(f"{_shown(path)}: not valid YAML{where}") from None
    known = {source.id for source in sources.load.__wrapped__(assets)}  # as the files are now
    table = parse(data, path, known)
    for lang in strings.available_languages(assets / "strings"):
        check_words(table, strings.Strings(lang, assets / "strings"))
    return table


# --- words ------------------------------------------------------------------------------------------------

def _number_words(value: float, unit: str, words) -> str:
    """38.0 -> "38.0" in Celsius (as sources write it); 100.0 -> "100" in Fahrenheit; the language's mark."""
    text = f"{value:.1f}" if unit == "C" or value != int(value) else f"{int(value)}"
    return text.replace(".", words.text("red_flags.decimal_mark"))


def temperature_words(table: Table, words, celsius: float, fahrenheit: float) -> str:
    return words.text("red_flags.temperature", c=_number_words(celsius, "C", words),
                      f=_number_words(fahrenheit, "F", words))


def _joined(items: list[str], words) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {words.text('red_flags.or')} {items[-1]}"


def fever_definition(table: Table, words, age_weeks: float | None = 0) -> str:
    """What counts as a fever, method by method (the lowest line among the sources for each), for the ways of
    taking a temperature that are reliable at this age (a newborn by default: no ear, no mouth)."""
    groups: dict[tuple[float, float], list[str]] = {}
    for method in (m for m in table.methods if table.reliable(m, age_weeks)):
        groups.setdefault((table.fever["C"][method], table.fever["F"][method]), []).append(method)
    readings = [words.text("red_flags.fever_reading",
                           places=_joined([words.text(f"red_flags.places.{m}") for m in methods], words),
                           temperature=temperature_words(table, words, c, f))
                for (c, f), methods in sorted(groups.items(), reverse=True)]
    return "; ".join(readings)


def values(table: Table, words) -> dict:
    """The placeholders a red_flags sentence may use, filled in from the table."""
    return {
        "fever": fever_definition(table, words),
        "very_high": temperature_words(table, words, table.very_high["C"], table.very_high["F"]),
        "high": temperature_words(table, words, table.high["C"], table.high["F"]),
        "low": temperature_words(table, words, table.low["C"], table.low["F"]),
        "dark_skin": words.text("red_flags.dark_skin"),
        **{f"age_{age}": words.text(f"red_flags.ages.{age}") for age in table.ages},
        **{f"from_{age}": words.text(f"red_flags.ages_from.{age}") for age in table.ages},
    }


def sign_items(table: Table, words, level: Level, short_only: bool = False) -> list[str]:
    filled = values(table, words)
    return [words.text(f"red_flags.signs.{sign}", **filled) for sign in table.signs(level, short_only)]


@dataclass(frozen=True)
class SignGroup:
    heading: str
    why: str  # the danger the group's signs share, then each one's own (CDC Clear Communication Index item 18)
    items: tuple[str, ...]


@dataclass(frozen=True)
class SignList:
    level: Level
    heading: str
    groups: tuple[SignGroup, ...]
    sources: tuple[str, ...]

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for group in self.groups for item in group.items)


def sign_lists(words, table: Table | None = None, levels=tuple(reversed(Level))) -> list[SignList]:
    """The warning signs, one list per level (most urgent first), each with its heading and sources."""
    table = table or load()
    filled, said = values(table, words), set()  # one page: each sign's own danger said once, where it first shows
    return [SignList(level, words.text(f"red_flags.levels.{level.code}.heading"),
                     tuple(SignGroup(words.text(f"red_flags.groups.{group}.heading"),
                                     group_danger(table, words, group, signs, said),
                                     tuple(words.text(f"red_flags.signs.{sign}", **filled) for sign in signs))
                           for group, signs in table.groups(level)),
                     tuple(table.sources_for(level)))
            for level in levels if table.signs(level)]


def list_html(sign_list: SignList, heading_tag: str = "h3", css_class: str = "") -> str:
    """One level's list as HTML (the step and the handout use it): its heading, then each group of signs with
    the danger they share; a group's own heading only where the level has more than one group."""
    parts = ""
    for group in sign_list.groups:
        named = f'<p class="mk-red-flags-group"><strong>{inline(group.heading)}</strong></p>' if len(sign_list.groups) > 1 else ""
        items = "".join(f"<li>{inline(item)}</li>" for item in group.items)
        parts += f'{named}<ul>{items}</ul><p class="mk-red-flags-why">{inline(group.why)}</p>'
    return (f'<div class="mk-red-flags mk-red-flags-{sign_list.level.code} {css_class}">'
            f'<{heading_tag}>{inline(sign_list.heading)}</{heading_tag}>{parts}</div>')


def group_danger(table: Table, words, group: str, signs, said: set | None = None) -> str:
    """What a group's shown signs can mean: the line the group shares, then the danger of any sign that has its
    own, so a line never names a sign that is not there (herpes under purple spots alone). `said`: the dangers
    already said above on the same page (spots that do not fade are both an emergency, with a fever, and a call
    now), each said once; those said here are added to it."""
    said = set() if said is None else said
    own = [d for d in dict.fromkeys(r.danger for sign in signs for r in table.rules if r.sign == sign and r.danger)
           if d not in said]
    said.update(own)
    filled = values(table, words) if own else {}
    return " ".join([words.text(f"red_flags.groups.{group}.why"),
                     *(words.text(f"red_flags.dangers.{d}", **filled) for d in own)])


def dangers(table: Table, words, level: Level, signs, said: set | None = None) -> list[str]:
    """The dangers of these signs of `level`: each of their groups' lines once, in the table's order, with the
    dangers of the signs shown (CDC Clear Communication Index item 18, wherever signs are listed); `said` as in
    `group_danger`, for a page that shows several levels."""
    signs, said = set(signs), set() if said is None else said
    return [group_danger(table, words, group, [s for s in in_group if s in signs], said)
            for group, in_group in table.groups(level) if signs & set(in_group)]


def rule_dangers(table: Table, words, rule_ids) -> list[str]:
    """The dangers behind the checker's reasons (the rules that fired), each group's line once."""
    fired = [r for r in table.rules if r.id in set(rule_ids) and r.group and r.sign]
    found, said = [], set()
    for level in reversed(Level):
        found += [why for why in dangers(table, words, level, [r.sign for r in fired if r.level is level], said)
                  if why not in found]
    return found


def short_whys(table: Table, words, level: Level, said: set | None = None) -> list[str]:
    """The dangers the short list's signs of `level` share."""
    return dangers(table, words, level, table.signs(level, short_only=True), said)


def short_html(words, table: Table | None = None) -> str:
    """The short "call if" list that ends every checker result and the Take home step, each level's signs with
    the dangers they share (CDC Clear Communication Index item 18, as on the full lists)."""
    table = table or load()
    said: set = set()
    parts = "".join(
        f'<p class="mk-short-intro">{inline(words.text(f"red_flags.levels.{level.code}.heading"))}</p>'
        f'<ul>{"".join(f"<li>{inline(item)}</li>" for item in sign_items(table, words, level, short_only=True))}</ul>'
        f'<p class="mk-red-flags-why">{inline(" ".join(short_whys(table, words, level, said)))}</p>'
        for level in (Level.EMERGENCY, Level.NOW))
    # a strong paragraph, not a heading: the list sits under an h3 on a step and under an h4 in the checker
    return (f'<div class="mk-short-call"><p class="mk-short-heading"><strong>{inline(words.text("red_flags.short_heading"))}</strong></p>{parts}'
            f'<p class="mk-note">{inline(words.text("red_flags.see_call_step"))}</p></div>')


def all_lists_html(words, table: Table | None = None) -> str:
    """Every level's list, most urgent first: the body of "When to call the doctor"."""
    return "".join(list_html(sign_list) for sign_list in sign_lists(words, table))


def rules_for_ages(table: Table, from_week: int, to_week: int) -> list[Rule]:
    """Rules that depend on age (or on how long milia have lasted) and apply somewhere in these weeks."""
    found = []
    for rule in table.rules:
        if rule.sign is None or rule.when is None:
            continue
        if rule.under is not None or rule.from_age is not None:
            if any(table.applies_at(rule, week) for week in range(from_week, to_week + 1)):
                found.append(rule)
        elif "milia_3_months" in rule.when and to_week >= table.milia_weeks:
            found.append(rule)
    return found


def age_band_html(words, from_week: int, to_week: int, table: Table | None = None) -> str:
    """The "when to call" part of the age timeline for a band of weeks (whole weeks, both ends included)."""
    table = table or load()
    rules = rules_for_ages(table, from_week, to_week)
    filled, said = values(table, words), set()
    html = ""
    for level in reversed(Level):
        signs = list(dict.fromkeys(r.sign for r in rules if r.level is level))
        if signs:
            items = "".join(f"<li>{inline(words.text(f'red_flags.signs.{s}', **filled))}</li>" for s in signs)
            html += (f'<p class="mk-band-level">{inline(words.text(f"red_flags.levels.{level.code}.heading"))}</p><ul>{items}</ul>'
                     f'<p class="mk-red-flags-why">{inline(" ".join(dangers(table, words, level, signs, said)))}</p>')
    html += f'<p class="mk-note">{inline(words.text("red_flags.see_call_step"))}</p>'
    return html


def threshold_lines(table: Table, words) -> list[str]:
    """For clinicians: the fever line for each method (the lowest among the sources)."""
    lines = []
    for method in table.methods:
        lines.append(words.text("red_flags.threshold_line", method=words.text(f"red_flags.method_names.{method}"),
                                temperature=temperature_words(table, words, table.fever["C"][method],
                                                              table.fever["F"][method])))
    return lines


def clinician_html(words, table: Table | None = None) -> str:
    """The clinician sheet's red-flag section: fever lines by method (the lowest among the sources), the
    methods that are unreliable at some ages, and every level's signs with the sources behind them."""
    table = table or load()
    filled = values(table, words)
    thresholds = "".join(f"<li>{inline(line)}</li>" for line in threshold_lines(table, words))
    unreliable = "".join(f"<li>{inline(words.text(f'red_flags.unreliable.{m}', **filled))}</li>"
                         for m in table.unreliable_under)
    lists = "".join(
        f'<p><strong>{inline(sign_list.heading)}</strong> {inline("; ".join(sign_list.items))} '
        f'<span class="mk-h-small">[{inline(", ".join(sign_list.sources))}]</span></p>'
        for sign_list in sign_lists(words, table))
    return (f'<section class="mk-h-red-flags"><h2>{inline(words.text("red_flags.thresholds_title"))}</h2>'
            f'<ul>{thresholds}{unreliable}</ul>{lists}</section>')


# The parts a step's body can ask for with `{insert: name}` (views/page.py fills them in; preflight checks
# that every name a strings file uses is one of these).
INSERTS = {"red_flag_lists": all_lists_html, "call_short": short_html}
