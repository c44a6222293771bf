"""The words every step shares: here, the Sources page's review date, written as parents write dates."""
import calendar
import datetime as dt
from pathlib import Path

import pytest
import yaml

from milia_kit import strings
from milia_kit.step_text import format_date, sources_page_html

REVIEWED = dt.date.fromisoformat(str(yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "assets" / "sources.yml").read_text(encoding="utf-8"))["reviewed"]))
# Spanish month names as a Spanish reader writes them (not read from the guide's strings)
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


@pytest.mark.parametrize("lang, expected", [
    ("en", f"{calendar.month_name[REVIEWED.month]} {REVIEWED.day}, {REVIEWED.year}"),
    ("es", f"{REVIEWED.day} de {MESES[REVIEWED.month - 1]} de {REVIEWED.year}")])
def test_the_sources_page_gives_its_review_date_in_words(lang, expected):
    """CDC Clear Communication Index item 7: "2026-12-06" is a code, not a date a parent reads (fourth rating)."""
    page = sources_page_html(strings.load(lang))
    assert expected in page
    assert REVIEWED.isoformat() not in page


def test_a_date_in_words():
    assert format_date(dt.date(2026, 3, 7), strings.load("en")) == "March 7, 2026"
    assert format_date(dt.date(2026, 3, 7), strings.load("es")) == "7 de marzo de 2026"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_source_entry_ends_a_sentence_twice(lang):
    page = sources_page_html(strings.load(lang))
    assert "et al." in page  # (a publisher that ends with its own full stop is listed)
    assert ".." not in page.replace("...", "")
