"""The guard on every control: only `value` and `index` of the right kind get in from a browser."""
import ipywidgets as widgets
import pytest

from milia_kit.app import Guide
from milia_kit.views.guard import guard_tree, walk


@pytest.fixture
def dropdown():
    box = widgets.VBox([widgets.Dropdown(options=[("a", "x"), ("b", "y")], value="x")])
    guard_tree(box)
    return box.children[0]


@pytest.mark.parametrize("state", [
    {"_options_labels": ["<b>evil</b>"]}, {"options": ["evil"]}, {"index": None}, {"index": -1}, {"index": 2},
    {"index": "1"}, {"index": True}, {"index": 1.0}, {"description": "<script>"}, {"layout": None}, {"value": "zzz"},
])
def test_what_a_real_page_never_sends_changes_nothing(dropdown, state):
    before = (dropdown.index, dropdown.value, dropdown._options_labels, dropdown.description)
    dropdown.set_state(state)
    assert (dropdown.index, dropdown.value, dropdown._options_labels, dropdown.description) == before


def test_a_real_choice_still_gets_through(dropdown):
    dropdown.set_state({"index": 1})
    assert dropdown.value == "y"


def test_sliders_clamp_and_refuse_words():
    slider = widgets.IntSlider(min=0, max=10, value=3)
    guard_tree(slider)
    slider.set_state({"value": "seven"})
    assert slider.value == 3
    slider.set_state({"value": 10**9})
    assert slider.value == 10


def test_every_widget_of_the_guide_is_guarded():
    guide = Guide()
    every = [w for root in (guide.container, *(v.container for v in guide.steps.values())) for w in walk(root)]
    assert len(every) > 50
    assert not [w for w in every if "set_state" not in w.__dict__]
