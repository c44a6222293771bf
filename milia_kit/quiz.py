"""Teach-back questions for step `check`: the questions as data, and one visitor's answers. No widgets.

Teach-back (AHRQ Health Literacy Universal Precautions Toolkit, Tool 5) checks how well the guide
explained, not the parent: an answer is `right` or `not_yet`, never "wrong"; any answer can be changed;
and every topic that got a not-yet answer is one the guide went over again, so the summary and the
clinician's education note can say "teach-back: 5 of 6 right; went over: when to call".

The questions, their option ids, the one right option of each, the topic each checks and the step that
explains it live in assets/quiz.yml; the words live in assets/strings/<lang>.yml under `quiz`. The right
answers are never derived from the wording. Options keep the order of the file (no shuffling).

Answers arrive from a browser and may be anything. `Quiz.answer()` accepts only a known question id with
one of its option ids; anything else changes nothing and is reported with a code. Answers live only in
this object, in the visitor's kernel: nothing here writes, logs or sends them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import yamlfile
from traitlets import Dict, HasTraits, Tuple

from . import paths
from .visit import STEPS

__all__ = [
    "RIGHT", "NOT_YET", "UNANSWERED", "UNKNOWN_QUESTION", "UNKNOWN_OPTION", "WRONG_TYPE",
    "Question", "Score", "Summary", "Quiz", "QuizDataError", "load_questions", "education_note",
]

# Codes. `answer()` returns RIGHT or NOT_YET when it takes an answer, else one of the three rejections.
RIGHT = "right"
NOT_YET = "not_yet"
UNANSWERED = "unanswered"
UNKNOWN_QUESTION = "unknown_question"  # not a question of this quiz
UNKNOWN_OPTION = "unknown_option"  # not an option of that question
WRONG_TYPE = "wrong_type"  # a question or option id that is not text (None, a number, a list ...)
ACCEPTED = (RIGHT, NOT_YET)
REJECTED = (UNKNOWN_QUESTION, UNKNOWN_OPTION, WRONG_TYPE)

ID = re.compile(r"^[a-z][a-z0-9_]*$")  # ids are YAML keys and CSS class names


class QuizDataError(ValueError):
    """assets/quiz.yml is not a valid list of questions."""


@dataclass(frozen=True)
class Question:
    id: str
    options: tuple[str, ...]
    right: str
    topic: str
    revisit: str  # a step id of milia_kit.visit.STEPS


class Score(NamedTuple):
    right: int
    answered: int
    total: int


@dataclass(frozen=True)
class Summary:
    """Where the visitor stands; everything the view's summary and the education note need."""

    right: int
    answered: int
    total: int
    finished: bool
    went_over: tuple[str, ...]  # topic ids that got a not-yet answer since the last reset, in question order
    not_yet: tuple[str, ...]  # topic ids whose current answer is not yet right, in question order
    revisit: tuple[str, ...]  # step ids that explain the `went_over` topics, each once, in question order


def load_questions(path: Path | None = None) -> tuple[Question, ...]:
    """The questions in assets/quiz.yml (or `path`), checked; a bad file fails loudly, naming the problem."""
    path = Path(path) if path else paths.ASSETS / "quiz.yml"
    return _load(path)


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[Question, ...]:
    with path.open(encoding="utf-8") as f:
        data = yamlfile.parse(f) or {}
    return parse_questions(data.get("questions"), where=str(path))


