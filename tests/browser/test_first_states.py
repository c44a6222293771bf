"""The page's first load takes every widget's state from the guide's own, smaller answer (milia_kit/widget_states.py:
values equal to their defaults left out). Each model must then hold exactly what ipywidgets' full answer says:
a default the page's models do not share with the kernel would show a control wrong from the start."""
import json
import re

import pytest
from playwright.sync_api import expect

from conftest import CELL_OUTPUT_MESSAGES, Visitor, kernel_says

from milia_kit import app, strings, widget_states
from milia_kit.harness import Running

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
    expect(page.locator("body")).to_have_attribute("data-mk-synced", "true")  # the kernel's answer applied too
    assert page.evaluate("window.mkKernel.statesFrom") == widget_states.TARGET  # the first answer was the guide's
    result = page.evaluate(DIFFERENCES)
    assert result["compared"] > 500, result["compared"]
    assert not result["differences"], "\n".join(result["differences"])


@pytest.fixture(scope="module")
def unheated_server():
    """No preheated kernels: the page's socket is open while its kernel still runs the guide's cells, so the
    kernel's messages from setting the guide up (widgets made, the link's step opened) reach the page too."""
    server = Running(pool_size=0)
    yield server
    server.stop()


@pytest.mark.parametrize("kernel", ["preheated", "started for the visit"])
def test_the_page_draws_every_control_before_the_kernel_answers_and_catches_up_after(request, browser, kernel):
    """The guide's states come with the page (widget_states.Page): its controls are drawn and can be used while
    the kernel's socket is still on its way (a phone's network). What the visitor did meanwhile reaches the kernel
    once it answers, and the kernel's answer (what changed since) is applied; what the kernel said before it is
    in the page's states already and must not be replayed over them."""
    server = request.getfixturevalue("guide_server" if kernel == "preheated" else "unheated_server")
    visitor = Visitor(browser, server)
    request.addfinalizer(visitor.close)
    words = strings.load("en")
    holding, held, heard, asked, sockets = [True], [], [], [], []

    def release():  # in the order the kernel sent them, whatever comes in while they are passed on
        while held and not holding[0]:
            sockets[0].send(held.pop(0))

    def route(socket):  # the kernel's messages reach the page only once released (the page's go through)
        sockets.append(socket)
        server = socket.connect_to_server()
        server.on_message(lambda message: (heard.append(message), held.append(message), release()))
        socket.on_message(lambda message: (asked.append(message), server.send(message)))

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    page = visitor.open("?step=pocket", synced=False)
    expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
    days = page.get_by_role("slider", name=words.text("pocket.days_label"))
    expect(days).to_be_visible()
    assert page.evaluate("window.mkKernel.connected") is False  # drawn before the kernel said a word
    assert page.locator("body").get_attribute("data-mk-synced") is None
    days.focus()
    page.keyboard.press("End")  # the visitor does not wait
    expect(days).to_have_attribute("aria-valuenow", re.compile(r"^[1-9]"))
    chosen = days.get_attribute("aria-valuenow")

    holding[0] = False  # the network catches up
    release()
    expect(page.locator("body")).to_have_attribute("data-mk-synced", "true")
    assert page.evaluate("window.mkKernel.statesFrom") == widget_states.TARGET
    # the kernel answered with what changed since the page was written (nothing here), not with every state
    assert page.evaluate("window.mkKernel.states.then((m) => m.content.data.since)") == "page"
    expect(page.locator(".mk-description")).to_contain_text(
        words.text("pocket.time_days", days=int(float(chosen))))  # the kernel made the visitor's change
    expect(days).to_have_attribute("aria-valuenow", chosen)
    expect(page.locator("#mk-gone")).to_be_hidden()
    said = [kernel_says(message) for message in heard]
    assert {"kernel_info_reply", "comm_msg", "status"} <= {kind for kind, _, _ in said}  # the messages were read
    # The page holds the cells' outputs already (Voila wrote them into it): never sent again over its socket,
    # the last one with every widget's state in it (serve.PagesConnection).
    assert not [kind for kind, parent, _ in said if kind in CELL_OUTPUT_MESSAGES and parent == "execute_request"]
    if kernel == "started for the visit":  # its socket was open while its cells ran: they made widgets meanwhile
        assert [kind for kind, parent, _ in said if kind == "comm_open" and parent == "execute_request"]
    # The page asks for its states in the opening of its comm, with nothing after it on that comm: ipykernel 7
    # looks a comm_msg up before the opening is in and logs "No such comm" on every visit.
    sent = [kernel_says(message, with_comm=True) for message in asked]
    opened = [comm for kind, _, content, comm in sent
              if kind == "comm_open" and content.get("target_name") == widget_states.TARGET
              and content.get("data") == {"method": "request_states"}]
    assert len(opened) == 1
    assert not [kind for kind, _, _, comm in sent if kind == "comm_msg" and comm == opened[0]]


