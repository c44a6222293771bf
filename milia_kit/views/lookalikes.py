"""Step `lookalikes`: the look-alike explorer. Every bump in the guide is shown from the start as a card (its
picture in the parent's chosen skin tone, its name, the one way it differs from milia, whether it is harmless),
so the step's "look at the pictures" holds before any answer. As the parent picks what they see, the bumps
that fit best move up into "Bumps that fit what you picked", with what fits and what does not; the rest stay
below under "Other bumps babies get".

All the comparing is done by `lookalikes.explore` (pure); this view only turns its result into words and
pictures. Blisters or bumps with pus always bring up the urgent box (role="alert") with a button to the
step "When to call the doctor". A value from the browser that is not one of a question's options is left out
(the explorer treats it as "not sure"), and the view keeps working.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import drawing, lookalikes
from ..lookalike_drawing import condition_svg
from ..markup import inline
from .fallback import shows_fallback
from .page import sources_line_html

LABEL = {"description_width": "initial"}
CALL_STEP = "call"


def _question_layout() -> widgets.Layout:
    """The question above its choices (stacks well on a 360 px phone), as wide as the page allows."""
    return widgets.Layout(width="100%", max_width="34rem", height="auto", flex_flow="column", align_items="flex-start")


class _Card:
    """One look-alike: its picture beside its words (stacked on a phone)."""

    def __init__(self):
        self.figure = widgets.HTML(layout=widgets.Layout(width="100%", max_width="20rem", margin="0 16px 8px 0"))
        self.text = widgets.HTML(layout=widgets.Layout(flex="1 1 16rem", min_width="0"))
        self.container = widgets.HBox([self.figure, self.text], layout=widgets.Layout(
            flex_flow="row wrap", align_items="flex-start", width="100%", margin="8px 0"))
        self.container.add_class("mk-lookalike-card")
        self.show(None)

    def show(self, html: tuple[str, str] | None):
        if html is None:
            self.figure.value = self.text.value = ""
            self.container.layout.display = "none"
        else:
            self.figure.value, self.text.value = html
            self.container.layout.display = None


class LookalikeExplorerView:
    def __init__(self, visit):
        self.visit = visit
        self.result: lookalikes.Result | None = None
        self._quiet = False  # while controls are being set as a group: one update at the end
        self.heading = widgets.HTML()
        self.questions = {q: widgets.Dropdown(style=LABEL, layout=_question_layout()) for q in lookalikes.QUESTIONS}
        self.tone = widgets.Dropdown(style=LABEL, layout=_question_layout())
        self.start_again = widgets.Button(icon="undo")
        for control in (*self.questions.values(), self.tone, self.start_again):
            control.add_class("mk-control")
        questions = widgets.VBox([*self.questions.values(), self.tone, self.start_again])
        questions.add_class("mk-lookalike-questions")

        self.urgent_text = widgets.HTML()
        self.urgent_button = widgets.Button(icon="arrow-right", layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.urgent_button.add_class("mk-primary")
        self.urgent_card = _Card()
        self.urgent = widgets.VBox([self.urgent_text, self.urgent_button, self.urgent_card.container])
        self.urgent.add_class("mk-urgent")

        self.summary = widgets.HTML()
        self.cards = [_Card() for _ in range(lookalikes.MAX_MATCHES)]  # the best matches, best first
        self.note = widgets.HTML()
        # every other bump, one card each in the data file's order (a matched one hides here while it is above)
        self.gallery_heading = widgets.HTML()
        self.gallery = {condition.id: _Card() for condition in lookalikes.load()}
        self.container = widgets.VBox([self.heading, questions, self.urgent, self.summary,
                                       *(card.container for card in self.cards), self.note, self.gallery_heading,
                                       *(card.container for card in self.gallery.values())])
        self.container.add_class("mk-tool")
        self.container.add_class("mk-lookalikes")

        for dropdown in self.questions.values():
            dropdown.observe(self._update, names="value")
        self.tone.observe(self._tone_chosen, names="value")
        self.start_again.on_click(self._start_again)
        self.urgent_button.on_click(self._go_to_call)
        visit.observe(self._relabel, names=["lang"])
        visit.observe(self._tone_changed, names=["tone"])
        self._relabel()

    # --- what the controls do ---

    def answers(self) -> dict:
        """The controls' values as they are: `lookalikes.explore` leaves out any that are not an option."""
        return {question: dropdown.value for question, dropdown in self.questions.items()}

    def _tone_chosen(self, change):
        if not self._quiet and change["new"] in drawing.TONES:
            self.visit.tone = change["new"]

    def _tone_changed(self, _change=None):
        if self.visit.tone in drawing.TONES and self.tone.value != self.visit.tone:
            self._quiet = True
            try:
                self.tone.value = self.visit.tone
            finally:
                self._quiet = False
        self._update()

    def _start_again(self, _button=None):
        self._quiet = True
        try:
            for dropdown in self.questions.values():
                dropdown.value = lookalikes.NOT_SURE
        finally:
            self._quiet = False
        self._update()

    def _go_to_call(self, _button=None):
        self.visit.step = CALL_STEP

    @shows_fallback("summary")
    def _relabel(self, _change=None):
        """Words that change only with the language; the answers chosen stay chosen."""
        words = self.visit.words
        chosen = self.answers()
        self._quiet = True
        try:
            for question, dropdown in self.questions.items():
                codes = lookalikes.QUESTIONS[question]
                dropdown.description = words.text(f"lookalikes.questions.{question}")
                dropdown.options = [(words.text("lookalikes.not_sure"), lookalikes.NOT_SURE)] + [
                    (words.text(f"lookalikes.options.{question}.{code}"), code) for code in codes]
                dropdown.value = chosen[question] if chosen[question] in codes else lookalikes.NOT_SURE
            self.tone.description = words.text("lookalikes.tone_label")
            self.tone.options = [(words.text(f"pocket.tone_{t}"), t) for t in drawing.TONES]
            self.tone.value = self.visit.tone if self.visit.tone in drawing.TONES else drawing.DEFAULT_TONE
            self.start_again.description = words.text("lookalikes.start_again")
            self.start_again.tooltip = words.text("lookalikes.start_again")
            self.urgent_button.description = words.text("lookalikes.urgent.button")
            self.urgent_button.tooltip = words.text("lookalikes.urgent.button")
        finally:
            self._quiet = False
        self._update()

    # --- the one path that shows the result ---

    @shows_fallback("summary")
    def _update(self, _change=None):
        if self._quiet:
            return
        words, tone = self.visit.words, self.visit.tone
        result = self.result = lookalikes.explore(self.answers())
        self.heading.value = (f'<h3 class="mk-tool-title">{inline(words.text("lookalikes.title"))}</h3>'
                              f'<p>{inline(words.text("lookalikes.intro"))}</p>'
                              f'<p class="mk-note">{inline(words.text("lookalikes.redness_note.text"))}</p>')

        self.urgent_text.value = urgent_html(result, words) if result.urgent else ""
        self.urgent.layout.display = None if result.urgent else "none"
        urgent_shown = result.urgent_conditions[:1]
        self.urgent_card.show(card_html(urgent_shown[0], None, result.answers, words, tone) if urgent_shown else None)

        self.summary.value = summary_html(result, words)
        for i, card in enumerate(self.cards):
            match = result.matches[i] if i < len(result.matches) else None
            card.show(card_html(match.condition, match, result.answers, words, tone) if match else None)
        self.note.value = (f'<p class="mk-note">{inline(words.text("lookalikes.result.not_diagnosis"))}</p>'
                           if result.matches else "")
        matched = {match.condition for match in result.matches}
        shown_above = matched | set(urgent_shown)  # one card per bump on the page (their ids are the bump's)
        heading = "others_heading" if matched else "gallery_heading"
        self.gallery_heading.value = f'<h4 class="mk-gallery-heading">{inline(words.text(f"lookalikes.result.{heading}"))}</h4>'
        for condition, card in self.gallery.items():
            card.show(None if condition in shown_above else card_html(condition, None, result.answers, words, tone, brief=True))


