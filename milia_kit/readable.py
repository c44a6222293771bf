"""The readable guide: every step's words and default pictures as one plain HTML page, with no kernel and no script.

Served by the front door (front_door.py) to whatever cannot use the interactive guide: search engines, link
previews, `curl`, prefetches, browsers with scripts off, and every visitor while the server is at its cap (then
with a short "busy" note and a Retry link). It is the same guide: each step's heading, main message and body
(the warning signs from the rule table, the washing, face and glass-test pictures in the default skin tone), the
pocket picture, the look-alike pictures, each step's sources by name, the Sources list with addresses, and the
stock handouts. Deep links (`?step=&lang=`) put that step first.

A browser's first request gets this page with one small script (`first=True`, `ASK_FOR_GUIDE`): it marks the
browser as one that runs scripts and opens the same address again, which then gets the interactive guide
(front_door.py). With scripts off it stays here, and says why.

Pure: the same (language, step, busy, address, first) always gives the same page; the server keeps each one it makes.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from urllib.parse import urlencode, urlsplit

from . import drawing, inserts, strings
from .markup import all_blocks, blocks_html, inline
from .model import Pocket
from .visit import STEPS
from .step_text import block_sources, sources_line_html, sources_page_html, step_intro_html

PREVIEW_IMAGE = "voila/files/assets/images/jeans-pocket-preview.png"  # og:image, made by tools/make-preview-image.py
OG_LOCALES = {"en": "en_US", "es": "es_US"}  # the guide's languages as a US clinic's families read them
STOCK_HANDOUT = "voila/files/handouts/milia-care-{lang}.pdf"
# First in <head>, before the style sheet (a script after it would wait for it): the browser leaves at once.
# If the cookie was already there, the server chose this page (busy, or not a browser): stay, never loop.
ASK_FOR_GUIDE = """<script>(function () {
  var proof = "%(cookie)s=%(value)s";
  function proven() { return document.cookie.split("; ").indexOf(proof) >= 0; }
  if (proven()) { return; }
  document.cookie = proof + "; path=%(path)s; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
  var url = new URL(location.href);
  if (!proven()) {  /* no cookies kept: say it in the address instead */
    if (url.searchParams.get("%(query)s") === "1") { return; }
    url.searchParams.set("%(query)s", "1");
  }
  /* the rest of this page (every step, ~35 KB) would share a phone's bandwidth with the guide it opens */
  if (window.stop) { window.stop(); }
  location.replace(url.href);
})();</script>"""


def language(asked: str | None) -> str:
    """The language asked for, if the guide has it; else English."""
    asked = (asked or "").strip().lower()
    return asked if asked in strings.available_languages() else strings.DEFAULT_LANGUAGE


def step(asked: str | None) -> str | None:
    asked = (asked or "").strip().lower()
    return asked if asked in STEPS else None


@lru_cache(maxsize=64)
def page_html(lang: str = strings.DEFAULT_LANGUAGE, first: str | None = None, busy: bool = False,
              site: str = "http://127.0.0.1:8866/", ask_for_guide: bool = False,
              stylesheet: str = "") -> str:
    """The whole readable guide in `lang`, the step `first` at the top, and the busy note if `busy`.

    `site` is the guide's own address (scheme, host and base path, ending in "/"): link previews need absolute
    addresses for the picture and the page. `ask_for_guide`: a browser's first visit, with the script that brings
    the interactive guide (ASK_FOR_GUIDE) and a note for a browser with scripts off (a plain paragraph: a browser
    that runs the script has left before it is drawn). `stylesheet`: the address the interactive page names its
    style sheet by (versioned by the server): one address, so the interactive page finds it already loaded.
    (Prefetching the interactive page's scripts from here was measured and dropped: Chromium abandons a
    prefetch when the page it came from leaves, and the next page asked for them afresh.)"""
    from .front_door import COOKIE, COOKIE_VALUE, QUERY

    words = strings.load(language(lang))
    lang = words.lang
    order = ([first] if first in STEPS else []) + [s for s in STEPS if s != first]
    title = words.text("app.title")
    description = words.text("steps.start.message.text")
    query = {"lang": lang, **({"step": first} if first in STEPS else {})}
    here = site + "?" + urlencode(query)
    script = (ASK_FOR_GUIDE % {"cookie": COOKIE, "value": COOKIE_VALUE, "query": QUERY,
                               "path": urlsplit(site).path or "/"}) if ask_for_guide else ""
    stylesheet = stylesheet or f"{urlsplit(site).path}voila/templates/milia/static/guide.css"
    head = (
        f'<meta charset="utf-8">{script}<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><meta name="description" content="{escape(description)}">'
        f'<meta property="og:type" content="website"><meta property="og:title" content="{escape(title)}">'
        f'<meta property="og:description" content="{escape(description)}">'
        f'<meta property="og:image" content="{escape(site + PREVIEW_IMAGE)}">'
        f'<meta property="og:image:alt" content="{escape(words.text("pocket.figure_title"))}">'
        f'<meta property="og:locale" content="{OG_LOCALES.get(lang, lang)}"><meta property="og:url" content="{escape(here)}">'
        f'<link rel="icon" href="data:;base64,="><link rel="stylesheet" href="{escape(stylesheet)}">'
        + "".join(f'<link rel="alternate" hreflang="{other}" href="{escape(site)}?{urlencode({**query, "lang": other})}">'
                  for other in strings.available_languages() if other != lang))
    languages = " · ".join(
        f'<a href="?{escape(urlencode({**query, "lang": other}))}" lang="{other}">{escape(strings.load(other).text("meta.language_name"))}</a>'
        for other in strings.available_languages() if other != lang)
    note = (f'<div class="mk-alert mk-busy" role="status"><p>{inline(words.text("readable.busy"))}</p>'
            f'<p><a class="mk-retry" href="?{escape(urlencode(query))}">{inline(words.text("readable.retry"))}</a></p></div>'
            if busy else f'<p class="mk-note">{inline(words.text("readable.about"))} '
                         f'<a href="?{escape(urlencode({**query, QUERY: "1"} if ask_for_guide else query))}">'
                         f'{inline(words.text("readable.interactive"))}</a></p>'
                         # whoever still sees this page after its script has had its turn has scripts off
                         + (f'<p class="mk-note">{inline(words.text("readable.needs_script"))}</p>'
                            if ask_for_guide else ""))
    steps = "".join(_step_html(words, step_id, site) for step_id in order)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body class="mk-readable">'
        f'<a class="mk-skip" href="#main">{inline(words.text("app.skip"))}</a>'
        f'<header class="mk-readable-header"><h1 class="mk-readable-title">{inline(title)}</h1>'
        f'<p>{inline(words.text("app.subtitle"))}</p><p>{inline(words.text("app.language_label"))}: {languages}</p></header>'
        f'<main id="main">{note}{steps}{sources_page_html(words)}</main>'
        f'<footer><p class="mk-disclaimer">{inline(words.text("app.disclaimer"))}</p></footer></body></html>'
    )


def _step_html(words, step_id: str, site: str) -> str:
    blocks = words.get(f"steps.{step_id}.body") or ()
    parts = {block["insert"]: inserts.html(block["insert"], words, drawing.DEFAULT_TONE)
             for block in all_blocks(blocks) if "insert" in block}
    extra = ""
    if step_id == "pocket":  # the pocket picture the step's controls change, in its first stage
        skin, jeans = drawing.pocket_svgs(Pocket(), words, drawing.DEFAULT_TONE)
        extra = f'<div class="mk-pocket-figure"><div class="mk-panel">{skin}</div><div class="mk-panel">{jeans}</div></div>'
    if step_id == "lookalikes":
        extra = _lookalike_cards(words)
    if step_id == "takehome":  # the stock handout, in place of the handout maker
        extra = f'<p><a href="{escape(site + STOCK_HANDOUT.format(lang=words.lang))}">{inline(words.text("readable.handout"))}</a></p>'
    # each step's heading is an h2 (step_intro_html); its id is the deep link's anchor
    return (f'<section class="mk-step" aria-labelledby="mk-step-{step_id}">{step_intro_html(words, step_id)}'
            f'{extra}<div class="mk-body">{blocks_html(blocks, parts)}</div>'
            f'{sources_line_html(words.text("app.step_sources"), block_sources(words.get(f"steps.{step_id}")))}</section>')


def _lookalike_cards(words) -> str:
    from . import lookalikes
    from .lookalike_drawing import condition_svg

    cards = []
    for condition in lookalikes.load():
        base = f"lookalikes.conditions.{condition.id}"
        cards.append(f'<section class="mk-lookalike" aria-labelledby="mk-readable-{condition.id}">'
                     f'<div class="mk-readable-card-picture">{condition_svg(condition.id, words, drawing.DEFAULT_TONE)}</div>'
                     f'<h3 id="mk-readable-{condition.id}">{inline(words.text(f"{base}.name"))}</h3>'
                     f'<p>{inline(words.text(f"{base}.differs.text"))}</p><p>{inline(words.text(f"{base}.harmless.text"))}</p></section>')
    return f'<h3 class="mk-gallery-heading">{inline(words.text("lookalikes.result.gallery_heading"))}</h3>{"".join(cards)}'

