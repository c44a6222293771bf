"""Check the guide's data files before serving it: a mistake stops the server at start, named in one line.

Without this, a clinic that mistypes its phone in assets/clinic.yml, or a translator who renames a
placeholder in assets/strings/es.yml, still gets a running server, and the mistake surfaces inside a
visitor's page (a traceback, or a blank page). `serve.main()` calls `require_ready()` before it starts the
printer or Voila, so nothing listens on the port until every file reads cleanly.

Every check runs the same loader or validator the guide itself uses, on the files as they are on disk now
(never an `lru_cache`d copy from earlier in this process), so a file passes here exactly when the guide can
read it. No widgets and no Voila here: the check takes well under a second.
"""
from __future__ import annotations

import re
import string
import sys
from pathlib import Path

from . import clinic, labels, lookalikes, paths, quiz, red_flags, sources, strings, triage, yamlfile
from . import inserts as step_parts
from .markup import all_blocks

EXIT_STATUS = 2  # 1 is Python's status for a crash; 2 says "the settings are wrong", as for a bad command line


def problems(assets: Path | None = None) -> list[str]:
    """Every problem in the guide's data files (`assets`, by default the folder the guide serves), one line each.

    Each line names the file, the key or setting, and what is wrong. Never raises: a check that fails in
    an unexpected way is itself a problem, named by its file.
    """
    assets = Path(assets) if assets else paths.ASSETS
    found = []
    known = _guarded(found, assets / "sources.yml", _sources, assets)
    _guarded(found, assets / "clinic.yml", _clinic, assets)
    _guarded(found, assets / "strings", _strings, assets, known)
    _guarded(found, assets / lookalikes.DATA_FILE, _lookalikes, assets, known)
    _guarded(found, assets / "quiz.yml", _quiz, assets)
    # labels.py reads the checkout's own label_words.yml whatever the assets folder: check it when the
    # guide is about to serve, not when a test points this at a copy.
    if assets.resolve() == paths.ASSETS.resolve():
        _guarded(found, labels.WORDS_FILE, _label_words)
    _guarded(found, Path(__file__).with_name("red_flags.py"), _red_flags, assets)
    return found


def require_ready(assets: Path | None = None) -> None:
    """Stop the process (status 2) with the first problem on stderr, if there is any."""
    found = problems(assets)
    if not found:
        return
    message = f"The guide cannot start: {found[0]}"
    if len(found) > 1:
        more = len(found) - 1
        message += f"\n({more} more problem{'s' if more > 1 else ''}; fix this one and start again)"
    print(message, file=sys.stderr, flush=True)
    sys.exit(EXIT_STATUS)


# --- the checks: each adds its problem lines to `found` ---------------------------------------------------------

def _sources(found: list, assets: Path) -> set[str] | None:
    path = assets / "sources.yml"
    try:
        listed = sources.load.__wrapped__(assets)  # read now, not lru_cache's copy
    except sources.SourcesError as error:
        found.append(_line(path, error))
        return None
    return set(listed.by_id)


def _clinic(found: list, assets: Path) -> None:
    path = assets / "clinic.yml"
    try:
        clinic.load.__wrapped__(path)  # read now, not lru_cache's copy
    except clinic.ClinicSettingsError as error:
        found.append(_line(path, error))


def _strings(found: list, assets: Path, known: set[str] | None) -> None:
    folder = assets / "strings"
    english = None
    for lang in strings.available_languages(folder):
        path = folder / f"{lang}.yml"
        words = _guarded(found, path, _one_language, lang, folder, known)
        if lang == strings.DEFAULT_LANGUAGE:
            english = words
        elif words is not None and english is not None:
            found += [_line(path, _difference(line, english, words)) for line in strings.compare(english, words)]
    if english is not None:
        # every key the code asks for, and every key the checker builds, in English (and so, compared, in all)
        path = folder / f"{strings.DEFAULT_LANGUAGE}.yml"
        for key in sorted(strings.code_keys() | set(triage.word_keys())):
            if not english.has(key):
                found.append(_line(path, f"key {key!r}: is missing (the guide needs it)"))
        inserts = {block.get("insert") for _, step in (english.tree.get("steps") or {}).items()
                   if isinstance(step, dict) for block in all_blocks(step.get("body")) if isinstance(block, dict)}
        for name in sorted(inserts - {None} - set(step_parts.NAMES)):
            found.append(_line(path, f"insert {name!r}: no such part (the parts are {', '.join(step_parts.NAMES)})"))
    if english is None and not (folder / f"{strings.DEFAULT_LANGUAGE}.yml").is_file():
        found.append(_line(folder / f"{strings.DEFAULT_LANGUAGE}.yml",
                           "the English strings file is missing; every language is checked against it"))


