"""The guide's first words, as plain HTML: what a visitor reads while the page's controls are still loading.

The notebook's first cell shows this. Under preheated Voila that cell has already run when the visitor
arrives, so the page carries these words in its first bytes and the browser shows them before any script
has loaded (and keeps showing them if scripts or the kernel's websocket never arrive). The kernel does not
know the visitor's language yet at that point, so every language is written out; a tiny script in the page
head sets `<html lang>` from the link, and the rules below show the matching one (English otherwise).
widgets.js removes the welcome once the guide itself is drawn (`data-mk-until-ready`). No widgets here.
"""
from __future__ import annotations

from . import strings
from .markup import inline

DEFAULT = strings.DEFAULT_LANGUAGE


def welcome_html(load=strings.load, languages=None) -> str:
    codes = list(languages or strings.available_languages())
    others = "".join(f':not(:lang({code}))' for code in codes if code != DEFAULT)
    rules = [".mk-welcome-lang { display: none; }",
             f"html{others} .mk-welcome-lang[lang={DEFAULT}] {{ display: block; }}"]
    rules += [f"html:lang({code}) .mk-welcome-lang[lang={code}] {{ display: block; }}" for code in codes if code != DEFAULT]
    parts = []
    for code in codes:
        words = load(code)
        parts.append(f'<div class="mk-welcome-lang" lang="{inline(code)}">'
                     f'<p class="mk-welcome-title">{inline(words.text("app.title"))}</p>'
                     f'<p class="mk-message" elementtiming="main-message">{inline(words.text("steps.start.message.text"))}</p>'
                     f'<p class="mk-loading" role="status">{inline(words.text("app.loading"))}</p></div>')
    return f'<div class="mk-welcome" data-mk-until-ready><style>{" ".join(rules)}</style>{"".join(parts)}</div>'


class Welcome:
    """Shown as a notebook output: plain HTML, so Voila writes it into the page as it is."""

    def __init__(self, load=strings.load):
        self.html = welcome_html(load)

    def _repr_html_(self) -> str:
        return self.html
