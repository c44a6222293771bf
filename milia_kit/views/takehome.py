"""Step `takehome`: a one-page handout made for this baby, to save as a PDF or to print.

The parent or clinician may fill in any of: the baby's first name, where the bumps are, the date (today is
filled in), the clinician's name, and the handout's language. All optional: an empty box prints a line to
write on. What they type is checked by `handout.Handout` (cleaned, length-bounded, refused with a friendly
message if too long or if it holds emoji; never cut) and escaped into the handout. It is never logged and
never written anywhere: the PDF is made in memory and goes straight into the page.

Download PDF. ipywidgets has no download widget. The button gets the PDF from `printer.build_pdf`: in the
served guide the server's printer process makes it (so WeasyPrint is never imported into the visitor's kernel:
37 MB and 1-2 s saved per visitor); without a printer (JupyterLab, nbval) it is built here, with WeasyPrint
imported on first use. If the printer cannot make it in time, the parent gets the usual "try again" message.
The PDF goes into an HTML widget as a link, `<a download="milia-handout.pdf"
href="data:application/pdf;base64,...">`, that the parent clicks to save it (about 32 KB of PDF, 43 KB as base64,
through the kernel's websocket). Checked on Voila 0.5.13 with Chromium: the link downloads the file. A data: link cannot
*open* the PDF in a new tab instead: browsers block opening data: addresses in a new tab.

Print. The button puts the handout (the same HTML, drawing and QR code as the PDF) into a print area that is
hidden on screen, marked with a new number each time (`data-mk-print`); the page's script (guide.js) sees a
new number and opens the browser's print window. No script travels from the kernel, and nothing typed ever
reaches a script. The PDF prints the same page from any PDF viewer.

For the app (the clinician's education note): `record` (traits `made`, `lang`, `how`, `count`; observe
`count` to hear of each new handout), or `handout_made` and `handout_lang`. It holds no typed text.

Heavy imports (weasyprint, segno) happen inside `handout`, on the first click, never at page load; in the
served guide a PDF imports neither into the kernel (Print still imports segno, for its QR code).
"""
from __future__ import annotations

import base64
import datetime as dt
import sys

import ipywidgets as widgets
from traitlets import Bool, HasTraits, Int, Unicode

from .. import handout, printer, strings
from .. import clinic as clinic_settings
from ..markup import inline, tool_heading
from .fallback import fallback_html, shows_fallback

WIDE = widgets.Layout(width="100%", max_width="34rem")
LABEL = {"description_width": "initial"}
FILE_NAME = "milia-handout.pdf"


class HandoutRecord(HasTraits):
    """What the app may know about the handouts made in this visit: no names, nothing typed."""

    made = Bool(False, help="a handout was made (downloaded as a PDF or sent to print)")
    lang = Unicode(None, allow_none=True, help="language code of the last handout made")
    how = Unicode(None, allow_none=True, help='"pdf" or "print", for the last handout made')
    count = Int(0, help="how many handouts were made; goes up by one for each")


