"""The label checker: which words in a pasted ingredient list mean fragrance, and what each one is.

A parent pastes or types the ingredient list from a baby product. `check_label(text)` answers with a
`LabelReport`: the words it found (fragrance words, EU-labelled fragrance allergens, essential oils and
plant scents, phthalate names), each with the canonical name and the ingredient as the parent typed it;
the label claims it saw ("unscented", "fragrance-free", ...), which the view explains are not regulated;
and whether part of the list was a "may contain" section.

This module holds no sentences for the parent. Categories, claim codes and note keys are turned into
words by the view, from `labels.*` in assets/strings/<lang>.yml. Everything returned is plain text: the
view escapes `matched_text` before it enters HTML (DESIGN.md section 8).

The words themselves live in assets/label_words.yml, with their sources.

How a text is read (each step is linear in the length of the text: the regular expressions have bounded
repeats only, and matching a name looks at most a few words ahead; 5,000 characters take a few ms):

1. Refuse what is not a label: empty or invisible-only text is "empty"; more than `MAX_CHARS` characters
   is "too_long" (checked on the text as typed, before any work).
2. Clean: read `&amp;`-style entities that end in ";", drop control characters, zero-width and
   direction-override characters (they hide or reorder text), apply NFKC (full-width letters, ligatures,
   NBSP), and turn HTML tags into breaks (block tags) or spaces (inline tags), so words inside tags still
   count and no tag comes back in `matched_text`.
3. Split into ingredients at commas, semicolons, bullets, tabs, "|", colons, full stops that end a
   sentence, spaced dashes and new lines, but never inside brackets: "Parfum (Linalool, Limonene)" is one
   ingredient. A bracket left open ends at the end of its line.
4. Read each ingredient in several ways ("variants"): the name outside brackets, each item inside
   brackets ("Linalool (from lavender oil)" -> "lavender oil"), and the whole text with brackets removed.
5. Compare words, not letters. Each variant is folded (accents removed, case folded) and cut into
   words. A name matches when a run of whole words spells it, spaces ignored, so "Benzyl  Alcohol",
   "BenzylAlcohol" and "alcohol bencílico" all match, while "Pentylene" never matches "...lene" and
   "Aromatic" never matches "aroma". Where two names overlap, the longer wins ("Hexyl Cinnamal" is not
   also "Cinnamal"; "Lavender Essential Oil" is lavender, not the generic "essential oil"), and a generic
   word gives way to a particular one in the same ingredient ("Di(2-ethylhexyl) phthalate" is DEHP only).
6. Claims first: a fragrance word that is part of a claim ("Fragrance-free", "sin perfume") is the claim.
   A word after "free of", "without", "no", "sin", ... up to the end of the sentence, or before "free"
   in the same ingredient, is negated: a negated fragrance word becomes the "fragrance_free" claim, any
   other negated word is dropped ("phthalate-free" is not a phthalate found).

Decisions a reader might question:
- "Aroma" matches only the whole word: it is the EU label word for flavour, while "Aromatic" is not an
  ingredient name, and botanical names such as "Syzygium Aromaticum" must not count as "aroma".
- Plant names count only as an oil, extract or flower water where the data says so; a bare "Lavender" or
  "Orange" (the colour "Orange 4") is not reported.
- One ingredient reports one fragrance word: "Parfum (Fragrance)" is one ingredient in two languages.
- Each name is reported once, with the first ingredient it was found in.
- "natural" is reported as a claim wherever it appears, including "Natural Flavor": the explanation
  ("natural" has no set meaning) is true there too.
- Nothing typed is kept after a check returns: the only cache is the word list from the YAML file.
- Negation runs to the end of the sentence, so "No sulfates, fragrance" pasted without a full stop would
  hide "fragrance". A label's claims and its list are nearly always separated by a full stop, a colon, a
  new line or the word "Ingredients", each of which ends a negation.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile

WORDS_FILE = Path(__file__).resolve().parent.parent / "assets" / "label_words.yml"

MAX_CHARS = 5000
"""Longest text checked: room for a whole ingredient list and the claims around it, and no more."""

MAX_TYPED_CHARS = 80
"""Longest `matched_text` returned; longer ingredients are cut and end with an ellipsis."""

CATEGORIES = ("fragrance", "allergen", "essential_oil", "phthalate")
CLAIMS = ("fragrance_free", "unscented", "hypoallergenic", "natural")

EMPTY, TOO_LONG, CHECKED = "empty", "too_long", "checked"

_MAX_GAP = 3
"""Most words a `*` in a name may stand for ("Lavandula Angustifolia Flower/Leaf/Stem Oil" needs 3)."""

_MAX_NEGATION_INGREDIENTS = 8
"""A negation carried past a comma stops after this many ingredients: claim lists are short."""

_MAX_NORMALIZED = 2 * MAX_CHARS
"""NFKC can turn one character into up to 18; past this, plain NFC keeps the work bounded."""


# --- what the module returns -------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One word found on the label.

    category:     one of CATEGORIES.
    term:         the canonical name from assets/label_words.yml, e.g. "Linalool".
    matched_text: the ingredient as the parent typed it: trimmed, at most MAX_TYPED_CHARS, plain text.
    note_key:     key of the "what is this" text (labels.note_explain.<note_key> in the strings file).
    """

    category: str
    term: str
    matched_text: str
    note_key: str


