"""The parts a step's body can ask for with `{insert: name}`: HTML made from something other than the step's own
words. views/page.py shows them; preflight checks that every name a strings file uses is one of `NAMES`.

Each part's module loads with the first step that asks for it, which keeps a visitor's kernel small until then.
"""
from __future__ import annotations

NAMES = ("red_flag_lists", "call_short", "washing_steps")
# Drawn in the parent's skin tone: a step showing one of these is drawn again when the tone changes.
TONED = frozenset({"washing_steps"})


def html(name: str, words, tone: str) -> str:
    """The part `name` in the visitor's words (and skin tone, for a drawing)."""
    if name == "washing_steps":
        from .washing_drawing import washing_svg

        return f'<figure class="mk-washing">{washing_svg(words, tone)}</figure>'
    from . import red_flags  # the warning signs, from the rule table

    if name not in red_flags.INSERTS:
        raise KeyError(f"no step part {name!r} (the parts are {', '.join(NAMES)})")
    return red_flags.INSERTS[name](words)
