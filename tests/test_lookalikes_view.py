"""The look-alike explorer's view (milia_kit/views/lookalikes.py), without a browser: set the widgets' values and
read the HTML they show. Hostile values are left out; the urgent box appears for blisters or pus, and its
button moves the visit to the step "When to call the doctor".

The words are the real English strings (`strings.load("en")`, the `lookalikes` section of assets/strings/en.yml);
the escaping test writes a hostile copy of en.yml to a temp folder."""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
import pytest
from traitlets import HasTraits, TraitError, Unicode

from milia_kit import drawing, lookalikes, strings
from milia_kit.views.red_flags import clinic_phone
from milia_kit.views.lookalikes import CALL_STEP, LookalikeExplorerView, card_html
from milia_kit.visit import STEPS, Visit
from word_copies import english_tree, words_from

TYPICAL_ACNE = dict(colour="red", redness="some", fluid="solid", place="face", onset="weeks_2_4")




@pytest.fixture(scope="module")
def words():
    return strings.load("en")


class StandInVisit(HasTraits):
    """What the view needs of a Visit: lang, tone and step traits, and `.words`. Takes any value, as a
    hostile or buggy caller might set."""

    lang = Unicode("en")
    tone = Unicode(drawing.DEFAULT_TONE)
    step = Unicode("lookalikes")

    def __init__(self, words, **traits):
        super().__init__(**traits)
        self._words = words

    @property
    def words(self):
        return self._words


def real_visit() -> Visit:
    """A real Visit (its step and tone are checked by traitlets), on the look-alikes step."""
    visit = Visit()
    visit.step = "lookalikes"
    return visit


def answered(view, **answers):
    for question, value in answers.items():
        view.questions[question].value = value
    return view


def all_html(view) -> str:
    parts = [view.heading.value, view.urgent_text.value, view.summary.value, view.note.value,
             view.urgent_card.figure.value, view.urgent_card.text.value]
    for card in [*view.cards, *view.gallery.values()]:
        parts += [card.figure.value, card.text.value]
    return "".join(parts)


def gallery_cards(view) -> list[str]:
    return [condition for condition, card in view.gallery.items() if card.container.layout.display != "none"]


def shown_cards(view) -> list[str]:
    return [re.search(r'id="mk-lookalike-([a-z_]+)-name"', c.text.value).group(1)
            for c in view.cards if c.container.layout.display != "none"]


def shown(widget) -> bool:
    return widget.layout.display != "none"


# --- The controls -----------------------------------------------------------------------------------------

def test_every_question_has_a_real_label_and_a_not_sure_option(words):
    view = LookalikeExplorerView(StandInVisit(words))
    for question, dropdown in view.questions.items():
        assert dropdown.description == words.text(f"lookalikes.questions.{question}")
        assert dropdown.style.description_width == "initial"
        assert dropdown.options[0] == (words.text("lookalikes.not_sure"), lookalikes.NOT_SURE)
        assert [code for _, code in dropdown.options[1:]] == list(lookalikes.QUESTIONS[question])
        assert dropdown.value == lookalikes.NOT_SURE
    assert view.tone.description == words.text("lookalikes.tone_label")
    assert [code for _, code in view.tone.options] == list(drawing.TONES)


def test_before_any_answer_a_hint_and_no_cards_or_alert(words):
    view = LookalikeExplorerView(StandInVisit(words))
    assert words.text("lookalikes.result.hint") in view.summary.value.replace("&#x27;", "'")
    assert shown_cards(view) == [] and not shown(view.urgent) and view.urgent_text.value == ""
    assert 'role="status"' in view.summary.value


# --- The result ---------------------------------------------------------------------------------------------

