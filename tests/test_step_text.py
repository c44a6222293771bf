"""The words every step shares: here, the Sources page's review date, written as parents write dates."""
import datetime as dt
from pathlib import Path

import pytest
import yaml

from milia_kit import strings
from milia_kit.step_text import sources_page_html

REVIEWED = dt.date.fromisoformat(str(yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "assets" / "sources.yml").read_text(encoding="utf-8"))["reviewed"]))
# Month names as a reader writes them (not read from the guide's strings, nor from a locale)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"]


@pytest.mark.parametrize("lang, expected", [
    ("en", f"{MONTHS[REVIEWED.month - 1]} {REVIEWED.day}, {REVIEWED.year}"),
    ("es", f"{REVIEWED.day} de {MESES[REVIEWED.month - 1]} de {REVIEWED.year}")])
def test_the_sources_page_gives_its_review_date_in_words(lang, expected):
    """CDC Clear Communication Index item 7: "2026-12-06" is a code, not a date a parent reads (fourth rating)."""
    page = sources_page_html(strings.load(lang))
    assert expected in page
    assert REVIEWED.isoformat() not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_source_entry_ends_a_sentence_twice(lang):
    page = sources_page_html(strings.load(lang))
    assert "et al." in page  # (a publisher that ends with its own full stop is listed)
    assert ".." not in page.replace("...", "")
