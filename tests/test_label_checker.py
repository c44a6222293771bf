"""The label checker's view: the report in words, typed text escaped, friendly messages for bad input."""
import pytest

from milia_kit import labels, strings
from milia_kit.views.label_checker import LabelCheckerView, report_html
from milia_kit.visit import Visit

WORDS = strings.load("en")


def checked(text):
    view = LabelCheckerView(Visit())
    view.text.value = text
    view.check.click()
    return view


def test_found_words_are_grouped_and_explained():
    html = checked("Aqua, Glycerin, Parfum, Linalool, Lavandula Angustifolia Oil, Diethyl Phthalate").answer.value
    for category in ("fragrance", "allergen", "essential_oil", "phthalate"):
        assert WORDS.text(f"labels.category_title.{category}") in html
    assert "Linalool (you typed: Linalool)" in html


def test_fragrance_free_is_explained_as_an_unregulated_claim():
    html = checked("Fragrance-free. Water, Glycerin").answer.value
    assert WORDS.text("labels.none_found.text") in html
    assert "fragrance-free&quot; means" in html


@pytest.mark.parametrize("text, key", [("", "labels.hint_empty"), ("   \n\t ", "labels.hint_empty"),
                                       ("x" * (labels.MAX_CHARS + 1), "labels.too_long")])
def test_empty_and_huge_input_get_a_friendly_message(text, key):
    html = checked(text).answer.value
    expected = WORDS.text(key, limit=f"{labels.MAX_CHARS:,}") if "limit" in WORDS.get(key) else WORDS.text(key)
    assert expected.split("{")[0][:30] in html.replace("&quot;", '"').replace("&#x27;", "'")


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>, Parfum", '"><img src=x onerror=alert(1)>, Linalool',
    "<svg onload=alert(1)>Fragrance</svg>", "javascript:alert(1), Limonene",
])
def test_typed_markup_is_shown_as_text(hostile):
    html = checked(hostile).answer.value
    for raw in ("<script", "<img", "<svg", "onerror=alert(1)>"):
        assert raw not in html


def test_a_non_text_value_from_a_hostile_browser_counts_as_empty():
    view = LabelCheckerView(Visit())
    view.text.value = ""
    view._check()
    assert WORDS.text("labels.hint_empty")[:20] in view.answer.value.replace("&#x27;", "'")


def test_clear_empties_the_box_and_the_answer():
    view = checked("Parfum")
    view.clear.click()
    assert view.text.value == "" and view.answer.value == ""


def test_report_html_is_deterministic():
    report = labels.check_label("Parfum, Citral")
    assert report_html(report, WORDS) == report_html(report, WORDS)