@dataclass(frozen=True)
class LabelReport:
    """The answer to one check.

    status:      EMPTY, TOO_LONG or CHECKED. Only CHECKED reports have findings or claims.
    findings:    in the order they appear on the label, each (category, term) once.
    claims:      codes from CLAIMS seen on the label, in order of appearance.
    may_contain: True if part of the list is a "may contain" / "+/-" section.
    """

    status: str
    findings: tuple[Finding, ...] = ()
    claims: tuple[str, ...] = ()
    may_contain: bool = False

    @property
    def found_any(self) -> bool:
        return bool(self.findings)

    def by_category(self) -> dict[str, tuple[Finding, ...]]:
        """Findings grouped in CATEGORIES order, leaving out categories with none."""
        groups = {c: tuple(f for f in self.findings if f.category == c) for c in CATEGORIES}
        return {c: fs for c, fs in groups.items() if fs}


def check_label(text: str | None) -> LabelReport:
    """Check a pasted ingredient list. Never raises on any string; see the module docstring."""
    if text is None:
        return LabelReport(EMPTY)
    if not isinstance(text, str):
        raise TypeError(f"check_label expects a str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        return LabelReport(TOO_LONG)
    cleaned = _clean(text)
    if not any(ch.isalnum() for ch in cleaned):  # nothing but spaces, marks or tags: show the hint
        return LabelReport(EMPTY)
    return _Reader(_lexicon()).read(cleaned)


def term_name(finding: Finding, lang: str = "en") -> str:
    """The name to show for a finding in a language: the `es:` name in Spanish where the data has one."""
    entry = _lexicon().entry_for(finding.category, finding.term)
    if entry is not None and lang == "es" and entry.name_es:
        return entry.name_es
    return finding.term


def term_sources(finding: Finding) -> tuple[str, ...]:
    """Source ids behind a finding's name (assets/label_words.yml)."""
    entry = _lexicon().entry_for(finding.category, finding.term)
    return entry.sources if entry is not None else ()


# --- the data ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    category: str
    name: str
    name_es: str
    note: str
    sources: tuple[str, ...]
    order: int
    generic: bool  # a word for the whole category ("phthalate", "essential oil")


@dataclass(frozen=True)
class _Pattern:
    """A name cut into chunks of squashed words; between two chunks a `*` gap of 0 to _MAX_GAP words."""

    chunks: tuple[str, ...]
    kind: str  # "term", "claim", "exclude", "neg_before", "neg_after", "neg_end", "may_contain"
    ref: object  # the _Entry for terms and exclusions, the claim code for claims, None otherwise
    weight: int  # letters in the chunks: of two matches over the same words, the more specific wins


class _Lexicon:
    """assets/label_words.yml, checked and indexed for matching."""

    def __init__(self, data: dict):
        from . import sources  # the guide's one list of sources (label_words.yml names its ids)

        self.source_ids = tuple(sources.load().by_id)
        self.entries: list[_Entry] = []
        self.claim_sources: dict[str, tuple[str, ...]] = {}
        patterns: list[_Pattern] = []
        owners: dict[tuple[str, ...], _Entry] = {}
        matching = data.get("matching") or {}
        # Plant names alone ("Lavender", "Orange") are not an oil, so a category can keep its names unmatched.
        match_names = frozenset(_texts(matching, "match_names"))

        for category in CATEGORIES:
            items = data.get(category)
            if not items:
                raise ValueError(f"{WORDS_FILE.name}: category {category!r} is missing or empty")
            for item in items:
                entry = _Entry(
                    category=category,
                    name=_text(item, "name"),
                    name_es=str(item.get("es") or ""),
                    note=_text(item, "note"),
                    sources=self._sources(item),
                    order=len(self.entries),
                    generic=item.get("generic", False) is True,
                )
                self.entries.append(entry)
                names = (entry.name,) if category in match_names else ()
                for phrase in (*names, *_texts(item, "also")):
                    pattern = _compile(phrase, "term", entry)
                    other = owners.setdefault(pattern.chunks, entry)
                    if other is not entry:
                        raise ValueError(f"{WORDS_FILE.name}: {phrase!r} names both {other.name!r} and {entry.name!r}")
                    patterns.append(pattern)
                patterns += [_compile(p, "exclude", entry) for p in _texts(item, "not")]

        for item in data.get("claims") or ():
            code = _text(item, "code")
            if code not in CLAIMS:
                raise ValueError(f"{WORDS_FILE.name}: unknown claim code {code!r}; CLAIMS lists {CLAIMS}")
            self.claim_sources[code] = self._sources(item)
            patterns += [_compile(p, "claim", code) for p in _texts(item, "also")]
        if set(self.claim_sources) != set(CLAIMS):
            raise ValueError(f"{WORDS_FILE.name}: claims must be exactly {CLAIMS}")

        self.one_per_ingredient = frozenset(_texts(matching, "one_per_ingredient"))
        for key, kind in (("negation_before", "neg_before"), ("negation_after", "neg_after"),
                          ("negation_end", "neg_end"), ("may_contain", "may_contain")):
            patterns += [_compile(p, kind, None) for p in _texts(matching, key)]
        self.gap_stop = frozenset(_fold(w) for w in _texts(matching, "gap_stop"))

        self.by_name = {(e.category, e.name): e for e in self.entries}
        # Index: first chunk -> patterns, and every prefix of a first chunk, so that the scan can stop
        # growing a run of words as soon as no name can start with it.
        self.first: dict[str, list[_Pattern]] = {}
        for pattern in patterns:
            self.first.setdefault(pattern.chunks[0], []).append(pattern)
        self.prefixes = frozenset(key[:i] for key in self.first for i in range(1, len(key) + 1))

    def _sources(self, item: dict) -> tuple[str, ...]:
        ids = tuple(_texts(item, "sources"))
        unknown = [i for i in ids if i not in self.source_ids]
        if not ids or unknown:
            raise ValueError(f"{WORDS_FILE.name}: {item.get('name') or item.get('code')!r} needs known source ids, "
                             f"has {list(ids)}")
        return ids

    def entry_for(self, category: str, term: str) -> _Entry | None:
        return self.by_name.get((category, term))


def _text(item: dict, key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{WORDS_FILE.name}: {key!r} must be a non-empty string in {item!r}")
    return value


def _texts(item: dict, key: str) -> list[str]:
    values = item.get(key) or []
    # YAML reads a bare `no` as False: every word list must be strings, or a word silently goes missing.
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ValueError(f"{WORDS_FILE.name}: {key!r} must be a list of non-empty strings in {item!r}")
    return values


def _compile(phrase: str, kind: str, ref) -> _Pattern:
    chunks, current = [], []
    for word in phrase.split():
        if word == "*":
            if not current:
                raise ValueError(f"{WORDS_FILE.name}: {phrase!r}: '*' must sit between two words")
            chunks.append("".join(current))
            current = []
        else:
            current += _TOKEN.findall(_fold(word))
    if not current:
        raise ValueError(f"{WORDS_FILE.name}: {phrase!r} has no words to match (or ends with '*')")
    chunks.append("".join(current))
    return _Pattern(tuple(chunks), kind, ref, sum(map(len, chunks)))


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    with WORDS_FILE.open(encoding="utf-8") as f:
        return _Lexicon(yamlfile.parse(f))


def label_words() -> dict:
    """The raw data of assets/label_words.yml (for the sources page and for tests)."""
    with WORDS_FILE.open(encoding="utf-8") as f:
        return yamlfile.parse(f)


# --- cleaning ------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+|%")
"""A word is a run of letters and digits; "%" is kept as a word so that "0% fragrance" reads as a claim."""

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""Only entities closed by ";": html.unescape alone would read "&para" in "Water&parfum" as a pilcrow."""

_TAG = re.compile(r"<(?:!--[^<>]{0,300}--|[!?]?/?\s{0,3}([A-Za-z][A-Za-z0-9-]{0,30})(?![A-Za-z0-9-])[^<>]{0,300})>")
"""A tag-shaped run. Repeats are bounded and never nested, and the tag name must be whole, so each '<'
costs at most one look ahead of a few hundred characters."""

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section table tbody td tfoot th thead tr ul".split())

_LINE_BREAKS = {"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}


def _unusual(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _LINE_BREAKS:
        return "\n"
    kind = unicodedata.category(ch)
    if kind == "Cf":  # zero-width and direction-override characters: they hide or reorder text
        return ""
    return " " if kind in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") else ch


_NOT_PLAIN = re.compile(r"[^\x20-\x7e\n\t]")
"""Only characters outside printable ASCII need a look at their Unicode category."""


def _clean(text: str) -> str:
    """Text with invisible and control characters gone, NFKC applied and HTML tags turned into breaks."""
    # Entities first, so that "&#x202e;" is removed like the character it stands for.
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _NOT_PLAIN.sub(_unusual, text.replace("\r\n", "\n"))
    wide = unicodedata.normalize("NFKC", text)
    text = wide if len(wide) <= _MAX_NORMALIZED else unicodedata.normalize("NFC", text)
    return _TAG.sub(lambda m: "\n" if (m.group(1) or "").lower() in _BLOCK_TAGS else " ", text)


def _fold(text: str) -> str:
    """Lower case without accents: "Bencílico" -> "bencilico", so labels match however they are typed."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    # "ı" (dotless i) is what some keyboards give for the i under an accent typed separately.
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("ı", "i")


# --- splitting into ingredients -----------------------------------------------------------------------

_OPEN, _CLOSE = "([{", ")]}"
_BULLETS = "•·‣◦▪●■□○►*-–—‐‑‒―−✓✔>"
_SPLIT_POINTS = re.compile(r"[,;:.()\[\]{}•·|\t‣◦▪●■□○►]| [-–—] ")
_SENTENCE_ENDS = ":."
_TRIM = " \t*†‡°.,;:-–—"
_DISPLAY_PREFIXES = ("may contain", "puede contener", "peut contenir", "+/-", "±", "+ / -")


@dataclass(frozen=True)
class _Segment:
    text: str  # the ingredient as typed (cleaned), brackets and all
    ends_sentence: bool  # a full stop, colon or line end follows it


def _segments(text: str):
    """Yield the ingredients of a cleaned text, in order."""
    for line in text.split("\n"):
        line = line.strip().lstrip(_BULLETS + " ")
        depth, start = 0, 0
        for m in _SPLIT_POINTS.finditer(line):
            ch = m.group(0)
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif depth:
                continue
            elif ch == "." and m.end() < len(line) and not line[m.end()].isspace():
                continue  # "0.5%", "Denat.," : not the end of a sentence
            else:
                yield _Segment(line[start:m.start()], ch in _SENTENCE_ENDS)
                start = m.end()
        yield _Segment(line[start:], True)


def _variants(segment: str) -> list[str]:
    """Ways to read one ingredient: outside brackets, each item inside brackets, and all of it."""
    if not any(c in segment for c in _OPEN + _CLOSE):
        return [segment]
    outer, inner, groups, depth = [], [], [], 0
    for ch in segment:
        if ch in _OPEN:
            depth += 1
            (inner if depth > 1 else outer).append(" ")
        elif ch in _CLOSE:
            if depth == 1:
                groups.append("".join(inner))
                inner = []
            depth = max(0, depth - 1)
            (inner if depth else outer).append(" ")
        else:
            (inner if depth else outer).append(ch)
    if inner:
        groups.append("".join(inner))  # a bracket left open ends with the ingredient
    items = [item for group in groups for item in re.split(r"[,;]", group)]
    whole = "".join(" " if c in _OPEN + _CLOSE else c for c in segment)
    return ["".join(outer), *items, whole]


def _display(segment: str) -> str:
    """The ingredient as the parent typed it, tidied for "you typed: ..." and bounded in length."""
    text = " ".join(segment.split()).strip(_TRIM)
    folded = text.casefold()
    for prefix in _DISPLAY_PREFIXES:
        if folded.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):].strip(_TRIM)
            break
    if len(text) >= 2 and text[0] in _OPEN and text[-1] == _CLOSE[_OPEN.index(text[0])] \
            and not any(c in text[1:-1] for c in _OPEN + _CLOSE):
        text = text[1:-1].strip(_TRIM)
    if len(text) > MAX_TYPED_CHARS:
        text = text[:MAX_TYPED_CHARS - 1].rstrip() + "…"
    return text