def parse_questions(items, where: str = "quiz data") -> tuple[Question, ...]:
    if not isinstance(items, list) or not items:
        raise QuizDataError(f"{where}: `questions` must be a non-empty list")
    questions, seen = [], set()
    for index, item in enumerate(items):
        here = f"{where}: question {index + 1}"
        if not isinstance(item, dict) or set(item) != {"id", "options", "right", "topic", "revisit"}:
            raise QuizDataError(f"{here} must have exactly id, options, right, topic and revisit")
        qid, options, right, topic, revisit = (item[k] for k in ("id", "options", "right", "topic", "revisit"))
        for name, value in (("id", qid), ("right", right), ("topic", topic)):
            if not isinstance(value, str) or not ID.match(value):
                raise QuizDataError(f"{here}: {name} {value!r} must be a lower-case id")
        if qid in seen:
            raise QuizDataError(f"{here}: id {qid!r} is used twice")
        seen.add(qid)
        if (not isinstance(options, list) or len(options) < 2
                or not all(isinstance(o, str) and ID.match(o) for o in options) or len(set(options)) != len(options)):
            raise QuizDataError(f"{here} ({qid}): options must be two or more different lower-case ids")
        if right not in options:
            raise QuizDataError(f"{here} ({qid}): the right option {right!r} is not one of its options")
        if revisit not in STEPS:
            raise QuizDataError(f"{here} ({qid}): revisit {revisit!r} is not a step of the guide")
        questions.append(Question(qid, tuple(options), right, topic, revisit))
    return tuple(questions)


class Quiz(HasTraits):
    """One visitor's answers. Change them only through `answer()` and `reset()`; views observe `answers`."""

    answers = Dict(help="question id -> chosen option id, for the questions answered so far")
    missed = Tuple(help="ids of questions that got a not-yet answer since the last reset, in question order")

    def __init__(self, questions: tuple[Question, ...] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.questions = tuple(questions) if questions is not None else load_questions()
        self._by_id = {q.id: q for q in self.questions}

    def question(self, question_id) -> Question | None:
        return self._by_id.get(question_id) if isinstance(question_id, str) else None

    def answer(self, question_id, option_id) -> str:
        """Take an answer (it replaces any earlier one) and return RIGHT or NOT_YET.

        Anything else (an unknown question or option, or a value that is not text) changes nothing and
        returns UNKNOWN_QUESTION, UNKNOWN_OPTION or WRONG_TYPE.
        """
        if not isinstance(question_id, str) or not isinstance(option_id, str):
            return WRONG_TYPE
        question = self._by_id.get(question_id)
        if question is None:
            return UNKNOWN_QUESTION
        if option_id not in question.options:
            return UNKNOWN_OPTION
        code = RIGHT if option_id == question.right else NOT_YET
        with self.hold_trait_notifications():
            if code == NOT_YET and question.id not in self.missed:
                self.missed = tuple(q.id for q in self.questions if q.id in self.missed or q.id == question.id)
            self.answers = {**self.answers, question.id: option_id}
        return code

    def feedback(self, question_id) -> str:
        """RIGHT, NOT_YET or UNANSWERED for a question of this quiz; UNKNOWN_QUESTION for anything else."""
        question = self.question(question_id)
        if question is None:
            return UNKNOWN_QUESTION
        chosen = self.answers.get(question.id)
        if chosen is None:
            return UNANSWERED
        return RIGHT if chosen == question.right else NOT_YET

    def score(self) -> Score:
        """(right, answered, total) for the current answers."""
        right = sum(1 for q in self.questions if self.answers.get(q.id) == q.right)
        return Score(right, len(self.answers), len(self.questions))

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.questions)

    def reset(self) -> None:
        """Clear every answer and what was gone over (the Try again button)."""
        with self.hold_trait_notifications():
            self.answers = {}
            self.missed = ()

    def summary(self) -> Summary:
        right, answered, total = self.score()
        missed = [q for q in self.questions if q.id in self.missed]
        return Summary(
            right=right,
            answered=answered,
            total=total,
            finished=answered == total,
            went_over=tuple(q.topic for q in missed),
            not_yet=tuple(q.topic for q in self.questions if self.feedback(q.id) == NOT_YET),
            revisit=tuple(dict.fromkeys(q.revisit for q in missed)),
        )


def education_note(summary: Summary, words) -> str:
    """One line for the chart, e.g. "Teach-back: 5 of 6 right; went over: when to call."

    `words` is a milia_kit.strings.Strings (the clinician's language); "" before any answer.
    """
    if summary.answered == 0:
        return ""
    topics = ", ".join(words.text(f"quiz.topics.{t}") for t in summary.went_over) or words.text("quiz.note.nothing")
    key = "quiz.note.finished" if summary.finished else "quiz.note.partial"
    return words.text(key, right=summary.right, answered=summary.answered, total=summary.total, topics=topics)
