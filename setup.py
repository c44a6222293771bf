"""Reads the runtime dependencies from environment.yml, so that pip and conda install one list.

Kept free of third-party imports: it runs before anything is installed.
"""
from pathlib import Path

from setuptools import setup

# Conda-only entries that pip must not be asked for.
CONDA_ONLY = {"python", "pip"}


def environment_dependencies(path=Path(__file__).with_name("environment.yml")):
    deps, in_deps = [], False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line:
            continue
        if not raw.startswith(" "):
            in_deps = line.strip() == "dependencies:"
            continue
        item = line.strip()
        if in_deps and item.startswith("- "):
            spec = item[2:].strip()
            name = spec.split("=")[0].split(">")[0].split("<")[0].strip()
            if name not in CONDA_ONLY and not spec.endswith(":"):
                deps.append(spec)
    return deps


setup(install_requires=environment_dependencies())
