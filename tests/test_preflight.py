"""The guide fails closed at start: a mistake in a data file is named in one line and nothing is served.

Each test copies the real assets folder, breaks one thing in the copy, and checks what the clinic would be
told. The end-to-end tests start `python -m milia_kit.serve` (what `make app` runs) on a broken copy and check
that it stops with status 2, one or two plain lines and no traceback, before anything listens on its port.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from milia_kit import clinic, preflight
from milia_kit.paths import ROOT

REAL_ASSETS = ROOT / "assets"
EXIT_DEADLINE = 60  # seconds; the check itself takes well under one, a busy CI machine a few


@pytest.fixture
def assets(tmp_path):
    copy = tmp_path / "assets"
    shutil.copytree(REAL_ASSETS, copy)
    return copy


def edit(path, old: str, new: str) -> None:
    """Replace one exact piece of a file (failing loudly if the real file no longer has it)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}: update this test"
    path.write_text(text.replace(old, new), encoding="utf-8")


# One mistake each, as a clinic or a translator might make it: (file, old, new, words the problem must name).
MISSING_PHONE = ("clinic.yml", 'phone: "000-000-0000"\n', "", ["'phone'", "missing"])
PHONE_WITH_LETTERS = ("clinic.yml", 'phone: "000-000-0000"', 'phone: "call-us"',
                      ["'phone'", "'call-us' does not look like a phone number"])
LONG_CLINIC_NAME = ("clinic.yml", 'clinic_name: "Your clinic"', f'clinic_name: "{"A" * 81}"',
                    ["'clinic_name'", "81 characters"])
CLINIC_NOT_YAML = ("clinic.yml", 'clinic_name: "Your clinic"', 'clinic_name: "Your clinic',  # the quote left open
                   ["not valid YAML near line"])
SPANISH_PROGRESS = 'progress: "Paso {current} de {total}"'
RENAMED_PLACEHOLDER = ("strings/es.yml", SPANISH_PROGRESS, 'progress: "Paso {actual} de {total}"',
                       ["key 'app.progress'", "placeholders differ", "this file has {actual}, {total}"])
STRAY_QUOTE = ("strings/es.yml", SPANISH_PROGRESS, 'progress: "Paso "{current}" de {total}"', ["not valid YAML near line"])

CLINIC_MISTAKES = {"missing phone": MISSING_PHONE, "phone with letters": PHONE_WITH_LETTERS,
                   "81-character name": LONG_CLINIC_NAME, "broken YAML": CLINIC_NOT_YAML}
TRANSLATION_MISTAKES = {"renamed placeholder": RENAMED_PLACEHOLDER, "stray quote": STRAY_QUOTE}


def break_one(assets, mistake) -> str:
    """Make the mistake in the copy; the file's path, as problem lines name it."""
    name, old, new, _ = mistake
    edit(assets / name, old, new)
    return str(assets / name)


def the_problem(found: list[str], path: str) -> str:
    about = [line for line in found if line.startswith(f"{path}: ")]
    assert about, f"nothing names {path}: {found}"
    return about[0]


# --- the check ------------------------------------------------------------------------------------------------

def test_the_real_assets_have_no_problems(assets):
    assert preflight.problems() == []
    assert preflight.problems(assets) == []


@pytest.mark.parametrize("mistake", [*CLINIC_MISTAKES.values(), *TRANSLATION_MISTAKES.values()],
                         ids=[*CLINIC_MISTAKES, *TRANSLATION_MISTAKES])
def test_each_mistake_is_named_by_file_and_key(assets, mistake):
    path = break_one(assets, mistake)
    line = the_problem(preflight.problems(assets), path)
    for words in mistake[3]:
        assert words in line
    assert "\n" not in line


def test_a_stray_quote_is_found_on_its_line(assets):
    path = break_one(assets, STRAY_QUOTE)
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    line_number = next(n for n, text in enumerate(lines, 1) if '"Paso "' in text)
    found = preflight.problems(assets)
    assert f"near line {line_number}:" in the_problem(found, path)
    assert len([line for line in found if "not valid YAML" in line]) == 1, "each file that reads it must not say it again"


def test_a_brace_that_is_not_a_placeholder_is_named(assets):
    # Valid YAML, same placeholders as English as far as the file can be read, yet str.format cannot fill it.
    edit(assets / "strings/es.yml", SPANISH_PROGRESS, 'progress: "Paso {current} de {total"')
    line = the_problem(preflight.problems(assets), str(assets / "strings/es.yml"))
    assert "key 'app.progress'" in line and "not part of a placeholder" in line


def test_an_unknown_source_id_in_a_strings_file_is_named(assets):
    edit(assets / "strings/es.yml", "No los apriete.\"\n      sources: [mayo-milia, mayo-milia-care, medlineplus-milia]",
         "No los apriete.\"\n      sources: [mayo-milia, mayo-clinic-milia, medlineplus-milia]")
    line = the_problem(preflight.problems(assets), str(assets / "strings/es.yml"))
    assert "key 'steps.start.message.sources'" in line and "'mayo-clinic-milia'" in line


