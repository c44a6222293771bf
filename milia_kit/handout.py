"""The take-home handout: one sheet (two printed pages) with the guide's own words and pictures, as HTML and as a PDF.

What is on it (the guide's words, not new ones, so paper and screen cannot drift): the main message of
step Start; where milia are, on a face (`face_drawing.face_svg`, its caption as text); the jeans-pocket picture (the same `drawing.pocket_svgs`) with the Pocket step's message and
the credit; what to do and what not to do (the two lists of step Care); when to call (every warning sign of the rule
table, by level, as on step Call: `red_flags.sign_lists`; the clinic's phone); a QR code to the guide; sources, review date, disclaimer.
The clinic's settings never leave a hole or an example on the sheet: the shipped example name prints as "your
baby's clinic", the example (all-zero) phone as "Questions? Call your baby's clinic." with no number, and a guide
address no parent can open from home (127.0.0.1, a private network) as "Ask the clinic for this guide's web
address." with no QR code (`Clinic.has_public_address`).
Optional personal lines: the baby's first name, where the bumps are, the date, the clinician. An empty
line is printed for each one left out, so a parent or nurse can write it in by hand.

Typed text (`Handout`): cleaned, then checked, then escaped.
- Cleaning: Unicode NFC (a letter plus a combining accent becomes one letter); any run of white space,
  line breaks included, becomes one space; control characters and invisible format characters (the
  right-to-left override and other direction marks, zero-width spaces, byte-order marks) are removed.
- Checking: a field longer than its limit (`LIMITS`: name 40, place 80, clinician 60, counted after
  cleaning) is REFUSED with a friendly message saying the limit and the count; it is never cut, so the
  parent sees exactly what will be printed. Emoji and other pictographs are refused with a friendly
  message too: the page fonts cannot draw them (they would print as empty boxes). Letters of any
  script, digits, spaces and punctuation (< > & " ' included) are accepted and printed as typed.
- Escaping: typed text is escaped with `html.escape` (not `markup.inline`, so a typed **word** is printed
  as typed, never bold); the guide's own words go through `markup.inline` as everywhere else. Typed text
  never goes into an attribute, a link or a style. The only link on the page is the clinic's guide
  address, which `clinic.py` has checked is http(s).
- Fit: the page is laid out again with smaller type (`compact`) in the rare case that long typed lines or
  long clinic settings push it past its pages, so any accepted input and any accepted clinic.yml print on
  `PAGES` pages (the tests build every limit at once); `HandoutError` otherwise.
- Pages: two, one sheet printed on both sides. The first holds what milia are and the care; the second,
  "When to call", holds every warning sign of the rule table at full size. (On one page the warning signs
  needed type too small to read: the most important part of the handout deserves a page of its own.)

Why WeasyPrint. It turns HTML and CSS into PDF in memory (`write_pdf()` returns bytes), so the handout
reuses the guide's markup, its SVG drawings and a CSS file under assets/ instead of a second layout in
another drawing language. It draws inline SVG, embeds and subsets real fonts (text stays selectable and
searchable, and pypdf reads it back, accents included), tags the PDF for screen readers, and loads nothing
from outside when given no URLs (a fetcher that refuses every URL makes sure of it). It is pure Python on
top of the OS's Pango, which the clinic machines already have. The alternatives were worse here:
ReportLab needs the layout written again in Python and has no SVG; the browser's own print
(nbconvert webpdf, Playwright) needs a headless Chromium in the kernel; LaTeX is a large install.
Its cost: importing it and making the first PDF takes about 1.1-1.5 s of CPU and adds about 37 MB to
the process, so it (and segno, for the QR code) is imported only inside `render_pdf`/`qr_svg`, when a
PDF or printable page is first made, never when the guide loads. Each later PDF takes about 0.4 s of CPU
(flex and grid layout are most of it; the stylesheet is parsed once per process, see `_Engine`).
In the served guide that process is the server's printer (printer.py), not the visitors' kernels.

Paper: A4, with margins that keep everything inside a US Letter sheet too (assets/style/handout.css).

Why segno for the QR code: pure Python, no dependencies, writes SVG directly (inlined into the page,
so nothing is fetched or written), deterministic.

Privacy: a personalised PDF is built in memory and returned as bytes; nothing is written to disk and
nothing typed is logged. Only `build_stock` writes files: the generic handouts in handouts/, with no
personal data, built by `python -m milia_kit.handout build` (the lead's `make handouts`). It builds every sheet
in memory first and writes them only if all were built, so a failure leaves the old sheets as they were.

No widgets here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from . import paths, red_flags, strings
from . import sources as sources_module
from .clinic import Clinic
from .drawing import DEFAULT_TONE, TONES, captions_html, pocket_svgs
from .markup import inline
from .step_text import format_date, reviewed_line
from .face_drawing import face_svg
from .model import Pocket
from .glass_test_drawing import glass_test_svg
from .washing_drawing import captions as washing_captions
from .washing_drawing import washing_svg

LIMITS = {"name": 40, "place": 80, "clinician": 60}
TEXT_FIELDS = tuple(LIMITS)
RAW_MAX = 2_000  # longer raw input is refused before any cleaning work
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
MAX_MARKS_IN_A_ROW = 3  # more combining marks on one letter than any language needs ("Zalgo" text)
KEEP_FORMAT = {"\u200c", "\u200d"}  # zero-width (non-)joiners: needed to spell words in some scripts
REFUSED_CATEGORIES = {"So", "Co", "Cn", "Cs"}  # pictographs and emoji, private use, unassigned, surrogates
CSS_FILE = "handout.css"
PAGE_ONLY = "/* ==== guide page only"  # handout.css: the rules after this line are for the guide page only
STOCK_DIR = paths.ROOT / "handouts"
STOCK_KINDS = ("care", "clinician")
PAGES = 2  # every handout and the clinician sheet: the second page is the warning signs (see above)

# Which of a step's "heading + list" sections the handout uses (see `sections`); en.yml order.
CARE_DO, CARE_DONT = 0, 1
TAKEHOME_REMEMBER = 0  # Take home's "Remember" list: the handout's summary (PEMAT item 11)
WHY_HOW_LONG = 1  # the heading of Why babies get them that says what experts know and do not know (CDC item 11)

# Every key the handout and the clinician sheet read; a language without all of them is not built.
REQUIRED_KEYS = (
    "meta.html_lang", "app.disclaimer", "app.credit", "app.reviewed", "steps.start.title", "steps.start.message",
    "steps.pocket.title", "steps.pocket.message", "steps.care.body", "steps.call.title", "steps.takehome.body",
    "steps.why.body", "pocket.skin_heading", "pocket.jeans_heading", "washing.title",
    "clinician.how_to_use", "clinician.talking_points", "clinician.differences", "clinician.maps_to",
    "clinician_ui.how_to_use_title", "clinician_ui.talking_points_title", "clinician_ui.differences_title",
    "clinician_ui.maps_to_title", "clinician_ui.topic", "clinician_ui.article", "clinician_ui.consensus",
    "handout.document_title", "handout.for_label", "handout.place_label", "handout.date_label",
    "handout.clinician_label", "handout.date_pattern", "handout.months", "handout.phone_line",
    "handout.your_clinic", "handout.call_clinic", "handout.ask_for_address",
    "handout.scan_title", "handout.scan_text", "handout.sources_title", "handout.sources_more",
    "handout.clinic_choice_title", "handout.moisturiser.text", "handout.moisturiser.sources", "handout.moisturiser_note",
    "handout.clinician_sheet.title", "handout.clinician_sheet.document_title", "handout.clinician_sheet.intro",
)


class HandoutError(RuntimeError):
    """The handout could not be laid out on its pages (a layout or strings problem, not the parent's input)."""


class StockBuildError(HandoutError):
    """Some stock sheets could not be built, so none was written; `.failures` holds (file name, language, why)
    for each, and the message names them all on one line."""

    def __init__(self, failures):
        self.failures = tuple(failures)
        super().__init__("; ".join(f"{name} ({lang}): {why}" for name, lang, why in self.failures))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was typed: the field, what is wrong (a code), and the numbers to say."""

    field: str  # "name", "place", "clinician" or "date"
    code: str  # "too_long", "symbols" or "bad_date"
    limit: int = 0
    count: int = 0


class HandoutInputError(ValueError):
    """What was typed cannot go on the handout as it is; `.problems` says why, field by field."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in self.problems))


def clean(raw) -> str:
    """Typed text as it will be printed: NFC, one space for any white space, no control or format characters."""
    if not isinstance(raw, str):  # a hostile browser can send anything
        return ""
    kept = []
    for char in unicodedata.normalize("NFC", raw):
        category = unicodedata.category(char)
        if char.isspace() or category in ("Zl", "Zp", "Zs"):
            kept.append(" ")
        elif category == "Cc" or (category == "Cf" and char not in KEEP_FORMAT):
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())


