"""The teach-back view (step `check`) without a browser: answers are chosen by setting widget values, as the
browser's messages do, and the words are the real English strings (`strings.load("en")`, the `quiz` section of
assets/strings/en.yml) reached through a plain `Visit`. Tests that need other words (a relabelled language,
hostile text) write a copy of en.yml to a temp folder and serve it through `BookVisit`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from traitlets import TraitError, Unicode

from milia_kit import quiz, sources, strings
from milia_kit.markup import inline
from milia_kit.strings import Strings
from milia_kit.views.quiz import QuizView, feedback_html
from milia_kit.visit import Visit
from word_copies import english_tree


def strings_from(tree: dict, folder: Path, lang: str = "en") -> Strings:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.yml").write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Strings(lang, folder=folder)


class BookVisit(Visit):
    """A Visit whose words come from the given Strings; `lang` may be any name, to test a language change."""

    lang = Unicode("en")

    def __init__(self, books: dict, **kwargs):
        self.books = books
        super().__init__(**kwargs)

    @property
    def words(self) -> Strings:
        return self.books[self.lang]


@pytest.fixture(scope="module")
def words() -> Strings:
    return strings.load("en")


@pytest.fixture
def view() -> QuizView:
    return QuizView(Visit())


def shown(html: str) -> str:
    """HTML back to the text a reader sees (the view escapes every string)."""
    return html.replace("&#x27;", "'").replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def answer_all(view: QuizView, wrong=()) -> None:
    for question in view.quiz.questions:
        option = next(o for o in question.options if o != question.right) if question.id in wrong else question.right
        view.choices[question.id].value = option


def test_first_view_shows_every_question_and_no_answer(view, words):
    assert "6 short questions" in view.heading.value
    for number, question in enumerate(view.quiz.questions, 1):
        title = view.titles[question.id].value
        assert inline(words.text(f"quiz.questions.{question.id}.text")) in title
        assert f"Question {number} of 6" in title and f'id="mk-quiz-q-{question.id}"' in title
        choices = view.choices[question.id]
        assert choices.value is None
        assert choices.description == f"Your answer to question {number}"
        assert [value for _label, value in choices.options] == list(question.options)  # the file's order
        assert [label for label, _value in choices.options] == [
            words.text(f"quiz.questions.{question.id}.options.{o}") for o in question.options]
        assert view.feedback[question.id].value == ""
    assert view.summary.value == "" and view.go_back_box.children == ()


def test_a_not_yet_answer_explains_kindly_right_away_and_names_the_source(view, words):
    view.choices["squeeze"].value = "yes_clean_hands"
    html = view.feedback["squeeze"].value
    assert 'role="status"' in html
    assert words.text("quiz.questions.squeeze.not_yet.text") in shown(html)
    assert "Mayo Clinic" in html and "StatPearls" in html
    assert view.feedback["what"].value == ""
    assert view.quiz.feedback("squeeze") == quiz.NOT_YET and view.last_code == quiz.NOT_YET


def test_changing_to_the_right_answer_changes_the_feedback(view, words):
    view.choices["wash"].value = "scrub"
    view.choices["wash"].value = "gentle"
    html = shown(view.feedback["wash"].value)
    assert words.text("quiz.questions.wash.right.text") in html
    assert words.text("quiz.questions.wash.not_yet.text") not in html
    assert view.quiz.score() == (1, 1, 6)


def test_no_summary_until_every_question_is_answered(view):
    answer_all(view)
    view.quiz.reset()
    view._update()
    for question in view.quiz.questions[:-1]:
        view.choices[question.id].value = question.right
        assert view.summary.value == ""
    last = view.quiz.questions[-1]
    view.choices[last.id].value = last.right
    assert "All 6 of your answers match the guide" in view.summary.value


def test_summary_counts_and_offers_to_go_back_to_the_steps_that_explain(view, words):
    answer_all(view, wrong=("call", "fragrance", "on_bumps"))
    summary = shown(view.summary.value)
    assert "3 of 6 of your answers match the guide" in summary
    for topic in ("nothing on the bumps", "products with no fragrance", "when to call"):
        assert f"<li>{topic}</li>" in summary
    buttons = view.go_back_box.children
    assert [b.description for b in buttons] == [f"Go back to: {words.text('steps.care.nav')}",
                                               f"Go back to: {words.text('steps.call.nav')}"]
    buttons[1].click()
    assert view.visit.step == "call"
    buttons[0].click()
    assert view.visit.step == "care"


def test_all_right_first_time_has_no_go_back(view):
    answer_all(view)
    assert "All 6 of your answers match the guide" in view.summary.value
    assert "may not have explained" not in view.summary.value
    assert view.go_back_box.children == ()


def test_try_again_resets_everything(view):
    answer_all(view, wrong=("what",))
    view.try_again.click()
    assert view.quiz.score() == (0, 0, 6) and view.quiz.summary().went_over == ()
    assert all(c.value is None for c in view.choices.values())
    assert all(f.value == "" for f in view.feedback.values())
    assert "Your answers are cleared" in view.summary.value and view.go_back_box.children == ()
    view.choices["what"].value = "pocket"
    assert "cleared" not in view.summary.value and view.quiz.score() == (1, 1, 6)


def test_the_model_is_exposed_for_the_education_note(view, words):
    answer_all(view, wrong=("call",))
    assert quiz.education_note(view.quiz.summary(), words) == "Teach-back: 5 of 6 right; went over: when to call."


def test_out_of_range_indexes_from_a_browser_are_refused_and_change_nothing(view):
    view.choices["what"].value = "pimples"
    before = (dict(view.quiz.answers), view.feedback["what"].value)
    for state in ({"index": 99}, {"index": -1}, {"index": "0"}, {"index": 1.5}, {"index": [0]}):
        with pytest.raises(TraitError):
            view.choices["what"].set_state(state)  # what the kernel does with a browser's update message
        assert (dict(view.quiz.answers), view.feedback["what"].value) == before
    view.choices["what"].value = "pocket"  # and the view still works
    assert view.quiz.feedback("what") == quiz.RIGHT


def test_a_cleared_selection_from_a_browser_is_ignored_and_put_back(view):
    view.choices["call"].value = "fever_blisters"
    view.choices["call"].set_state({"index": None})  # radio buttons cannot be cleared by a visitor
    assert view.last_code == quiz.WRONG_TYPE
    assert view.choices["call"].value == "fever_blisters"
    assert view.quiz.answers == {"call": "fever_blisters"}


@pytest.mark.parametrize("hostile", ["zzz", "", "POCKET", 3, None, ["pocket"], {"a": 1}])
def test_a_value_not_in_the_options_is_ignored(view, hostile):
    """Should any value reach the view's handler that is not an option of the question, nothing changes."""
    view.choices["what"].value = "not_clean"
    view._chosen("what")({"name": "value", "old": "not_clean", "new": hostile})
    assert view.last_code in quiz.REJECTED
    assert view.quiz.answers == {"what": "not_clean"} and view.choices["what"].value == "not_clean"
    assert "mk-quiz-not-yet" in view.feedback["what"].value


