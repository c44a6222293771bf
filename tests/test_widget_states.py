"""The guide's own answer to the page's first request for every widget's state (milia_kit/widget_states.py).
tests/browser/test_first_states.py checks, in a real page, that every model starts as the kernel has it."""
import json

from comm.base_comm import CommManager
from ipywidgets import Widget

from conftest import run_async

from milia_kit import widget_states
from milia_kit.app import Guide


def guide_on_the_pocket():
    guide = Guide()
    guide.visit.step = "pocket"
    return guide


def test_every_widget_is_in_the_answer_in_ipywidgets_form():
    guide_on_the_pocket()
    data, buffers = widget_states.first_states()
    whole = Widget.get_manager_state()["state"]
    assert data["method"] == "update_states" and data["buffer_paths"] == [] and buffers == []
    assert set(data["states"]) == set(whole)
    for model_id, entry in data["states"].items():
        assert set(entry) == {"model_name", "model_module", "model_module_version", "state"}
        assert entry["model_name"] == whole[model_id]["model_name"]


def test_only_the_kinds_whose_defaults_the_page_shares_leave_them_out():
    guide = guide_on_the_pocket()
    states = widget_states.first_states()[0]["states"]
    layout = states[guide.container.layout.model_id]["state"]
    assert None not in layout.values() and "display" not in layout  # a layout's many unset traits are left out
    reset = states[guide.steps["pocket"].reset.model_id]["state"]
    assert "tooltip" in reset and "button_style" in reset  # a button goes whole: its defaults differ in the page
    assert not widget_states.SAME_DEFAULTS & {"ButtonModel", "ToggleButtonsModel", "ButtonStyleModel", "HTMLStyleModel"}


def test_the_answer_is_well_under_ipywidgets_full_one():
    guide_on_the_pocket()
    full = len(json.dumps(Widget.get_manager_state()["state"]))
    lean = len(json.dumps(widget_states.first_states()[0]["states"]))
    assert lean < 0.7 * full, (lean, full)


class Comm:  # the kernel side of the page's comm: what the target sends back on it, and whether it closed it
    def __init__(self):
        self.sent, self.handler, self.closed = [], None, False

    def on_msg(self, handler):
        self.handler = handler

    def send(self, data, buffers=None):
        self.sent.append(data)

    def close(self):
        self.closed = True


def test_the_target_answers_request_states_on_its_comm():
    manager = CommManager()
    widget_states.serve(manager=manager)
    guide_on_the_pocket()
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {}}})
    comm.handler({"content": {"data": {"method": "something else"}}})
    assert comm.sent == []
    comm.handler({"content": {"data": {"method": "request_states"}}})
    assert len(comm.sent) == 1 and comm.sent[0]["method"] == "update_states"
    assert not comm.closed


def test_a_page_that_says_it_has_drawn_the_guide_is_heard_and_its_comm_closed(monkeypatch):
    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    manager = CommManager()
    guide = served_guide(manager)
    heard = []
    guide.container.when_drawn(lambda: heard.append("drawn"))
    guide.container.when_drawn(lambda: 1 / 0)  # one that fails keeps neither the others nor the kernel from going on
    guide.container.when_drawn(lambda: heard.append("again"))
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {"method": "page_drawn"}}})
    assert heard == ["drawn", "again"] and guide.container.drawn
    assert comm.closed and comm.sent == []  # no states: it asked for none


def test_a_page_drawn_message_without_a_guide_only_closes_its_comm():
    manager = CommManager()
    widget_states.serve(manager=manager)
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {"method": "page_drawn"}}})
    assert comm.closed and comm.sent == []


def test_a_request_that_comes_with_the_comms_opening_is_answered_once():
    """The page asks in the opening itself (kernel.js): a comm_msg sent right behind a comm_open is looked up by
    ipykernel 7 before the opening is in, and logged as "No such comm" on every visit."""
    manager = CommManager()
    widget_states.serve(manager=manager)
    guide_on_the_pocket()
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {"method": "request_states"}}})
    assert len(comm.sent) == 1 and comm.sent[0]["method"] == "update_states"


def test_a_state_that_cannot_be_made_closes_the_comm_so_the_page_asks_ipywidgets():
    """Never a page left waiting for states: the page takes a closed comm as "ask ipywidgets' control comm"."""
    from ipywidgets import DOMWidget
    from traitlets import Unicode

    def unreadable(value, widget):
        if value == "broken":
            raise ValueError("this state cannot be written")
        return value

    class Unreadable(DOMWidget):
        word = Unicode("x").tag(sync=True, to_json=unreadable)

    broken = Unreadable()
    broken._trait_values["word"] = "broken"  # set quietly: a sync message would fail the same way
    try:
        comm = Comm()
        widget_states._opened(comm, {})
        comm.handler({"content": {"data": {"method": "request_states"}}})
        assert comm.closed and comm.sent == []
    finally:
        broken.close()


def shown_on_its_page(guide, monkeypatch):
    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    return guide.container._repr_mimebundle_()


