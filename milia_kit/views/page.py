"""A step's words (assets/strings) as widgets: heading, main message, body blocks, tools, sources."""
from __future__ import annotations

import ipywidgets as widgets

from ..clinician import talking_points_html
from ..markup import blocks_html, inline
from ..strings import Strings
from .fallback import shows_fallback

def block_sources(step: dict) -> list[str]:
    """Source ids named by a step's message and blocks, in order of first use."""
    ids = list(step.get("message", {}).get("sources") or [])
    for block in step.get("body") or ():
        ids += block.get("sources") or []
    return list(dict.fromkeys(ids))


def body_inserts(words: Strings, blocks=None) -> dict:
    """What a step's `{insert: name}` blocks show (only those `blocks` ask for; all when not given): the warning
    signs, from the rule table (red_flags.py, loaded with the first step that shows them)."""
    from .. import red_flags

    wanted = {block["insert"] for block in blocks if "insert" in block} if blocks is not None else red_flags.INSERTS
    return {name: red_flags.INSERTS[name](words) for name in wanted}


def step_intro_html(words: Strings, step_id: str) -> str:
    """The top of every step: its heading and its one main message, emphasised."""
    return (f'<h2 class="mk-step-title" id="mk-step-{step_id}" tabindex="-1">{inline(words.text(f"steps.{step_id}.title"))}</h2>'
            f'<p class="mk-message">{inline(words.text(f"steps.{step_id}.message.text"))}</p>')


def step_sources_html(words: Strings, step_id: str) -> str:
    ids = block_sources(words.get(f"steps.{step_id}"))
    if not ids:
        return ""
    return f'<p class="mk-step-sources">{inline(words.text("app.step_sources", ids=", ".join(ids)))}</p>'


class TextStep:
    """A step: heading, main message, body, the step's tools (views with a `.container`), then its sources."""

    def __init__(self, visit, step_id: str, tools=()):
        self.visit, self.step_id = visit, step_id
        self.intro = widgets.HTML()
        self.body = widgets.HTML()
        self.sources = widgets.HTML()
        self.clinician = widgets.HTML()
        self.tools = [tool(visit) for tool in tools]
        self.container = widgets.VBox([self.intro, self.clinician, self.body, *(t.container for t in self.tools),
                                       self.sources], layout=widgets.Layout(width="100%"))
        self.container.add_class("mk-step")
        visit.observe(self._update, names=["lang", "mode"])
        self._update()

    def add_tool(self, tool) -> None:
        """Add a tool built elsewhere (it needs more than the visit), just above the step's sources."""
        self.tools.append(tool)
        children = list(self.container.children)
        self.container.children = children[:-1] + [tool.container, children[-1]]

    @shows_fallback("body")
    def _update(self, _change=None):
        words = self.visit.words
        self.intro.value = step_intro_html(words, self.step_id)
        blocks = words.get(f"steps.{self.step_id}.body") or ()
        # the rule table (and what it reads) loads only for a step that shows warning signs
        inserts = body_inserts(words, blocks) if any("insert" in block for block in blocks) else None
        self.body.value = f'<div class="mk-body">{blocks_html(blocks, inserts)}</div>'
        self.sources.value = step_sources_html(words, self.step_id)
        # the clinician's talking points: only in clinician mode
        showing = self.visit.mode == "clinician"
        self.clinician.value = talking_points_html(words, self.step_id) if showing else ""
        self.clinician.layout.display = None if showing else "none"