def _symbols(text: str) -> bool:
    """True if the text holds emoji or other characters the handout cannot print, or stacked marks."""
    marks = 0
    for char in text:
        category = unicodedata.category(char)
        if category in REFUSED_CATEGORIES:
            return True
        marks = marks + 1 if category.startswith("M") else 0
        if marks > MAX_MARKS_IN_A_ROW:
            return True
    return False


def _as_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and FIRST_DATE <= value <= LAST_DATE:
        return value
    raise ValueError("not a date")


@dataclass(frozen=True)
class Handout:
    """What the parent or clinician typed, all optional, cleaned and checked when made.

    `Handout(name=..., ...)` cleans every text field (see `clean`) and raises `HandoutInputError` listing
    every problem at once; a `Handout` that exists is safe to print. All fields empty: the stock handout.
    """

    name: str = ""
    place: str = ""
    date: dt.date | None = None
    clinician: str = ""
    lang: str = strings.DEFAULT_LANGUAGE
    tone: str = DEFAULT_TONE

    def __post_init__(self):
        problems, cleaned = [], {}
        for field in TEXT_FIELDS:
            raw = getattr(self, field)
            text = clean(raw[:RAW_MAX + 1] if isinstance(raw, str) else raw)
            if isinstance(raw, str) and len(raw) > RAW_MAX:
                problems.append(Problem(field, "too_long", LIMITS[field], len(raw)))
            elif len(text) > LIMITS[field]:
                problems.append(Problem(field, "too_long", LIMITS[field], len(text)))
            elif _symbols(text):
                problems.append(Problem(field, "symbols"))
            cleaned[field] = text
        try:
            date = _as_date(self.date)
        except ValueError:
            problems.append(Problem("date", "bad_date"))
            date = None
        if problems:
            raise HandoutInputError(problems)
        for field, text in cleaned.items():
            object.__setattr__(self, field, text)
        object.__setattr__(self, "date", date)
        if self.tone not in TONES:  # tone and language come from controls, never typed: fall back quietly
            object.__setattr__(self, "tone", DEFAULT_TONE)
        if not (isinstance(self.lang, str) and re.fullmatch(r"[a-z]{2,3}", self.lang)):
            object.__setattr__(self, "lang", strings.DEFAULT_LANGUAGE)

    @property
    def personal(self) -> bool:
        return bool(self.name or self.place or self.clinician or self.date)


