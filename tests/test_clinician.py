"""The clinician's notes: every part present, the article and mainstream views side by side with sources."""
import xml.etree.ElementTree as ET

from milia_kit import clinician, strings
from milia_kit.visit import STEPS

WORDS = strings.load("en")


def test_the_notes_are_well_formed_and_complete():
    html = clinician.notes_html(WORDS)
    ET.fromstring(html.replace("<br>", "<br/>"))
    for key in ("how_to_use_title", "maps_to_title", "analogy_breaks_title", "differences_title", "talking_points_title"):
        assert WORDS.text(f"clinician_ui.{key}") in html


def test_each_difference_row_shows_both_views_and_its_sources():
    table = clinician.differences_html(WORDS)
    rows = WORDS.get("clinician.differences")
    assert table.count("<tr>") == len(rows) + 1
    for row in rows:
        assert all(source in table for source in row["sources"])


def test_there_are_talking_points_for_every_step():
    assert set(WORDS.get("clinician.talking_points")) == set(STEPS)
