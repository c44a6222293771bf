"""The guide: one app object per visitor, holding the stepper, language and mode around the steps.

`Guide().container` is what the notebook shows. Every change (a button, the step list, the language, a
deep link) sets a trait of `Visit`; `_update` is the single path that brings the page in line with it.
Each step is built the first time it is shown (`Steps`): the page then loads only the widgets of the step
the visitor opens (about a fifth of the guide's), and the kernel makes the rest as the visitor goes on.
"""
from __future__ import annotations

import asyncio
from collections.abc import Mapping
from importlib import import_module

import ipywidgets as widgets

from . import request, strings, widget_states
from .markup import inline
from .views import fallback
from .views.guard import guard_tree
from .views.page import TextStep
from .views.pocket import PocketView
from .visit import MODES, STEPS, Visit
from .step_text import sources_page_html
from .welcome import Welcome, page_words

# The interactive tools on each step, below the step's words, as "module:class" under milia_kit.views: a tool's
# module (and what it reads: label lexicon, triage rules, the handout) is loaded only when its step is built,
# which keeps a visitor's kernel small until they get there.
STEP_TOOLS = {"why": ("timeline:TimelineView",), "care": ("label_checker:LabelCheckerView",),
              "lookalikes": ("lookalikes:LookalikeExplorerView",), "call": ("red_flags:RedFlagCheckerView",),
              "check": ("quiz:QuizView",), "takehome": ("takehome:TakeHomeView",)}
EDUCATION_NOTE = "education_note:EducationNoteView"
# How long after a step is shown the next one is built (see Guide._build_next_soon): after the page has
# loaded and drawn this step (about a second; building sooner slowed that down), before a visitor has read
# it (a step's main message alone takes a few seconds to read).
BUILD_NEXT_AFTER_SECONDS = 2.0
# On the guide's own page, the step a visitor arrives on is followed by the next one only once the page says it
# has drawn it and has the kernel's answer (widget_states.Page.page_drawn): on a slow phone network that is 3-5 s
# after the kernel shows the step, and the next step's widgets (tens of KB of messages) shared the network and the
# page's main thread with the load (slow 3G deep link usable 4.25 s against 4.45-4.70 s). A page that never says so (its
# script failed, its visitor left) gets it built after this.
PAGE_DRAWN_WITHIN_SECONDS = 30.0


def view_class(name: str):
    """The view class named "module:class" under milia_kit.views, its module imported on first use."""
    module, cls = name.split(":")
    return getattr(import_module(f".views.{module}", __package__), cls)


def build_step(visit: Visit, step: str):
    """The view for a step: the pocket has its own; every other step is its words plus its tools."""
    if step == "pocket":
        return PocketView(visit)
    return TextStep(visit, step, tuple(view_class(tool) for tool in STEP_TOOLS.get(step, ())))


class Steps(Mapping):
    """The guide's steps by name, each built (by `build`) the first time it is asked for."""

    def __init__(self, build):
        self._build = build
        self._built = {}

    def __getitem__(self, step):
        if step not in STEPS:
            raise KeyError(step)
        if step not in self._built:
            self._built[step] = self._build(step)
        return self._built[step]

    def __iter__(self):
        return iter(STEPS)

    def __len__(self):
        return len(STEPS)

    def built(self) -> list:
        """The steps built so far (asking for them all with `values()` would build them all)."""
        return list(self._built.values())

    def names_built(self) -> list[str]:
        return list(self._built)