# --- Words and pictures for a result (pure: the view's tests read these) ---------------------------------------

def urgent_html(result: lookalikes.Result, words) -> str:
    """The urgent box: call now, why, and what to do. Only shown when `result.urgent`."""
    reasons = [code for code in result.urgent_reasons if code != "onset_unknown"]
    # purple spots: the rule table's words for the glass test on dark skin follow the reason
    items = "".join(f'<li>{inline(words.text(f"lookalikes.urgent.reasons.{code}.text"))}'
                    f'{" " + inline(words.text("red_flags.dark_skin")) + "." if code == "purple_spots" else ""}</li>'
                    for code in reasons)
    unknown = ""
    if "onset_unknown" in result.urgent_reasons:
        unknown = f'<p>{inline(words.text("lookalikes.urgent.reasons.onset_unknown.text"))}</p>'
    # the herpes explanation is about blisters and pus; purple spots alone have their own reason's words
    why = (f'<p>{inline(words.text("lookalikes.urgent.why.text"))}</p>'
           if any(code != "purple_spots" for code in reasons) else "")
    return (f'<div class="mk-alert mk-urgent-box" role="alert">'
            f'<h4>{inline(words.text("lookalikes.urgent.heading"))}</h4>'
            f'<ul>{items}</ul>{unknown}'
            f'{why}'
            f'<p><strong>{inline(urgent_action(words))}</strong></p></div>')


