"""Step `pocket`: the jeans-pocket picture with its controls.

The controls write into the `Pocket` model; the model clamps what it is given (a hostile browser can send
any value); `_update` is the one path that redraws the picture and sets every control back from the model.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import drawing
from ..model import DAYS_MAX, KEY_DAYS, SKINS, Pocket
from ..markup import inline
from .fallback import shows_fallback
from .page import TextStep
from .slider_field import SliderField

WIDE = widgets.Layout(width="100%", max_width="34rem")
LABEL = {"description_width": "initial"}


def days_words(days: int, words) -> str:
    """The time control's value in words: "1 day", "5 days", "9 days (about 1 week)", "30 days (about 4 weeks)"."""
    weeks = round(days / 7)
    if days == 1:
        return words.text("pocket.days_value_one")
    if weeks == 0:
        return words.text("pocket.days_value_short", days=days)
    if weeks == 1:
        return words.text("pocket.days_value_week", days=days)
    return words.text("pocket.days_value", days=days, weeks=weeks)


class PocketView:
    def __init__(self, visit):
        self.visit = visit
        self.pocket = Pocket()
        self.text = TextStep(visit, "pocket")
        self.days = widgets.IntSlider(min=0, max=DAYS_MAX, readout=False, layout=WIDE, style=LABEL)
        self.days_field = SliderField(self.days)
        self.skin = widgets.ToggleButtons(style=LABEL)
        self.care = widgets.IntSlider(min=0, max=0, readout=False, layout=WIDE, style=LABEL)
        self.care_field = SliderField(self.care)
        self.care_box = self.care_field.container
        self.tone = widgets.Dropdown(style=LABEL)
        self.reset = widgets.Button(icon="undo")
        self.figure = widgets.HTML()
        self.caption = widgets.HTML()
        for control in (self.days, self.skin, self.care, self.tone, self.reset):
            control.add_class("mk-control")
        controls = widgets.VBox([
            self.days_field.container, self.skin,
            self.care_box, self.tone, self.reset,
        ])
        controls.add_class("mk-pocket-controls")
        self.container = widgets.VBox([
            self.text.intro, self.text.clinician, self.figure, self.caption, controls, self.text.body, self.text.sources,
        ], layout=widgets.Layout(width="100%"))
        self.container.add_class("mk-step")
        self._drawn = None
        self._relabelling = False

        self.days.observe(lambda c: setattr(self.pocket, "days", c["new"]), names="value")
        self.care.observe(lambda c: setattr(self.pocket, "care_days", c["new"]), names="value")
        self.skin.observe(self._skin_chosen, names="value")
        self.tone.observe(self._tone_chosen, names="value")
        self.reset.on_click(lambda _b: self.pocket.reset())
        self.pocket.observe(self._update, names=["days", "skin", "care_days", "article_picture"])
        visit.observe(self._relabel, names=["lang"])
        visit.observe(self._follow_mode, names=["mode"])
        self._follow_mode()
        visit.observe(self._update, names=["tone"])
        self._relabel()

    def _follow_mode(self, _change=None):
        """Dr Bailey's picture (washing helps; soft turns firm) is for clinicians: parents see the mainstream one,
        where washing keeps the skin clean and calm but does not clear the bump sooner."""
        clinician = self.visit.mode == "clinician"
        self.care_box.layout.display = None if clinician else "none"
        self.pocket.article_picture = clinician

    def _skin_chosen(self, change):
        if change["new"] in SKINS and not self._relabelling:
            self.pocket.skin = change["new"]

    def _tone_chosen(self, change):
        if change["new"] in drawing.TONES and not self._relabelling:
            self.visit.tone = change["new"]

    @shows_fallback("caption")
    def _relabel(self, _change=None):
        """Words that change only with the language."""
        words = self.visit.words
        self.days.description = words.text("pocket.days_label")
        self.care.description = words.text("pocket.care_label")
        self.skin.description = words.text("pocket.skin_label")
        self.tone.description = words.text("pocket.tone_label")
        # ipywidgets selects the first option when the options change: that is not the visitor choosing
        self._relabelling = True
        try:
            self.skin.options = [(words.text(f"pocket.skin_{s}"), s) for s in SKINS]
            self.tone.options = [(words.text(f"pocket.tone_{t}"), t) for t in drawing.TONES]
        finally:
            self._relabelling = False
        self.reset.description = words.text("pocket.reset")
        self.reset.tooltip = words.text("pocket.reset")
        self._drawn = None
        self._relabelling = False
        self._update()

    @shows_fallback("caption")
    def _update(self, _change=None):
        """The one redraw path: model -> controls, picture and words."""
        pocket, words = self.pocket, self.visit.words
        self.days.value = pocket.days
        self.care.max = pocket.days
        self.care.value = pocket.care_days
        self.skin.value = pocket.skin
        self.tone.value = self.visit.tone
        state = (pocket.snapshot(), self.visit.tone, self.visit.lang)
        if state == self._drawn:
            return
        self._drawn = state
        self.days_field.show(days_words(pocket.days, words), [
            (days, words.text("pocket.days_value_short", days=0) if name == "formed" else words.text(f"app.ticks.{name}"))
            for name, days in KEY_DAYS.items()])
        self.care_field.show(words.text("pocket.care_value", days=pocket.care_days), [])
        skin_svg, jeans_svg = drawing.pocket_svgs(pocket, words, self.visit.tone)
        self.figure.value = (
            f'<figure class="mk-pocket-figure" aria-label="{inline(words.text("pocket.figure_title"))}">'
            f'<div class="mk-panel"><h3>{inline(words.text("pocket.skin_heading"))}</h3>{skin_svg}</div>'
            f'<div class="mk-panel"><h3>{inline(words.text("pocket.jeans_heading"))}</h3>{jeans_svg}</div>'
            f'<figcaption class="mk-credit">{inline(words.text("app.credit"))}</figcaption></figure>'
        )
        notes = [words.text("pocket.picture_note")]
        notes.append(words.text("pocket.adult_note" if pocket.skin == "adult" else "pocket.care_note"))
        self.caption.value = (
            f'<p class="mk-description" role="status" aria-live="polite">{inline(drawing.describe(pocket, words))}</p>'
            + "".join(f'<p class="mk-note">{inline(n)}</p>' for n in notes)
        )