def test_typical_answers_show_the_best_matches_with_pictures_and_words(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **TYPICAL_ACNE)
    assert shown_cards(view)[0] == "baby_acne" and 1 <= len(shown_cards(view)) <= lookalikes.MAX_MATCHES
    card = view.cards[0]
    root = ET.fromstring(card.figure.value)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Baby acne (neonatal cephalic pustulosis)"
    text = card.text.value.replace("&#x27;", "'")
    for key in ("name", "looks.text", "differs.text", "harmless.text"):
        assert words.text(f"lookalikes.conditions.baby_acne.{key}") in text
    assert words.text("lookalikes.result.differs_heading") in text
    assert words.text("lookalikes.result.check_first_badge") in text  # baby acne has pus-tipped bumps in the first weeks
    assert "What fits: red or pink, a red ring around each, solid, cheeks, chin or forehead, 2 to 4 weeks." in text
    assert "mayo-baby-acne" in text  # its sources
    assert words.text("lookalikes.result.not_diagnosis").replace("'", "&#x27;") in view.note.value
    assert not shown(view.urgent)


@pytest.mark.parametrize("condition, answers", [
    ("milia", dict(colour="white", redness="none", fluid="solid", place="nose", onset="birth")),
    ("cradle_cap", dict(colour="yellow", fluid="scales", place="scalp")),
    ("epstein_pearls", dict(colour="white", place="mouth_roof")),
    ("erythema_toxicum", dict(colour="red", redness="blotch", place="body", onset="week_1")),
])
def test_each_answer_set_shows_its_look_alike_first(words, condition, answers):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **answers)
    assert shown_cards(view)[0] == condition


def test_what_does_not_fit_is_said_too(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), colour="white", redness="none", fluid="solid",
                    place="mouth_roof", onset="birth")
    milia = next(c for c in view.cards if 'id="mk-lookalike-milia-name"' in c.text.value)
    assert "What does not fit: roof of the mouth." in milia.text.value


def test_answers_that_fit_nothing_say_so(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), colour="red", redness="blotch", fluid="scales",
                    place="gums", onset="older")
    assert shown_cards(view) == []
    assert words.text("lookalikes.result.none_fit").replace("'", "&#x27;") in view.summary.value


def test_the_pictures_follow_the_skin_tone_both_ways(words):
    visit = StandInVisit(words)
    view = answered(LookalikeExplorerView(visit), **TYPICAL_ACNE)
    visit.tone = "deep"
    assert drawing.TONES["deep"].surface in view.cards[0].figure.value and view.tone.value == "deep"
    view.tone.value = "light"
    assert visit.tone == "light" and drawing.TONES["light"].surface in view.cards[0].figure.value


def test_a_hostile_tone_on_the_visit_draws_the_default_tone(words):
    visit = StandInVisit(words)
    view = answered(LookalikeExplorerView(visit), **TYPICAL_ACNE)
    visit.tone = "<script>"
    assert drawing.TONES[drawing.DEFAULT_TONE].surface in view.cards[0].figure.value
    assert "<script>" not in all_html(view) and view.tone.value in drawing.TONES


def test_start_again_clears_every_answer(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **{**TYPICAL_ACNE, "fluid": "pus"})
    assert shown(view.urgent)
    view.start_again.click()
    assert all(d.value == lookalikes.NOT_SURE for d in view.questions.values())
    assert shown_cards(view) == [] and not shown(view.urgent)


def test_a_new_language_keeps_the_answers(words):
    visit = StandInVisit(words)
    view = answered(LookalikeExplorerView(visit), **TYPICAL_ACNE)
    before = all_html(view)
    visit.lang = "xx"  # the stand-in serves the same words: the view relabels and must keep every answer
    assert view.answers() == TYPICAL_ACNE and all_html(view) == before


# --- The urgent box -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fluid, onset", list(itertools.product(
    ["clear", "pus"], ["birth", "week_1", "weeks_2_4", "weeks_5_6", lookalikes.NOT_SURE])))