def test_only_the_guides_own_page_gets_the_states_in_its_output(monkeypatch):
    guide = guide_on_the_pocket()
    monkeypatch.delenv(widget_states.IN_PAGE, raising=False)
    assert widget_states.MIME not in guide.container._repr_mimebundle_()  # JupyterLab, plain Voila, nbval
    assert guide.container.in_page is None
    bundle = shown_on_its_page(guide, monkeypatch)
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == guide.container.model_id  # still the guide's view, for every front end
    written = bundle[widget_states.MIME]
    assert written["method"] == "update_states" and written["buffer_paths"] == []
    assert set(written["states"]) == set(Widget.get_manager_state()["state"])
    assert guide.container.in_page == written["states"]
    json.dumps(written)  # it goes into the page as JSON


def test_a_widget_with_binary_data_keeps_the_states_out_of_the_page(monkeypatch):
    from ipywidgets import Image

    guide = guide_on_the_pocket()
    picture = Image(value=b"\x89PNG not really")
    try:
        assert widget_states.MIME not in shown_on_its_page(guide, monkeypatch)
        assert guide.container.in_page is None  # the page then asks the kernel for every state
    finally:
        picture.close()


def test_after_the_page_the_kernel_sends_only_what_was_made_or_changed_since(monkeypatch):
    guide = guide_on_the_pocket()
    shown_on_its_page(guide, monkeypatch)
    data, buffers = widget_states.since_page(guide.container.in_page)
    assert data == {"method": "update_states", "states": {}, "buffer_paths": [], "since": "page"} and buffers == []

    pocket = guide.steps["pocket"]
    pocket.reset.layout.width = "50%"  # changed since: sent whole (a trait back at its default must reach the page)
    guide.steps["why"]  # the next step, built ahead: new widgets
    data, _ = widget_states.since_page(guide.container.in_page)
    layout = data["states"][pocket.reset.layout.model_id]["state"]
    assert layout["width"] == "50%" and "display" in layout and layout["display"] is None
    built = {w.model_id for w in guide.steps["why"].container.children}
    assert built <= set(data["states"])
    assert guide.container.model_id not in data["states"]  # unchanged: not sent again


def asks(manager) -> Comm:
    """The page's comm on the guide's target, with its request for every widget's state sent."""
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {}}})
    comm.handler({"content": {"data": {"method": "request_states"}}})
    return comm


def served_guide(manager):
    guide = guide_on_the_pocket()
    widget_states.serve(guide.container, manager)
    return guide


def test_a_request_before_the_guide_is_shown_is_answered_once_it_is(monkeypatch):
    """Voila streams the page while it runs the cells: the page's request can come before the last cell."""
    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    manager = CommManager()

    async def visit():
        guide = served_guide(manager)
        comm = asks(manager)
        assert comm.sent == []  # an answer now would be older than what the page draws
        guide.container._repr_mimebundle_()  # the notebook's last cell
        assert len(comm.sent) == 1 and comm.sent[0]["since"] == "page" and comm.sent[0]["states"] == {}
        late = asks(manager)  # after it: answered at once
        assert len(late.sent) == 1 and late.sent[0]["since"] == "page"

    run_async(visit())


def test_a_guide_never_shown_still_answers_with_every_state(monkeypatch):
    import asyncio

    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    monkeypatch.setattr(widget_states, "SHOWN_WITHIN_SECONDS", 0.05)
    manager = CommManager()

    async def visit():
        served_guide(manager)
        comm = asks(manager)
        while not comm.sent:  # the time limit's answer (the loop runs it; no sleep stands in for it)
            await asyncio.sleep(0.01)
        assert "since" not in comm.sent[0] and len(comm.sent[0]["states"]) > 50

    run_async(asyncio.wait_for(visit(), 5))


def test_states_that_cannot_be_written_leave_the_page_to_ask_and_answer_what_waits(monkeypatch):
    guide = guide_on_the_pocket()
    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    waiting = Comm()
    guide.container._waiting = (waiting,)

    def broken():
        raise ValueError("no states today")

    monkeypatch.setattr(widget_states, "first_states", broken)
    bundle = guide.container._repr_mimebundle_()
    assert widget_states.MIME not in bundle and "application/vnd.jupyter.widget-view+json" in bundle
    assert waiting.closed and waiting.sent == []  # closed: the page asks ipywidgets' control comm


def test_a_trait_set_back_to_its_default_since_the_page_reaches_it(monkeypatch):
    """The page holds what was written into it: a layout's width there, back at its default (None) in the kernel
    since, must come back whole, since a lean state would leave the page's 50 % in place."""
    guide = guide_on_the_pocket()
    layout = guide.steps["pocket"].reset.layout
    layout.width = "50%"
    shown_on_its_page(guide, monkeypatch)
    assert guide.container.in_page[layout.model_id]["state"]["width"] == "50%"
    layout.width = None
    data, _ = widget_states.since_page(guide.container.in_page)
    assert data["states"][layout.model_id]["state"]["width"] is None


def test_the_guides_own_server_has_its_kernels_write_the_states():
    from milia_kit import serve

    assert serve.environment({})[widget_states.IN_PAGE] == "1"  # kernels inherit the server's environment