# --- matching ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    pattern: _Pattern


def _overlaps(a: _Match, b: _Match) -> bool:
    return a.start < b.end and b.start < a.end


def _choose(terms: list[_Match]) -> tuple[_Match, ...]:
    """Of overlapping names keep the longest, then the most specific, then the first listed; in text order."""
    kept: list[_Match] = []
    for m in sorted(terms, key=lambda m: (m.start - m.end, -m.pattern.weight, m.start, m.pattern.ref.order)):
        if not any(_overlaps(m, k) for k in kept):
            kept.append(m)
    return tuple(sorted(kept, key=lambda m: m.start))


@dataclass(frozen=True)
class _Scan:
    """Everything found in one variant of an ingredient, sorted by kind."""

    terms: tuple[_Match, ...]  # names, minus those inside a claim ("fragrance" in "fragrance-free")
    chosen: tuple[_Match, ...]  # `terms` after overlaps are settled, as if nothing were excluded
    claims: tuple[str, ...]
    switches: tuple[tuple[int, bool], ...]  # (word position, negation on?) from negation_before / _end
    after: tuple[int, ...]  # positions of negation_after words ("free")
    excludes: frozenset  # entries this ingredient must not count as ("rosa canina" is not rose)
    may_contain: bool

    @classmethod
    def of(cls, matches: list[_Match]) -> "_Scan":
        by_kind: dict[str, list[_Match]] = {}
        for m in matches:
            by_kind.setdefault(m.pattern.kind, []).append(m)
        claims = by_kind.get("claim", [])
        terms = [m for m in by_kind.get("term", []) if not any(_overlaps(m, c) for c in claims)]
        switches = sorted([(m.end, True) for m in by_kind.get("neg_before", [])]
                          + [(m.start, False) for m in by_kind.get("neg_end", [])])
        return cls(
            terms=tuple(terms),
            chosen=_choose(terms),
            claims=tuple(m.pattern.ref for m in claims),
            switches=tuple(switches),
            after=tuple(m.start for m in by_kind.get("neg_after", [])),
            excludes=frozenset(m.pattern.ref for m in by_kind.get("exclude", [])),
            may_contain=bool(by_kind.get("may_contain")),
        )


