"""The clinic deployment's service unit (deploy/systemd, filled in by deploy/render.py): systemd accepts every
line, it stops the guide the way that shuts its kernels down, starts at boot, restarts on failure, and its memory
limit is the kernel cap's budget."""
import re
import shlex
import shutil
import subprocess

import pytest

from milia_kit import front_door, serve
from milia_kit.harness import deploy_render
from milia_kit.paths import ROOT

RENDER = deploy_render()


def rendered(tmp_path, processes: int = 1, total_mb: int = 24_000):
    unit = RENDER.service_unit(str(ROOT), user="root", processes=processes, total_mb=total_mb)
    path = tmp_path / "milia-guide@.service"
    path.write_text(unit)
    return unit, path


def setting(unit: str, name: str) -> list[str]:
    return re.findall(rf"^{name}=(.*)$", unit, re.M)


def test_systemd_accepts_every_line_of_the_unit(tmp_path):
    """`systemd-analyze verify` warns (and systemd then ignores the line) for what it cannot parse: a comment
    after `KillSignal=SIGINT` once made systemd fall back to SIGTERM."""
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: run `make deploy-tools`"
    _, path = rendered(tmp_path)
    checked = subprocess.run([analyze, "verify", str(path.with_name("milia-guide@8866.service"))],
                             capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr
    broken = path.with_name("broken@.service")
    broken.write_text(path.read_text().replace("KillSignal=SIGINT", "KillSignal=SIGINT  # Voila's own signal"))
    warned = subprocess.run([analyze, "verify", str(broken.with_name("broken@8866.service"))],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "KillSignal" in warned.stderr or "signal" in warned.stderr  # the check can fail


def test_it_stops_with_sigint_starts_at_boot_and_restarts_on_failure(tmp_path):
    unit, _ = rendered(tmp_path)
    assert setting(unit, "KillSignal") == ["SIGINT"]
    assert setting(unit, "Restart") == ["on-failure"] and setting(unit, "WantedBy") == ["multi-user.target"]
    assert "[Install]" in unit


def test_the_memory_limit_is_the_kernel_caps_budget(tmp_path):
    assert RENDER.PER_VISITOR_MB == front_door.PER_VISITOR_MB
    for processes in (1, 2, 4):
        unit, _ = rendered(tmp_path, processes)
        command = shlex.split(setting(unit, "ExecStart")[0])
        visitors = int(next(a.split("=")[1] for a in command if a.startswith("--GuideVoila.max_visitors=")))
        memory = int(setting(unit, "MemoryMax")[0].rstrip("M"))
        assert memory == RENDER.BASE_MB + visitors * front_door.PER_VISITOR_MB
        # all the processes together stay within the guide's share of the machine
        assert processes * memory <= 24_000 * RENDER.MEMORY_SHARE


@pytest.mark.parametrize("processes", [1, 2])
def test_every_flag_in_the_command_is_one_the_guides_server_accepts(tmp_path, processes):
    unit, _ = rendered(tmp_path, processes)
    command = shlex.split(setting(unit, "ExecStart")[0])
    assert command[0] == f"{ROOT}/.venv/bin/python" and command[1:3] == ["-m", "milia_kit.serve"]
    traits = serve.guide_server_class().class_traits(config=True)
    for flag in (a for a in command if a.startswith("--GuideVoila.")):
        assert flag.split("=")[0].removeprefix("--GuideVoila.") in traits, flag


def test_the_setup_script_is_valid_shell_and_renders_both_files():
    script = ROOT / "deploy" / "setup-debian.sh"
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    text = script.read_text()
    assert "render.py\" unit" in text and "render.py\" nginx" in text and "useradd --system" in text
