"""Where the kit's files live.

The kit is installed editable (`pip install -e .`), so assets sit beside the package in the checkout.
MILIA_KIT_ASSETS lets a clinic point a served copy at its own adapted assets folder.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(os.environ.get("MILIA_KIT_ASSETS", ROOT / "assets"))
STRINGS = ASSETS / "strings"
STYLE = ASSETS / "style"
