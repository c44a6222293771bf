"""The safe fallback: what a parent sees when a tool breaks while they use it, instead of nothing.

`@shows_fallback("answer")` on a view's update method: if the method raises, the view's `answer` widget (an
ipywidgets.HTML) shows `fallback_html` in the visitor's language (call your doctor; call your emergency number),
and one line is logged naming only the view's class and the exception's class. Never the exception's message
or traceback: they can hold what a parent typed.
"""
from __future__ import annotations

import functools
import logging

from .. import strings
from ..markup import inline

KEY = "app.safe_fallback"
log = logging.getLogger(__name__)


# The one parent-facing sentence in code, on purpose: the last resort when not even the English strings file
# can be read (it was checked at start, so only a file changed or removed while the guide runs gets here).
# It repeats app.safe_fallback in en.yml word for word (tests/test_fallback.py holds them equal).
LAST_RESORT = ("If you are worried about your baby, call your doctor now. "
               "If your baby is very weak or not breathing well, call your emergency number.")


def _english() -> str:
    try:
        return strings.load(strings.DEFAULT_LANGUAGE).text(KEY) or LAST_RESORT
    except Exception:  # importing this must never fail, and the box must never be empty
        return LAST_RESORT


# Read once at import, while the files are known to load: the last resort then needs no file at all.
ENGLISH = _english()


def fallback_html(words) -> str:
    """The fallback as an alert box, in `words`' language, else in English. Never raises."""
    try:
        text = words.text(KEY)
    except Exception:
        text = ENGLISH
    return f'<div class="mk-fallback" role="alert">{inline(text)}</div>'


def shows_fallback(widget: str):
    """Decorate a view's update method: on any Exception, `self.<widget>.value` becomes the fallback."""
    def decorate(update):
        @functools.wraps(update)
        def guarded(self, *args, **kwargs):
            try:
                return update(self, *args, **kwargs)
            except Exception as error:
                log.error("milia_kit: %s failed (%s); showing the safe fallback",
                          type(self).__name__, type(error).__name__)
                getattr(self, widget).value = fallback_html(_words(self))
                return None
        return guarded
    return decorate


def _words(view):
    try:
        return view.visit.words
    except Exception:  # the visitor's strings themselves failed: fallback_html uses English
        return None
