"""The guide's YAML files, read with libyaml's C parser when PyYAML has it (PyYAML's wheels do).

The pure-Python parser took about 0.2 s for each strings file, and every visitor's kernel reads them before
its page can be ready; the C parser reads the same safe subset (no Python objects) about ten times faster.
"""
from __future__ import annotations

import yaml

YAMLError = yaml.YAMLError
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(stream):
    """A YAML document (text or open file) as plain Python data, like `yaml.safe_load`."""
    return yaml.load(stream, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader, C or Python
