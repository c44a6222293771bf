"""The guide object: one update path, and steps built only when first shown (a page loads one step's widgets)."""
import pytest
from ipywidgets.widgets.widget import _instances

from milia_kit.app import Guide
from milia_kit.views.guard import walk
from milia_kit.visit import STEPS


def live_widgets() -> int:
    return len(_instances)  # every widget the kernel has made (and the page would load)


@pytest.fixture
def guide():
    return Guide()


def test_a_new_guide_has_built_only_the_first_step(guide):
    assert [view.step_id for view in guide.steps.built()] == ["start"]
    assert guide.stage.children == (guide.steps["start"].container,)


def test_following_a_link_builds_that_step_and_no_other(guide):
    guide.visit.follow({"step": "pocket"})
    built = guide.steps.built()
    assert len(built) == 2 and guide.stage.children == (guide.steps["pocket"].container,)


def test_a_step_is_built_once_and_kept_with_its_state(guide):
    guide.visit.step = "pocket"
    pocket = guide.steps["pocket"]
    pocket.days.value = 30
    guide.visit.step = "care"
    guide.visit.step = "pocket"
    assert guide.steps["pocket"] is pocket and pocket.days.value == 30


def test_the_page_starts_with_a_fraction_of_the_guides_widgets():
    before = live_widgets()
    guide = Guide()
    guide.visit.follow({"step": "pocket"})
    first_page = live_widgets() - before
    for step in STEPS:
        guide.visit.step = step
    whole = live_widgets() - before
    assert first_page < whole / 2, (first_page, whole)


def test_the_handout_step_brings_the_teach_back_it_reports_on(guide):
    takehome = guide.steps["takehome"]
    assert takehome.tools[-1].__class__.__name__ == "EducationNoteView"
    assert "check" in [view.step_id for view in guide.steps.built()]


def test_every_built_step_is_guarded_before_the_browser_sees_it(guide):
    for step in STEPS:
        guide.visit.step = step
        for widget in walk(guide.steps[step].container):
            assert "set_state" in widget.__dict__, (step, type(widget).__name__)


def test_unknown_steps_are_not_built(guide):
    with pytest.raises(KeyError):
        guide.steps["<script>"]
    guide.visit.follow({"step": "<script>"})
    assert guide.visit.step == "start" and len(guide.steps.built()) == 1


@pytest.mark.parametrize("lang", ["es", "en"])
def test_switching_language_keeps_the_step_mode_and_every_choice(lang):
    guide = Guide()
    guide.visit.follow({"step": "pocket", "tone": "deep", "mode": "clinician", "lang": "es" if lang == "en" else "en"})
    pocket = guide.steps["pocket"]
    pocket.days.value, pocket.skin.value = 10, "adult"
    guide.language.value = lang  # as the visitor picks it in the page
    assert (guide.visit.lang, guide.visit.step, guide.visit.mode, guide.visit.tone) == (lang, "pocket", "clinician", "deep")
    assert (guide.jump.value, guide.step_list.value, guide.mode.value) == ("pocket", "pocket", "clinician")
    assert (pocket.days.value, pocket.skin.value, pocket.tone.value, pocket.pocket.skin) == (10, "adult", "deep", "adult")


def test_the_next_step_is_built_while_the_visitor_reads_this_one():
    import asyncio

    async def visit():
        guide = Guide()
        guide.visit.follow({"step": "why"})
        names = guide.steps.names_built
        assert "care" not in names(), "not at once: the page's own messages come first"
        loop = asyncio.get_running_loop()
        built = loop.create_future()
        deadline = loop.time() + 10

        def check():
            if "care" in names() or loop.time() > deadline:
                built.set_result(names())
            else:
                loop.call_later(0.05, check)

        check()
        return await built

    from conftest import run_async

    assert "care" in run_async(visit())


def test_on_the_guides_own_page_the_next_step_waits_for_the_page_to_say_it_has_drawn_this_one(monkeypatch):
    """Its page says when it has drawn the guide (widgets.js, over the guide's own comm target): until then a slow
    network still brings this step, and the next one is not built; once it says so, it is built at once. The
    timer's due time is read from the kernel's own loop, so no wait stands in for it."""
    import asyncio

    from comm.base_comm import CommManager
    from milia_kit import app, widget_states

    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    manager = CommManager()

    class PagesComm:  # the kernel's side of the page's comm
        closed = False

        def on_msg(self, handler):
            pass

        def close(self):
            self.closed = True

    async def visit():
        guide = Guide()
        widget_states.serve(guide.container, manager)
        guide.visit.follow({"step": "why"})
        loop = asyncio.get_running_loop()
        assert guide._next_timer.when() - loop.time() > 10 * app.BUILD_NEXT_AFTER_SECONDS  # not on the short delay
        comm = PagesComm()
        manager.targets[widget_states.TARGET](comm, {"content": {"data": {"method": "page_drawn"}}})
        assert comm.closed and guide.container.drawn
        assert guide._next_timer.when() <= loop.time()
        while "care" not in guide.steps.names_built():
            await asyncio.sleep(0)  # the loop's turn: the build is due now
        guide.visit.go(+1)  # from now on the page is drawn: the step after is built on the short delay
        assert guide._next_timer.when() - loop.time() <= app.BUILD_NEXT_AFTER_SECONDS

    from conftest import run_async

    run_async(visit())


def test_a_preheated_kernels_long_wait_does_not_leave_the_next_step_overdue(monkeypatch):
    """Under preheat the guide is built (its fallback timer set) long before the visitor comes, and the kernel
    then blocks in the notebook's cell until the link is followed. A link that changes nothing (plain `/`) must
    still start the wait for the page's word again, or the overdue timer builds the next step at once, while the
    page loads (helper-22's second read)."""
    import asyncio
    import time

    from milia_kit import app, request, widget_states

    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    monkeypatch.setattr(app, "PAGE_DRAWN_WITHIN_SECONDS", 0.05)
    blocked = 0.2
    monkeypatch.setattr(request, "wait_for_request", lambda: time.sleep(blocked))  # the cell blocks the loop

    async def visit():
        guide = Guide()
        monkeypatch.setattr(app, "PAGE_DRAWN_WITHIN_SECONDS", 30.0)  # the visitor's page gets the real wait
        guide.follow_link()  # no query: the start step, as built
        loop = asyncio.get_running_loop()
        assert guide._next_timer.when() - loop.time() > 10, "the timer set before the wait was left to fire"

    from conftest import run_async

    run_async(visit())


def test_a_page_that_never_says_it_has_drawn_still_gets_the_next_step_built(monkeypatch):
    import asyncio

    from milia_kit import app, widget_states

    monkeypatch.setenv(widget_states.IN_PAGE, "1")
    monkeypatch.setattr(app, "PAGE_DRAWN_WITHIN_SECONDS", 0.05)

    async def visit():
        guide = Guide()
        guide.visit.follow({"step": "why"})
        while "care" not in guide.steps.names_built():
            await asyncio.sleep(0.01)  # the fallback's own timer builds it

    from conftest import run_async

    run_async(asyncio.wait_for(visit(), 10))


def test_a_steps_tools_load_only_when_it_is_built():
    # (the sources list is not among them: every step names its sources, so it loads with the first step)
    import subprocess
    import sys

    code = ("import sys; from milia_kit.app import Guide; g = Guide(); g.visit.follow({'step': 'pocket'}); "
            "print(sorted(m for m in sys.modules if m.startswith('milia_kit.') and m.split('.')[-1] in "
            "('labels', 'triage', 'lookalikes', 'quiz', 'handout', 'printer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