def test_a_language_change_relabels_and_keeps_the_answers(tmp_path, words):
    other = english_tree()
    for item in other["quiz"]["questions"].values():
        item["text"] = "XX " + item["text"]
        item["options"] = {oid: "XX " + label for oid, label in item["options"].items()}
    visit = BookVisit({"en": words, "xx": strings_from(other, tmp_path / "xx", "en")})
    view = QuizView(visit)
    view.choices["what"].value = "not_clean"
    view.choices["wash"].value = "gentle"
    visit.lang = "xx"  # ipywidgets moves a selection when its options change; the view must put it back
    assert {qid: c.value for qid, c in view.choices.items() if c.value} == {"what": "not_clean", "wash": "gentle"}
    assert view.quiz.answers == {"what": "not_clean", "wash": "gentle"} and view.quiz.score() == (1, 2, 6)
    assert view.choices["what"].options[0][0].startswith("XX ")
    assert "XX What are milia?" in view.titles["what"].value
    assert view.choices["call"].value is None


def test_words_are_escaped(tmp_path):
    tree = english_tree()
    tree["quiz"]["questions"]["what"]["text"] = "<script>alert(1)</script> What?"
    tree["quiz"]["questions"]["what"]["not_yet"]["text"] = "<img src=x onerror=alert(1)>"
    view = QuizView(BookVisit({"en": strings_from(tree, tmp_path)}))
    view.choices["what"].value = "pimples"
    assert "<script" not in view.titles["what"].value and "&lt;script&gt;" in view.titles["what"].value
    assert "<img" not in view.feedback["what"].value


def test_feedback_names_its_sources_each_once_with_links():
    words = strings.load("en")
    html = feedback_html(words, "what", "right")
    ids = words.get("quiz.questions.what.right.sources")
    assert ids and 'class="mk-source-link"' in html and "Where this comes from:" in html
    for source_id in ids:
        assert f'>{sources.load()[source_id].name}</a>' in html.replace("&#x27;", "'")
    assert html.count(">Mayo Clinic</a>") <= 1


def test_two_views_do_not_share_answers():
    a, b = QuizView(Visit()), QuizView(Visit())
    a.choices["what"].value = "pocket"
    assert b.quiz.answers == {} and b.choices["what"].value is None
