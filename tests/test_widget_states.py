"""The guide's own answer to the page's first request for every widget's state (milia_kit/widget_states.py).
tests/browser/test_first_states.py checks, in a real page, that every model starts as the kernel has it."""
import json

from comm.base_comm import CommManager
from ipywidgets import Widget

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
    widget_states.serve(manager)
    guide_on_the_pocket()
    comm = Comm()
    manager.targets[widget_states.TARGET](comm, {"content": {"data": {}}})
    comm.handler({"content": {"data": {"method": "something else"}}})
    assert comm.sent == []
    comm.handler({"content": {"data": {"method": "request_states"}}})
    assert len(comm.sent) == 1 and comm.sent[0]["method"] == "update_states"
    assert not comm.closed


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
