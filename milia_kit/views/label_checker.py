"""The label checker on step `care`: a parent pastes an ingredient list and reads, in plain words, what it holds.

All the finding is done by `labels.check_label` (pure); this view only turns its report into words.
What the parent types stays in this widget: it is never written to disk or logged, and it is escaped
before it is shown back. The check runs inside `_update`, so a check that fails shows the safe fallback.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import labels
from ..markup import inline, tool_heading
from .fallback import shows_fallback


class LabelCheckerView:
    def __init__(self, visit):
        self.visit = visit
        self.checking = False  # Check was pressed (and Clear not since): the answer shows the box's report
        self.report: labels.LabelReport | None = None
        self.heading = widgets.HTML()
        # sent when the box loses focus (as the Check button takes it), so the check sees every last letter
        self.text = widgets.Textarea(rows=5, continuous_update=False, layout=widgets.Layout(width="100%", max_width="40rem"),
                                     style={"description_width": "initial"})
        self.text.add_class("mk-label-input")
        self.check = widgets.Button(icon="search")
        self.check.add_class("mk-primary")
        self.clear = widgets.Button()
        self.answer = widgets.HTML()
        buttons = widgets.HBox([self.check, self.clear])
        buttons.add_class("mk-buttons")
        self.container = widgets.VBox([self.heading, self.text, buttons, self.answer])
        self.container.add_class("mk-tool")
        self.check.on_click(self._check)
        self.clear.on_click(self._clear)
        visit.observe(self._update, names=["lang"])
        self._update()

    def _check(self, _button=None):
        self.checking = True
        self._update()

    def _clear(self, _button=None):
        self.text.value = ""
        self.checking = False
        self._update()

    @shows_fallback("answer")
    def _update(self, _change=None):
        words = self.visit.words
        self.heading.value = tool_heading(words.text("labels.title"), words.text("labels.intro.text"),
                                          words.text("labels.privacy"))
        self.text.description = words.text("labels.input_label")
        self.text.placeholder = words.text("labels.placeholder")
        self.check.description = words.text("labels.check_button")
        self.clear.description = words.text("labels.clear_button")
        self.report = None
        if self.checking:
            self.report = labels.check_label(self.text.value if isinstance(self.text.value, str) else "")
        self.answer.value = report_html(self.report, words, self.visit.lang) if self.report else ""


def report_html(report: labels.LabelReport, words, lang: str = "en") -> str:
    """The checker's answer in words; everything the parent typed is escaped."""
    if report.status == labels.EMPTY:
        return f'<p class="mk-alert" role="status">{inline(words.text("labels.hint_empty"))}</p>'
    if report.status == labels.TOO_LONG:
        return f'<p class="mk-alert" role="status">{inline(words.text("labels.too_long", limit=f"{labels.MAX_CHARS:,}"))}</p>'
    parts = [f'<h4>{inline(words.text("labels.results_title"))}</h4>']
    if not report.found_any:
        parts.append(f'<p>{inline(words.text("labels.none_found.text"))}</p>')
    for category, findings in report.by_category().items():
        if not findings:
            continue
        items = "".join(
            f'<li><strong>{inline(words.text("labels.found_pattern", term=labels.term_name(f, lang), typed=f.matched_text))}</strong>'
            f'<br>{inline(words.text(f"labels.note_explain.{f.note_key}.text"))}</li>'
            for f in findings
        )
        parts.append(f'<section class="mk-finding mk-finding-{category}">'
                     f'<h5>{inline(words.text(f"labels.category_title.{category}"))}</h5>'
                     f'<p>{inline(words.text(f"labels.category_explain.{category}.text"))}</p><ul>{items}</ul></section>')
    if report.may_contain:
        parts.append(f'<p>{inline(words.text("labels.may_contain.text"))}</p>')
    if report.claims:
        claims = "".join(f'<li>{inline(words.text(f"labels.claims_explain.{c}.text"))}</li>' for c in report.claims)
        parts.append(f'<h5>{inline(words.text("labels.claims_title"))}</h5><ul>{claims}</ul>')
    parts.append(f'<p class="mk-note">{inline(words.text("labels.checking_note"))}</p>')
    parts.append(f'<p class="mk-note">{inline(words.text("labels.tip.text"))}</p>')
    return f'<div class="mk-label-report" role="status" aria-live="polite">{"".join(parts)}</div>'