def _one_language(found: list, lang: str, folder: Path, known: set[str] | None) -> strings.Strings | None:
    """One strings file's own problems; the file's words if they can be compared with English's."""
    path = folder / f"{lang}.yml"
    words = strings.Strings(lang, folder)  # a YAML mistake raises here, and `_guarded` names its line
    if not isinstance(words.tree, dict):
        found.append(_line(path, "must be a list of `key: text` lines"))
        return None
    before = len(found)
    for key, text in _texts(words.tree):
        wrong = _placeholder_mistake(text)
        if wrong:
            found.append(_line(path, f"key {key!r}: {wrong}"))
    # `strings.compare` itself stumbles on a broken placeholder, so compare only a file without one.
    placeholders_read = len(found) == before
    if known is not None:  # without a readable sources.yml every id would look unknown
        for key, ids in _source_lists(words.tree):
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                found.append(_line(path, f"key {key!r}: must be a list of source ids, like [mayo-milia]"))
                continue
            for unknown in [i for i in ids if i not in known]:
                found.append(_line(path, f"key {key!r}: unknown source id {unknown!r} "
                                         f"(not in {_where(folder.parent / 'sources.yml')})"))
    return words if placeholders_read else None


def _lookalikes(found: list, assets: Path, known: set[str] | None) -> None:
    path = assets / lookalikes.DATA_FILE
    try:
        conditions = lookalikes.load.__wrapped__(path)  # read now, not lru_cache's copy
    except lookalikes.LookalikesDataError as error:
        found.append(_line(path, error))
        return
    for condition in conditions if known is not None else ():
        for unknown in [i for i in condition.sources if i not in known]:
            found.append(_line(path, f"{condition.id}: unknown source id {unknown!r} "
                                     f"(not in {_where(assets / 'sources.yml')})"))


def _quiz(found: list, assets: Path) -> None:
    path = assets / "quiz.yml"
    with path.open(encoding="utf-8") as f:
        data = yamlfile.parse(f) or {}
    try:
        # quiz.load_questions keeps its answer in an lru_cache; its own validator reads the file as it is now.
        quiz.parse_questions(data.get("questions") if isinstance(data, dict) else None, where=str(path))
    except quiz.QuizDataError as error:
        found.append(_line(path, error))


def _label_words(found: list) -> None:
    with labels.WORDS_FILE.open(encoding="utf-8") as f:
        data = yamlfile.parse(f)
    try:
        # What labels._lexicon() builds on the first check of a label, without its lru_cache.
        labels._Lexicon(data if isinstance(data, dict) else {})
    except ValueError as error:
        found.append(_line(labels.WORDS_FILE, error))


def _red_flags(found: list, assets: Path) -> None:
    """The red-flag rule table, and the words every language needs for it (red_flags.load checks both)."""
    try:
        red_flags.load(assets, fresh=True)
    except yamlfile.YAMLError as error:
        # A strings file it reads is not YAML: name that file, once (its own check above may have named it).
        mark = getattr(error, "problem_mark", None)
        line = _line(mark.name if mark and Path(mark.name).is_file() else red_flags.__file__, _yaml_mistake(error))
        if line not in found:
            found.append(line)
    except Exception as error:  # noqa: BLE001 - RuleTableError or anything else: the rules cannot be used
        message = " ".join(str(error).split())
        # RuleTableError starts with the file it is about ("assets/red_flags.yml: ..."); others get the module's.
        found.append(message if _NAMES_A_FILE.match(message) else _line(red_flags.__file__, message))


