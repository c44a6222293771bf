"""Tests for milia_kit.quiz (the teach-back questions of step `check`) and their English words.

- The answer key: every question has exactly one right option, it is one of its options, and it is the one a
  clinician reviewed (ANSWER_KEY below, written from research/medical-sources.md, not read from the wording).
- The model: scoring, changing an answer, reset, the summary's topics, the education note, and values a
  hostile browser may send (ignored, reported with a code, nothing changed, no notification).
- The words (the `quiz` section of assets/strings/en.yml): one text per question and option in assets/quiz.yml, no
  more; feedback names existing sources; kind wording; Flesch-Kincaid grade 6 or below, scored with the
  offline textstat set-up of tests/test_readability.py.
"""
from __future__ import annotations

import builtins
import io
import re
from pathlib import Path

import pytest
import yaml

from milia_kit import strings
from milia_kit.quiz import (NOT_YET, RIGHT, UNANSWERED, UNKNOWN_OPTION, UNKNOWN_QUESTION, WRONG_TYPE, Quiz,
                            QuizDataError, Summary, education_note, load_questions, parse_questions)
from milia_kit.strings import Strings, placeholders
from milia_kit.visit import STEPS
from test_readability import MAX_GRADE, fk_grade  # the offline textstat set-up (tests/ is on sys.path)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "assets" / "sources.yml"

# The answer key a clinician reviewed (see research/medical-sources.md sections 0, 1.5, 4, 5.3). A change
# to assets/quiz.yml that moves a right answer must change this too, on purpose.
ANSWER_KEY = {
    "what": "pocket",
    "squeeze": "no_leave",
    "wash": "gentle",
    "on_bumps": "nothing",
    "fragrance": "no_fragrance",
    "call": "fever_blisters",
}
# The main actions the issue asks the questions to cover, and the step that explains each.
MAIN_TOPICS = {"what_milia_are": "pocket", "squeezing": "pocket", "washing": "care", "products": "care",
               "when_to_call": "call"}


@pytest.fixture(scope="module")
def words() -> Strings:
    """The real English strings."""
    return strings.load("en")


@pytest.fixture(scope="module")
def quiz_words(words) -> dict:
    """The quiz's English words: the `quiz` section of en.yml."""
    return words.get("quiz")


def wrong_option(question) -> str:
    return next(o for o in question.options if o != question.right)


def answer_all(q: Quiz, wrong: tuple[str, ...] = ()) -> None:
    for question in q.questions:
        q.answer(question.id, wrong_option(question) if question.id in wrong else question.right)


# --- the questions ----------------------------------------------------------------------------

def test_five_to_seven_questions_each_with_one_right_option_that_exists():
    questions = load_questions()
    assert 5 <= len(questions) <= 7
    assert len({q.id for q in questions}) == len(questions)
    for question in questions:
        assert len(question.options) >= 2 and len(set(question.options)) == len(question.options), question
        assert [o for o in question.options if o == question.right] == [question.right], question
        assert question.revisit in STEPS, question


def test_right_answers_are_the_reviewed_answer_key():
    assert {q.id: q.right for q in load_questions()} == ANSWER_KEY


def test_right_answers_are_not_always_in_the_same_place():
    positions = {q.options.index(q.right) for q in load_questions()}
    assert len(positions) > 1, "every right answer sits in the same place, so it can be guessed"


def test_questions_cover_the_main_actions_and_point_to_the_step_that_explains_them():
    by_topic = {q.topic: q.revisit for q in load_questions()}
    for topic, step in MAIN_TOPICS.items():
        assert by_topic.get(topic) == step, f"topic {topic} should be asked and go back to step {step}"


def test_options_keep_the_order_of_the_file():
    with (ROOT / "assets" / "quiz.yml").open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert [list(q.options) for q in load_questions()] == [item["options"] for item in data["questions"]]
    assert Quiz().questions == Quiz().questions


GOOD = {"id": "a", "options": ["x", "y"], "right": "x", "topic": "t", "revisit": "care"}


