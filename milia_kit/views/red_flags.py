"""The red-flag checker on step `call`: the parent answers the questions and sees whether to call the
emergency number, call now, call today, or mention it at the next visit, with every reason and the clinic's
phone number. A sign that means "call now" or more shows at once; anything calmer waits until every question
is answered (an unanswered question is never taken as a "no"). Every result ends with the short "call if"
list of the rule table.

`triage.check` decides from the rule table (pure, never under-advises); this view collects the answers and
says the result. Answers stay in this visitor's kernel only.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import clinic, red_flags, triage
from ..markup import inline, tool_heading
from .fallback import shows_fallback

LABEL = {"description_width": "initial"}
TEXT_QUESTIONS = ("age_weeks", "temperature", "bumps_weeks")


class RedFlagCheckerView:
    def __init__(self, visit):
        self.visit = visit
        self.heading = widgets.HTML()
        self.text = {name: widgets.Text(style=LABEL, continuous_update=False, layout=widgets.Layout(width="100%", max_width="34rem"))
                     for name in TEXT_QUESTIONS}
        self.unit = widgets.ToggleButtons(options=[("°C", "C"), ("°F", "F")], value=None, style=LABEL)
        self.method = widgets.Dropdown(style=LABEL)
        self.yes_no = {name: widgets.ToggleButtons(options=[("yes", True), ("no", False)], value=None, style=LABEL)
                       for name in triage.YES_NO_QUESTIONS}
        self.reset = widgets.Button(icon="undo")
        self.answer = widgets.HTML()
        temperature = widgets.VBox([self.text["temperature"], self.unit, self.method])
        temperature.add_class("mk-question-group")
        questions = [self.text["age_weeks"], temperature, *self.yes_no.values(), self.text["bumps_weeks"]]
        for question in questions:
            question.add_class("mk-question")
        self.container = widgets.VBox([self.heading, *questions, self.reset, self.answer])
        self.container.add_class("mk-tool")
        for control in (*self.text.values(), self.unit, self.method, *self.yes_no.values()):
            control.observe(self._update, names="value")
        self.reset.on_click(self._reset)
        visit.observe(self._relabel, names=["lang"])
        self._relabel()

    def answers(self) -> dict:
        """What the parent has answered, as raw values (triage.read_answers checks every one)."""
        raw = {name: box.value for name, box in self.text.items() if str(box.value).strip()}
        raw.update({name: toggle.value for name, toggle in self.yes_no.items() if toggle.value is not None})
        if self.unit.value is not None:
            raw["temperature_unit"] = self.unit.value
        if self.method.value:
            raw["temperature_method"] = self.method.value
        return raw

    def _reset(self, _button=None):
        with self.container.hold_trait_notifications():
            for box in self.text.values():
                box.value = ""
            for toggle in (*self.yes_no.values(), self.unit):
                toggle.value = None
            self.method.value = ""
        self._update()

    @shows_fallback("answer")
    def _relabel(self, _change=None):
        words = self.visit.words
        yes, no = words.text("triage.answer_yes"), words.text("triage.answer_no")
        for name, box in self.text.items():
            box.description = words.text(f"triage.questions.{name}")
        for name, toggle in self.yes_no.items():
            # the glass test on dark skin has one home, the rule table's words (red_flags.dark_skin)
            toggle.description = words.text(f"triage.questions.{name}", dark_skin=words.text("red_flags.dark_skin"))
            value = toggle.value
            toggle.options = [(yes, True), (no, False)]
            toggle.value = value
        self.unit.description = words.text("triage.questions.temperature_unit")
        unit = self.unit.value
        self.unit.options = [(words.text(f"triage.units.{u}"), u) for u in triage.TEMPERATURE_UNITS]
        self.unit.value = unit
        self.method.description = words.text("triage.questions.temperature_method")
        chosen = self.method.value
        self.method.options = [(words.text("triage.choose"), "")] + [
            (words.text(f"triage.methods.{m}"), m) for m in triage.TEMPERATURE_METHODS]
        self.method.value = chosen or ""
        self.reset.description = words.text("triage.reset")
        self.heading.value = tool_heading(words.text("triage.title"), words.text("triage.intro"))
        self._update()

    @shows_fallback("answer")
    def _update(self, _change=None):
        """The one path from the answers to the advice shown."""
        words, raw = self.visit.words, self.answers()
        if not raw:
            self.answer.value = f'<p class="mk-note" role="status">{inline(words.text("triage.start_hint"))}</p>'
            return
        self.answer.value = result_html(triage.check(raw), words, clinic_phone(words))


def clinic_phone(words) -> str:
    """The clinic's number from assets/clinic.yml, or plain words while the clinic has not set one yet."""
    settings = clinic.load()
    return words.text("app.phone_unknown") if settings.phone_is_placeholder else settings.phone


def _note_html(note: str, result: "triage.Result", words, filled: dict) -> str:
    if note == "method_unreliable":  # the table's fact about the method, then what the checker did about it
        return inline(f'{words.text(f"red_flags.unreliable.{result.temperature_method}", **filled)} '
                      f'{words.text("triage.notes.method_unreliable")}')
    if note == "unanswered_questions":  # only shown with a level of "call now": the rest could be an emergency
        return inline(words.text("triage.notes.unanswered_questions_now"))
    return inline(words.text(f"triage.notes.{note}"))


def result_html(result: "triage.Result", words, phone: str) -> str:
    """The level (or "not finished yet"; "no need to call right now" when no warning sign was found and every
    answer was read), what to do with the clinic's phone, every reason, what could not be read, and the short
    "call if" list from the rule table."""
    filled = red_flags.values(red_flags.load(), words)
    invalid = "".join(
        f'<p class="mk-alert">{inline(words.text(f"triage.invalid.{name}"))}</p>' for name in result.invalid)
    if not result.shows_level:
        # Calmer than "call now" and not every question answered: no level and no reasons yet (a reason for a
        # calm level carries its own calm words), only whether something was found, and the short call list.
        intro = words.text("triage.incomplete_some" if result.reasons else "triage.incomplete_none")
        return (f'<div class="mk-triage mk-triage-incomplete" role="status" aria-live="polite">'
                f'<h4>{inline(words.text("triage.incomplete_heading"))}</h4><p>{inline(intro)}</p>'
                f'{invalid}{red_flags.short_html(words)}</div>')
    reasons = "".join(f'<li>{inline(words.text(f"red_flags.reasons.{reason}", **filled))}</li>'
                      for reason in result.reasons)
    notes = "".join(f"<li>{_note_html(note, result, words, filled)}</li>" for note in result.notes
                    if note != "unanswered_questions" or result.level is triage.Level.NOW)
    code = result.level.code
    role = "alert" if result.level >= triage.Level.NOW else "status"
    # "Mention it at your next visit" would leave a parent with no warning sign looking for something to mention
    calm = result.no_warning_sign
    heading = words.text("triage.no_signs_result" if calm else f"red_flags.levels.{code}.result")
    action = words.text("triage.no_signs_action") if calm else words.text(f"red_flags.levels.{code}.action", phone=phone)
    why = " ".join(red_flags.rule_dangers(red_flags.load(), words, result.reasons))
    why = f'<p class="mk-red-flags-why">{inline(why)}</p>' if why else ""
    return (f'<div class="mk-triage mk-triage-{code}" role="{role}" aria-live="assertive">'
            f'<h4>{inline(heading)}</h4><p>{inline(action)}</p>'
            f'{invalid}<h5>{inline(words.text("triage.reasons_heading"))}</h5><ul>{reasons}{notes}</ul>{why}'
            f'{red_flags.short_html(words)}</div>')
