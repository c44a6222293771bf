"""Notebooks: committed without outputs, and thin (a few lines calling milia_kit)."""
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_is_a_guide_notebook():
    assert "guide.ipynb" in [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin_pages(path):
    code = [line for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(code) <= 10, code


def test_the_guide_shows_its_container_last():
    cells = [c for c in json.loads((NOTEBOOKS[0].parent / "guide.ipynb").read_text())["cells"] if c["cell_type"] == "code"]
    assert "".join(cells[-1]["source"]).strip() == "guide.container"
