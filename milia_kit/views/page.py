"""A step's words (assets/strings) as widgets: heading, main message, body blocks, tools, sources."""
from __future__ import annotations

import ipywidgets as widgets

from .. import inserts
from ..clinician import talking_points_html
from ..drawing import DEFAULT_TONE, TONES
from ..markup import all_blocks, blocks_html, inline
from ..strings import Strings
from .fallback import shows_fallback

def block_sources(step: dict) -> list[str]:
    """Source ids named by a step's message and blocks, in order of first use."""
    ids = list(step.get("message", {}).get("sources") or [])
    for block in all_blocks(step.get("body")):
        ids += block.get("sources") or []
    return list(dict.fromkeys(ids))


def body_inserts(words: Strings, blocks=None, tone: str = DEFAULT_TONE) -> dict:
    """What a step's `{insert: name}` blocks show (only those `blocks` ask for; all when not given): the warning
    signs from the rule table, the washing picture in the parent's skin tone (milia_kit/inserts.py)."""
    wanted = {block["insert"] for block in all_blocks(blocks) if "insert" in block} if blocks is not None else inserts.NAMES
    return {name: inserts.html(name, words, tone) for name in wanted}


def step_intro_html(words: Strings, step_id: str) -> str:
    """The top of every step: its heading and its one main message, emphasised."""
    return (f'<h2 class="mk-step-title" id="mk-step-{step_id}" tabindex="-1">{inline(words.text(f"steps.{step_id}.title"))}</h2>'
            f'<p class="mk-message">{inline(words.text(f"steps.{step_id}.message.text"))}</p>')


def step_sources_html(words: Strings, step_id: str) -> str:
    return sources_line_html(words.text("app.step_sources"), block_sources(words.get(f"steps.{step_id}")))


def sources_line_html(label: str, ids, css: str = "mk-step-sources") -> str:
    """"Sources: Mayo Clinic, MedlinePlus": each source by name, a link to its entry on the Sources page (a name
    that comes twice, as two Mayo Clinic pages, is one link: to the first; the page lists them together).
    Nothing when there are no sources."""
    if not ids:
        return ""
    from .. import sources

    listed = sources.load()
    first = {}
    for source_id in ids:
        first.setdefault(listed[source_id].name, source_id)
    links = ", ".join(f'<a class="mk-source-link" href="#source-{inline(i)}">{inline(name)}</a>' for name, i in first.items())
    return f'<p class="{css}">{inline(label)} {links}</p>'


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
