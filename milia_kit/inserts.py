"""The parts a step's body can ask for with `{insert: name}`: HTML made from something other than the step's own
words. views/page.py shows them; preflight checks that every name a strings file uses is one of `NAMES`.

Each part's module loads with the first step that asks for it, which keeps a visitor's kernel small until then.
"""
from __future__ import annotations

from importlib import import_module

# The drawings a step can show, each in the parent's skin tone: name -> (module, function, the figure's class,
# whether its panels' captions follow it as page text: the module's `captions`, drawing.captions_html).
DRAWINGS = {
    "washing_steps": ("washing_drawing", "washing_svg", "mk-washing", True),
    "glass_test": ("glass_test_drawing", "glass_test_svg", "mk-glass-test", True),
    "milia_face": ("face_drawing", "face_svg", "mk-face", False),
}
# The warning signs, from the rule table (red_flags.INSERTS).
WARNING_SIGNS = ("red_flag_lists", "call_short")
# What the handout has, as the clinic's settings make it (Take home).
HANDOUT_CONTENTS = "handout_contents"
NAMES = (*WARNING_SIGNS, *DRAWINGS, HANDOUT_CONTENTS)
# A step showing one of these is drawn again when the tone changes.
TONED = frozenset(DRAWINGS)


def html(name: str, words, tone: str) -> str:
    """The part `name` in the visitor's words (and skin tone, for a drawing)."""
    if name in DRAWINGS:
        module, function, css, captions_as_text = DRAWINGS[name]
        drawing_module = import_module(f".{module}", __package__)
        draw = getattr(drawing_module, function)
        if not captions_as_text:
            return f'<figure class="{css}">{draw(words, tone)}</figure>'
        from .drawing import captions_html  # the captions as text: a phone shrinks a wide picture's own

        return f'<figure class="{css}">{draw(words, tone, captions=False)}{captions_html(*drawing_module.captions(words))}</figure>'
    if name == HANDOUT_CONTENTS:
        return handout_contents(words)
    if name not in WARNING_SIGNS:
        raise KeyError(f"no step part {name!r} (the parts are {', '.join(NAMES)})")
    from . import red_flags

    return red_flags.INSERTS[name](words)


def handout_contents(words) -> str:
    """What the handout has, as a list: its phone number and its code only when the clinic's settings give them
    (a number that is not the shipped example; an address parents can open from home), as the handout itself
    prints them (handout._phone_line, _way_back). A list that promised them anyway was wrong on every sheet made
    with the example settings (the fourth PEMAT/CDC rating)."""
    from . import clinic
    from .markup import blocks_html

    settings = clinic.load()
    keys = ["takehome_tool.contents.pocket", "takehome_tool.contents.care", "steps.call.nav",
            *(["takehome_tool.contents.phone"] if not settings.phone_is_placeholder else []),
            *(["takehome_tool.contents.scan"] if settings.has_public_address else [])]
    return blocks_html([{"ul": [words.text(key) for key in keys]}])  # as the step's own lists are drawn