@pytest.mark.parametrize("bad, problem", [
    ({**GOOD, "right": "z"}, "not one of its options"),
    ({**GOOD, "options": ["x"]}, "two or more"),
    ({**GOOD, "options": ["x", "x"]}, "two or more"),
    ({**GOOD, "options": "xy"}, "two or more"),
    ({**GOOD, "revisit": "nowhere"}, "not a step"),
    ({**GOOD, "id": "Bad Id"}, "lower-case id"),
    ({**GOOD, "right": ["x"]}, "lower-case id"),
    ({k: v for k, v in GOOD.items() if k != "topic"}, "exactly id, options"),
])
def test_bad_question_data_fails_loudly(bad, problem):
    with pytest.raises(QuizDataError, match=problem):
        parse_questions([bad])


def test_duplicate_ids_and_empty_lists_fail_loudly():
    with pytest.raises(QuizDataError, match="used twice"):
        parse_questions([GOOD, GOOD])
    for empty in (None, [], {}):
        with pytest.raises(QuizDataError, match="non-empty list"):
            parse_questions(empty)


# --- the model --------------------------------------------------------------------------------

def test_a_new_quiz_has_nothing_answered():
    q = Quiz()
    assert q.score() == (0, 0, len(q.questions))
    assert not q.finished
    assert all(q.feedback(question.id) == UNANSWERED for question in q.questions)
    assert q.summary() == Summary(0, 0, len(q.questions), False, (), (), ())


def test_right_and_not_yet_answers_are_scored():
    q = Quiz()
    assert q.answer("what", "pocket") == RIGHT
    assert q.answer("squeeze", "yes_clean_hands") == NOT_YET
    assert q.feedback("what") == RIGHT and q.feedback("squeeze") == NOT_YET and q.feedback("wash") == UNANSWERED
    assert q.score() == (1, 2, 6)
    assert tuple(q.score()) == (q.score().right, q.score().answered, q.score().total)
    assert not q.finished


def test_changing_an_answer_is_allowed_and_the_topic_counts_as_gone_over():
    q = Quiz()
    q.answer("call", "bumps_nose")
    assert q.summary().not_yet == ("when_to_call",)
    assert q.answer("call", "fever_blisters") == RIGHT
    assert q.score() == (1, 1, 6)
    summary = q.summary()
    assert summary.not_yet == ()
    assert summary.went_over == ("when_to_call",) and summary.revisit == ("call",)
    assert q.answer("call", "bumps_2_weeks") == NOT_YET  # and back again: still one answer, gone over once
    assert q.score() == (0, 1, 6) and q.summary().went_over == ("when_to_call",)


def test_finished_summary_lists_topics_in_question_order_and_steps_once():
    q = Quiz()
    answer_all(q, wrong=("call", "what", "squeeze"))  # what and squeeze both go back to the pocket
    summary = q.summary()
    assert q.finished and summary.finished
    assert (summary.right, summary.answered, summary.total) == (3, 6, 6)
    assert summary.went_over == ("what_milia_are", "squeezing", "when_to_call")
    assert summary.not_yet == summary.went_over
    assert summary.revisit == ("pocket", "call")


def test_all_right_first_time_goes_over_nothing():
    q = Quiz()
    answer_all(q)
    assert q.score() == (6, 6, 6)
    assert q.summary() == Summary(6, 6, 6, True, (), (), ())


def test_reset_clears_answers_and_what_was_gone_over():
    q = Quiz()
    answer_all(q, wrong=("wash",))
    q.reset()
    assert q.answers == {} and q.missed == ()
    assert q.score() == (0, 0, 6) and not q.finished
    assert q.summary().went_over == ()
    assert q.answer("wash", "gentle") == RIGHT  # and it works again afterwards


HOSTILE_IDS = [None, 0, 1, True, 1.5, float("nan"), [], ["what"], {}, {"id": "what"}, b"what", ("what",),
               "", "WHAT", " what", "what\x00", "x" * 100_000, "__class__", "<script>alert(1)</script>"]


@pytest.mark.parametrize("question_id", HOSTILE_IDS)
def test_hostile_question_ids_change_nothing(question_id):
    q = Quiz()
    q.answer("what", "pocket")
    changes = []
    q.observe(changes.append, names=["answers", "missed"])
    code = q.answer(question_id, "pocket")
    assert code == (UNKNOWN_QUESTION if isinstance(question_id, str) else WRONG_TYPE)
    assert q.answers == {"what": "pocket"} and q.missed == () and changes == []
    assert q.feedback(question_id) == UNKNOWN_QUESTION


