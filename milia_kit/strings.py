"""The words the guide shows, one YAML file per language with identical keys (assets/strings/<lang>.yml).

Code reaches text only through `Strings.text(key, name=value)` with a dotted key. A missing key or a missing
placeholder value fails loudly, naming the key and the file, so a broken translation is caught at start
instead of showing a parent a blank or a raw key.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from . import yamlfile

from . import paths

DEFAULT_LANGUAGE = "en"


# A key the code asks for in so many words: `words.text`, `.get` or `.has` with a dotted key in quotes (an
# f-string with a {placeholder} in the key is a key built from a value, checked by its own module).
LITERAL_KEY = re.compile(r"""\.(?:text|get|has)\(\s*f?["']([a-z_]+(?:\.[a-z_{}]+)+)["']""")


def code_keys() -> set[str]:
    """Every key the guide's code asks for by name (read from its source files): a strings file missing one
    would fail only when a parent reaches that word, so the start-up check asks for them all."""
    found = set()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        found.update(key for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")) if "{" not in key)
    return found


class StringsError(LookupError):
    """A key or placeholder the code asks for is not in a strings file."""


def available_languages(folder: Path | None = None) -> tuple[str, ...]:
    """Language codes with a strings file, English first (it is the reference for every other file)."""
    folder = folder or paths.STRINGS
    codes = sorted(p.stem for p in folder.glob("*.yml"))
    return tuple(sorted(codes, key=lambda c: c != DEFAULT_LANGUAGE))


def flatten(tree, prefix: str = "") -> dict:
    """{"a": {"b": 1}} -> {"a.b": 1}; lists and scalars are leaves."""
    if not isinstance(tree, dict):
        return {prefix: tree}
    flat = {}
    for key, value in tree.items():
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def leaves(node, path: str = ""):
    """(path, value) for every scalar in a strings tree, inside lists and body blocks too
    ("steps.start.body[0].p"): the checks that read every word use it."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, node


def placeholders(text: str) -> set[str]:
    """Names of the {placeholders} in a pattern."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


class Strings:
    """All the words for one language."""

    def __init__(self, lang: str, folder: Path | None = None):
        self.lang = lang
        self.path = (folder or paths.STRINGS) / f"{lang}.yml"
        if not self.path.exists():
            raise StringsError(f"No strings file for language {lang!r}: {self.path}")
        with self.path.open(encoding="utf-8") as f:
            self.tree = yamlfile.parse(f) or {}

    def get(self, key: str):
        """The raw value at a dotted key: a string, list or mapping."""
        node = self.tree
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise StringsError(f"Missing key {key!r} in {self.path}")
            node = node[part]
        return node

    def text(self, key: str, **values) -> str:
        """The string at `key`, with its named placeholders filled in."""
        pattern = self.get(key)
        if not isinstance(pattern, str):
            raise StringsError(f"Key {key!r} in {self.path} is not a string")
        missing = placeholders(pattern) - values.keys()
        if missing:
            raise StringsError(f"Key {key!r} in {self.path} needs values for {sorted(missing)}")
        return pattern.format(**values) if values or "{" in pattern else pattern

    def has(self, key: str) -> bool:
        try:
            self.get(key)
        except StringsError:
            return False
        return True

    def __repr__(self):
        return f"Strings({self.lang!r})"


@lru_cache(maxsize=None)
def load(lang: str = DEFAULT_LANGUAGE) -> Strings:
    """The strings for a language, read once per process, checked against English.

    Every language must have exactly the keys and placeholders English has; a file that does not
    stops the guide at start with the differences named.
    """
    strings = Strings(lang)
    if lang != DEFAULT_LANGUAGE:
        problems = compare(load(DEFAULT_LANGUAGE), strings)
        if problems:
            raise StringsError(f"{strings.path} does not match the English file:\n  " + "\n  ".join(problems))
    return strings


def compare(reference: Strings, other: Strings) -> list[str]:
    """Differences in keys and placeholders between two languages' files."""
    ref, oth = flatten(reference.tree), flatten(other.tree)
    problems = [f"missing key {k}" for k in sorted(ref.keys() - oth.keys())]
    problems += [f"extra key {k}" for k in sorted(oth.keys() - ref.keys())]
    for key in sorted(ref.keys() & oth.keys()):
        a, b = ref[key], oth[key]
        if isinstance(a, str) and isinstance(b, str) and placeholders(a) != placeholders(b):
            problems.append(f"placeholders differ at {key}: {sorted(placeholders(a))} vs {sorted(placeholders(b))}")
    return problems