def test_blisters_or_pus_in_the_first_weeks_show_the_urgent_box(words, fluid, onset):
    view = answered(LookalikeExplorerView(StandInVisit(words)), fluid=fluid, onset=onset)
    assert shown(view.urgent) and shown(view.urgent_button)
    html = view.urgent_text.value.replace("&#x27;", "'")
    assert 'role="alert"' in html and words.text("lookalikes.urgent.heading") in html
    reason = "blisters_first_weeks" if fluid == "clear" else "pus_first_weeks"
    assert words.text(f"lookalikes.urgent.reasons.{reason}.text") in html
    assert words.text("red_flags.levels.now.action", phone=clinic_phone(words)) in html  # the rule table's words
    assert (words.text("lookalikes.urgent.reasons.onset_unknown.text") in html) == (onset == lookalikes.NOT_SURE)
    assert view.urgent_button.description == words.text("lookalikes.urgent.button")
    assert shown(view.urgent_card.container) and "mk-lookalike-blisters_first_weeks-name" in view.urgent_card.text.value
    assert words.text("lookalikes.result.not_harmless_badge") in view.urgent_card.text.value


@pytest.mark.parametrize("fluid", ["clear", "pus"])
def test_blisters_or_pus_later_still_show_the_box_without_the_first_weeks_card(words, fluid):
    view = answered(LookalikeExplorerView(StandInVisit(words)), fluid=fluid, onset="older")
    assert shown(view.urgent) and not shown(view.urgent_card.container)
    reason = "blisters" if fluid == "clear" else "pus_bumps"
    assert words.text(f"lookalikes.urgent.reasons.{reason}.text").replace("'", "&#x27;") in view.urgent_text.value


def test_the_box_goes_when_the_blisters_answer_goes(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), fluid="clear", onset="week_1")
    assert shown(view.urgent)
    view.questions["fluid"].value = "solid"
    assert not shown(view.urgent) and view.urgent_text.value == ""


def test_the_button_moves_the_visit_to_when_to_call_the_doctor():
    assert CALL_STEP in STEPS and CALL_STEP == "call"
    visit = real_visit()
    view = answered(LookalikeExplorerView(visit), fluid="pus", onset="weeks_2_4")
    view.urgent_button.click()
    assert visit.step == "call"


# --- Hostile values -------------------------------------------------------------------------------------

HOSTILE = ["<script>alert(1)</script>", "white\x00", 42, None, object(), ["pus"], "x" * 5000, "blotch<img src=x>"]


def force(dropdown, value):
    """Put a value into a dropdown past its own checks, as a buggy or hostile front end might."""
    dropdown._trait_values["value"] = value


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("question", list(lookalikes.QUESTIONS))
def test_a_value_that_is_not_an_option_is_left_out(words, question, value):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **TYPICAL_ACNE)
    force(view.questions[question], value)
    view._update()  # must not raise
    assert view.result.answers[question] is None
    if value is not None:
        assert view.result.ignored == (question,)
        assert words.text("lookalikes.result.ignored") in view.summary.value
    assert shown_cards(view)[0] == "baby_acne"  # the other answers still count
    html = all_html(view)
    assert "<script" not in html and "<img" not in html and "\x00" not in html


def test_a_hostile_value_never_hides_the_urgent_box(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), fluid="pus", onset="week_1")
    for question in ("colour", "redness", "place", "onset"):
        force(view.questions[question], "<script>")
    view._update()
    assert shown(view.urgent) and view.result.urgent


def test_an_index_out_of_range_from_the_browser_is_refused_and_the_view_keeps_working(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **TYPICAL_ACNE)
    before = all_html(view)
    for bad in (99, -5, "1", 1.5):
        with pytest.raises(TraitError):
            view.questions["colour"].set_state({"index": bad})
    assert view.questions["colour"].value == "red" and all_html(view) == before
    view.questions["colour"].set_state({"index": None})  # "nothing chosen" is allowed: it counts as not sure
    assert view.questions["colour"].value is None and view.result.answers["colour"] is None
    assert shown_cards(view)[0] == "baby_acne"
    view.tone.set_state({"index": 1})  # a real choice from the browser still works
    assert view.visit.tone == list(drawing.TONES)[1]


