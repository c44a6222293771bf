"""The age timeline on step `why`: the baby's age in weeks, and what is usual for milia and baby acne then."""
from __future__ import annotations

import ipywidgets as widgets

from .. import red_flags, timeline
from ..markup import inline
from .fallback import shows_fallback
from .slider_field import SliderField


class TimelineView:
    def __init__(self, visit):
        self.visit = visit
        self.weeks = widgets.IntSlider(min=0, max=timeline.MAX_WEEKS, readout=False, style={"description_width": "initial"},
                                       layout=widgets.Layout(width="100%", max_width="34rem"))
        self.field = SliderField(self.weeks)
        self.answer = widgets.HTML()
        self.container = widgets.VBox([self.field.container, self.answer])
        self.container.add_class("mk-tool")
        self.weeks.observe(self._update, names="value")
        visit.observe(self._update, names=["lang"])
        self._update()

    @shows_fallback("answer")
    def _update(self, _change=None):
        words, weeks = self.visit.words, timeline.clamp_weeks(self.weeks.value)
        self.weeks.description = words.text("timeline.label")
        if weeks == 0:
            age = words.text("timeline.value_zero")
        elif weeks == 1:
            age = words.text("timeline.value_one")
        else:
            age = words.text("timeline.value", weeks=weeks)
        self.field.show(age, [(weeks_at, words.text("timeline.tick_birth") if name == "birth" else words.text(f"app.ticks.{name}"))
                              for name, weeks_at in timeline.KEY_WEEKS.items()])
        band = timeline.band_for(weeks, words.get("timeline.bands"))
        sections = "".join(
            f'<section class="mk-timeline-{part}"><h4>{inline(words.text(f"timeline.{part}_heading"))}</h4>'
            f'<p>{inline(band[part])}</p></section>'
            for part in ("milia", "acne")
        )
        # when to call at this age: the age-dependent signs of the rule table, never words of the band's own
        calls = red_flags.age_band_html(words, band["from_week"], band["to_week"])
        sections += (f'<section class="mk-timeline-visit"><h4>{inline(words.text("timeline.visit_heading"))}</h4>'
                     f'{calls}</section>')
        self.answer.value = f'<div class="mk-timeline" role="status" aria-live="polite">{sections}</div>'
