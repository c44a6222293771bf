"""The education note on step `takehome`, in clinician mode: this visit in a few lines, and a Copy button.

It follows the visit live: steps shown, teach-back answers, the handout's language. The Copy button is
handled in the page script (static/guide.js), which copies the note's text from the page to the clipboard.
"""
from __future__ import annotations

from datetime import date

import ipywidgets as widgets

from ..education_note import note_text
from ..markup import inline
from .fallback import shows_fallback


class EducationNoteView:
    def __init__(self, visit, quiz, takehome):
        self.visit, self.quiz, self.takehome = visit, quiz, takehome
        self.text = widgets.HTML()
        self.copy = widgets.Button(icon="copy")
        self.copy.add_class("mk-copy-note")
        self.container = widgets.VBox([self.text, self.copy])
        self.container.add_class("mk-tool")
        self.container.add_class("mk-education-note")
        visit.observe(self._update, names=["lang", "mode", "seen"])
        quiz.observe(self._update, names=["answers"])
        takehome.record.observe(self._update, names=["count"])
        self._update()

    def note(self) -> str:
        return note_text(self.visit.words, seen=self.visit.seen, teach_back=self.quiz.summary(),
                         handout_lang=self.takehome.handout_lang, today=date.today())

    @shows_fallback("text")
    def _update(self, _change=None):
        words, showing = self.visit.words, self.visit.mode == "clinician"
        self.container.layout.display = None if showing else "none"
        if not showing:
            return
        self.copy.description = words.text("education_note.copy")
        self.copy.tooltip = words.text("education_note.copied")
        self.text.value = (f'<h3 class="mk-tool-title">{inline(words.text("education_note.title"))}</h3>'
                           f'<p class="mk-note">{inline(words.text("education_note.intro"))}</p>'
                           f'<pre class="mk-note-text" tabindex="0">{inline(self.note())}</pre>')