def test_words_are_escaped(tmp_path):
    tree = english_tree()
    hostile = '<img src=x onerror=alert(1)> & "quoted"'
    tree["lookalikes"]["conditions"]["baby_acne"]["name"] = hostile
    tree["lookalikes"]["conditions"]["baby_acne"]["looks"]["text"] = hostile
    tree["lookalikes"]["urgent"]["heading"] = hostile
    words = words_from(tree, tmp_path)
    view = answered(LookalikeExplorerView(StandInVisit(words)), **{**TYPICAL_ACNE, "fluid": "pus"})
    html = all_html(view)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_card_html_names_a_condition_that_is_not_harmless(words):
    figure, text = card_html("blisters_first_weeks", None, dict.fromkeys(lookalikes.QUESTIONS), words, "brown")
    assert ET.fromstring(figure).get("role") == "img"
    assert "mk-not-harmless" in text and "What fits" not in text


# --- Every bump as a card, before and after answers -------------------------------------------------------------

def test_before_any_answer_every_bump_is_a_card_with_its_picture_in_the_parents_tone(words):
    visit = StandInVisit(words, tone="deep")
    view = LookalikeExplorerView(visit)
    every = [condition.id for condition in lookalikes.load()]
    assert gallery_cards(view) == every and len(every) >= 10
    assert words.text("lookalikes.result.gallery_heading") in view.gallery_heading.value
    for condition in every:
        card = view.gallery[condition]
        assert drawing.TONES["deep"].surface in card.figure.value
        assert inline_text(words, f"lookalikes.conditions.{condition}.name") in card.text.value
        assert inline_text(words, f"lookalikes.conditions.{condition}.differs.text") in card.text.value


def test_the_matches_move_up_and_the_others_stay_below_once(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), **TYPICAL_ACNE)
    matches = shown_cards(view)
    assert matches and matches[0] == "baby_acne"
    assert not set(matches) & set(gallery_cards(view))
    assert set(matches) | set(gallery_cards(view)) == {c.id for c in lookalikes.load()}
    assert words.text("lookalikes.result.others_heading") in view.gallery_heading.value


def test_no_element_id_is_on_the_page_twice_with_the_urgent_card_showing(words):
    view = answered(LookalikeExplorerView(StandInVisit(words)), fluid="clear", onset="week_1")
    assert shown(view.urgent) and view.urgent_card.text.value
    ids = re.findall(r'\bid="([^"]+)"', all_html(view))
    assert ids and len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_the_gallery_follows_the_tone_and_the_language(words):
    visit = real_visit()
    view = LookalikeExplorerView(visit)
    visit.tone = "light"
    assert drawing.TONES["light"].surface in view.gallery["milia"].figure.value
    visit.lang = "es"
    assert inline_text(strings.load("es"), "lookalikes.conditions.milia.name") in view.gallery["milia"].text.value


def inline_text(words, key) -> str:
    from milia_kit.markup import inline

    return inline(words.text(key))


def test_a_harmless_bump_with_pus_or_blisters_in_the_first_weeks_is_never_shown_as_plainly_harmless(words):
    """The urgent box sends pus or blisters in the first weeks to a doctor now (Schmitt: they must be examined),
    so the cards of harmless bumps that come that way say a doctor must check first, not just "Harmless"."""
    check_first = {c.id for c in lookalikes.load() if c.check_first}
    assert {"transient_pustular_melanosis", "miliaria_crystallina", "baby_acne"} <= check_first
    assert not check_first & {"milia", "sebaceous_hyperplasia", "cradle_cap", "epstein_pearls", "blisters_first_weeks"}
    for condition in lookalikes.load():
        _, text = card_html(condition.id, None, {}, words, drawing.DEFAULT_TONE)
        plain = words.text("lookalikes.result.harmless_badge")
        if condition.id in check_first:
            assert words.text("lookalikes.result.check_first_badge") in text and f"<strong>{plain}</strong>" not in text
