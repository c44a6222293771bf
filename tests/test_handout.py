"""The take-home handout (milia_kit/handout.py): typed text cleaned, bounded and escaped; one page; a QR code that
really decodes to the guide; nothing written to disk; the committed stock PDFs match a fresh build.

The handout's own words are the `takehome_tool` and `handout` sections of assets/strings/en.yml; these tests use
the real English strings (`strings.load("en")`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from milia_kit import clinic, handout, paths, red_flags, sources, strings
from milia_kit.handout import Handout, HandoutError, HandoutInputError

import pypdf

ROOT = Path(__file__).resolve().parents[1]
STOCK = ROOT / "handouts"
CLINIC = clinic.load()  # the shipped example: placeholder name and phone, a guide address only this computer opens
# a real-looking number, printed as it is, and an address a parent can open from home (so a QR code is printed)
SHOWN = dataclasses.replace(CLINIC, phone="555-123-4567", guide_address="https://guide.clinic.example.org/milia/")
# where an English sheet's QR code and link take a parent: the guide in English, straight to the interactive page
SHOWN_LINK = "https://guide.clinic.example.org/milia/?lang=en&interactive=1"


def english_strings_folder(target: Path) -> Path:
    """A strings folder at `target` holding a copy of the real en.yml only (other languages are added by the test)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.STRINGS / "en.yml", target / "en.yml")
    return target


@pytest.fixture(scope="module")
def words():
    """The real English strings, with the take-home words in them."""
    real = strings.load("en")
    assert not handout.missing_keys(real), "en.yml lacks words the handout needs"
    return real


def flat(text: str) -> str:
    """Text with every run of white space as one space (line breaks in a PDF depend on fonts)."""
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> str:
    return flat("\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def link_targets(pdf: bytes) -> list[str]:
    targets = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                targets.append(str(action.get_object().get("/URI")))
    return targets


# --- typed text: cleaned, bounded, refused with a reason ----------------------------------------------------

def test_cleaning():
    fields = Handout(name="  Ana\t\n Lu\x00\x07\x1b ", place="nose\u2028and\u00a0chin", clinician="Dr\u202e Lee\u200b")
    assert (fields.name, fields.place, fields.clinician) == ("Ana Lu", "nose and chin", "Dr Lee")


def test_combining_accents_become_one_letter():
    assert Handout(name="Zoe\u0301").name == "Zo\u00e9"
    assert unicodedata.is_normalized("NFC", Handout(name="Jose\u0301 Nu\u0303n\u0303ez").name)


def test_only_spaces_is_empty():
    fields = Handout(name="   ", place="\t\n", clinician="\u3000")
    assert (fields.name, fields.place, fields.clinician, fields.personal) == ("", "", "", False)


@pytest.mark.parametrize("field", handout.TEXT_FIELDS)
def test_the_limit_itself_is_accepted_and_one_more_is_refused_not_cut(field):
    limit = handout.LIMITS[field]
    assert getattr(Handout(**{field: "a" * limit}), field) == "a" * limit
    with pytest.raises(HandoutInputError) as error:
        Handout(**{field: "a" * (limit + 1)})
    assert error.value.problems == (handout.Problem(field, "too_long", limit, limit + 1),)


def test_the_limits_are_the_documented_ones():
    assert handout.LIMITS == {"name": 40, "place": 80, "clinician": 60}


def test_length_counts_what_is_printed_not_the_spaces_around_it():
    assert Handout(name="   " + "a" * 40 + "   \n").name == "a" * 40


def test_a_huge_paste_is_refused_at_once():
    with pytest.raises(HandoutInputError) as error:
        Handout(place="x" * 1_000_000)
    assert error.value.problems[0].code == "too_long" and error.value.problems[0].count == 1_000_000


def test_every_problem_is_reported_together():
    with pytest.raises(HandoutInputError) as error:
        Handout(name="n" * 41, place="p" * 81, clinician="Dr \U0001F600", date="yesterday")
    assert [(p.field, p.code) for p in error.value.problems] == [
        ("name", "too_long"), ("place", "too_long"), ("clinician", "symbols"), ("date", "bad_date")]


@pytest.mark.parametrize("value", ["Ana \U0001F476", "\u2764", "Ana\U0001F468\u200d\U0001F469\u200d\U0001F467",
                                   "a\u0300\u0301\u0302\u0303\u0304", "\ue000", "\U0001F1FA\U0001F1F8"])
def test_emoji_pictographs_and_stacked_marks_are_refused(value):
    with pytest.raises(HandoutInputError) as error:
        Handout(name=value)
    assert error.value.problems[0].code in ("symbols", "too_long")


@pytest.mark.parametrize("value", ["Ana-María", "O'Brien", "<b>Ana</b>", "Ana & Lu", "Đặng Thị", "مريم", "王小明",
                                   "Nguyễn", "Zoë (Zo)", "Ana #2"])
def test_letters_of_any_script_and_punctuation_are_kept(value):
    assert Handout(name=value).name == value


@pytest.mark.parametrize("value, expected", [
    (dt.date(2026, 11, 25), dt.date(2026, 11, 25)), (dt.datetime(2026, 11, 25, 9, 30), dt.date(2026, 11, 25)),
    (None, None), ("", None)])
def test_dates(value, expected):
    assert Handout(date=value).date == expected


@pytest.mark.parametrize("value", ["2026-11-25", 20261125, dt.date(1900, 1, 1), dt.date(2999, 1, 1), object()])
def test_odd_dates_are_refused(value):
    with pytest.raises(HandoutInputError) as error:
        Handout(date=value)
    assert error.value.problems == (handout.Problem("date", "bad_date"),)


def test_values_that_are_not_text_count_as_empty():
    assert Handout(name=123, place=None, clinician=["x"]).personal is False


def test_tone_and_language_from_a_hostile_browser_fall_back_quietly():
    fields = Handout(tone="<script>", lang='en"><x')
    assert (fields.tone, fields.lang) == ("medium", "en")


def test_format_date(words):
    assert handout.format_date(dt.date(2026, 3, 7), words) == "March 7, 2026"


# --- hostile input never reaches the handout unescaped --------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "bold": "<b>Ana</b>",
    "attribute breaker": '" onmouseover="alert(1)" x="',
    "single quote breaker": "' onfocus='alert(1)",
    "javascript link": "javascript:alert(1)",
    "link tag": '<a href="javascript:alert(1)">Ana</a>',
    "svg onload": "<svg onload=alert(1)>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "style": "<style>*{display:none}</style>",
    "entity": "&lt;b&gt; &amp; &#60;",
    "markdown bold": "**Ana**",
    "placeholder": "{name} {0} %s",
    "right-to-left override": "\u202eANA\u202c",
    "control characters": "A\x00n\x1ba\x7f",
    "combining accents": "Zoe\u0301 Nu\u0303n\u0303ez",
}