@pytest.mark.parametrize("option_id", HOSTILE_IDS + ["pocket ", "Pocket", "no_leave"])
def test_hostile_option_ids_change_nothing(option_id):
    q = Quiz()
    q.answer("what", "not_clean")
    changes = []
    q.observe(changes.append, names=["answers", "missed"])
    code = q.answer("what", option_id)
    assert code == (UNKNOWN_OPTION if isinstance(option_id, str) else WRONG_TYPE)
    assert q.answers == {"what": "not_clean"} and q.missed == ("what",) and changes == []
    assert q.score() == (0, 1, 6)


def test_accepted_answers_notify_observers_so_the_note_can_follow():
    q = Quiz()
    seen = []
    q.observe(lambda change: seen.append(change["name"]), names=["answers"])
    q.answer("what", "pocket")
    q.answer("what", "pimples")
    assert seen == ["answers", "answers"]


def test_answers_are_never_written_anywhere(monkeypatch):
    q = Quiz()

    def no_files(*args, **kwargs):
        raise AssertionError("the quiz tried to open a file")

    monkeypatch.setattr(builtins, "open", no_files)
    monkeypatch.setattr(io, "open", no_files)
    monkeypatch.setattr(Path, "open", no_files)
    answer_all(q, wrong=("call",))
    q.summary(), q.score(), q.reset()


def test_each_quiz_holds_its_own_answers():
    a, b = Quiz(), Quiz()
    a.answer("what", "pocket")
    assert b.answers == {} and b.score() == (0, 0, 6)


# --- the education note -----------------------------------------------------------------------

def test_education_note_says_score_and_what_was_gone_over(words):
    q = Quiz()
    assert education_note(q.summary(), words) == ""
    answer_all(q, wrong=("call",))
    assert education_note(q.summary(), words) == "Teach-back: 5 of 6 right; went over: when to call."
    q.answer("call", "fever_blisters")
    assert education_note(q.summary(), words) == "Teach-back: 6 of 6 right; went over: when to call."


def test_education_note_before_the_end_and_with_nothing_gone_over(words):
    q = Quiz()
    q.answer("what", "pocket")
    q.answer("wash", "scrub")
    assert education_note(q.summary(), words) == "Teach-back: 2 of 6 answered, 1 right; went over: how to wash."
    q.reset()
    answer_all(q)
    assert education_note(q.summary(), words) == "Teach-back: 6 of 6 right; went over: nothing."


# --- the words --------------------------------------------------------------------------------

def test_en_yml_has_words_for_exactly_the_questions_and_options(quiz_words):
    words = quiz_words
    questions = load_questions()
    assert set(words["questions"]) == {q.id for q in questions}
    for question in questions:
        item = words["questions"][question.id]
        assert set(item) == {"text", "options", "right", "not_yet"}, question.id
        assert list(item["options"]) == list(question.options), f"{question.id}: options differ from quiz.yml"
        for text in [item["text"], *item["options"].values()]:
            assert isinstance(text, str) and text.strip(), question.id
    assert set(words["topics"]) == {q.topic for q in questions}


def test_every_feedback_explains_and_names_existing_sources(quiz_words):
    with SOURCES.open(encoding="utf-8") as f:
        known = {s["id"] for s in yaml.safe_load(f)["sources"]}
    for qid, item in quiz_words["questions"].items():
        for code in (RIGHT, NOT_YET):
            feedback = item[code]
            assert set(feedback) == {"text", "sources"}, (qid, code)
            assert feedback["text"].strip(), (qid, code)
            assert feedback["sources"], f"{qid}.{code} names no source"
            assert set(feedback["sources"]) <= known, f"{qid}.{code}: unknown sources {set(feedback['sources']) - known}"


