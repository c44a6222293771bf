"""A step's words (assets/strings) as widgets: heading, main message, body blocks, tools, sources."""
from __future__ import annotations

import ipywidgets as widgets

from .. import inserts
from ..clinician import talking_points_html
from ..drawing import DEFAULT_TONE, TONES
from ..markup import all_blocks, blocks_html
from ..step_text import block_sources, body_inserts, sources_line_html, step_intro_html, step_sources_html  # noqa: F401
from .fallback import shows_fallback

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
        blocks = visit.words.get(f"steps.{step_id}.body") or ()
        if any(block.get("insert") in inserts.TONED for block in all_blocks(blocks)):
            visit.observe(self._update, names=["tone"])
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
        tone = self.visit.tone if self.visit.tone in TONES else DEFAULT_TONE
        parts = body_inserts(words, blocks, tone) if any("insert" in block for block in all_blocks(blocks)) else None
        self.body.value = f'<div class="mk-body">{blocks_html(blocks, parts)}</div>'
        self.sources.value = step_sources_html(words, self.step_id)
        # the clinician's talking points: only in clinician mode
        showing = self.visit.mode == "clinician"
        self.clinician.value = talking_points_html(words, self.step_id) if showing else ""
        self.clinician.layout.display = None if showing else "none"
