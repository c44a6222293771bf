"""Nothing a parent types is stored or logged: a unique marker typed into every box, a handout downloaded, and
then no trace of it in anything the server wrote (its log and its temporary folder) or in the repository."""
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import download_handout

from milia_kit import strings
from milia_kit.harness import Running
from milia_kit.paths import ROOT
from milia_kit.visit import STEPS

pytestmark = pytest.mark.browser
WORDS = strings.load("en")


def repo_state() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=ROOT, capture_output=True, text=True).stdout


def test_a_typed_marker_leaves_no_trace(browser, tmp_path):
    from conftest import Visitor

    marker = f"Mk{uuid.uuid4().hex[:12]}"
    before = repo_state()
    server = Running(pool_size=1)
    visitor = Visitor(browser, server)
    try:
        page = visitor.open("?step=care")
        page.get_by_label(WORDS.text("labels.input_label")).fill(f"Water, {marker}, Parfum")
        page.get_by_role("button", name=WORDS.text("labels.check_button")).click()
        expect(page.locator(".mk-label-report")).to_be_visible()

        page.get_by_label(WORDS.text("app.jump_label")).select_option(label=f"{STEPS.index('call') + 1}. {WORDS.text('steps.call.nav')}")
        page.get_by_label(WORDS.text("triage.questions.age_weeks")).fill(marker)
        page.keyboard.press("Tab")
        expect(page.locator(".mk-triage")).to_be_visible()

        page.get_by_label(WORDS.text("app.jump_label")).select_option(label=f"{STEPS.index('takehome') + 1}. {WORDS.text('steps.takehome.nav')}")
        boxes = ("takehome_tool.name_label", "takehome_tool.place_label", "takehome_tool.clinician_label")
        assert marker[:20] in download_handout(page, WORDS, tmp_path, {key: marker[:20] for key in boxes})  # it reached the PDF...
    finally:
        visitor.close()
        log, folder = server.log(), Path(server.tmp)
        written = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        server.stop()
    # ...and nowhere else
    assert marker not in log and marker[:20] not in log
    assert not [p for p, data in written.items() if marker[:20].encode() in data]
    assert repo_state() == before