# --- words --------------------------------------------------------------------------------------------


def sections(blocks) -> list[tuple[str, list[str], list[str]]]:
    """Each (small heading, its list items, their sources) in a step's body, in order."""
    found, heading = [], None
    for block in blocks or ():
        if "h" in block:
            heading = block["h"]
        if "ul" in block and heading is not None:
            found.append((heading, list(block["ul"]), list(block.get("sources") or [])))
            heading = None
    return found


def heading_and_paragraph(blocks, number: int) -> tuple[str, str, list[str]]:
    """(the `number`-th small heading of a step's body, the first paragraph after it, that paragraph's sources)."""
    blocks = list(blocks or ())
    at = [i for i, block in enumerate(blocks) if "h" in block][number]
    paragraph = next(block for block in blocks[at + 1:] if "p" in block)
    return blocks[at]["h"], paragraph["p"], list(paragraph.get("sources") or [])


def missing_keys(words) -> list[str]:
    """Keys the handout needs that this language's strings lack (empty: the language can be built)."""
    missing = [key for key in REQUIRED_KEYS if not words.has(key)]
    if not missing:
        if len(sections(words.get("steps.care.body"))) <= CARE_DONT:
            missing.append("steps.care.body (two heading + list sections)")
    return missing


def _fill(words, key: str, **html_values: str) -> str:
    """A pattern from the strings, escaped, with already-safe HTML put in its placeholders."""
    marked = words.text(key, **{name: f"\x00{name}\x00" for name in html_values})
    html = inline(marked)
    for name, value in html_values.items():
        html = html.replace(f"\x00{name}\x00", value)
    return html


def _blank(wide: bool = False) -> str:
    return f'<span class="mk-h-blank{" mk-h-blank-wide" if wide else ""}" aria-hidden="true"></span>'


@lru_cache(maxsize=None)
def css(page: bool = False) -> str:
    """The handout's stylesheet (assets/style/handout.css), read once: the PDF's part, or (`page`) all of it.

    The rules after PAGE_ONLY only matter in the guide page (print area); they are left out of the PDF,
    where their `:has()` selectors would only cost time (about a third of each build)."""
    text = (paths.STYLE / CSS_FILE).read_text(encoding="utf-8")
    return text if page else text.split(PAGE_ONLY, 1)[0]


@lru_cache(maxsize=16)
def qr_svg(address: str) -> str:
    """A QR code for the address as inline SVG (segno, imported on first use), in ink on white."""
    import segno

    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#1d2430", light="#ffffff", omitsize=True,
                          svgclass="mk-h-qr-code", lineclass=None)
    return svg


