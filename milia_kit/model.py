"""The jeans-pocket model of one milium: a teaching picture, not a prediction.

A milium is a tiny pocket just under the skin's top layer, lined with skin and filled with dead skin cells
that could not shed (Mayo Clinic; MedlinePlus; StatPearls). The picture of a jeans pocket is Cynthia Bailey
MD's. The model knows nothing of widgets or drawings: views observe its traits and redraw.

State: days since the milium formed, whose skin (baby or adult), days of gentle care, and whether the
picture is the mainstream one (the default, what parents see) or Dr Bailey's (`article_picture`, for clinicians).
Derived, all between 0 and 1 and never decreasing as time or care goes up:
- covering: how thick the skin over the pocket is (baby skin is thinner: Stamatas 2010);
- opening: how far that covering has worn open as the skin renews itself. Only in the article's picture does
  gentle washing add to it: no source says washing speeds clearing (medical-sources.md section 0);
- firmness: mainstream sources describe milia as firm from the start (StatPearls), so it is 1. The article's
  picture has the contents soft when new and firmer with time;
- cleared: the pocket has opened and emptied.

The rates are chosen so that, with baby skin, the pocket clears within a few weeks (most sources: within a
few weeks, by 1 to 2 months), and with adult skin it is still closed months later (adult milia tend to stay).
They are qualitative: views show words, never the numbers.
"""
from __future__ import annotations

import math

from traitlets import Bool, Enum, HasTraits, Int, validate

DAYS_MAX = 120  # about 4 months: past the 3-month point where a parent should mention milia at a visit
# The key times marked under the time control, in days: formed, 2 weeks, 1 month, 3 months.
KEY_DAYS = {"formed": 0, "two_weeks": 14, "one_month": 30, "three_months": 90}
SKINS = ("baby", "adult")

# How thick the covering is, relative to adult skin. Infant outer skin is about 30% thinner (Stamatas 2010);
# a newborn milium sits very close to the surface, so the picture exaggerates the difference to make it visible.
COVERING = {"baby": 0.3, "adult": 1.0}
# Share of the covering the skin's own renewal wears away per day, by skin (tuned so baby milia clear in
# about 6 weeks without any help, and adult milia stay past the 4 months the control reaches).
RENEWAL_PER_DAY = {"baby": 0.3 / 42, "adult": 0.3 / 42 / 2}
# Gentle daily washing adds a little to that (the article's advice). Kept small: no source says washing
# speeds clearing, and scrubbing is advised against (Mayo).
CARE_PER_DAY = 0.3 / 42 / 4
# Days for the contents to become firm in the article's picture.
FIRMNESS_DAYS = 30.0


class Pocket(HasTraits):
    """One milium, changed by the controls; every derived value follows from the three traits."""

    days = Int(0, help="days since the milium formed, 0..DAYS_MAX")
    skin = Enum(SKINS, default_value="baby", help="whose skin the milium is in")
    care_days = Int(0, help="days of gentle washing, never more than `days`")
    article_picture = Bool(False, help="Dr Bailey's picture (washing helps, soft turns firm): clinicians only")

    @validate("days")
    def _clamp_days(self, proposal):
        # Values can arrive from a hostile browser: clamp instead of failing, then keep care within days.
        days = _clamp_int(proposal["value"], 0, DAYS_MAX)
        if self.care_days > days:
            self.care_days = days
        return days

    @validate("care_days")
    def _clamp_care(self, proposal):
        return _clamp_int(proposal["value"], 0, self.days)

    def reset(self):
        """Back to a newly formed milium in baby skin with no care yet."""
        with self.hold_trait_notifications():
            self.care_days = 0
            self.days = 0
            self.skin = "baby"

    @property
    def covering(self) -> float:
        """Thickness of the skin over the pocket, 0..1 (1 = adult skin)."""
        return COVERING[self.skin]

    @property
    def opening(self) -> float:
        """How far the covering has worn open, 0 (closed) to 1 (open and emptied)."""
        care = self.care_days * CARE_PER_DAY if self.article_picture else 0.0  # washing speeds nothing, as far as is known
        worn = self.days * RENEWAL_PER_DAY[self.skin] + care
        return min(1.0, worn / self.covering)

    @property
    def firmness(self) -> float:
        """How firm the contents are (0..1): firm from the start, or in the article's picture soft when new and
        firmer the longer it stays (not a measured fact)."""
        if not self.article_picture:
            return 1.0
        return 1.0 - math.exp(-self.days / FIRMNESS_DAYS)

    @property
    def cleared(self) -> bool:
        return self.opening >= 1.0

    @property
    def stage(self) -> str:
        """A word for the opening: closed, wearing, open or cleared (views turn it into a sentence)."""
        if self.cleared:
            return "cleared"
        if self.opening >= 0.75:
            return "open"
        if self.opening >= 0.25:
            return "wearing"
        return "closed"

    @property
    def firmness_word(self) -> str:
        """soft, firmer or firm, for the article's picture; "gone" once the pocket has emptied."""
        if self.cleared:
            return "gone"
        if self.firmness < 0.33:
            return "soft"
        if self.firmness < 0.75:
            return "firmer"
        return "firm"

    def snapshot(self) -> tuple:
        """Everything a drawing depends on, hashable, so views can skip redraws that change nothing."""
        return (self.days, self.skin, self.care_days, self.article_picture)


def _clamp_int(value, low: int, high: int) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return low
    if math.isnan(number):
        return low
    return int(min(high, max(low, round(number))))
