"""Where a visitor is in the guide: step, language, mode and skin tone. No widgets here.

Every view observes one `Visit`; changing a trait here is the single way to move through the guide,
whether the change comes from a button, the step list, or a deep link such as `?step=care&lang=es`.
"""
from __future__ import annotations

from traitlets import Enum, HasTraits, List, observe

from . import strings
from .drawing import DEFAULT_TONE, TONES

STEPS = ("start", "pocket", "why", "care", "questions", "lookalikes", "call", "check", "takehome")
MODES = ("self", "clinician")


class Visit(HasTraits):
    step = Enum(STEPS, default_value=STEPS[0])
    lang = Enum(strings.available_languages(), default_value=strings.DEFAULT_LANGUAGE)
    mode = Enum(MODES, default_value=MODES[0])
    tone = Enum(tuple(TONES), default_value=DEFAULT_TONE)
    seen = List(help="the steps this visit has shown, in the order first shown (for the education note)")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = [self.step]

    @observe("step")
    def _remember(self, change):
        if change["new"] not in self.seen:
            self.seen = [*self.seen, change["new"]]

    @property
    def words(self) -> strings.Strings:
        return strings.load(self.lang)

    @property
    def number(self) -> int:
        """1-based position of the current step."""
        return STEPS.index(self.step) + 1

    def go(self, offset: int) -> None:
        """Move by `offset` steps, staying within the guide."""
        self.step = STEPS[min(len(STEPS) - 1, max(0, STEPS.index(self.step) + offset))]

    def follow(self, query: dict) -> None:
        """Apply a deep link's parameters; anything unknown is ignored, never an error."""
        allowed = {"step": STEPS, "lang": self.traits()["lang"].values, "mode": MODES, "tone": tuple(TONES)}
        with self.hold_trait_notifications():
            for name, values in allowed.items():
                value = str(query.get(name, "")).strip().lower()
                if value in values:
                    setattr(self, name, value)
