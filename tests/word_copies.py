"""Copies of the English strings that a test may change (to write hostile or relabelled words)."""
from pathlib import Path

import yaml

from milia_kit import paths, strings


def english_tree() -> dict:
    """A fresh copy of en.yml's contents, for a test to change."""
    return yaml.safe_load((paths.STRINGS / "en.yml").read_text(encoding="utf-8"))


def words_from(tree: dict, folder: Path) -> strings.Strings:
    """Strings read from `tree`, written as en.yml into `folder` (a test's temporary folder)."""
    (folder / "en.yml").write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    return strings.Strings("en", folder=folder)