class Guide:
    def __init__(self, visit: Visit | None = None):
        self.visit = visit or Visit()
        self._updating = False
        self._next_timer = None
        self.welcome = Welcome()  # the page's first words, before the controls load (welcome.py)
        self.title = widgets.HTML()
        self.language = widgets.Dropdown(options=self._language_options(), style={"description_width": "initial"})
        self.mode = widgets.ToggleButtons(style={"description_width": "initial"})
        self.jump = widgets.Dropdown(style={"description_width": "initial"})
        # clinician mode: every step as a button, always in view, to jump while talking with a parent
        self.step_list = widgets.ToggleButtons(style={"description_width": "initial", "button_width": "auto"})
        self.step_list.add_class("mk-step-list")
        self.back = widgets.Button(icon="arrow-left")
        self.next = widgets.Button(icon="arrow-right")
        self.next.add_class("mk-primary")
        self.progress = widgets.HTML()
        self.footer = widgets.HTML()
        self.sources_toggle = widgets.ToggleButton(value=False)
        self.sources_toggle.add_class("mk-sources-toggle")  # a step's source link opens the page with it (guide.js)
        self.sources_page = widgets.HTML(layout=widgets.Layout(display="none"))
        self.steps = Steps(self._build_step)
        self.stage = widgets.Box(layout=widgets.Layout(width="100%"))
        self.stage.add_class("mk-stage")

        settings = widgets.HBox([self.language, self.mode, self.jump])
        settings.add_class("mk-settings")
        nav = widgets.HBox([self.back, self.progress, self.next])
        nav.add_class("mk-nav")
        self.container = widget_states.Page([self.title, settings, self.step_list, self.stage, nav, self.footer,
                                       self.sources_toggle, self.sources_page])
        self.container.add_class("mk-guide")
        for control in (self.language, self.mode, self.jump, self.back, self.next, self.sources_toggle):
            control.add_class("mk-control")

        self.back.on_click(lambda _b: self.visit.go(-1))
        self.next.on_click(lambda _b: self.visit.go(+1))
        self.jump.observe(self._chosen("step", STEPS), names="value")
        self.step_list.observe(self._chosen("step", STEPS), names="value")
        self.mode.observe(self._chosen("mode", MODES), names="value")
        self.language.observe(self._chosen("lang", strings.available_languages()), names="value")
        self.sources_toggle.observe(self._update, names="value")
        self.visit.observe(self._update, names=["step", "lang", "mode"])
        guard_tree(self.container)
        widget_states.serve(self.container)  # the page's first load asks here, for less than ipywidgets' answer
        self.container.when_drawn(lambda: self._build_next_soon(at_once=True))
        self._update()

    def _build_step(self, step: str):
        view = build_step(self.visit, step)
        if step == "takehome":
            # the clinician's chart note reads what the teach-back and the handout tools recorded in this visit
            note = view_class(EDUCATION_NOTE)
            view.add_tool(note(self.visit, quiz=self.steps["check"].tools[0].quiz, takehome=view.tools[0]))
        guard_tree(view.container)  # before the browser can see it
        return view

    def _step_container(self, step: str):
        """The step to show; if it cannot be built, the safe fallback in its place (never an empty page)."""
        try:
            return self.steps[step].container
        except Exception as error:
            fallback.log.error("milia_kit: step %s could not be built (%s); showing the safe fallback",
                               step, type(error).__name__)
            return widgets.HTML(fallback.fallback_html(self.visit.words))

    def follow_link(self) -> None:
        """Open the step, language and mode a deep link asks for (waits for the visitor under preheat)."""
        request.wait_for_request()
        self.visit.follow(request.query())
        # A link that changes nothing (plain `/`) redraws nothing, which would leave the timer set before the
        # wait (hours, under preheat) to fire now, while the page loads: start the wait for the page again.
        self._build_next_soon()

    def _chosen(self, name, allowed):
        def apply(change):
            if self._updating:  # a control redrawn by _update (new option labels) is not the visitor choosing
                return
            if change["new"] in allowed:  # anything else (a hostile browser) leaves the visit as it is
                setattr(self.visit, name, change["new"])
        return apply

    @staticmethod
    def _language_options():
        return [(strings.load(code).text("meta.language_name"), code) for code in strings.available_languages()]

    def _update(self, _change=None):
        self._updating = True
        try:
            self._redraw()
        finally:
            self._updating = False
        self._build_next_soon()

    def _build_next_soon(self, at_once: bool = False) -> None:
        """Build the next step while the visitor reads this one, so that Next shows it at once.

        Built on the click, a step costs its page about 150 ms (a message and a model for each of its 30-100
        widgets) before it appears. Built a moment after this step is shown, the kernel and the page do that
        work while the visitor reads. On the guide's own page, whose page says when it has drawn the guide,
        the first time waits for that (`at_once` then); JupyterLab, nbval and plain Voila say nothing, and get
        the short delay. Needs the kernel's event loop; without one (a script, a test) steps are simply built
        when first shown.
        """
        position = STEPS.index(self.visit.step)
        if position + 1 >= len(STEPS) or STEPS[position + 1] in self.steps.names_built():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._next_timer is not None:  # one at a time: a timer set before a preheated kernel's long wait
            self._next_timer.cancel()      # would fire the moment its visitor arrives, while their page loads
        if at_once:
            delay = 0.0
        elif widget_states.writes_states() and not self.container.drawn:
            delay = PAGE_DRAWN_WITHIN_SECONDS
        else:
            delay = BUILD_NEXT_AFTER_SECONDS
        self._next_timer = loop.call_later(delay, self.steps.__getitem__, STEPS[position + 1])

    def _redraw(self):
        visit, words = self.visit, self.visit.words
        self.title.value = (f'<div class="mk-header" data-mk-lang="{inline(words.text("meta.html_lang"))}" '
                            f'{page_words(words)}>'
                            f'<h1>{inline(words.text("app.title"))}</h1>'
                            f'<p class="mk-subtitle">{inline(words.text("app.subtitle"))}</p></div>')
        self.language.description = words.text("app.language_label")
        self.language.value = visit.lang
        self.mode.description = words.text("app.mode_label")
        self.mode.options = [(words.text(f"app.mode_{m}"), m) for m in MODES]
        self.mode.value = visit.mode
        self.jump.description = words.text("app.jump_label")
        self.jump.options = [(f"{i}. {words.text(f'steps.{s}.nav')}", s) for i, s in enumerate(STEPS, 1)]
        self.jump.value = visit.step
        self.step_list.description = words.text("clinician_ui.steps_label")
        self.step_list.options = [(words.text(f"steps.{s}.nav"), s) for s in STEPS]
        self.step_list.value = visit.step
        self.step_list.layout.display = None if visit.mode == "clinician" else "none"
        # pagination as on health sites: each button names the step it goes to ("Next: Why babies get them")
        here = STEPS.index(visit.step)
        before, after = STEPS[here - 1] if here else None, STEPS[here + 1] if here + 1 < len(STEPS) else None
        self.back.description = (words.text("app.back_to", step=words.text(f"steps.{before}.nav")) if before
                                 else words.text("app.back"))
        self.next.description = (words.text("app.next_to", step=words.text(f"steps.{after}.nav")) if after
                                 else words.text("app.next"))
        self.back.disabled, self.next.disabled = before is None, after is None
        done = round(100 * visit.number / len(STEPS))
        self.progress.value = (f'<p class="mk-progress" aria-live="polite">'
                               f'{inline(words.text("app.progress", current=visit.number, total=len(STEPS)))}</p>'
                               f'<div class="mk-progress-bar" aria-hidden="true"><span style="width: {done}%"></span></div>')
        self.stage.children = [self._step_container(visit.step)]
        self.container.remove_class("mk-mode-self")
        self.container.remove_class("mk-mode-clinician")
        self.container.add_class(f"mk-mode-{visit.mode}")
        self.footer.value = f'<div class="mk-footer"><p class="mk-disclaimer">{inline(words.text("app.disclaimer"))}</p></div>'
        showing = self.sources_toggle.value
        self.sources_toggle.description = words.text("app.sources_hide" if showing else "app.sources_show")
        self.sources_page.layout.display = None if showing else "none"
        if showing:
            self.sources_page.value = sources_page_html(words, clinician=visit.mode == "clinician")
