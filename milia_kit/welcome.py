"""The guide's first words, as plain HTML: what a visitor reads while the page's controls are still loading.

The notebook's first cell shows this. Under preheated Voila that cell has already run when the visitor
arrives, so the page carries these words in its first bytes and the browser shows them before any script
has loaded (and keeps showing them if scripts or the kernel's websocket never arrive). The kernel does not
know the visitor's language or step yet at that point, so every language and every step's heading and main
message are written out (a few KB); a tiny script in the page head sets `<html lang>` and `data-mk-step` from
the link, and the rules below show the matching ones (English and Start otherwise). So a link to a step, as
from the handout's QR code, shows that step's own words while the controls load, not Start's.
widgets.js removes the welcome once the guide itself is drawn (`data-mk-until-ready`). No widgets here.
The page's words before the guide is drawn come from here too, in every language: the note shown when the
guide could not load, and the banner's words (guide.js reads them from the welcome, then from the header).
"""
from __future__ import annotations

from html import escape

from . import strings
from .markup import inline
from .visit import STEPS

DEFAULT = strings.DEFAULT_LANGUAGE
# the page's own words: (data attribute, strings key); guide.js writes each into its element
PAGE_WORDS = (("data-mk-gone", "app.kernel_gone"), ("data-mk-reload", "app.reload"),
              ("data-mk-reconnecting", "app.reconnecting"), ("data-mk-skip", "app.skip"))


def page_words(words) -> str:
    """The page's own words (kernel-gone banner, Reload, reconnecting, skip link) as data attributes guide.js reads.

    The app's header carries them once the guide is drawn; the welcome carries them before, one set per language.
    """
    return " ".join(f'{name}="{escape(words.text(key))}"'  # plain text: guide.js writes it as textContent
                    for name, key in PAGE_WORDS)


def welcome_html(load=strings.load, languages=None) -> str:
    """The welcome, and the page's note for a guide that could not load (hidden; guide.js or widgets.js shows it).

    The language rules stay on the page after the welcome goes: the note may still be needed then.
    """
    codes = list(languages or strings.available_languages())
    others = "".join(f':not(:lang({code}))' for code in codes if code != DEFAULT)
    # "Loading the guide..." only where something will replace it: the served page's guide.css shows it. In
    # JupyterLab (no guide.css, no page script) it would stay for ever above the guide drawn below it.
    rules = [".mk-lang { display: none; }", ".mk-loading { display: none; }",
             f"html{others} .mk-lang[lang={DEFAULT}] {{ display: block; }}"]
    rules += [f"html:lang({code}) .mk-lang[lang={code}] {{ display: block; }}" for code in codes if code != DEFAULT]
    rules += step_rules()
    welcome, problem = [], []
    for code in codes:
        words = load(code)
        steps = "".join(
            f'<div class="mk-welcome-step" data-mk-step="{step}">'
            f'<p class="mk-welcome-heading">{inline(words.text(f"steps.{step}.title"))}</p>'
            f'<p class="mk-message" elementtiming="main-message">{inline(words.text(f"steps.{step}.message.text"))}</p>'
            f'</div>' for step in STEPS)
        welcome.append(f'<div class="mk-lang mk-welcome-lang" lang="{inline(code)}" {page_words(words)}>'
                       f'<p class="mk-welcome-title">{inline(words.text("app.title"))}</p>{steps}'
                       f'<p class="mk-loading" role="status">{inline(words.text("app.loading"))}</p></div>')
        problem.append(f'<p class="mk-lang" lang="{inline(code)}">{inline(words.text("app.page_problem"))}</p>')
    return (f'<style>{" ".join(rules)}</style>'
            f'<div class="mk-welcome" data-mk-until-ready>{"".join(welcome)}</div>'
            f'<div id="mk-page-problem" role="alert" hidden>{"".join(problem)}</div>')


def step_rules(steps=STEPS) -> list[str]:
    """Start's words unless the page head named another step the guide has (an unknown step opens Start)."""
    first = steps[0]
    rules = [".mk-welcome-step { display: none; }", f".mk-welcome-step[data-mk-step={first}] {{ display: block; }}"]
    for step in steps[1:]:
        rules += [f"html[data-mk-step={step}] .mk-welcome-step[data-mk-step={first}] {{ display: none; }}",
                  f"html[data-mk-step={step}] .mk-welcome-step[data-mk-step={step}] {{ display: block; }}"]
    return rules


class Welcome:
    """Shown as a notebook output: plain HTML, so Voila writes it into the page as it is."""

    def __init__(self, load=strings.load):
        self.html = welcome_html(load)

    def _repr_html_(self) -> str:
        return self.html
