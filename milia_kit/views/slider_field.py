"""A slider as the best form sites show one: its value beside its label, and words under the track for the key
times (guide.css `.mk-slider-field`). Used by the pocket's time control and the age timeline."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..markup import inline


class SliderField:
    def __init__(self, slider: widgets.IntSlider):
        self.slider = slider
        self.value = widgets.HTML()
        self.value.add_class("mk-slider-value")
        self.ticks = widgets.HTML()
        self.ticks.add_class("mk-slider-ticks")
        self.container = widgets.VBox([slider, self.value, self.ticks])
        self.container.add_class("mk-slider-field")

    def show(self, value_words: str, ticks: list[tuple[int, str]]) -> None:
        """The value's words (read out by the handle's own value text, so hidden from screen readers here) and the
        key times as (slider value, words)."""
        self.value.value = f'<p class="mk-value" aria-hidden="true">{inline(value_words)}</p>'
        self.ticks.value = ticks_html(ticks, self.slider.min, self.slider.max)


def ticks_html(ticks: list[tuple[int, str]], low: int, high: int) -> str:
    """Words at their places along the track; every other one a line lower, so neighbours never overlap on a phone."""
    span = max(1, high - low)
    marks = "".join(
        f'<span class="mk-tick{" mk-tick-low" if i % 2 else ""}" style="left: {100 * (value - low) / span:.2f}%">'
        f'{escape(words)}</span>' for i, (value, words) in enumerate(ticks))
    return f'<div class="mk-ticks" aria-hidden="true">{marks}</div>'
