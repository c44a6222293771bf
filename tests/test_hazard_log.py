"""The clinical hazard log (assets/quality/hazard-log.yml, DCB0129 form): complete, its risks reduced by its
controls, and every control proved by tests that exist (a test renamed or removed fails here)."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LOG = yaml.safe_load((ROOT / "assets" / "quality" / "hazard-log.yml").read_text(encoding="utf-8"))["hazards"]
# The hazards the clinical safety issue names; each must be in the log.
REQUIRED = {"Under-advice", "Over-advice", "Wrong threshold", "Stale content", "Mistranslation", "Misconfiguration",
            "Lost page", "Wrong handout"}


@lru_cache(maxsize=None)
def defined_tests(path: str) -> frozenset:
    """The names of the test functions defined at the top level of a test file."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in tree.body
                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"))


def risk(rating: dict) -> int:
    assert set(rating) == {"severity", "likelihood"} and all(1 <= v <= 5 for v in rating.values()), rating
    return rating["severity"] * rating["likelihood"]


def test_the_log_names_every_required_hazard_once():
    names = [hazard["name"] for hazard in LOG]
    assert len(names) == len(set(names)) and REQUIRED <= set(names)
    assert len({hazard["id"] for hazard in LOG}) == len(LOG)


@pytest.mark.parametrize("hazard", LOG, ids=[h["id"] for h in LOG])
def test_each_hazard_is_complete_and_its_controls_lower_the_risk(hazard):
    for field in ("cause", "effect"):
        assert str(hazard[field]).strip(), field
    assert hazard["controls"], "a hazard with no control"
    assert risk(hazard["after"]) < risk(hazard["before"]) or risk(hazard["before"]) <= 4
    assert risk(hazard["after"]) < 10, "a risk left unacceptable"
    assert hazard["after"]["severity"] <= hazard["before"]["severity"]


@pytest.mark.parametrize("hazard", LOG, ids=[h["id"] for h in LOG])
def test_every_control_names_tests_that_exist(hazard):
    missing = []
    for control in hazard["controls"]:
        assert control["control"].strip() and control["tests"], control
        for test_id in control["tests"]:
            path, _, name = test_id.partition("::")
            if not (ROOT / path).is_file() or name.split("[")[0] not in defined_tests(path):
                missing.append(test_id)
    assert not missing, f"{hazard['id']} names tests that do not exist: {missing}"