_NAMES_A_FILE = re.compile(r"[^\s:]+\.(?:yml|yaml|py): ")


# --- helpers --------------------------------------------------------------------------------------------------

def _guarded(found: list, path: Path, check, *args):
    """Run a check; a file that cannot be read, or a check that fails in an unexpected way, is a problem too."""
    try:
        return check(found, *args)
    except FileNotFoundError:
        found.append(_line(path, "the file is missing"))
    except UnicodeDecodeError:
        found.append(_line(path, "is not UTF-8 text; save it as UTF-8"))
    except yamlfile.YAMLError as error:
        found.append(_line(path, _yaml_mistake(error)))
    except Exception as error:  # noqa: BLE001 - the guide must not start on a file nobody could check
        found.append(_line(path, f"could not be checked ({type(error).__name__}: {error})"))
    return None


def _yaml_mistake(error) -> str:
    mark = getattr(error, "problem_mark", None)
    where = f" near line {mark.line + 1}" if mark else ""
    what = f": {error.problem}" if getattr(error, "problem", None) else ""
    # A quote left open swallows the lines after it, so YAML often notices a line or more below the mistake.
    return f"not valid YAML{where}{what} (look for a missing or extra quote, or a wrong indent, there or just above)"


def _placeholder_mistake(text: str) -> str | None:
    """Why `text` cannot be filled in with `str.format(name=...)`, or None if it can."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as error:
        return f"a {{ or }} that is not part of a placeholder ({error}); placeholders look like {{name}}"
    if any(not field or field.isdigit() for field in fields):
        return "a placeholder without a name ({} or {0}); placeholders look like {name}"
    return None


def _texts(tree):
    """(key, text) for every string in a strings file, lists included ("steps.start.body[0].p")."""
    return ((key, value) for key, value in strings.leaves(tree) if isinstance(value, str))


def _source_lists(tree, prefix: str = ""):
    """(key, value) for every list of source ids: a `sources:` (or `..._sources:`) list, or each list in a
    `sources:` mapping of lists."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if str(key).endswith("sources") and isinstance(value, dict):
                yield from ((f"{name}.{reason}", ids) for reason, ids in value.items())
            elif key == "sources" or (str(key).endswith("sources") and isinstance(value, list)):
                yield name, value  # `step_sources` is a sentence with a placeholder, not a list of ids
            else:
                yield from _source_lists(value, name)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _source_lists(value, f"{prefix}[{index}]")


# strings.compare's lines: "missing key K", "extra key K" or "placeholders differ at K: [...] vs [...]".
_COMPARED = re.compile(r"(?P<what>missing key|extra key|placeholders differ at) (?P<key>[^\s:]+).*")


def _difference(line: str, english: strings.Strings, words: strings.Strings) -> str:
    """A strings.compare line in this module's "key 'K': what is wrong" form (as is, if it is a new kind)."""
    match = _COMPARED.fullmatch(line)
    if not match:
        return line
    key = match["key"]
    if match["what"] == "missing key":
        return f"key {key!r}: missing (the English file has it)"
    if match["what"] == "extra key":
        return f"key {key!r}: not in the English file"
    has = [_placeholder_names(strings.flatten(each.tree)[key]) for each in (english, words)]
    return f"key {key!r}: placeholders differ from the English file: English has {has[0]}; this file has {has[1]}"


def _placeholder_names(text: str) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(strings.placeholders(text))) or "none"


def _where(path) -> str:
    """The file as a person at the repository would type it: relative to the checkout when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except (ValueError, OSError):
        return str(path)


def _line(path, message) -> str:
    """`<file>: <what>` on one line; a message that names the file itself is not made to name it twice."""
    text = str(message)
    for prefix in (f"{path}: ", f"{Path(path).name}: "):
        text = text.removeprefix(prefix)
    return " ".join(f"{_where(path)}: {text}".split())