def test_the_next_step_is_built_once_the_page_says_it_has_drawn_this_one(visitor):
    """On a slow phone network the page is drawn seconds after its kernel showed the step: the next step's
    widgets (tens of KB of messages) must not share that network with the load. The page says when it has drawn
    the guide and has the kernel's answer (once), and only then does the kernel build the next step. Here that
    word is held back for three times the kernel's short delay (app.BUILD_NEXT_AFTER_SECONDS), on the page's own
    clock: that wait is what is tested."""
    heard, held, to_kernel = [], [], []

    def says_drawn(message) -> bool:
        kind, _, content, _ = kernel_says(message, with_comm=True)
        return kind == "comm_open" and content.get("data") == {"method": "page_drawn"}

    def from_page(message):
        if says_drawn(message):
            held.append(message)
        else:
            to_kernel[0].send(message)

    def route(socket):
        server = socket.connect_to_server()
        to_kernel.append(server)
        server.on_message(lambda message: (heard.append(message), socket.send(message)))
        socket.on_message(from_page)

    def widgets_made() -> int:
        """Widgets the kernel made after its answer to the page (before it, the link's step was being built: the
        page's socket can be open by then, and the answer holds them)."""
        said = [kernel_says(message) for message in list(heard)]
        answer = next(i for i, (kind, _, content) in enumerate(said)
                      if kind == "comm_msg" and content["data"].get("method") == "update_states")
        return len([1 for kind, _, _ in said[answer:] if kind == "comm_open"])

    visitor.context.route_web_socket("**/api/kernels/*/channels*", route)
    page = visitor.open("?step=pocket")
    expect(page.locator("body")).to_have_attribute("data-mk-ready", "true")
    page.wait_for_function(f"() => performance.now() - performance.getEntriesByName('mk-synced')[0].startTime"
                           f" > {3000 * app.BUILD_NEXT_AFTER_SECONDS}")
    assert len(held) == 1  # said once, once drawn with its answer
    assert widgets_made() == 0, "the next step was built before the page said it was drawn"
    comms = page.evaluate("window.mkKernel.comms.size")
    to_kernel[0].send(held[0])  # the word reaches the kernel: the next step's widgets come to the page
    page.wait_for_function(f"() => window.mkKernel.comms.size > {comms + 10}")
    assert widgets_made() > 10


def test_a_page_that_cannot_read_its_own_states_asks_the_kernel_for_all_of_them(visitor):
    """The kernel wrote the states into the page and answers with what changed since: a page that could not read
    them (here they are taken out of the cell's output as the page reads it) asks ipywidgets' control comm for
    everything instead."""
    visitor.context.add_init_script("""(() => {
      const parse = JSON.parse, name = %s;
      JSON.parse = function (text, reviver) {
        const value = parse.call(this, text, reviver);
        if (value && value.data && value.data[name]) { delete value.data[name]; }
        return value;
      };
    })()""" % json.dumps(widget_states.MIME))
    page = visitor.open("?step=pocket")
    assert page.evaluate("window.mkKernel.states.then((m) => m.content.data.since)") == "page"
    assert page.evaluate("window.mkKernel.statesFrom") == "jupyter.widget.control"
    result = page.evaluate(DIFFERENCES)
    assert result["compared"] > 500 and not result["differences"], result
    days = page.get_by_role("slider", name=strings.load("en").text("pocket.days_label"))
    days.focus()
    page.keyboard.press("End")
    expect(page.locator(".mk-description")).to_contain_text(strings.load("en").text("pocket.time_days", days=120))


def test_an_answer_that_came_before_the_page_script_is_applied_in_its_place(visitor):
    """On a slow phone the kernel's answer can come before widgets.js has (connect.js asks first): the page still
    draws from its own states, applies the answer, and then what the kernel said after it."""
    held = []
    visitor.context.route("**/static/widgets.js*", lambda route: held.append(route))
    page = visitor.page
    page.goto(visitor.server.url + "?step=pocket&interactive=1", wait_until="commit")  # its load waits for the script
    page.wait_for_function("() => window.mkKernel && window.mkKernel.statesCame")
    assert len(held) == 1 and page.locator("body").get_attribute("data-mk-ready") is None
    held[0].continue_()
    expect(page.locator("body")).to_have_attribute("data-mk-synced", "true")
    assert page.evaluate("window.mkKernel.states.then((m) => m.content.data.since)") == "page"
    result = page.evaluate(DIFFERENCES)
    assert result["compared"] > 500 and not result["differences"], result
    words = strings.load("en")
    days = page.get_by_role("slider", name=words.text("pocket.days_label"))
    days.focus()
    page.keyboard.press("End")
    expect(page.locator(".mk-description")).to_contain_text(words.text("pocket.time_days", days=120))
