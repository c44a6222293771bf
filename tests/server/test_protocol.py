"""A hostile browser: speak the widget protocol to a visitor's kernel directly and send every control
out-of-range and wrongly-typed values. The kernel keeps working, the guide's state stays valid, and the
visitor's page, open on the same kernel, shows nothing broken."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from kernel_client import Kernel
from milia_kit import strings
from milia_kit.model import DAYS_MAX
from milia_kit.visit import STEPS

pytestmark = [pytest.mark.server, pytest.mark.browser]
WORDS = strings.load("en")

HOSTILE_VALUES = [
    -1, -10**9, 10**18, 3.7, float("-0.0"), "12", "<script>alert(1)</script>", "", None, True, [1, 2],
    {"a": 1}, "x" * 200_000, "\u202e\u0000\u0007", "NaN",
]
HOSTILE_INDEXES = [-1, 999, 2**40, "0", None, [0], 1.5]


async def attack(base_url: str, kernel_id: str) -> dict:
    """Send hostile values to every control; return what was tried and the state afterwards."""
    tried = 0
    async with Kernel(base_url, kernel_id) as kernel:
        comms = await kernel.widgets()
        states = {comm_id: await kernel.state(comm_id) for comm_id in comms}
        for comm_id, state in states.items():
            if "value" in state and state.get("_model_name") not in ("HTMLModel", "LabelModel", "HTMLMathModel"):
                for value in HOSTILE_VALUES:
                    await kernel.update(comm_id, value=value)
                    tried += 1
            if "index" in state:
                for index in HOSTILE_INDEXES:
                    await kernel.update(comm_id, index=index)
                    tried += 1
            if "options" in state or "_options_labels" in state:
                await kernel.update(comm_id, _options_labels=["<b>x</b>"], options=["evil"])
                tried += 1
            if state.get("_model_name") == "ButtonModel":  # a flood of clicks
                for _ in range(20):
                    await kernel.send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
                    tried += 1
        alive = await kernel.alive()
        after = {comm_id: await kernel.state(comm_id) for comm_id in comms}
    return {"tried": tried, "alive": alive, "before": states, "after": after}


def test_hostile_widget_messages_change_nothing_they_should_not(visitor, guide_server):
    page = visitor.open("?step=pocket")
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    from conftest import run_async

    result = run_async(attack(guide_server.url, kernel_id))
    print(f"\nprotocol attacks tried: {result['tried']}")
    assert result["tried"] > 100
    assert result["alive"], "the kernel stopped answering"

    broken = []
    for comm_id, state in result["after"].items():
        model = state.get("_model_name")
        if model == "IntSliderModel" and not state["min"] <= state["value"] <= state["max"]:
            broken.append((comm_id, state))
        if model == "IntSliderModel" and state["max"] > DAYS_MAX:
            broken.append((comm_id, state))
        if "index" in state and state["index"] is not None and "_options_labels" in state:
            if not (isinstance(state["index"], int) and 0 <= state["index"] < len(state["_options_labels"])):
                broken.append((comm_id, state))
    assert not broken, f"{len(broken)} got through: {broken[:3]}"

    # the visitor's page, on the same kernel, still works and shows nothing broken
    # (the flood of clicks may have moved it to any step: that is what clicks do)
    expect(page.locator(".mk-step-title")).to_be_visible()
    assert page.locator(".mk-step-title").inner_text() in [WORDS.text(f"steps.{s}.title") for s in STEPS]
    page.get_by_label(WORDS.text("app.jump_label")).select_option(label=f"1. {WORDS.text('steps.start.nav')}")
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.start.title"))
    page.get_by_role("button", name=WORDS.text("app.next")).click()
    expect(page.locator(".mk-step-title")).to_have_text(WORDS.text("steps.pocket.title"))
    expect(page.locator(".mk-description")).to_be_visible()
    body = page.locator("#rendered_cells").inner_text()
    for sign in ("Traceback", "Error", "There was an error", "<script"):
        assert sign not in body
    assert visitor.dialogs == []
    assert "Traceback" not in guide_server.log().split(kernel_id, 1)[-1] or "milia_kit" not in guide_server.log()