def _sources_line(ids, words) -> str:
    """Who the facts on the page come from (by name, as the guide's steps show them, in order of first use: names
    are the same in every language); the guide lists each one."""
    listed = sources_module.load()
    publishers = list(dict.fromkeys(listed[i].name for i in ids))
    return (f'<p class="mk-h-sources"><strong>{inline(words.text("handout.sources_title"))}:</strong> '
            f'{escape("; ".join(publishers))}. {inline(words.text("handout.sources_more"))} '
            f'{inline(reviewed_line(listed.reviewed, words))}</p>')


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>"


def _personal_lines(fields: Handout, words) -> str:
    """The four personal lines: what was typed, or a line to write on."""
    rows = (
        ("handout.for_label", fields.name, "mk-h-name", False),
        ("handout.date_label", format_date(fields.date, words) if fields.date else "", "mk-h-date", False),
        ("handout.place_label", fields.place, "mk-h-place", True),
        ("handout.clinician_label", fields.clinician, "mk-h-who", True),
    )
    cells = []
    for key, typed, css_class, wide in rows:
        # typed text is escaped only (`escape`, not `inline`: a typed **word** stays as typed, never bold)
        value = escape(typed) if typed else _blank(wide)
        empty = "" if typed else " mk-h-field-empty"
        cells.append(f'<div class="mk-h-field {css_class}{empty}"><span class="mk-h-field-label">'
                     f'{inline(words.text(key))}:</span> <span class="mk-h-field-value">{value}</span></div>')
    return f'<div class="mk-h-fields">{"".join(cells)}</div>'


