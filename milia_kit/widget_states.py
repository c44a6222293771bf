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

On the guide's own page (served by milia_kit.serve, which sets IN_PAGE for its kernels) the same answer goes
into the page itself: the guide's container (`Page`), shown by the notebook's last cell, adds it to its output
(MIME). The page draws every control from it as soon as the page has come, without waiting for the kernel's
socket and a states round trip (about 0.4 s on a phone's network, 1 s on slow 3G). The kernel keeps what it wrote,
and answers the page's request, which comes once the socket is open, with only the widgets made or changed since
(`since_page`: the next step built ahead while the page loaded), marked `since: "page"`. A page without those
states (it could not read them) asks ipywidgets' control comm for everything instead.

Only for a first load: after a reconnection the page asks ipywidgets' control comm for everything, since a
trait set back to its default while the page was away must reach it. A kernel without this target closes the
comm, and the page asks ipywidgets instead (frontend/src/kernel.js)."""
from __future__ import annotations

import asyncio
import logging
import os
from base64 import b64decode

import ipywidgets

from .serve import STATES_IN_PAGE as IN_PAGE

log = logging.getLogger(__name__)

TARGET = "milia.first_widget_states"
MIME = "application/vnd.milia.widget-states+json"  # the states written into the page (index.html.j2, widgets.js)
# Longest the page's request waits for the guide to be shown (Page): the last cell runs milliseconds after the link
# is followed; a guide never shown (a cell failed) still answers, with every state.
SHOWN_WITHIN_SECONDS = 10
SAME_DEFAULTS = frozenset({"LayoutModel", "HTMLModel", "VBoxModel", "HBoxModel", "BoxModel", "DropdownModel",
                           "DescriptionStyleModel", "SliderStyleModel"})


def _alive() -> list:
    from ipywidgets.widgets.widget import _instances  # every live widget (what get_manager_state reads too)

    return list(_instances.values())


def _states(widgets, lean: bool = True) -> tuple[dict, list, list[bytes]]:
    """Their states in ipywidgets' comm form (states, buffer paths, buffers), each worked out once: without
    defaults for the kinds that share them (if `lean`), whole for the rest."""
    Widget = ipywidgets.Widget
    short = [w for w in widgets if lean and w._model_name in SAME_DEFAULTS]
    rest = [w for w in widgets if not (lean and w._model_name in SAME_DEFAULTS)]
    entries = {**(Widget.get_manager_state(drop_defaults=True, widgets=short)["state"] if short else {}),
               **(Widget.get_manager_state(drop_defaults=False, widgets=rest)["state"] if rest else {})}
    states, paths, buffers = {}, [], []
    for model_id, entry in entries.items():
        states[model_id] = {key: entry[key] for key in ("model_name", "model_module", "model_module_version", "state")}
        for buffer in entry.get("buffers", ()):  # embedding writes them as base64; a comm sends them as bytes
            paths.append([model_id, "state", *buffer["path"]])
            buffers.append(b64decode(buffer["data"]))
    return states, paths, buffers


def _message(states, paths, buffers, **extra) -> tuple[dict, list[bytes]]:
    return {"method": "update_states", "states": states, "buffer_paths": paths, **extra}, buffers


def first_states() -> tuple[dict, list[bytes]]:
    """The `update_states` message and its binary buffers, as ipywidgets' control comm sends them."""
    return _message(*_states(_alive()))


def since_page(in_page: dict) -> tuple[dict, list[bytes]]:
    """What the page, drawn from `in_page`, lacks: widgets made since (without defaults, as the page's new models
    start at them) and, whole, widgets changed since (a trait set back to its default must reach the page)."""
    alive = _alive()
    known = [w for w in alive if w.model_id in in_page]
    now, _paths, held = _states(known)
    changed = [w for w in known if now[w.model_id] != in_page[w.model_id]]
    if held:  # a widget now holds binary data: it is in `now` without it, so it counts as changed
        changed = known
    new_states, new_paths, new_buffers = _states([w for w in alive if w.model_id not in in_page])
    old_states, old_paths, old_buffers = _states(changed, lean=False) if changed else ({}, [], [])
    return _message({**new_states, **old_states}, new_paths + old_paths, new_buffers + old_buffers, since="page")


class Page(ipywidgets.VBox):
    """The guide's container. Shown on the guide's own page, its output also carries every widget's state (MIME),
    which the page draws from before its socket is open; the kernel remembers what it wrote (`in_page`).

    The page's request for the states can reach the kernel before the notebook's last cell has shown the guide
    (Voila streams the page while it runs the cells): it is answered once the guide is shown, with what changed
    since, or the page would take an answer older than what it drew (a step before the link was followed)."""

    in_page = None  # the states written into the page, by model id (one page per kernel)
    shown = False
    drawn = False  # the page has said it drew the guide and has the kernel's answer (`page_drawn`)
    _waiting = ()  # comms whose request came before the guide was shown
    _when_drawn = ()  # what waits for the page to have drawn the guide (app.Guide: building the next step)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if not writes_states():
            return bundle  # JupyterLab, plain Voila, nbval: their front ends ask the kernel; no notebook keeps 70 KB
        try:
            data, buffers = first_states()
            if not buffers:  # binary data has no place in a page's JSON: then the page asks the kernel for all
                self.in_page = data["states"]
                bundle[MIME] = data
        except Exception as error:  # never an error in the page's output: the page asks the kernel instead
            log.error("milia_kit: the widget states could not be written into the page (%s)", error)
        finally:
            self._answer_waiting()
        return bundle

    def answer_when_shown(self, comm) -> None:
        self._waiting = (*self._waiting, comm)
        try:  # never a page left waiting: a guide not shown by then (a failed cell) answers with every state
            asyncio.get_running_loop().call_later(SHOWN_WITHIN_SECONDS, self._answer_waiting)
        except RuntimeError:
            self._answer_waiting()

    def when_drawn(self, callback) -> None:
        self._when_drawn = (*self._when_drawn, callback)

    def page_drawn(self) -> None:
        """The page says it has drawn the guide and has the kernel's answer: it is no longer loading."""
        self.drawn = True
        for callback in self._when_drawn:
            try:
                callback()
            except Exception as error:  # a page's message never breaks the kernel's handling of the next one
                log.error("milia_kit: after the page was drawn: %s", type(error).__name__)

    def _answer_waiting(self) -> None:
        self.shown = True
        waiting, self._waiting = self._waiting, ()
        for comm in waiting:
            _answer(comm, self)


def writes_states() -> bool:
    return os.environ.get(IN_PAGE) == "1"


def _answer(comm, page: Page | None) -> None:
    """Never raises (it also runs inside the guide's display, where an error would replace the guide with a
    traceback): a page whose answer could not be made or sent gets its comm closed, and asks ipywidgets."""
    try:
        in_page = page.in_page if page is not None else None
        data, buffers = since_page(in_page) if in_page is not None else first_states()
        comm.send(data, buffers=buffers)
    except Exception as error:
        log.error("milia_kit: the first widget states could not be made (%s); the page asks ipywidgets", error)
        try:
            comm.close()
        except Exception:  # a comm that cannot even close: the page's own time limit takes over
            pass


def _opened(comm, open_message, page: Page | None = None) -> None:
    """The page asks with the comm's opening (kernel.js); a separate `request_states` message is answered too.
    A comm opened with `page_drawn` says the page has drawn the guide (Page.page_drawn), and is closed at once."""
    def answer(message):
        method = (message.get("content", {}).get("data") or {}).get("method")
        if method == "page_drawn":
            if page is not None:
                page.page_drawn()
            comm.close()
            return
        if method != "request_states":
            return
        if page is not None and writes_states() and not page.shown:
            page.answer_when_shown(comm)
        else:
            _answer(comm, page)

    comm.on_msg(answer)
    answer(open_message or {})


def serve(page: Page | None = None, manager=None) -> None:
    """Answer the page's first request for every widget's state (once per kernel; again is harmless); for a page
    drawn from the states `page` wrote into it, with what changed since."""
    if manager is None:
        from comm import get_comm_manager

        manager = get_comm_manager()
    manager.register_target(TARGET, lambda comm, message: _opened(comm, message, page))