_NOTHING = _Scan((), (), (), (), (), frozenset(), False)


class _Reader:
    """One check: walks the ingredients once, carrying a negation from one ingredient to the next."""

    def __init__(self, lexicon: _Lexicon):
        self.lex = lexicon
        self.memo: dict[str, _Scan] = {}  # long lists repeat words such as "Water" and "Aqua"

    def read(self, text: str) -> LabelReport:
        findings: dict[tuple[str, str], Finding] = {}
        claims: dict[str, None] = {}
        may_contain = any(mark in text for mark in ("+/-", "±", "+ / -"))
        negated, negated_for = False, 0

        for segment in _segments(text):
            scans = [self.scan(v) for v in _variants(segment.text)]
            excluded = frozenset().union(*(s.excludes for s in scans))
            here: dict[_Entry, None] = {}  # names found in this ingredient, in order, once each
            for scan in scans:
                may_contain = may_contain or scan.may_contain
                claims.update(dict.fromkeys(scan.claims))
                for entry, is_negated in self._names(scan, excluded, negated):
                    if not is_negated:
                        here.setdefault(entry)
                    elif entry.category == "fragrance":
                        claims.setdefault("fragrance_free")
            if here:
                shown = _display(segment.text)
                for entry in self._settle(here):
                    findings.setdefault((entry.category, entry.name),
                                        Finding(entry.category, entry.name, shown, entry.note))
            negated, negated_for = self._carry(negated, negated_for, scans[-1], segment)

        return LabelReport(CHECKED, tuple(findings.values()), tuple(claims), may_contain)

    def scan(self, variant: str) -> _Scan:
        cached = self.memo.get(variant)
        if cached is None:
            tokens = _TOKEN.findall(_fold(variant))
            matches = list(self._matches(tokens)) if tokens else []
            cached = _Scan.of(matches) if matches else _NOTHING
            self.memo[variant] = cached
        return cached

    def _matches(self, tokens: list[str]):
        first, prefixes = self.lex.first, self.lex.prefixes
        n = len(tokens)
        for i in range(n):
            run = ""
            for j in range(i, n):
                run += tokens[j]
                if run not in prefixes:
                    break
                for pattern in first.get(run, ()):
                    end = j + 1 if len(pattern.chunks) == 1 else self._rest(tokens, j + 1, pattern.chunks, 1)
                    if end >= 0:
                        yield _Match(i, end, pattern)

    def _rest(self, tokens, at: int, chunks: tuple[str, ...], k: int) -> int:
        """End of chunks[k:] matched after a gap of 0 to _MAX_GAP words starting at `at`, or -1."""
        if k == len(chunks):
            return at
        for skip in range(_MAX_GAP + 1):
            start = at + skip
            if start >= len(tokens) or (skip and tokens[start - 1] in self.lex.gap_stop):
                break
            end = _chunk_end(tokens, start, chunks[k])
            if end >= 0:
                rest = self._rest(tokens, end, chunks, k + 1)
                if rest >= 0:
                    return rest
        return -1

    def _settle(self, here: dict[_Entry, None]) -> list[_Entry]:
        """The names one ingredient reports.

        A generic word gives way to a specific one of its category ("Di(2-ethylhexyl) phthalate" is DEHP,
        not also "phthalate"; "Essential oil blend (lavender oil, ...)" is lavender), and a category of
        synonyms reports its first word only ("Parfum (Fragrance)" is Parfum).
        """
        specific = {e.category for e in here if not e.generic}
        settled, seen = [], set()
        for entry in here:
            if entry.generic and entry.category in specific:
                continue
            if entry.category in self.lex.one_per_ingredient:
                if entry.category in seen:
                    continue
                seen.add(entry.category)
            settled.append(entry)
        return settled

    @staticmethod
    def _names(scan: _Scan, excluded: frozenset, negated_at_start: bool):
        """(entry, negated) for each name kept in one variant, in text order."""
        if not scan.terms:
            return
        chosen = scan.chosen
        if excluded and any(m.pattern.ref in excluded for m in scan.terms):
            chosen = _choose([m for m in scan.terms if m.pattern.ref not in excluded])
        for m in chosen:
            state = negated_at_start
            for position, turns_on in scan.switches:
                if position > m.start:
                    break
                state = turns_on
            yield m.pattern.ref, state or any(a >= m.end for a in scan.after)

    @staticmethod
    def _carry(negated: bool, count: int, whole: _Scan, segment: _Segment) -> tuple[bool, int]:
        """Whether a negation is still open after this ingredient, and for how many ingredients so far."""
        if whole.switches:
            negated, count = whole.switches[-1][1], 0
        if negated:
            count += 1
        if segment.ends_sentence or count > _MAX_NEGATION_INGREDIENTS:
            return False, 0
        return negated, count


