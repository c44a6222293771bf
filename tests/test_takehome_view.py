"""The take-home view (milia_kit/views/takehome.py), without a browser: fill the boxes, click, read what the
page would get. The PDF behind the download link is decoded and read back; hostile input gets a friendly
message and no handout; nothing typed is logged or kept.

The words are the real English strings (`strings.load("en")`, sections `takehome_tool` and `handout` of
assets/strings/en.yml), reached through a plain `Visit`.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import re

import pytest
import yaml

from milia_kit import clinic, handout, strings
from milia_kit.views.takehome import FILE_NAME, TakeHomeView
from milia_kit.visit import Visit

import pypdf

CLINIC = dataclasses.replace(clinic.load(), phone="555-123-4567")


@pytest.fixture(scope="module")
def words():
    return strings.load("en")


class RelabelVisit(Visit):
    """A visit whose words can be swapped for a relabelled copy written to a temp folder."""

    test_words = None

    @property
    def words(self):
        return self.test_words


@pytest.fixture
def view():
    return TakeHomeView(Visit(), clinic=CLINIC)


def unescape(html: str) -> str:
    return html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def downloaded_pdf(view) -> bytes:
    match = re.search(r'<a class="mk-download-link" download="([^"]+)" href="data:application/pdf;base64,([A-Za-z0-9+/=]+)"',
                      view.link.value)
    assert match, "the page offers a download link"
    assert match.group(1) == FILE_NAME == "milia-handout.pdf"
    return base64.b64decode(match.group(2), validate=True)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())


def test_every_box_has_a_real_label_and_the_date_is_today(view, words):
    for box, key in ((view.name, "name_label"), (view.place, "place_label"), (view.date, "date_label"),
                     (view.clinician, "clinician_label"), (view.language, "language_label")):
        assert box.description == words.text(f"takehome_tool.{key}")
        assert box.style.description_width == "initial"
    assert view.date.value == dt.date.today()
    assert view.language.value == "en" and ("English", "en") in view.language.options
    assert view.download.description == "Download the handout" and view.print.description == "Print"
    assert words.text("takehome_tool.privacy")[:30] in unescape(view.heading.value)
    assert view.link.value == view.print_area.value == view.status.value == ""
    assert not view.handout_made and view.handout_lang is None


def test_download_gives_a_one_page_pdf_with_the_name(view):
    view.name.value = "Zephyrine"
    view.place.value = "nose and chin"
    view.clinician.value = "Dr Lee"
    view.date.value = dt.date(2026, 11, 25)
    view.download.click()
    pdf = downloaded_pdf(view)
    assert pdf.startswith(b"%PDF-")
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == handout.PAGES
    text = text_of(pdf)
    assert text.count("Zephyrine") == 1
    assert "nose and chin" in text and "Dr Lee" in text and "November 25, 2026" in text
    assert "Your handout is ready" in view.status.value
    # plain words (CDC item 7): no "PDF" or "KB" in what the parent reads
    assert view.link.value.endswith('type="application/pdf">Save the handout as a file</a></p>')


def test_everything_is_optional(view):
    view.date.value = None
    view.download.click()
    assert "your baby's clinic".upper() in text_of(downloaded_pdf(view)).upper()  # the shipped example clinic


def test_the_app_can_tell_that_a_handout_was_made_and_in_which_language(view):
    counts = []
    view.record.observe(lambda change: counts.append(change["new"]), names="count")
    view.download.click()
    assert view.handout_made and view.handout_lang == "en" and view.record.how == "pdf"
    view.print.click()
    assert view.record.how == "print" and view.record.count == 2 and counts == [1, 2]
    assert set(view.record.trait_names()) == {"made", "lang", "how", "count"}, "no typed text in the record"


def test_markup_typed_as_a_name_is_printed_as_text(view):
    view.name.value = "<b>Ana</b><script>alert(1)</script>"
    view.download.click()
    assert "<b>Ana</b><script>alert(1)</script>" in text_of(downloaded_pdf(view))
    for html in (view.status.value, view.link.value):
        assert "<script" not in html and "<b>Ana" not in html


@pytest.mark.parametrize("box, value, says", [
    ("name", "A" * 41, "can have up to 40 letters and spaces. You typed 41"),
    ("place", "p" * 81, "can have up to 80 letters and spaces. You typed 81"),
    ("clinician", "Dr " + "c" * 58, "can have up to 60 letters and spaces. You typed 61"),
    ("name", "Ana \U0001F476", "Please take out any emoji"),
    ("place", "x" * 6000, "You typed 6000"),
])
def test_too_long_or_odd_input_gets_a_friendly_message_and_no_handout(view, box, value, says):
    getattr(view, box).value = value
    view.download.click()
    assert says in unescape(view.status.value)
    assert 'role="alert"' in view.status.value
    assert view.link.value == "" and not view.handout_made
    view.print.click()
    assert view.print_area.value == ""


def test_the_message_names_the_box_in_plain_words(view, words):
    view.name.value = "A" * 41
    view.download.click()
    assert words.text("takehome_tool.field_names.name") in unescape(view.status.value)


@pytest.mark.parametrize("value", ["     ", "\u202e\u202c", "\x00\x07"])
def test_blank_or_invisible_input_is_just_left_out(view, value):
    view.name.value = value
    view.download.click()
    assert downloaded_pdf(view) and not view.status.value.count("alert")


def test_print_fills_the_hidden_print_area_and_asks_the_browser_to_print(view):
    view.name.value = "<b>Ana</b>"
    view.print.click()
    area = view.print_area.value
    assert area.startswith('<div data-mk-print="1"><div class="mk-print-area">')
    assert "&lt;b&gt;Ana&lt;/b&gt;" in area and "<b>Ana" not in area
    assert "<script" not in area
    assert '<style>' in view.heading.value and ".mk-print-area { display: none; }" in view.heading.value
    assert "Ctrl and P" in view.status.value
    view.print.click()  # the same handout again: a new number, so the page prints again
    assert view.print_area.value == area.replace('data-mk-print="1"', 'data-mk-print="2"', 1)


def test_changing_a_box_takes_away_the_old_handout(view):
    view.name.value = "Ana"
    view.download.click()
    assert view.link.value
    view.name.value = "Ben"
    assert view.link.value == "" and "You changed something" in view.status.value
    # it names the buttons as they are labelled (the fourth rating found "Download PDF", a label long gone)
    assert f"<strong>{view.download.description}</strong>" in view.status.value
    assert f"<strong>{view.print.description}</strong>" in view.status.value
    view.print.click()
    view.place.value = "chin"
    assert view.print_area.value == ""


def test_the_handout_uses_the_visits_skin_tone(view):
    view.visit.tone = "deep"
    view.print.click()
    assert "#5e3a24" in view.print_area.value


def test_a_relabel_follows_the_words(words, tmp_path):
    visit = RelabelVisit()
    visit.test_words = words
    view = TakeHomeView(visit, clinic=CLINIC)
    tree = yaml.safe_load(words.path.read_text(encoding="utf-8"))
    tree["takehome_tool"]["download_button"] = "Descargar PDF"
    folder = tmp_path / "relabel"
    folder.mkdir()
    (folder / "en.yml").write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    view.download.click()
    view.visit.test_words = strings.Strings("en", folder)
    view._update()
    assert view.download.description == "Descargar PDF"
    assert view.link.value == "", "a handout in the old words is taken away"


def test_a_failed_build_says_sorry_and_logs_no_name(view, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise handout.HandoutError("layout")

    monkeypatch.setattr(handout, "build_pdf", broken)
    view.name.value = "Qyxzelmina"
    view.download.click()
    assert "Sorry" in view.status.value and view.link.value == "" and not view.handout_made
    captured = capsys.readouterr()
    assert "Qyxzelmina" not in captured.out + captured.err
    assert "HandoutError" in captured.err


def test_nothing_typed_is_logged(view, caplog, capfd):
    caplog.set_level("DEBUG")
    view.name.value = "Qyxzelmina"
    view.download.click()
    view.print.click()
    out, err = capfd.readouterr()
    assert "Qyxzelmina" not in out + err + caplog.text


def test_no_language_chosen_falls_back_to_the_visits(view):
    view.language.index = None
    assert view.language.value is None
    view.download.click()
    assert view.handout_lang == "en"


def test_bad_clinic_settings_stop_the_view_at_start_naming_the_field(tmp_path, monkeypatch):
    bad = tmp_path / "clinic.yml"
    bad.write_text("clinic_name: A\nphone: '555 1234'\n", encoding="utf-8")
    monkeypatch.setattr(clinic, "default_path", lambda: bad)
    clinic.load.cache_clear()
    try:
        with pytest.raises(clinic.ClinicSettingsError, match="guide_address"):
            TakeHomeView(Visit())
    finally:
        clinic.load.cache_clear()
