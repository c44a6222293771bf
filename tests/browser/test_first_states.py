"""The page's first load takes every widget's state from the guide's own, smaller answer (milia_kit/widget_states.py:
values equal to their defaults left out). Each model must then hold exactly what ipywidgets' full answer says:
a default the page's models do not share with the kernel would show a control wrong from the start."""
import pytest
from playwright.sync_api import expect

from milia_kit import widget_states

pytestmark = pytest.mark.browser

# Every widget the page has, beside ipywidgets' full answer for it (the control comm), in the serialized form.
DIFFERENCES = """async () => {
  const kernel = window.mkKernel;
  const full = await new Promise((resolve) => kernel.askStates(resolve));  // ipywidgets' control comm: everything
  const differences = [];
  let compared = 0;
  for (const [id, entry] of Object.entries(full.content.data.states)) {
    let model;
    try { model = await kernel.manager.get_model(id); } catch (error) { model = undefined; }
    if (!model) { continue; }  // made since (the next step, built ahead): drawn from its own full state
    const mine = model.serialize(model.get_state(false));
    for (const [key, value] of Object.entries(entry.state)) {
      compared += 1;
      if (JSON.stringify(mine[key] === undefined ? null : mine[key]) !== JSON.stringify(value)) {
        differences.push(`${entry.model_name}.${key}: page ${JSON.stringify(mine[key])}, kernel ${JSON.stringify(value)}`);
      }
    }
  }
  return {compared, differences};
}"""


@pytest.mark.parametrize("query", ["?step=pocket", "?step=call&lang=es&mode=clinician", "?step=takehome"])
def test_every_model_starts_as_the_kernel_has_it(visitor, query):
    page = visitor.open(query)
    expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
    assert page.evaluate("window.mkKernel.statesFrom") == widget_states.TARGET  # the first answer was the guide's
    result = page.evaluate(DIFFERENCES)
    assert result["compared"] > 500, result["compared"]
    assert not result["differences"], "\n".join(result["differences"])
