"""Every widget's state for the page's first drawing, without the values the page's controls already hold.

The page cannot draw a single control before it has every widget's state. ipywidgets' own answer (its control
comm, `request_states`) sends every trait of every widget, defaults included (each of the forty Layouts is
1 KB of nulls), and works the states out twice: 115 KB of JSON for the pocket step, the longest wait on a
phone after the page's script. For the first load the page asks this comm target instead, which answers in
the same form (`update_states`), leaving out the traits still at their defaults for the kinds of widget whose
defaults the page's models share exactly (SAME_DEFAULTS: layouts, boxes, HTML, dropdowns, labels' and sliders'
styles). Other kinds go whole: ipywidgets' own defaults differ between kernel and page for them (a button's
tooltip is None in Python and "" in the page, a style's font_size None and ""), so a left-out default would
start the page's model at another value than the kernel's. tests/browser/test_first_states.py compares every
model the page starts with against ipywidgets' full answer.

Only for a first load: after a reconnection the page asks ipywidgets' control comm for everything, since a
trait set back to its default while the page was away must reach it. A kernel without this target closes the
comm, and the page asks ipywidgets instead (frontend/src/kernel.js)."""
from __future__ import annotations

import logging
from base64 import b64decode

log = logging.getLogger(__name__)

TARGET = "milia.first_widget_states"
SAME_DEFAULTS = frozenset({"LayoutModel", "HTMLModel", "VBoxModel", "HBoxModel", "BoxModel", "DropdownModel",
                           "DescriptionStyleModel", "SliderStyleModel"})


def first_states() -> tuple[dict, list[bytes]]:
    """The `update_states` message and its binary buffers, as ipywidgets' control comm sends them."""
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import _instances  # every live widget (what get_manager_state reads too)

    alive = list(_instances.values())
    # each widget's state worked out once: without defaults for the kinds that share them, whole for the rest
    lean = Widget.get_manager_state(drop_defaults=True, widgets=[w for w in alive if w._model_name in SAME_DEFAULTS])
    whole = Widget.get_manager_state(drop_defaults=False, widgets=[w for w in alive if w._model_name not in SAME_DEFAULTS])
    states, paths, buffers = {}, [], []
    for model_id, entry in {**lean["state"], **whole["state"]}.items():
        states[model_id] = {key: entry[key] for key in ("model_name", "model_module", "model_module_version", "state")}
        for buffer in entry.get("buffers", ()):  # embedding writes them as base64; a comm sends them as bytes
            paths.append([model_id, "state", *buffer["path"]])
            buffers.append(b64decode(buffer["data"]))
    return {"method": "update_states", "states": states, "buffer_paths": paths}, buffers


def _opened(comm, _open_message) -> None:
    def answer(message):
        if (message.get("content", {}).get("data") or {}).get("method") != "request_states":
            return
        try:
            data, buffers = first_states()
        except Exception as error:  # never a page left waiting: closed, the page asks ipywidgets instead
            log.error("milia_kit: the first widget states could not be made (%s); the page asks ipywidgets", error)
            comm.close()
            return
        comm.send(data, buffers=buffers)

    comm.on_msg(answer)


def serve(manager=None) -> None:
    """Answer the page's first request for every widget's state (once per kernel; again is harmless)."""
    if manager is None:
        from comm import get_comm_manager

        manager = get_comm_manager()
    manager.register_target(TARGET, _opened)