class Tags(HTMLParser):
    """Every tag and attribute in a piece of HTML, and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def plain_tags(words):
    """The tags and attributes of a handout with nothing typed: what every handout may contain."""
    parsed = Tags(handout.handout_html(Handout(), words, SHOWN))
    return set(parsed.tags), set(parsed.attributes)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("field", handout.TEXT_FIELDS)
def test_typed_markup_adds_no_tag_no_attribute_and_no_link(words, plain_tags, field, value):
    fields = Handout(**{field: value})
    html = handout.handout_html(fields, words, SHOWN)
    parsed = Tags(html)
    tags, attributes = plain_tags
    assert set(parsed.tags) <= tags | {"span"} and "script" not in parsed.tags
    fields_classes = {(name, v) for name, v in parsed.attributes if name == "class" and v.startswith("mk-h-field")}
    assert set(parsed.attributes) - fields_classes <= attributes
    assert not any(name.startswith("on") for name, _ in parsed.attributes)
    assert {v for name, v in parsed.attributes if name == "href"} == {SHOWN_LINK}
    assert getattr(fields, field) in flat(" ".join(parsed.text)), "the typed text is shown as text"


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_typed_markup_reaches_the_pdf_as_text(words, value):
    fields = Handout(name=value, place="nose")
    pdf = handout.build_pdf(fields, words, SHOWN)
    text = pdf_text(pdf)
    assert text.count(fields.name) == 1, "the typed name appears exactly once, as typed"
    raw = pdf.decode("latin-1")
    assert "/JavaScript" not in raw and "/JS " not in raw and "/OpenAction" not in raw and "/Launch" not in raw
    assert set(link_targets(pdf)) == {SHOWN_LINK}, "the only link: the guide's"


def shared_hostile():
    from hostile_inputs import HOSTILE_TEXT  # tests/hostile_inputs.py: the guide's shared list

    return HOSTILE_TEXT


@pytest.mark.parametrize("value", shared_hostile(), ids=lambda v: repr(v)[:20])
def test_the_shared_hostile_list_is_refused_kindly_or_printed_as_text(words, plain_tags, value):
    """Each value from tests/hostile_inputs.py, in every field: refused with a reason the view can say, or
    printed as plain text (no tag, no attribute, no link added), in the HTML and in the PDF."""
    for field in handout.TEXT_FIELDS:
        try:
            fields = Handout(**{field: value})
        except HandoutInputError as error:
            assert {p.code for p in error.problems} <= {"too_long", "symbols"}
            continue
        parsed = Tags(handout.handout_html(fields, words, SHOWN))
        assert "script" not in parsed.tags and set(parsed.tags) <= plain_tags[0] | {"span"}
        assert not any(name.startswith("on") for name, _ in parsed.attributes)
        assert {v for name, v in parsed.attributes if name == "href"} == {SHOWN_LINK}
    try:
        fields = Handout(name=value)
    except HandoutInputError:
        return
    pdf = handout.build_pdf(fields, words, SHOWN)
    if fields.name:
        assert fields.name.replace(" ", "") in pdf_text(pdf).replace(" ", "")
    assert set(link_targets(pdf)) == {SHOWN_LINK} and b"/JavaScript" not in pdf


def test_the_bold_name_is_literal_in_the_pdf_and_only_once(words):
    text = pdf_text(handout.build_pdf(Handout(name="<b>Ana</b>"), words, SHOWN))
    assert text.count("<b>Ana</b>") == 1
    assert text.count("Ana") == 1


# --- two pages (the second: when to call), paper = screen ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def personal_pdf(words):
    fields = Handout(name="Zephyrine", place="nose and cheeks", date=dt.date(2026, 11, 25), clinician="Dr Lee")
    return handout.build_pdf(fields, words, SHOWN)


def test_two_pages_with_the_typed_lines(personal_pdf):
    assert pages(personal_pdf) == handout.PAGES == 2
    text = pdf_text(personal_pdf)
    for line in ("For: Zephyrine", "Where the bumps are: nose and cheeks", "Date: November 25, 2026",
                 "Nurse or doctor: Dr Lee"):
        assert line in text
    assert text.count("Zephyrine") == 1


def test_the_handout_says_what_the_guide_says(words, personal_pdf):
    text = pdf_text(personal_pdf)
    care = handout.sections(words.get("steps.care.body"))
    expected = [words.text("steps.start.message.text"), words.text("steps.pocket.message.text"),
                words.text("app.disclaimer"), words.text("app.credit"), words.text("steps.call.title")]
    for heading, items, _ in (care[handout.CARE_DO], care[handout.CARE_DONT]):
        expected += [heading, *items]
    for sign_list in red_flags.sign_lists(words):  # every warning sign of the rule table, every level
        expected += [sign_list.heading, *sign_list.items]
    missing = [line for line in expected if flat(line) not in text]
    assert not missing


def test_the_sections_used_are_the_right_ones(words):
    care = handout.sections(words.get("steps.care.body"))
    assert care[handout.CARE_DONT][1][0].startswith("Do not squeeze")
    levels = [sign_list.level for sign_list in red_flags.sign_lists(words)]
    assert levels == sorted(levels, reverse=True) and levels[0] is red_flags.Level.EMERGENCY
    assert "911" in red_flags.sign_lists(words)[0].heading


def test_the_picture_is_the_guides_drawing(words, personal_pdf):
    text = pdf_text(personal_pdf)
    for key in ("pocket.label_covering", "pocket.label_lining", "pocket.label_contents", "pocket.label_fabric",
                "pocket.label_pocket_contents"):
        assert flat(words.text(key)) in text
    html = handout.handout_html(Handout(tone="deep"), words, SHOWN)
    assert 'class="mk-figure mk-figure-skin"' in html and "#5e3a24" in html, "the chosen skin tone is drawn"


def printed_runs(pdf: bytes, page: int) -> list[tuple[str, float]]:
    """Each run of text on a page with its printed size in points (the font size through the text matrix and the
    page's own)."""
    runs = []
    pypdf.PdfReader(io.BytesIO(pdf)).pages[page].extract_text(
        visitor_text=lambda text, cm, tm, font, size: runs.append((text.strip(), size * abs(tm[3]) * abs(cm[3]))))
    return [(text, size) for text, size in runs if text]


def test_the_first_page_shows_where_milia_are_on_a_face(words, personal_pdf):
    """PEMAT item 15 (fourth rating): the sheet asked where the bumps are but never showed milia on a baby. The
    face is on the front page, its caption printed at 9 pt or more (PEMAT item 18)."""
    caption = flat(words.text("face.caption"))
    sizes = [size for text, size in printed_runs(personal_pdf, 0) if flat(text) in caption and len(text) > 3]
    assert sizes and min(sizes) >= 9 - 0.01, sizes
    assert caption not in flat(pypdf.PdfReader(io.BytesIO(personal_pdf)).pages[1].extract_text())
    light, deep = (handout.handout_html(Handout(tone=tone), words, SHOWN) for tone in ("light", "deep"))
    faces = [re.search(r'<figure class="mk-h-face">(.*?)</figure>', html, re.S) for html in (light, deep)]
    assert all(faces) and 'id="mk-face' in faces[0].group(1)
    assert faces[0].group(1) != faces[1].group(1), "the face is drawn in the chosen skin tone"


def test_the_english_stock_sheet_keeps_the_full_size_type(words):
    """The face first pushed the English stock sheet into the smaller type (the fifth rating: the main message 13
    to 11.5 pt, the warning signs 9.6 to 8.8 pt). The committed sheet (a fresh build, test below) keeps 13 pt."""
    pdf = (handout.STOCK_DIR / handout.stock_name("care", "en")).read_bytes()
    message = flat(words.text("steps.start.message.text"))
    sizes = [size for text, size in printed_runs(pdf, 0) if len(text) > 20 and flat(text) in message]
    assert sizes and min(sizes) >= 13 - 0.01, sizes


def test_the_sources_and_review_date_are_printed(words, personal_pdf):
    text = pdf_text(personal_pdf)
    assert "Mayo Clinic" in text and "Cynthia Bailey" in text
    # the date as a parent reads dates ("December 6, 2026"), not "2026-12-06" (CDC item 7)
    reviewed = dt.date.fromisoformat(sources.load().reviewed)
    assert flat(words.text("app.reviewed", date=handout.format_date(reviewed, words))) in text
    assert sources.load().reviewed not in text


def test_the_clinic_and_its_phone(words, personal_pdf):
    text = pdf_text(personal_pdf)
    # the shipped clinic name is the example "Your clinic": the sheet says "your baby's clinic" instead
    assert "555-123-4567" in text and "Call your baby's clinic: 555-123-4567" in text
    placeholder = pdf_text(handout.build_pdf(Handout(), words, CLINIC))
    assert "000-000-0000" not in placeholder, "the placeholder number is never printed; a line is left to write on"


def test_the_moisturiser_step_only_when_the_clinic_chooses_it(words, personal_pdf):
    step = flat(words.text("handout.moisturiser.text"))
    assert step not in pdf_text(personal_pdf)
    chosen = pdf_text(handout.build_pdf(Handout(), words, dataclasses.replace(SHOWN, moisturiser_step=True)))
    assert step in chosen and flat(words.text("handout.clinic_choice_title")) in chosen
    assert flat(words.text("handout.moisturiser_note")) in chosen
    assert "bumps" in step and "fragrance" in step, "framed: no fragrance, and kept off the bumps"


LONG_CLINIC = dataclasses.replace(
    SHOWN, moisturiser_step=True, name="Northside Family Health Centre, Department of Pediatrics and Newborn Care",
    phone="+1 (555) 123-4567 ext 1234",
    guide_address="https://guide.northside-family-health.example.org/voila/render/milia/guide.ipynb?lang=en")


@pytest.mark.parametrize("wide", ["W", "\u738b"], ids=["latin", "cjk"])
def test_the_longest_allowed_input_still_fits_on_its_pages(words, wide):
    """The widest letters at every limit, with a long clinic name and address and the moisturiser step."""
    fields = Handout(name=wide * 40, place=(wide + " ") * 39 + wide, date=dt.date(2026, 12, 31), clinician=wide * 60)
    pdf = handout.build_pdf(fields, words, LONG_CLINIC)
    assert pages(pdf) == handout.PAGES
    if wide == "W":  # (CJK letters print only where the OS has a CJK font)
        assert fields.clinician in pdf_text(pdf).replace(" ", "")


def test_pages_that_do_not_fit_are_an_error_not_more_pages():
    with pytest.raises(HandoutError, match="3 pages"):
        handout.render_pdf("<p style='break-after: page'>1</p><p style='break-after: page'>2</p><p>3</p>")


def test_rebuilds_are_byte_stable(words):
    fields = Handout(name="Ana", date=dt.date(2026, 11, 25))
    assert handout.build_pdf(fields, words, SHOWN) == handout.build_pdf(fields, words, SHOWN)


def test_the_pdf_title_and_dates_hold_no_personal_data(personal_pdf):
    info = pypdf.PdfReader(io.BytesIO(personal_pdf)).metadata
    assert "Zephyrine" not in repr(dict(info))
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + sources.load().reviewed.replace("-", "")


# --- the QR code decodes, for real, to the configured address -------------------------------------------------

def decode_qr(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium
    import zxingcpp as zxing
    found = []
    for page in pdfium.PdfDocument(pdf):  # the code is at the foot of the handout's last page
        image = page.render(scale=3).to_pil()
        found += [code.text for code in zxing.read_barcodes(image) if code.format == zxing.BarcodeFormat.QRCode]
    return found


@pytest.mark.parametrize("address, link", [
    ("https://milia.maplestreetpeds.example/", "https://milia.maplestreetpeds.example/?lang=en&interactive=1"),
    # a clinic's own step and language in its address: the step kept, the sheet's language instead
    ("https://guide.clinic.example.org/milia/?lang=es&step=start",
     "https://guide.clinic.example.org/milia/?step=start&lang=en&interactive=1"),
])
def test_the_qr_code_decodes_to_the_guide_in_the_sheets_language(words, address, link):
    pdf = handout.build_pdf(Handout(name="Ana"), words, dataclasses.replace(SHOWN, guide_address=address))
    assert decode_qr(pdf) == [link] and set(link_targets(pdf)) == {link}
    assert address in pdf_text(pdf).replace(" ", ""), "the address is printed too, for those who cannot scan"


@pytest.mark.parametrize("address, lang, link", [
    ("https://g.example/", "es", "https://g.example/?lang=es&interactive=1"),
    ("https://g.example/milia/?interactive=0&lang=en#top", "es", "https://g.example/milia/?lang=es&interactive=1#top"),
    ("https://g.example:8443/m", "en", "https://g.example:8443/m?lang=en&interactive=1"),
])
def test_the_guide_link_opens_the_sheets_language_straight_into_the_guide(address, lang, link):
    assert handout.guide_link(address, lang) == link


def test_the_clinicians_sheet_qr_code_decodes_too(words):
    assert decode_qr(handout.build_clinician_pdf(words, SHOWN)) == [SHOWN_LINK]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", handout.STOCK_KINDS)
def test_a_guide_address_only_the_clinic_can_open_prints_no_qr_code_and_no_address(kind, lang):
    """The shipped example (http://127.0.0.1:8866/) on a parent's phone at home opens nothing: the sheet says to
    ask the clinic instead, in the sheet's language."""
    words = strings.load(lang)
    assert not CLINIC.has_public_address
    pdf = handout.stock_pdf(kind, words, CLINIC)
    text = pdf_text(pdf)
    assert decode_qr(pdf) == [] and link_targets(pdf) == []
    assert "127.0.0.1" not in text and "8866" not in text and "http" not in text
    assert flat(words.text("handout.ask_for_address")) in text
    assert flat(words.text("handout.scan_text")) not in text, "no 'type this address' with no address after it"


# --- nothing written to disk, nothing logged -------------------------------------------------------------------

SKIP_DIRS = {".git", "__pycache__", ".pytest_cache", "node_modules", ".venv", "site-packages"}


def snapshot(root: Path) -> dict:
    state = {}
    for folder, dirs, files in os.walk(root):
        if "pyvenv.cfg" in files:  # a virtual environment: packages, not data
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = os.path.join(folder, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            state[path] = (status.st_size, status.st_mtime_ns)
    return state


def written_since(before: dict, after: dict) -> list[str]:
    return [path for path, state in after.items() if before.get(path) != state]


def holds(path: str, marker: str) -> bool:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return any(form in data for form in (marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")))


def test_a_personalised_build_writes_nothing_and_logs_nothing(words, tmp_path, monkeypatch, caplog, capfd):
    marker = "Qyxzelmina"
    handout.build_pdf(Handout(name="warm up"), words, SHOWN)  # first-use imports and font caches happen here
    system_tmp = Path(tempfile.gettempdir())
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    repo_before, tmp_before, stock_before = snapshot(ROOT), snapshot(system_tmp), snapshot(STOCK)
    caplog.set_level("DEBUG")

    pdf = handout.build_pdf(Handout(name=marker, place="chin", clinician="Dr Lee"), words, SHOWN)
    html = handout.print_area_html(Handout(name=marker), words, SHOWN)

    assert marker in pdf_text(pdf) and marker in html
    assert list(private_tmp.iterdir()) == [], "nothing in the temp folder"
    assert snapshot(STOCK) == stock_before, "nothing in handouts/"
    changed = written_since(repo_before, snapshot(ROOT)) + written_since(tmp_before, snapshot(system_tmp))
    assert not [path for path in changed if holds(path, marker)], "no file anywhere holds what was typed"
    out, err = capfd.readouterr()
    assert marker not in out + err + caplog.text


# --- light at page load ----------------------------------------------------------------------------------------

def test_importing_the_kit_does_not_import_weasyprint_or_segno():
    code = ("import sys, milia_kit.handout, milia_kit.clinic, milia_kit.views.takehome, milia_kit.app\n"
            "heavy = [m for m in ('weasyprint', 'segno', 'pydyf', 'fontTools', 'PIL') if m in sys.modules]\n"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- stock handouts: built by the CLI, committed, and matching a fresh build ----------------------------------

@pytest.mark.parametrize("kind", handout.STOCK_KINDS)
def test_the_committed_stock_pdfs_match_a_fresh_build(words, kind):
    committed = STOCK / handout.stock_name(kind, "en")
    assert committed.exists(), f"{committed} is missing: run `python -m milia_kit.handout build`"
    fresh = handout.build_pdf(Handout(), words, CLINIC) if kind == "care" else handout.build_clinician_pdf(words, CLINIC)
    stored = committed.read_bytes()
    assert pages(stored) == handout.PAGES
    assert pdf_text(stored) == pdf_text(fresh), (
        f"{committed.name} no longer matches the strings or assets/clinic.yml: rebuild it with "
        "`python -m milia_kit.handout build` (make handouts)")


def test_the_stock_handout_has_lines_to_write_on_and_no_personal_data(words):
    text = pdf_text((STOCK / "milia-care-en.pdf").read_bytes())
    for key in ("handout.for_label", "handout.place_label", "handout.date_label", "handout.clinician_label"):
        assert re.search(re.escape(words.text(key)) + r":", text)
    html = handout.handout_html(Handout(), words, CLINIC)
    assert html.count('class="mk-h-blank') == 4, "the four personal lines are lines to write on; the phone is not"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", handout.STOCK_KINDS)
def test_the_example_settings_print_no_example_name_and_no_blank_phone_line(kind, lang):
    """With the shipped name ("Your clinic") and phone (all zeros), the sheet names "your baby's clinic" in its own
    language and says to call it, with no number and no line left empty for one."""
    words = strings.load(lang)
    assert CLINIC.name_is_placeholder and CLINIC.phone_is_placeholder and not CLINIC.moisturiser_step
    text = pdf_text(handout.stock_pdf(kind, words, CLINIC))
    assert clinic.PLACEHOLDER_NAME.casefold() not in text.casefold()
    assert CLINIC.phone not in text and "____" not in text
    your_clinic = words.text("handout.your_clinic")
    assert your_clinic.casefold() in text.casefold()
    if kind == "care":
        assert flat(words.text("handout.call_clinic", clinic=your_clinic)) in text
        sheet = handout.handout_html(Handout(lang=lang), words, CLINIC)
        call = sheet[sheet.index('class="mk-h-phone"'):]
        assert "mk-h-blank" not in call[:call.index("</p>")], "no line to write a number on"


def test_the_clinicians_sheet_uses_the_clinician_strings(words):
    text = pdf_text((STOCK / "milia-clinician-en.pdf").read_bytes())
    for item in words.get("clinician.how_to_use"):
        assert flat(item) in text
    for difference in words.get("clinician.differences"):
        assert flat(difference["topic"]) in text and flat(difference["consensus"]) in text


def complete_copy(folder: Path, lang: str, name: str):
    tree = yaml.safe_load((folder / "en.yml").read_text(encoding="utf-8"))
    tree["meta"]["language_name"], tree["meta"]["html_lang"] = name, lang
    (folder / f"{lang}.yml").write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")


def test_the_builder_builds_every_complete_language_and_skips_the_rest(tmp_path):
    folder = english_strings_folder(tmp_path / "strings")
    complete_copy(folder, "es", "Español")
    (folder / "fr.yml").write_text("meta:\n  language_name: Français\n", encoding="utf-8")
    notes = []
    assert handout.buildable_languages(folder, notes.append) == ["en", "es"]
    assert notes and "fr" in notes[0]
    out = tmp_path / "out"
    written = handout.build_stock(out, SHOWN, folder=folder, report=None)
    assert sorted(p.name for p in written) == ["milia-care-en.pdf", "milia-care-es.pdf", "milia-clinician-en.pdf",
                                               "milia-clinician-es.pdf"]
    assert all(pages(p.read_bytes()) == handout.PAGES for p in written)
    assert 'lang="es"' in handout.handout_html(Handout(), handout.words_for("es", folder), SHOWN)


def test_the_cli_builds_and_reports_bad_settings_by_name(tmp_path, capsys):
    folder = english_strings_folder(tmp_path / "strings")
    out = tmp_path / "out"
    assert handout.main(["build", "--out", str(out), "--strings", str(folder), "--lang", "en"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["milia-care-en.pdf", "milia-clinician-en.pdf"]
    assert "wrote" in capsys.readouterr().out
    bad = tmp_path / "clinic.yml"
    bad.write_text("clinic_name: A\nphone: '555 1234'\nguide_address: nowhere\n", encoding="utf-8")
    assert handout.main(["build", "--out", str(out), "--strings", str(folder), "--clinic", str(bad)]) == 1
    assert "guide_address" in capsys.readouterr().err


def at_the_limit(**changes) -> clinic.Clinic:
    """Settings with every text at the longest clinic.py accepts (tests/test_clinic.py: AT_THE_LIMIT), read as
    clinic.yml is read, and the moisturiser step on (one more paragraph on the front page)."""
    from test_clinic import AT_THE_LIMIT

    values = {field: value for field, (_, value) in AT_THE_LIMIT.items()}
    return clinic.parse({**values, "moisturiser_step": True, **changes})


LONGEST_SETTINGS = {
    # one unbreakable word of the widest capital letter (the header prints the name in capitals)
    "widest letters": at_the_limit(),
    # words and address parts just over half a line long: wrapping only between them leaves every line half empty
    "long words": at_the_limit(clinic_name=(("W" * 21 + " ") * 4)[:clinic.NAME_MAX - 1] + "W",
                               guide_address=("https://guide.example.org/" + "/".join(["m" * 15] * 8))[:clinic.ADDRESS_MAX]),
    # no QR code: a line asking for the address instead
    "local address": at_the_limit(guide_address="http://127.0.0.1:8866/"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("settings", LONGEST_SETTINGS.values(), ids=LONGEST_SETTINGS.keys())
def test_the_longest_settings_clinic_yml_accepts_print_every_sheet_on_its_pages(settings, lang):
    assert (len(settings.name), len(settings.phone)) == (clinic.NAME_MAX, clinic.PHONE_MAX)
    assert len(settings.guide_address) == clinic.ADDRESS_MAX or not settings.has_public_address
    words = strings.load(lang)
    for kind in handout.STOCK_KINDS:
        pdf = handout.stock_pdf(kind, words, settings)
        assert pages(pdf) == handout.PAGES, kind
        text = pdf_text(pdf)
        squeezed = text.replace(" ", "")  # a long word wraps anywhere: the PDF's text has breaks inside it
        assert settings.name.replace(" ", "").casefold() in squeezed.casefold(), kind
        if kind == "care":
            assert settings.phone.replace(" ", "") in squeezed
        if settings.has_public_address:
            assert settings.guide_address in squeezed, kind


def test_the_longest_guide_address_still_scans():
    settings = LONGEST_SETTINGS["widest letters"]
    assert len(settings.guide_address) == clinic.ADDRESS_MAX and "?" not in settings.guide_address
    for kind in handout.STOCK_KINDS:
        found = decode_qr(handout.stock_pdf(kind, strings.load("es"), settings))
        assert found == [settings.guide_address + "?lang=es&interactive=1"], kind


def test_a_real_clinics_settings_file_builds_every_stock_sheet(tmp_path, capsys):
    """The settings of the clinic that reported `make handouts` failing, read from a clinic.yml like theirs."""
    settings = tmp_path / "clinic.yml"
    settings.write_text('clinic_name: "Maple Street Pediatrics"\nphone: "(555) 123-4567 ext 12"\n'
                        'guide_address: "https://milia.maplestreetpeds.example/"\nmoisturiser_step: true\n',
                        encoding="utf-8")
    out = tmp_path / "handouts"
    assert handout.main(["build", "--out", str(out), "--clinic", str(settings)]) == 0, capsys.readouterr().err
    built = {path.name: path.read_bytes() for path in out.iterdir()}
    assert sorted(built) == sorted(handout.stock_name(kind, lang) for kind in handout.STOCK_KINDS for lang in ("en", "es"))
    for name, pdf in built.items():
        text = pdf_text(pdf)
        assert pages(pdf) == handout.PAGES, name
        assert "MAPLE STREET PEDIATRICS" in text, name
        assert "https://milia.maplestreetpeds.example/" in text.replace(" ", ""), name  # (it may wrap)
    assert "(555) 123-4567 ext 12" in pdf_text(built["milia-care-es.pdf"])
    # the Spanish sheet opens the Spanish guide
    assert decode_qr(built["milia-care-es.pdf"]) == ["https://milia.maplestreetpeds.example/?lang=es&interactive=1"]


def test_a_failing_build_names_each_sheet_that_failed_and_writes_nothing(tmp_path, capsys):
    """A Spanish main message far too long for any page: the Spanish parent handout cannot be built. The
    English sheets and the clinicians' sheets could be, but none is written, and the old files stay."""
    folder = english_strings_folder(tmp_path / "strings")
    spanish = (paths.STRINGS / "es.yml").read_text(encoding="utf-8")
    message = strings.load("es").get("steps.start.message.text")
    assert spanish.count(message) == 1
    (folder / "es.yml").write_text(spanish.replace(message, "Los milios no son peligrosos. " * 200), encoding="utf-8")
    out = tmp_path / "handouts"
    out.mkdir()
    old = {handout.stock_name(kind, lang): f"old {kind} {lang}".encode() for kind in handout.STOCK_KINDS
           for lang in ("en", "es")}
    for name, content in old.items():
        (out / name).write_bytes(content)

    with pytest.raises(handout.StockBuildError) as error:
        handout.build_stock(out, SHOWN, folder=folder, report=None)
    assert [(name, lang) for name, lang, _ in error.value.failures] == [("milia-care-es.pdf", "es")]
    assert "pages" in error.value.failures[0][2]
    assert {path.name: path.read_bytes() for path in out.iterdir()} == old, "nothing written, nothing left behind"

    assert handout.main(["build", "--out", str(out), "--strings", str(folder)]) == 1
    printed = capsys.readouterr()
    assert printed.out == "" and len(printed.err.strip().splitlines()) == 1 and "Traceback" not in printed.err
    assert "milia-care-es.pdf (es)" in printed.err and "milia-clinician" not in printed.err
    assert "none was written" in printed.err
    assert {path.name: path.read_bytes() for path in out.iterdir()} == old


# --- the words (the takehome_tool and handout sections of en.yml) ------------------------------------------------

LITERAL_KEY = re.compile(r"""\.(?:text|get|has)\(\s*f?["']((?:takehome_tool|handout)\.[a-z_.{}]+)["']""")
TAKE_HOME_SECTIONS = ("takehome_tool", "handout")


def take_home_words(words) -> dict:
    """The take-home sections of en.yml, flattened to dotted keys."""
    return strings.flatten({section: words.get(section) for section in TAKE_HOME_SECTIONS})


def test_every_take_home_key_the_code_uses_is_in_en_yml(words):
    defined = take_home_words(words)
    code = (ROOT / "milia_kit" / "handout.py").read_text() + (ROOT / "milia_kit" / "views" / "takehome.py").read_text()
    used = set(LITERAL_KEY.findall(code)) | {k for k in handout.REQUIRED_KEYS if k.startswith("handout.")}
    used = {key.replace("{problem.field}", field) for key in used for field in handout.TEXT_FIELDS}
    assert len(used) > 25
    missing = [key for key in used if key not in defined and not any(k.startswith(key + ".") for k in defined)]
    assert not missing


def test_the_moisturiser_steps_sources_exist(words):
    known = {s.id for s in sources.load()}
    assert set(words.get("handout.moisturiser.sources")) <= known
    assert "bailey-article" in words.get("handout.moisturiser.sources")


def test_the_take_home_words_never_repeat_the_rest_of_en_yml(words):
    """The handout reuses the guide's own words by key; its sections hold only what is new."""
    rest = {k: v for k, v in words.tree.items() if k not in TAKE_HOME_SECTIONS}
    reused = {flat(v) for v in strings.flatten(rest).values() if isinstance(v, str)}
    repeated = [v for v in take_home_words(words).values() if isinstance(v, str) and flat(v) in reused and len(v) > 20]
    assert not repeated


def test_the_spanish_handout_has_no_english_words():
    """A Spanish-speaking family reads Spanish everywhere on the sheet: the shipped clinic name ("Your clinic") is
    said as "la clínica de su bebé", and the source line gives names, not English descriptions. Proper names of
    publishers (Mayo Clinic, Seattle Children's, HealthyChildren.org, Meningitis Now) are allowed."""
    import re

    text = pdf_text(handout.build_pdf(Handout(lang="es"), strings.load("es"), CLINIC))
    assert CLINIC.name_is_placeholder and "la clínica de su bebé" in text
    for name in [s.name for s in sources.load()]:
        text = text.replace(name, "")
    english = re.findall(r"\b(the|your|you|and|with|baby|babies|doctor|skin|bumps?|this|that|call|questions?|"
                         r"clinic|sources?|reviewed|blog|article)\b", text, re.I)
    assert not english, english


def test_a_real_clinic_name_is_printed_as_it_is():
    named = dataclasses.replace(CLINIC, name="Maple Street Pediatrics")
    text = pdf_text(handout.build_pdf(Handout(lang="es"), strings.load("es"), named))
    assert "Maple Street Pediatrics" in text and "la clínica de su bebé" not in text
