"""What is usual at each age, for milia and for baby acne (step `why`). Pure: no widgets.

The age bands and their words live in assets/strings/<lang>.yml under `timeline.bands`; each band covers
weeks `from_week`..`to_week`, and together they cover 0..MAX_WEEKS with no gap (tests/test_readability.py).
"""
from __future__ import annotations

import math

# The key times marked under the age control, in weeks: birth, 2 weeks, 1 month, 3 months.
KEY_WEEKS = {"birth": 0, "two_weeks": 2, "one_month": 4, "three_months": 13}
MAX_WEEKS = 26  # about 6 months: past the 3-month point for milia and the usual end of baby acne


def clamp_weeks(value) -> int:
    """A week count from any value a browser may send: numbers are rounded and kept in 0..MAX_WEEKS."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    if math.isnan(number):
        return 0
    return int(min(MAX_WEEKS, max(0, round(number))))


def band_for(weeks, bands: list[dict]) -> dict:
    """The band that holds this age."""
    weeks = clamp_weeks(weeks)
    for band in bands:
        if band["from_week"] <= weeks <= band["to_week"]:
            return band
    raise LookupError(f"no timeline band covers week {weeks}")