def test_feedback_is_kind(quiz_words):
    """Teach-back checks the guide, not the parent: no scolding words; a not-yet answer is explained again."""
    scolding = re.compile(r"\b(wrong|incorrect|mistake|fail\w*|bad|should have|careless|no,)\b", re.I)
    for qid, item in quiz_words["questions"].items():
        assert item["right"]["text"].startswith(("Yes, that's right.", "That's right.")), qid
        not_yet = item["not_yet"]["text"]
        assert "Here is how it works:" in not_yet, f"{qid}: the not-yet feedback should explain again"
        for text in (item["right"]["text"], not_yet):
            assert not scolding.search(text), f"{qid}: {scolding.search(text).group()!r} in {text!r}"
    for text in quiz_words["summary"].values():
        assert not scolding.search(text), text


def test_patterns_have_the_named_placeholders(quiz_words):
    words = quiz_words
    expected = {
        ("title",): {"total"}, ("question_number",): {"number", "total"}, ("choose",): {"number"},
        ("sources_line",): set(), ("go_back",): {"step"}, ("try_again",): set(), ("intro",): set(),
        ("summary", "all_right"): {"total"}, ("summary", "some_not_yet"): {"right", "total"},
        ("summary", "went_over"): set(), ("summary", "cleared"): set(), ("summary", "change"): set(),
        ("note", "finished"): {"right", "total", "topics"},
        ("note", "partial"): {"answered", "total", "right", "topics"},
    }
    for path, names in expected.items():
        node = words
        for part in path:
            node = node[part]
        assert placeholders(node) == names, f"quiz.{'.'.join(path)}"


def test_every_go_back_step_has_a_name(words):
    for question in load_questions():
        assert words.text(f"steps.{question.revisit}.nav").strip()


def test_no_html_or_banned_claims_in_the_words(quiz_words):
    texts = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "sources":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        else:
            texts.append(str(node))

    walk(quiz_words)
    for text in texts:
        assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"HTML in a string: {text!r}"
        assert not re.search(r"disrupt|needle|vanicream", text, re.I), f"banned wording: {text!r}"


# --- reading grade ----------------------------------------------------------------------------

def _unit(text: str) -> str:
    """Like test_readability: bold marks off, placeholders as a number, 38.0 read as one number, end stop."""
    text = re.sub(r"\{[a-z_]+\}", "6", str(text).replace("**", "")).strip()
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)
    return text if text[-1:] in ".!?:" else text + "."


def parent_texts(quiz_words) -> dict[str, list[str]]:
    """Everything a parent reads, by part: each question with its options and both feedbacks, then the rest.
    `note` is for the clinician's chart and is left out."""
    words = quiz_words
    parts = {f"question {qid}": [item["text"], *item["options"].values(), item["right"]["text"],
                                 item["not_yet"]["text"]]
             for qid, item in words["questions"].items()}
    parts["around the questions"] = [words[k] for k in ("title", "intro", "privacy", "question_number", "choose",
                                                         "sources_line", "try_again", "go_back")]
    parts["summary and topics"] = [*words["summary"].values(), *words["topics"].values()]
    return parts


def test_reading_grade_of_the_whole_quiz(quiz_words):
    text = " ".join(_unit(t) for texts in parent_texts(quiz_words).values() for t in texts)
    grade = fk_grade(text)
    print(f"quiz: grade {grade:.2f}")
    assert grade <= MAX_GRADE


@pytest.mark.parametrize("part", ["question what", "question squeeze", "question wash", "question on_bumps",
                                  "question fragrance", "question call", "around the questions",
                                  "summary and topics"])
def test_reading_grade_of_each_part(quiz_words, part):
    texts = parent_texts(quiz_words)
    assert part in texts, f"no part {part!r}; parts are {sorted(texts)}"
    grade = fk_grade(" ".join(_unit(t) for t in texts[part]))
    print(f"{part}: grade {grade:.2f}")
    assert grade <= MAX_GRADE, f"{part} reads at grade {grade:.2f}, above {MAX_GRADE}"


def test_reading_grade_of_each_feedback(quiz_words):
    """Each feedback is read on its own, right after an answer, so each must be easy on its own too."""
    for qid, item in quiz_words["questions"].items():
        for code in (RIGHT, NOT_YET):
            grade = fk_grade(_unit(item[code]["text"]))
            assert grade <= MAX_GRADE, f"{qid}.{code} reads at grade {grade:.2f}, above {MAX_GRADE}"