def guide_link(address: str, lang: str) -> str:
    """Where the sheet's QR code and link go: the guide's address, opened in the sheet's language (a Spanish sheet
    opens the Spanish guide), straight into the interactive guide. A phone that scans the code is a browser that
    runs scripts: `interactive=1` (front_door.QUERY) spares it the readable page's hop, about half a second on a
    phone network; the guide takes it out of the address bar (guide.js). The printed address stays the plain one."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from .front_door import QUERY

    parts = urlsplit(address)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("lang", QUERY)]
    return urlunsplit(parts._replace(query=urlencode([*query, ("lang", lang), (QUERY, "1")])))


def _way_back(clinic: Clinic, words, compact: int = 0) -> str:
    """How to open the guide again: its QR code and address, or, when the address opens only on the clinic's own
    computer or network (`has_public_address`), a line telling the parent to ask the clinic for it: a code that
    leads nowhere at home would only teach the parent that the sheet is wrong."""
    title = inline(words.text("handout.scan_title"))
    if not clinic.has_public_address:
        # "the clinic", not its name: the name heads the sheet, and a long one here took lines the front page
        # does not have
        return (f'<div class="mk-h-qr mk-h-no-address"><div class="mk-h-qr-words"><p class="mk-h-qr-title">{title}</p>'
                f'<p>{inline(words.text("handout.ask_for_address"))}</p></div></div>')
    shown = _breakable(clinic.guide_address) if compact >= LAST_FIT else escape(clinic.guide_address)
    link = guide_link(clinic.guide_address, words.lang)
    return (f'<div class="mk-h-qr"><div class="mk-h-qr-image" role="img" aria-label="{title}">{qr_svg(link)}</div>'
            f'<div class="mk-h-qr-words"><p class="mk-h-qr-title">{title}</p>'
            f'<p>{inline(words.text("handout.scan_text"))}</p>'
            f'<p class="mk-h-address"><a href="{escape(link)}">{shown}</a></p></div></div>')


def _breakable(text: str) -> str:
    """Text that may wrap after any character (escaped, a <wbr> between characters), for the last fit: lines
    otherwise break only at spaces, "/" or "-", and words or address parts just over half a line long leave every
    line half empty. (WeasyPrint's `word-break: break-all` only breaks a word longer than a whole line.) The
    <wbr> prints nothing and adds nothing to the PDF's text: a parent copying the address gets it whole.
    An accent typed as its own mark stays with its letter (a break between them would print it alone)."""
    letters = []
    for char in text:
        if letters and unicodedata.category(char).startswith("M"):
            letters[-1] += char
        else:
            letters.append(char)
    return "<wbr>".join(escape(letter) for letter in letters)


def _clinic_heading(clinic: Clinic, words, compact: int) -> str:
    """The clinic's name at the top of a sheet; on the last fit, breakable anywhere (see `_breakable`)."""
    name = clinic_name(clinic, words)
    return f'<p class="mk-h-clinic">{_breakable(name) if compact >= LAST_FIT else escape(name)}</p>'


def clinic_name(clinic: Clinic, words) -> str:
    """The clinic's name, or, while assets/clinic.yml has the shipped example, "your baby's clinic" in the
    handout's language (a Spanish sheet never says "Your clinic")."""
    return words.text("handout.your_clinic") if clinic.name_is_placeholder else clinic.name


def _phone_line(clinic: Clinic, words) -> str:
    name = escape(clinic_name(clinic, words))
    if clinic.phone_is_placeholder:
        # the shipped example number: say whom to call, with no number. A blank line "to write the number in"
        # is easily left blank, and then reads as a missing number; the clinic's name still says whom to call.
        return f'<p class="mk-h-phone">{_fill(words, "handout.call_clinic", clinic=name)}</p>'
    phone = f'<span class="mk-h-phone-number">{escape(clinic.phone)}</span>'
    return f'<p class="mk-h-phone">{_fill(words, "handout.phone_line", clinic=name, phone=phone)}</p>'


def handout_body(fields: Handout, words, clinic: Clinic, compact: int = 0) -> str:
    """The handout itself (an <article>), without page or stylesheet: for the PDF and the print area.

    `compact` (1) sets smaller type, 2 smaller pictures too, and 3 lets the clinic's name and address wrap after any
    letter, for long input or settings that would not fit on their pages otherwise (see `FITS`)."""
    care = sections(words.get("steps.care.body"))
    (do_title, do_items, do_sources), (dont_title, dont_items, dont_sources) = care[CARE_DO], care[CARE_DONT]
    used = [*words.get("steps.start.message.sources"), *words.get("steps.pocket.message.sources"),
            *do_sources, *dont_sources]
    clinic_choice = ""
    if clinic.moisturiser_step:
        used += words.get("handout.moisturiser.sources")
        clinic_choice = (f'<p class="mk-h-choice"><strong>{inline(words.text("handout.clinic_choice_title"))}:</strong> '
                         f'{inline(words.text("handout.moisturiser.text"))} '
                         f'<span class="mk-h-small">{inline(words.text("handout.moisturiser_note"))}</span></p>')
    emergency, *calmer = red_flags.sign_lists(words)  # most urgent first: the emergency number leads
    used += [source for sign_list in (emergency, *calmer) for source in sign_list.sources]
    call_lists = "".join(red_flags.list_html(sign_list, "h3", f"mk-h-call-list mk-h-{sign_list.level.code}")
                         for sign_list in calmer)
    used.append("bailey-article")  # the jeans-pocket picture's credit
    skin, jeans = pocket_svgs(Pocket(), words, fields.tone)
    remember_title, remember_items, remember_sources = sections(words.get("steps.takehome.body"))[TAKEHOME_REMEMBER]
    how_long_title, how_long, how_long_sources = heading_and_paragraph(words.get("steps.why.body"), WHY_HOW_LONG)
    used += [*remember_sources, *how_long_sources, *words.get("washing.sources"), *words.get("glass_test.sources"),
             *words.get("face.sources")]
    return (
        f'<article class="mk-handout{_fit_class(compact)}" lang="{escape(words.text("meta.html_lang"))}">'
        f'<header class="mk-h-header"><div class="mk-h-top"><h1>{inline(words.text("steps.start.title"))}</h1>'
        f'{_clinic_heading(clinic, words, compact)}</div>'
        f'<p class="mk-h-message">{inline(words.text("steps.start.message.text"))}</p></header>'
        # where milia are, on a face (PEMAT item 15), beside the lines that ask where the bumps are; small, so its
        # caption is text at 9 pt or more and names the places instead of the drawing's labels
        f'<figure class="mk-h-face">{face_svg(words, fields.tone, caption=False, labels=False)}'
        f'<figcaption>{inline(words.text("face.caption"))}</figcaption></figure>'
        f'{_personal_lines(fields, words)}'
        # the pocket picture as wide as the page: its labels print at 9 pt or more (PEMAT item 18)
        f'<section class="mk-h-picture"><div class="mk-h-picture-words"><h2>{inline(words.text("steps.pocket.title"))}</h2>'
        f'<p>{inline(words.text("steps.pocket.message.text"))}</p>'
        f'<p><strong>{inline(how_long_title)}</strong> {inline(how_long)}</p></div>'
        f'<div class="mk-h-panels"><figure class="mk-h-panel"><figcaption>{inline(words.text("pocket.skin_heading"))}</figcaption>{skin}</figure>'
        f'<figure class="mk-h-panel"><figcaption>{inline(words.text("pocket.jeans_heading"))}</figcaption>{jeans}</figure></div></section>'
        f'<div class="mk-h-care"><section class="mk-h-do"><h2>{inline(do_title)}</h2>{_list(do_items)}</section>'
        f'<section class="mk-h-dont"><h2>{inline(dont_title)}</h2>{_list(dont_items)}</section></div>{clinic_choice}'
        # how to wash, as pictures (PEMAT item 26), beside the summary (PEMAT item 11)
        f'<div class="mk-h-wash-row"><figure class="mk-h-washing">{washing_svg(words, fields.tone, captions=False)}'
        f'{captions_html(*washing_captions(words), numbered=False)}</figure>'
        f'<section class="mk-h-remember"><h2>{inline(remember_title)}</h2>{_list(remember_items)}</section></div>'
        # the front page ends with the way back to the guide and the sources; the back page is "when to call"
        f'<footer class="mk-h-footer">{_way_back(clinic, words, compact)}'
        f'<div class="mk-h-notes"><p class="mk-h-disclaimer">{inline(words.text("app.disclaimer"))}</p>'
        f'<p class="mk-h-credit">{inline(words.text("app.credit"))}</p>{_sources_line(used, words)}</div></footer>'
        f'<section class="mk-h-call"><div class="mk-h-call-top"><h2>{inline(words.text("steps.call.title"))}</h2>'
        f'{_phone_line(clinic, words)}</div>{red_flags.list_html(emergency, "h3", "mk-h-emergency")}'
        f'<div class="mk-h-call-lists">{call_lists}'
        f'<figure class="mk-h-glass">{glass_test_svg(words, fields.tone)}</figure></div></section>'
        f'</article>'
    )


def clinician_body(words, clinic: Clinic, compact: int = 0) -> str:
    """The clinician's quick-reference sheet (an <article>) from the `clinician` strings."""
    how = "".join(f"<li>{inline(item)}</li>" for item in words.get("clinician.how_to_use"))
    points = "".join(f'<li><strong>{inline(words.text(f"steps.{step}.nav"))}:</strong> {inline(text)}</li>'
                     for step, text in words.get("clinician.talking_points").items())
    rows = "".join(f'<tr><th scope="row">{inline(d["topic"])}</th><td>{inline(d["article"])}</td>'
                   f'<td>{inline(d["consensus"])}</td></tr>' for d in words.get("clinician.differences"))
    ids = list(words.get("clinician.maps_to_sources"))
    ids += [source for sign_list in red_flags.sign_lists(words) for source in sign_list.sources]
    for difference in words.get("clinician.differences"):
        ids += difference.get("sources") or []
    return (
        f'<article class="mk-handout mk-h-clinician{_fit_class(compact)}" lang="{escape(words.text("meta.html_lang"))}">'
        f'<header class="mk-h-header"><div class="mk-h-top"><h1>{inline(words.text("handout.clinician_sheet.title"))}</h1>'
        f'{_clinic_heading(clinic, words, compact)}</div></header>'
        f'<div class="mk-h-care"><section><h2>{inline(words.text("clinician_ui.how_to_use_title"))}</h2><ol>{how}</ol></section>'
        f'<section><h2>{inline(words.text("clinician_ui.maps_to_title"))}</h2>'
        f'<p>{inline(words.text("clinician.maps_to"))}</p></section></div>'
        f'<section><h2>{inline(words.text("clinician_ui.talking_points_title"))}</h2><ul class="mk-h-points">{points}</ul></section>'
        f'{red_flags.clinician_html(words)}'
        f'<section><h2>{inline(words.text("clinician_ui.differences_title"))}</h2>'
        f'<p class="mk-h-intro">{inline(words.text("handout.clinician_sheet.intro"))}</p>'
        f'<table class="mk-h-table"><thead><tr><th scope="col">{inline(words.text("clinician_ui.topic"))}</th>'
        f'<th scope="col">{inline(words.text("clinician_ui.article"))}</th>'
        f'<th scope="col">{inline(words.text("clinician_ui.consensus"))}</th></tr></thead><tbody>{rows}</tbody></table></section>'
        f'<footer class="mk-h-footer">{_way_back(clinic, words, compact)}'
        f'<div class="mk-h-notes">{_sources_line(ids, words)}</div></footer>'
        f'</article>'
    )


def _document(body: str, title: str, words, clinic: Clinic, style: bool = True) -> str:
    reviewed = escape(sources_module.load().reviewed)
    sheet = f"<style>{css()}</style>" if style else ""
    return (f'<!DOCTYPE html><html lang="{escape(words.text("meta.html_lang"))}"><head><meta charset="utf-8">'
            f'<title>{escape(title)}</title><meta name="author" content="{escape(clinic_name(clinic, words))}">'
            f'<meta name="dcterms.created" content="{reviewed}"><meta name="dcterms.modified" content="{reviewed}">'
            f'{sheet}</head><body class="mk-h-page">{body}</body></html>')


def handout_html(fields: Handout, words, clinic: Clinic, compact: int = 0, style: bool = True) -> str:
    """The whole handout as one self-contained HTML page (its stylesheet inlined; nothing to fetch).

    `style=False` leaves the stylesheet out, for `render_pdf(..., styled=True)`, which adds it already parsed."""
    return _document(handout_body(fields, words, clinic, compact), words.text("handout.document_title"), words, clinic,
                     style)


def clinician_html(words, clinic: Clinic, compact: int = 0, style: bool = True) -> str:
    return _document(clinician_body(words, clinic, compact), words.text("handout.clinician_sheet.document_title"),
                     words, clinic, style)


def print_area_html(fields: Handout, words, clinic: Clinic) -> str:
    """The handout for the guide page's print area: hidden on screen, the only thing the browser prints.
    Needs `page_style()` on the same page."""
    return f'<div class="mk-print-area">{handout_body(fields, words, clinic)}</div>'


def page_style() -> str:
    """The handout's whole stylesheet as a <style> element, for the guide page (print area, download link)."""
    return f"<style>{css(page=True)}</style>"


# --- PDF ----------------------------------------------------------------------------------------------


class _Engine:
    """WeasyPrint and what every build can share, made once per process (on the first PDF, never at import).

    Profiling a warm build (cProfile, `tools/bench.py`) showed work redone for nothing on every PDF: parsing
    and compiling the handout's stylesheet (about 45 ms, a tenth of a build), a new font configuration (about
    8 ms, and Pango's font caches thrown away with it), a new fetcher class. The stylesheet is now parsed once
    and given to WeasyPrint already compiled (`stylesheets=`; as the document's only stylesheet it cascades as
    the inlined one did: the PDFs come out byte for byte the same); the rest is where the time goes (layout of
    the flex and grid boxes, drawing the pictures, writing the PDF), and cutting it would change the page."""

    def __init__(self):
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        class NoFetch(weasyprint.URLFetcher):
            """The handout is self-contained: refuse every URL, so nothing is fetched from disk or network."""

            def fetch(self, url, headers=None):
                raise ValueError("the handout loads nothing from outside")

        self.weasyprint = weasyprint
        self.fetcher = NoFetch()
        self.fonts = FontConfiguration()
        self.stylesheet = weasyprint.CSS(string=css(), url_fetcher=self.fetcher, font_config=self.fonts,
                                         media_type="print")


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    return _Engine()


def render_pdf(html: str, pages: int = PAGES, styled: bool = False) -> bytes:
    """HTML to PDF bytes in memory, checked to be exactly `pages` pages. Imports WeasyPrint on first use.

    `styled`: apply the handout's stylesheet, parsed once per process (for HTML made with `style=False`)."""
    engine = _engine()
    document = engine.weasyprint.HTML(string=html, url_fetcher=engine.fetcher, media_type="print").render(
        font_config=engine.fonts, stylesheets=[engine.stylesheet] if styled else None)
    if len(document.pages) != pages:
        raise HandoutError(f"the sheet takes {len(document.pages)} pages; it must fit on {pages}")
    return document.write_pdf(pdf_tags=True, pdf_identifier=b"milia-kit-handout")


def build_pdf(fields: Handout, words, clinic: Clinic) -> bytes:
    """The personalised handout as a PDF of `PAGES` pages, in memory: nothing is written to disk or logged.

    If long typed lines push it past its pages, it is laid out again with smaller type (`compact`);
    `HandoutError` only if even that does not fit (a strings or layout problem, not the parent's).
    In the served guide the kernels ask the printer (`printer.build_pdf`), which calls this."""
    return _fitted(lambda compact: handout_html(fields, words, clinic, compact, style=False))


def build_clinician_pdf(words, clinic: Clinic) -> bytes:
    """The clinicians' quick-reference sheet as a PDF of `PAGES` pages (the second: the red flags)."""
    return _fitted(lambda compact: clinician_html(words, clinic, compact, style=False))


# How a handout is fitted on its pages, tried in order: the normal layout; smaller type; smaller type and
# pictures too (their labels then print a little under 9 pt, only for the longest typed lines or clinic settings,
# or Spanish with a public address and the moisturiser step); and last, the same with the clinic's name and address
# wrapping after any letter (`_breakable`: a name or address of long parts otherwise leaves lines half empty).
FITS = (0, 1, 2, 3)
LAST_FIT = FITS[-1]
FIT_CLASSES = ("", " mk-h-compact", " mk-h-compact mk-h-tight")  # the last fit has the tight fit's style


def _fitted(make_html) -> bytes:
    # Only when a layout spills past its pages is the page laid out again, a step tighter: guessing in advance
    # could shrink type on a handout that fits.
    for fit in FITS[:-1]:
        try:
            return render_pdf(make_html(fit), styled=True)
        except HandoutError:
            pass
    return render_pdf(make_html(FITS[-1]), styled=True)


def _fit_class(compact: int) -> str:
    return FIT_CLASSES[min(max(int(compact), 0), len(FIT_CLASSES) - 1)]


# --- stock handouts ---------------------------------------------------------------------------------


def words_for(lang: str, folder: Path | None = None):
    """The strings for a language (checked against English); from another folder if given."""
    if folder is None:
        return strings.load(lang)
    words = strings.Strings(lang, folder)
    if lang != strings.DEFAULT_LANGUAGE:
        problems = strings.compare(strings.Strings(strings.DEFAULT_LANGUAGE, folder), words)
        if problems:
            raise strings.StringsError(f"{words.path} does not match the English file: " + "; ".join(problems[:5]))
    return words


def stock_name(kind: str, lang: str) -> str:
    return f"milia-{kind}-{lang}.pdf"


def buildable_languages(folder: Path | None = None, report=None) -> list[str]:
    """Languages with a complete strings file: English, and any other whose file matches it and has the handout."""
    ready = []
    for lang in strings.available_languages(folder or paths.STRINGS):
        try:
            missing = missing_keys(words_for(lang, folder))
        except strings.StringsError as error:
            missing = [str(error)]
        if missing:
            if report:
                report(f"skipped {lang}: its strings are not complete ({'; '.join(missing)[:300]})")
        else:
            ready.append(lang)
    return ready


def stock_pdf(kind: str, words, clinic: Clinic) -> bytes:
    """One stock sheet: the generic parent handout ("care", no name, no date) or the clinicians' sheet."""
    return build_pdf(Handout(lang=words.lang), words, clinic) if kind == "care" else build_clinician_pdf(words, clinic)


def build_stock(out_dir: Path = STOCK_DIR, clinic: Clinic | None = None, langs=None, folder: Path | None = None,
                report=print) -> list[Path]:
    """Write the generic handouts (no name, no date) for every complete language: milia-care-<lang>.pdf
    and milia-clinician-<lang>.pdf. Byte-stable: the same strings, settings and fonts give the same bytes.

    Every sheet is built in memory first; only if all were built are they written (each through a temporary
    file, so a sheet is never half written). Otherwise `StockBuildError` names each sheet that failed and why,
    and nothing in `out_dir` changes: the printed sheets never mix old and new settings."""
    from . import clinic as clinic_module

    clinic = clinic or clinic_module.load()
    built, failures = [], []
    for lang in langs or buildable_languages(folder, report):
        try:
            words = words_for(lang, folder)
            missing = missing_keys(words)
            if missing:
                raise strings.StringsError(f"its strings lack {'; '.join(missing)[:300]}")
        except strings.StringsError as error:
            failures += [(stock_name(kind, lang), lang, _one_line(error)) for kind in STOCK_KINDS]
            continue
        for kind in STOCK_KINDS:
            start = time.perf_counter()
            try:
                built.append((stock_name(kind, lang), stock_pdf(kind, words, clinic), time.perf_counter() - start))
            except (HandoutError, strings.StringsError) as error:
                failures.append((stock_name(kind, lang), lang, _one_line(error)))
    if failures:
        raise StockBuildError(failures)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, pdf, seconds in built:
        path = out_dir / name
        part = path.with_name(f".{name}.part")
        part.write_bytes(pdf)
        os.replace(part, path)
        written.append(path)
        if report:
            report(f"wrote {path} ({len(pdf) // 1024} KB, {seconds:.2f} s)")
    return written


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m milia_kit.handout",
                                     description="Build the stock handouts (generic, no personal data) into handouts/.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build milia-care-<lang>.pdf and milia-clinician-<lang>.pdf")
    build.add_argument("--out", type=Path, default=STOCK_DIR, help="folder to write to (default: handouts/)")
    build.add_argument("--lang", action="append", help="only this language (repeatable; default: every complete one)")
    build.add_argument("--strings", type=Path, help="a folder of <lang>.yml strings files (default: assets/strings)")
    build.add_argument("--clinic", type=Path, help="a clinic settings file (default: assets/clinic.yml)")
    args = parser.parse_args(argv)
    from . import clinic as clinic_module

    try:
        clinic = clinic_module.load(args.clinic)
        written = build_stock(args.out, clinic, args.lang, args.strings)
    except StockBuildError as error:
        print(f"Could not build the handouts, so none was written to {args.out}: {error}", file=sys.stderr)
        return 1
    except (clinic_module.ClinicSettingsError, strings.StringsError, HandoutError) as error:
        print(f"Could not build the handouts: {_one_line(error)}", file=sys.stderr)
        return 1
    if not written:
        print("Could not build the handouts: no language has complete strings", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
