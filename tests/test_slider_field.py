"""A slider field (milia_kit/views/slider_field.py): its value's words and the key times under the track."""
import re

import ipywidgets as widgets

from milia_kit.views.slider_field import SliderField, ticks_html


def test_each_key_time_sits_at_its_place_along_the_track_and_neighbours_alternate_rows():
    html = ticks_html([(0, "Birth"), (2, "2 weeks"), (4, "1 month"), (13, "3 months")], 0, 26)
    places = re.findall(r'class="mk-tick( mk-tick-low)?" style="left: ([0-9.]+)%">([^<]+)<', html)
    assert [(float(left), words) for _, left, words in places] == [(0.0, "Birth"), (7.69, "2 weeks"), (15.38, "1 month"),
                                                                 (50.0, "3 months")]
    assert [bool(low) for low, _, _ in places] == [False, True, False, True]
    assert 'aria-hidden="true"' in html  # the handle's value text already says the value


def test_the_value_and_ticks_are_escaped_and_shown_beside_the_slider():
    field = SliderField(widgets.IntSlider(min=0, max=10))
    field.show("<b>5</b> days", [(5, "<script>")])
    assert "&lt;b&gt;5&lt;/b&gt; days" in field.value.value and "&lt;script&gt;" in field.ticks.value
    assert field.container.children == (field.slider, field.value, field.ticks)
    assert "mk-slider-field" in field.container._dom_classes
