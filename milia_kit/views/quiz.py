"""The teach-back questions on step `check`: every question on one page, feedback right under each answer.

All on one page, not one at a time: on a 360 px phone the page simply scrolls; a keyboard or screen-reader
user meets each question as a heading followed by its options and its feedback, in reading order, and can go
back to change an answer without any "previous" button or focus jumps. Each question is a
`widgets.RadioButtons`: native radio inputs, each named by its own label (checked in Chromium: Tab or the
arrow keys move to an option and, as in any radio group, the arrow keys also choose it; Space chooses).
Its `description` is the short label "Your answer to question N"; the question itself is the heading just
above it (id `mk-quiz-q-<question id>`, for a page script that wants to link them with aria-labelledby).
ipywidgets 8 gives radio labels a fixed height, so long options overlap on a phone unless the guide's CSS
lets them wrap (the `mk-quiz-*` classes below).

The view only turns `quiz.Quiz` (exposed as `self.quiz`, for the clinician's education note) into words.
Whatever the browser sends goes through `Quiz.answer()`: a value that is not one of the options changes
nothing, and the radio buttons are put back to the answer the quiz holds. Answers stay in this kernel.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import quiz as quiz_model
from ..markup import inline
from .fallback import shows_fallback
from .page import sources_line_html


class QuizView:
    def __init__(self, visit, quiz: quiz_model.Quiz | None = None):
        self.visit = visit
        self.quiz = quiz if quiz is not None else quiz_model.Quiz()
        self.last_code: str | None = None  # the code of the latest answer from the browser (rejections included)
        self._syncing = False  # True while this view sets the radio buttons itself
        self._cleared = False  # the visitor just pressed Try again
        self._labels: dict[str, list] = {}

        self.heading = widgets.HTML()
        self.titles: dict[str, widgets.HTML] = {}
        self.choices: dict[str, widgets.RadioButtons] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        blocks = []
        for question in self.quiz.questions:
            title = widgets.HTML()
            choices = widgets.RadioButtons(options=list(question.options), value=None,
                                           layout=widgets.Layout(width="100%", flex_flow="column"),
                                           style={"description_width": "initial"})
            choices.add_class("mk-quiz-choices")
            choices.add_class(f"mk-quiz-for-{question.id}")
            feedback = widgets.HTML()
            feedback.add_class("mk-quiz-feedback")
            choices.observe(self._chosen(question.id), names="value")
            self.titles[question.id], self.choices[question.id], self.feedback[question.id] = title, choices, feedback
            block = widgets.VBox([title, choices, feedback], layout=widgets.Layout(width="100%"))
            block.add_class("mk-quiz-question")
            blocks.append(block)

        self.summary = widgets.HTML()
        self.go_back = {step: widgets.Button(layout=widgets.Layout(width="auto", max_width="100%"))
                        for step in dict.fromkeys(q.revisit for q in self.quiz.questions)}
        for step, button in self.go_back.items():
            button.add_class("mk-link")
            button.on_click(self._go(step))
        self.go_back_box = widgets.VBox([])
        self.go_back_box.add_class("mk-quiz-go-back")
        self.try_again = widgets.Button(icon="undo")
        self.try_again.on_click(self._try_again)
        buttons = widgets.HBox([self.try_again])
        buttons.add_class("mk-buttons")
        self.container = widgets.VBox([self.heading, *blocks, self.summary, self.go_back_box, buttons],
                                      layout=widgets.Layout(width="100%"))
        self.container.add_class("mk-tool")
        self.container.add_class("mk-quiz")
        visit.observe(self._update, names=["lang"])
        self._update()

    def _chosen(self, question_id: str):
        def apply(change):
            if self._syncing:
                return
            # None (no option), or anything else a hostile browser managed to send, is rejected by the quiz;
            # _update then puts the radio buttons back to the answer the quiz holds.
            self.last_code = self.quiz.answer(question_id, change["new"])
            if self.last_code in quiz_model.ACCEPTED:
                self._cleared = False
            self._update()
        return apply

    def _go(self, step: str):
        def apply(_button=None):
            self.visit.step = step
        return apply

    def _try_again(self, _button=None):
        self.quiz.reset()
        self.last_code = None
        self._cleared = True
        self._update()

    @shows_fallback("summary")
    def _update(self, _change=None):
        words, quiz = self.visit.words, self.quiz
        total = len(quiz.questions)
        self.heading.value = (f'<h3 class="mk-tool-title">{inline(words.text("quiz.title", total=total))}</h3>'
                              f'<p>{inline(words.text("quiz.intro"))}</p>'
                              f'<p class="mk-note">{inline(words.text("quiz.privacy"))}</p>')
        for number, question in enumerate(quiz.questions, 1):
            key = f"quiz.questions.{question.id}"
            self.titles[question.id].value = (
                f'<h4 class="mk-quiz-heading" id="mk-quiz-q-{question.id}">'
                f'<span class="mk-quiz-number">{inline(words.text("quiz.question_number", number=number, total=total))}</span>'
                f'<br>{inline(words.text(f"{key}.text"))}</h4>')
            self._sync_choices(question, [(words.text(f"{key}.options.{o}"), o) for o in question.options],
                               words.text("quiz.choose", number=number))
            self.feedback[question.id].value = feedback_html(words, question.id, quiz.feedback(question.id))
        summary = quiz.summary()
        self.summary.value = summary_html(words, summary, cleared=self._cleared and summary.answered == 0)
        self.go_back_box.children = [self.go_back[s] for s in summary.revisit] if summary.finished else []
        for step, button in self.go_back.items():
            button.description = words.text("quiz.go_back", step=words.text(f"steps.{step}.nav"))
        self.try_again.description = words.text("quiz.try_again")

    def _sync_choices(self, question, labelled: list, description: str) -> None:
        """Labels in the visitor's language, and the selection the quiz holds (never the browser's say)."""
        choices = self.choices[question.id]
        self._syncing = True
        try:
            if self._labels.get(question.id) != labelled:
                choices.options = labelled  # ipywidgets moves the selection when options change; restored below
                self._labels[question.id] = labelled
            choices.description = description
            chosen = self.quiz.answers.get(question.id)
            if choices.value != chosen:
                choices.value = chosen
        finally:
            self._syncing = False


def feedback_html(words, question_id: str, code: str) -> str:
    """Feedback for one question: nothing until it is answered; then why, and where that comes from."""
    if code not in quiz_model.ACCEPTED:
        return ""
    key = f"quiz.questions.{question_id}.{code}"
    where = sources_line_html(words.text("quiz.sources_line"), words.get(f"{key}.sources"), css="mk-note")
    kind = "right" if code == quiz_model.RIGHT else "not-yet"
    return (f'<div class="mk-finding mk-quiz-{kind}" role="status" aria-live="polite">'
            f'<p>{inline(words.text(f"{key}.text"))}</p>{where}</div>')


def summary_html(words, summary: quiz_model.Summary, cleared: bool = False) -> str:
    """The summary once every question is answered; a short note right after Try again; else nothing."""
    if cleared:
        return f'<p class="mk-quiz-summary" role="status" aria-live="polite">{inline(words.text("quiz.summary.cleared"))}</p>'
    if not summary.finished:
        return ""
    if summary.right == summary.total:
        score = words.text("quiz.summary.all_right", total=summary.total)
    else:
        score = words.text("quiz.summary.some_not_yet", right=summary.right, total=summary.total)
    parts = [f'<h4>{inline(words.text("quiz.summary.title"))}</h4>', f"<p>{inline(score)}</p>"]
    if summary.went_over:
        topics = "".join(f"<li>{inline(words.text(f'quiz.topics.{t}'))}</li>" for t in summary.went_over)
        parts.append(f'<p>{inline(words.text("quiz.summary.went_over"))}</p><ul>{topics}</ul>')
    parts.append(f'<p class="mk-note">{inline(words.text("quiz.summary.change"))}</p>')
    return f'<section class="mk-quiz-summary" role="status" aria-live="polite">{"".join(parts)}</section>'