def _chunk_end(tokens, start: int, chunk: str) -> int:
    """End of the run of whole words from `start` that spells `chunk` (spaces ignored), or -1."""
    run, i, n = "", start, len(tokens)
    while i < n and len(run) < len(chunk):
        run += tokens[i]
        i += 1
        if not chunk.startswith(run):
            return -1
    return i if run == chunk else -1


if __name__ == "__main__":  # pragma: no cover - a quick timing printout, not a test
    import time

    samples = {
        "typical list": ("Aqua, Glycerin, Parfum (Fragrance), Linalool, Limonene, Lavandula Angustifolia (Lavender) "
                         "Oil, Diethyl Phthalate, ") * 40,
        "5,000 commas": "," * MAX_CHARS,
        "one long word run": ("a " * (MAX_CHARS // 2)),
        "brackets": "(" * MAX_CHARS,
        "tags": "<b>Fragrance</b>" * (MAX_CHARS // 16),
    }
    _lexicon()  # the word list is read once per process; time the checks, not the file
    for label, sample in samples.items():
        sample = sample[:MAX_CHARS]
        took = []
        for _ in range(5):  # best of 5, so a busy machine does not hide the real cost
            began = time.perf_counter()
            report = check_label(sample)
            took.append((time.perf_counter() - began) * 1000)
        print(f"{label:20} {len(sample):5} chars  {min(took):6.1f} ms  {report.status}  {len(report.findings)} found")