class TakeHomeView:
    def __init__(self, visit, clinic: clinic_settings.Clinic | None = None, load_words=None):
        self.visit = visit
        # Missing or malformed settings stop the guide here, at start, naming the field.
        self.clinic = clinic or clinic_settings.load()
        self.load_words = load_words or strings.load
        self.record = HandoutRecord()
        self.heading = widgets.HTML()
        self.name = widgets.Text(layout=WIDE, style=LABEL, continuous_update=False)
        self.place = widgets.Text(layout=WIDE, style=LABEL, continuous_update=False)
        self.date = widgets.DatePicker(value=dt.date.today(), style=LABEL)
        self.clinician = widgets.Text(layout=WIDE, style=LABEL, continuous_update=False)
        self.language = widgets.Dropdown(style=LABEL)
        self.download = widgets.Button(icon="download")
        self.download.add_class("mk-primary")
        self.print = widgets.Button(icon="print")
        self.status = widgets.HTML()
        self.link = widgets.HTML()
        self.link.add_class("mk-takehome-link")
        self.print_area = widgets.HTML()
        self.prints = 0  # each Print gets a new number, so printing the same handout twice prints twice
        for control in (self.name, self.place, self.date, self.clinician, self.language, self.download, self.print):
            control.add_class("mk-control")
        buttons = widgets.HBox([self.download, self.print])
        buttons.add_class("mk-buttons")
        self.container = widgets.VBox([self.heading, self.name, self.place, self.date, self.clinician, self.language,
                                       buttons, self.status, self.link, self.print_area])
        self.container.add_class("mk-tool")
        self.container.add_class("mk-takehome")
        self.download.on_click(self._download)
        self.print.on_click(self._print)
        for field in (self.name, self.place, self.date, self.clinician, self.language):
            field.observe(self._changed, names="value")
        visit.observe(self._update, names=["lang"])
        self._update()

    # --- what the app can ask -------------------------------------------------------------------------

    @property
    def handout_made(self) -> bool:
        return self.record.made

    @property
    def handout_lang(self) -> str | None:
        return self.record.lang

    # --- the handout's words --------------------------------------------------------------------------

    def _words_for(self, lang: str):
        return self.visit.words if lang == self.visit.lang else self.load_words(lang)

    def _languages(self) -> list[tuple[str, str]]:
        """(name, code) for each language the handout can be made in: complete strings only."""
        options = []
        for code in strings.available_languages():
            try:
                words = self._words_for(code)
            except strings.StringsError:
                continue
            if not handout.missing_keys(words):
                options.append((words.text("meta.language_name"), code))
        return options

    # --- actions --------------------------------------------------------------------------------------

    def _fields(self) -> handout.Handout | None:
        """The typed fields, checked; None (and a friendly message) if something cannot be printed."""
        codes = [code for _name, code in self.language.options]
        lang = self.language.value if self.language.value in codes else None  # a hostile browser can send anything
        try:
            return handout.Handout(name=self.name.value, place=self.place.value, date=self.date.value,
                                   clinician=self.clinician.value, lang=lang or self.visit.lang, tone=self.visit.tone)
        except handout.HandoutInputError as error:
            self._show_problems(error.problems)
            return None

    def _build(self, make, making_key: str | None = None):
        """(fields, what `make` built from them), or None when the input was refused or the build failed."""
        fields = self._fields()
        if fields is None:
            return None
        words = self._words_for(fields.lang)
        self._clear_outputs()
        if making_key:
            self.status.value = self._note(self.visit.words.text(making_key))
        try:
            return fields, make(fields, words, self.clinic)
        except Exception as error:  # never log the fields; say only what kind of failure it was
            self._failed(error)
            return None

    @shows_fallback("status")
    def _download(self, _button=None):
        built = self._build(printer.build_pdf, "takehome_tool.making")
        if built is None:
            return
        fields, pdf = built
        address = "data:application/pdf;base64," + base64.b64encode(pdf).decode("ascii")
        self.status.value = self._note(self.visit.words.text("takehome_tool.download_ready"))
        self.link.value = (f'<p><a class="mk-download-link" download="{FILE_NAME}" href="{address}" '
                           f'type="application/pdf">{inline(self.visit.words.text("takehome_tool.download_link"))}</a></p>')
        self._made(fields.lang, "pdf")

    @shows_fallback("status")
    def _print(self, _button=None):
        built = self._build(handout.print_area_html)
        if built is None:
            return
        fields, area = built
        self.prints += 1
        self.print_area.value = f'<div data-mk-print="{self.prints}">{area}</div>'  # guide.js prints on a new number
        self.status.value = self._note(self.visit.words.text("takehome_tool.print_ready"))
        self._made(fields.lang, "print")

    def _made(self, lang: str, how: str):
        with self.record.hold_trait_notifications():
            self.record.made, self.record.lang, self.record.how = True, lang, how
            self.record.count += 1

    @shows_fallback("status")
    def _changed(self, _change=None):
        """A field changed after a handout was made: the link or print area no longer matches; take it away."""
        if self.link.value or self.print_area.value:
            self._clear_outputs()
            words = self.visit.words
            self.status.value = self._note(words.text("takehome_tool.changed",
                                                      download=words.text("takehome_tool.download_button"),
                                                      print=words.text("takehome_tool.print_button")))
        elif self.status.value:
            self.status.value = ""

    def _clear_outputs(self):
        self.link.value = ""
        self.print_area.value = ""

    # --- messages -------------------------------------------------------------------------------------

    @staticmethod
    def _note(text: str) -> str:
        return f'<p class="mk-note" role="status" aria-live="polite">{inline(text)}</p>'

    def _show_problems(self, problems):
        words = self.visit.words
        self._clear_outputs()
        items = "".join(f"<li>{inline(problem_text(p, words))}</li>" for p in problems)
        self.status.value = (f'<div class="mk-alert" role="alert"><p>{inline(words.text("takehome_tool.problem_intro"))}</p>'
                             f'<ul>{items}</ul></div>')

    def _failed(self, error: Exception):
        print(f"milia_kit: the handout could not be made ({type(error).__name__})", file=sys.stderr)
        self._clear_outputs()
        self.status.value = (f'<p class="mk-alert" role="alert">{inline(self.visit.words.text("takehome_tool.failed"))}</p>'
                             + fallback_html(self.visit.words))

    # --- the one redraw path --------------------------------------------------------------------------

    @shows_fallback("status")
    def _update(self, _change=None):
        words = self.visit.words
        self.heading.value = handout.page_style() + tool_heading(
            words.text("takehome_tool.title"), words.text("takehome_tool.intro"), words.text("takehome_tool.privacy"))
        self.name.description = words.text("takehome_tool.name_label")
        self.name.placeholder = words.text("takehome_tool.name_placeholder")
        self.place.description = words.text("takehome_tool.place_label")
        self.place.placeholder = words.text("takehome_tool.place_placeholder")
        self.date.description = words.text("takehome_tool.date_label")
        self.clinician.description = words.text("takehome_tool.clinician_label")
        self.clinician.placeholder = words.text("takehome_tool.clinician_placeholder")
        self.language.description = words.text("takehome_tool.language_label")
        options = self._languages()
        self.language.options = options
        codes = [code for _name, code in options]
        self.language.value = self.visit.lang if self.visit.lang in codes else (codes[0] if codes else None)
        self.download.description = words.text("takehome_tool.download_button")
        self.download.tooltip = words.text("takehome_tool.download_button")
        self.print.description = words.text("takehome_tool.print_button")
        self.print.tooltip = words.text("takehome_tool.print_button")
        self._clear_outputs()
        self.status.value = ""


def problem_text(problem: handout.Problem, words) -> str:
    """One problem with what was typed, in plain words."""
    if problem.code == "bad_date":
        return words.text("takehome_tool.bad_date")
    field = words.text(f"takehome_tool.field_names.{problem.field}")
    if problem.code == "too_long":
        return words.text("takehome_tool.too_long", field=field, limit=problem.limit, count=problem.count)
    return words.text("takehome_tool.symbols", field=field)
