"""Guards every control against a hostile browser.

The browser side of a widget can send any state for any trait: ipywidgets applies it with `set_trait`, which
skips read-only checks (a page could rewrite a dropdown's labels), lets `index=None` through, and echoes the raw
values back before validating them. A real page only ever sends a control's `value` or `index`, so a guarded
widget accepts just those, of the right kind and in range, and quietly drops anything else: no error, no log
line holding what was sent, and nothing changes. (Echoes are switched off for the guide's kernels in serve.py.)
"""
from __future__ import annotations

import types

import ipywidgets as widgets
from traitlets import TraitError

FROM_BROWSER = ("value", "index")


def guard_tree(root: widgets.Widget) -> None:
    """Guard `root` and every widget inside it."""
    for widget in walk(root):
        if "set_state" not in widget.__dict__:
            widget.set_state = types.MethodType(_guarded_set_state, widget)


def walk(root: widgets.Widget):
    yield root
    for child in getattr(root, "children", ()) or ():
        yield from walk(child)


def acceptable(widget: widgets.Widget, state: dict) -> dict:
    """The part of a browser's update a real page could have sent, with a sane type."""
    accepted = {}
    for name, value in state.items():
        if name not in FROM_BROWSER or name not in widget.keys:
            continue
        if name == "index":
            options = getattr(widget, "_options_labels", ())
            if isinstance(widget.index, tuple):  # multiple selection: a list of valid positions
                if not (isinstance(value, list) and all(_position(v, options) for v in value)):
                    continue
            elif not _position(value, options):
                continue
        accepted[name] = value
    return accepted


def _position(value, options) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(options)


def _guarded_set_state(self, sync_data):
    accepted = acceptable(self, sync_data)
    if not accepted:
        return
    try:
        widgets.Widget.set_state(self, accepted)
    except (TraitError, TypeError, ValueError):
        # the value had the right name but not the right kind (a word for a number, say): ignore it whole
        pass