def test_a_source_listed_twice_is_named(assets):
    edit(assets / "sources.yml", "  - id: mayo-milia-care\n", "  - id: mayo-milia\n")
    assert "'mayo-milia' is listed twice" in the_problem(preflight.problems(assets), str(assets / "sources.yml"))


def test_the_other_data_files_are_checked(assets):
    edit(assets / "lookalikes.yml", "  - id: milia\n    harmless: true", "  - id: milia\n    harmless: maybe")
    edit(assets / "quiz.yml", "topic: what_milia_are\n    revisit: pocket", "topic: what_milia_are\n    revisit: jeans")
    found = preflight.problems(assets)
    assert "`harmless` must be true or false" in the_problem(found, str(assets / "lookalikes.yml"))
    assert "is not a step of the guide" in the_problem(found, str(assets / "quiz.yml"))


def test_a_broken_rule_table_is_named(assets):
    red_flags = pytest.importorskip("milia_kit.red_flags")  # another module's table, checked through its load()
    if not hasattr(red_flags, "load"):
        pytest.skip("milia_kit.red_flags has no load() yet")
    (assets / red_flags.FILE).write_text("rules: [unclosed\n", encoding="utf-8")
    assert "not valid YAML" in the_problem(preflight.problems(assets), str(assets / red_flags.FILE))


def test_a_file_is_checked_as_it_is_now_not_as_first_read(assets):
    path = assets / "clinic.yml"
    clinic.load(path)  # the guide's own cache now holds the good settings
    break_one(assets, PHONE_WITH_LETTERS)
    assert "'phone'" in the_problem(preflight.problems(assets), str(path))
    edit(path, 'phone: "call-us"', 'phone: "555-123-4567"')
    assert preflight.problems(assets) == []


def test_the_first_problem_is_told_and_the_rest_counted(assets, capsys):
    break_one(assets, PHONE_WITH_LETTERS)
    break_one(assets, RENAMED_PLACEHOLDER)
    with pytest.raises(SystemExit) as stopped:
        preflight.require_ready(assets)
    assert stopped.value.code == 2
    first, more = capsys.readouterr().err.splitlines()
    assert first.startswith(f"The guide cannot start: {assets / 'clinic.yml'}: setting 'phone': ")
    assert more == "(1 more problem; fix this one and start again)"


def test_ready_assets_let_the_guide_go_on(assets, capsys):
    preflight.require_ready(assets)
    assert capsys.readouterr().err == ""


def test_a_file_that_is_not_utf8_is_named(assets):
    (assets / "strings/es.yml").write_bytes(b"app:\n  back: \"Atr\xe1s\"\n")  # Latin-1, as an old editor saves it
    assert "not UTF-8" in the_problem(preflight.problems(assets), str(assets / "strings/es.yml"))


def test_a_check_that_fails_unexpectedly_is_a_problem_not_a_crash(assets):
    (assets / "strings/fr.yml").mkdir()  # a folder where a language's file should be
    found = preflight.problems(assets)
    assert "could not be checked (IsADirectoryError" in the_problem(found, str(assets / "strings/fr.yml"))


# --- the server -----------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def serve(assets, tmp_path):
    """Run `python -m milia_kit.serve` on `assets` until it exits; (status, stdout, stderr, ever listened)."""
    port = free_port()
    out, err = tmp_path / "stdout", tmp_path / "stderr"  # files, not pipes: a server's log cannot fill them
    with open(out, "w") as stdout, open(err, "w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "milia_kit.serve", "--port", str(port)],
                                   env={**os.environ, "MILIA_KIT_ASSETS": str(assets)}, cwd=tmp_path,
                                   stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
    listened, deadline = False, time.monotonic() + EXIT_DEADLINE
    try:
        while process.poll() is None and not listened and time.monotonic() < deadline:
            listened = accepts(port)
            try:
                process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                pass
        listened = listened or accepts(port)
    finally:
        if process.poll() is None:  # it served (or hung): stop it as Ctrl-C does, so its kernels go too
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return process.returncode, out.read_text(), err.read_text(), listened


@pytest.mark.parametrize("mistake", [*CLINIC_MISTAKES.values(), RENAMED_PLACEHOLDER],
                         ids=[*CLINIC_MISTAKES, "renamed placeholder"])
def test_the_server_stops_before_listening_and_says_why(assets, tmp_path, mistake):
    path = break_one(assets, mistake)
    status, out, err, listened = serve(assets, tmp_path)
    assert not listened, "the guide was served"
    assert status == 2, (status, out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, err
    assert lines[0].startswith(f"The guide cannot start: {path}: ")
    for words in mistake[3]:
        assert words in lines[0]
    assert "Traceback" not in out + err and "Serving" not in out