def urgent_action(words) -> str:
    """What to do, in the rule table's words for "call now", with the clinic's phone (as the checker says it)."""
    from .red_flags import clinic_phone

    return words.text("red_flags.levels.now.action", phone=clinic_phone(words))


def summary_html(result: lookalikes.Result, words) -> str:
    """The heading over the matches, or a hint when nothing is picked yet, or a word when nothing fits."""
    parts = [f'<h4>{inline(words.text("lookalikes.result.heading"))}</h4>']
    if not result.answered:
        parts.append(f'<p>{inline(words.text("lookalikes.result.hint"))}</p>')
    elif not result.matches:
        parts.append(f'<p>{inline(words.text("lookalikes.result.none_fit"))}</p>')
    if result.ignored:
        parts.append(f'<p class="mk-note">{inline(words.text("lookalikes.result.ignored"))}</p>')
    return f'<div class="mk-lookalike-summary" role="status" aria-live="polite">{"".join(parts)}</div>'


def card_html(condition: str, match: lookalikes.Match | None, answers, words, tone: str, brief: bool = False) -> tuple[str, str]:
    """(the picture, the words) for one look-alike; `match` and the `answers` add what fits and what does not.
    `brief`: the gallery's card: what it looks like is in the picture, so only how it differs and whether it is
    harmless."""
    base = f"lookalikes.conditions.{condition}"
    found = next((c for c in lookalikes.load() if c.id == condition), None)
    if found is not None and found.check_first:
        badge_key, badge_class, badge_mark = "check_first_badge", "mk-check-first", "!"
    elif found is not None and found.harmless:
        badge_key, badge_class, badge_mark = "harmless_badge", "mk-harmless", "✓"
    else:
        badge_key, badge_class, badge_mark = "not_harmless_badge", "mk-not-harmless", "!"
    parts = [
        f'<h4 id="mk-lookalike-{condition}-name">{inline(words.text(f"{base}.name"))}</h4>',
        f'<p class="mk-lookalike-badge {badge_class}"><span aria-hidden="true">{badge_mark} </span>'
        f'<strong>{inline(words.text(f"lookalikes.result.{badge_key}"))}</strong></p>',
    ]
    if not brief:
        parts.append(f'<p>{inline(words.text(f"{base}.looks.text"))}</p>')
    if condition != "milia":
        parts.append(f'<h5>{inline(words.text("lookalikes.result.differs_heading"))}</h5>')
    parts += [f'<p>{inline(words.text(f"{base}.differs.text"))}</p>',
              f'<p>{inline(words.text(f"{base}.harmless.text"))}</p>']
    if match is not None:
        separator = words.text("lookalikes.result.separator")
        for key, questions in (("fits", match.fits + match.partly), ("misfits", match.misfits)):
            if questions:
                items = separator.join(words.text(f"lookalikes.fits.{q}.{answers[q]}") for q in _in_order(questions))
                parts.append(f'<p class="mk-note">{inline(words.text(f"lookalikes.result.{key}", items=items))}</p>')
    ids = list(dict.fromkeys(source for part in ("looks", "differs", "harmless") for source in words.get(f"{base}.{part}.sources")))
    parts.append(sources_line_html(words.text("lookalikes.result.sources_line"), ids, css="mk-card-sources"))
    text = f'<section class="mk-lookalike" aria-labelledby="mk-lookalike-{condition}-name">{"".join(parts)}</section>'
    return condition_svg(condition, words, tone), text


def _in_order(questions) -> list[str]:
    return [q for q in lookalikes.QUESTIONS if q in questions]
