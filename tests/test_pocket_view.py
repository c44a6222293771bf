"""The pocket step's time control: its value in words, singular and plural right in every language."""
import re

import pytest

from milia_kit import strings
from milia_kit.model import DAYS_MAX
from milia_kit.views.pocket import days_words

EN, ES = strings.load("en"), strings.load("es")


@pytest.mark.parametrize("days, english, spanish", [
    (0, "0 days", "0 días"),
    (1, "1 day", "1 día"),
    (3, "3 days", "3 días"),
    (4, "4 days (about 1 week)", "4 días (más o menos 1 semana)"),
    (9, "9 days (about 1 week)", "9 días (más o menos 1 semana)"),
    (10, "10 days (about 1 week)", "10 días (más o menos 1 semana)"),
    (11, "11 days (about 2 weeks)", "11 días (unas 2 semanas)"),
    (30, "30 days (about 4 weeks)", "30 días (unas 4 semanas)"),
])
def test_the_time_in_words(days, english, spanish):
    assert days_words(days, EN) == english
    assert days_words(days, ES) == spanish


@pytest.mark.parametrize("words", [EN, ES])
def test_no_number_is_ever_paired_with_the_wrong_form(words):
    plural = re.compile(r"\((?:about|unas) (\d+) (?:weeks|semanas)\)")
    singular = words.text("pocket.days_value_week", days=0).split(" ", 1)[1]  # "days (about 1 week)"
    for days in range(2, DAYS_MAX + 1):
        text = days_words(days, words)
        weeks = plural.search(text)
        assert (weeks is None or int(weeks.group(1)) >= 2), text
        assert (singular in text) == (round(days / 7) == 1), text


def test_washing_is_dr_baileys_picture_for_clinicians_only():
    """Parents: no washing control, and the picture does not clear sooner with washing (no source says so).
    Clinicians: the control is there, labelled as Dr Bailey's picture, and it changes the picture."""
    from milia_kit.views.pocket import PocketView
    from milia_kit.visit import Visit

    visit = Visit()
    view = PocketView(visit)
    view.days.value = 30
    assert view.care_box.layout.display == "none" and not view.pocket.article_picture
    before = view.figure.value
    view.pocket.care_days = 30  # even if a browser sends it, washing changes nothing in the parents' picture
    assert view.figure.value.split("</svg>")[0] == before.split("</svg>")[0]
    visit.mode = "clinician"
    assert view.care_box.layout.display is None and view.pocket.article_picture
    assert "Bailey" in view.care.description
    shown = view.figure.value
    view.care.value = 0
    assert view.figure.value != shown


def test_the_time_control_marks_2_weeks_1_month_and_3_months_at_their_days():
    from milia_kit.views.pocket import PocketView
    from milia_kit.visit import Visit

    view = PocketView(Visit(lang="es"))
    ticks = view.days_field.ticks.value
    words = strings.load("es")
    # out of 120 days: 14 days is 11.67 % along the track, 30 days 25 %, 90 days 75 %
    for left, key in (("11.67", "app.ticks.two_weeks"), ("25.00", "app.ticks.one_month"), ("75.00", "app.ticks.three_months")):
        assert f'left: {left}%">{words.text(key)}<' in ticks
