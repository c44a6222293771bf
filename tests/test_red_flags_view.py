"""The red-flag checker's view: answers in, advice out, live; the clinic's phone; hostile values never lower it."""
import pytest

from milia_kit import strings, triage
from milia_kit.views.red_flags import RedFlagCheckerView, clinic_phone
from milia_kit.visit import Visit

WORDS = strings.load("en")


@pytest.fixture
def view():
    return RedFlagCheckerView(Visit())


def level_shown(view):
    for level in [*triage.Level, "incomplete"]:
        code = getattr(level, "code", level)
        if f"mk-triage-{code}" in view.answer.value:
            return level
    return None


def test_nothing_answered_asks_for_an_answer(view):
    assert level_shown(view) is None and WORDS.text("triage.start_hint") in view.answer.value


def test_a_fever_in_a_young_baby_is_call_now_with_the_phone(view):
    view.text["age_weeks"].value = "6"
    view.text["temperature"].value = "38.2"
    view.unit.value = "C"
    assert level_shown(view) is triage.Level.NOW
    assert 'role="alert"' in view.answer.value
    assert clinic_phone(WORDS) in view.answer.value.replace("&#x27;", "'")
    assert "Your baby is younger than 3 months and has a fever" in view.answer.value.replace("&#x27;", "'")


def test_milia_for_four_months_is_mention_at_the_next_visit(view):
    view.text["age_weeks"].value = "20"
    view.text["bumps_weeks"].value = "16"
    for name in triage.YES_NO_QUESTIONS:
        view.yes_no[name].value = False
    assert level_shown(view) is triage.Level.NEXT_VISIT
    assert "Mention it at your next visit" in view.answer.value  # there is something to mention


def test_no_warning_sign_says_no_call_is_needed_and_when_to_call(view):
    """Every answer no: "Mention it at your next visit" would send a parent looking for something to mention (the
    fourth PEMAT/CDC rating). The heading says no call is needed, the line says when to call after all, and the
    short call list still follows."""
    view.text["age_weeks"].value = "20"
    for name in triage.YES_NO_QUESTIONS:
        view.yes_no[name].value = False
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) is triage.Level.NEXT_VISIT
    assert "<h4>No need to call right now</h4>" in shown
    assert "Call your baby's doctor if anything changes, or if you are worried." in shown
    assert "Mention it at your next visit" not in shown
    assert WORDS.text("red_flags.short_heading") in shown


@pytest.mark.parametrize("age", ["abc", "-3", "1e9"])
def test_an_answer_that_could_not_be_read_never_gets_the_no_need_to_call_heading(view, age):
    view.text["age_weeks"].value = age
    for name in triage.YES_NO_QUESTIONS:
        view.yes_no[name].value = False
    shown = view.answer.value.replace("&#x27;", "'")
    assert "No need to call right now" not in shown
    assert "mk-alert" in shown  # it says what it could not read


@pytest.mark.parametrize("lang, danger, not_it", [
    ("en", "Crying that you cannot calm", "lose too much water"),
    ("es", "llora y usted no logra calmarlo", "perder demasiada agua")])
def test_crying_that_cannot_be_calmed_comes_with_its_own_danger(lang, danger, not_it):
    """CDC item 18: the danger named must fit the sign. Crying sat in the feeding group, whose line is about
    losing water, and the checker showed only that line for a crying baby (the fourth rating)."""
    visit = Visit()
    visit.lang = lang
    view = RedFlagCheckerView(visit)
    view.text["age_weeks"].value = "20"
    for name in triage.YES_NO_QUESTIONS:
        view.yes_no[name].value = name == "crying"
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) is triage.Level.NOW
    why = shown[shown.index('class="mk-red-flags-why"'):shown.index("mk-short-call")]
    assert danger.lower() in why.lower() and not_it not in why


def test_the_advice_changes_live_and_start_again_clears_it(view):
    view.text["age_weeks"].value = "20"
    view.yes_no["blisters"].value = True
    assert level_shown(view) is triage.Level.NOW
    view.reset.click()
    assert level_shown(view) is None and view.text["age_weeks"].value == ""


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "9" * 5000, "NaN", "-1e309", "\u202e38"])
def test_hostile_typing_never_lowers_the_level_and_is_never_echoed(view, hostile):
    view.text["age_weeks"].value = hostile
    view.text["temperature"].value = hostile
    assert level_shown(view) is triage.Level.NOW  # an unreadable temperature counts as very high
    assert "<script" not in view.answer.value


def test_the_level_says_itself_in_words_not_only_colour(view):
    view.yes_no["purple_spots"].value = True
    assert WORDS.text("red_flags.levels.now.result") in view.answer.value


def test_only_the_age_shows_no_level_yet_and_the_call_now_list(view):
    """The issue's case: with only the age typed, never "you do not need to call right now"."""
    view.text["age_weeks"].value = "6"
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) == "incomplete"
    assert WORDS.text("red_flags.levels.next_visit.action") not in shown
    assert WORDS.text("triage.incomplete_none") in shown
    assert WORDS.text("red_flags.signs.breathing_trouble") in shown  # the short "call if" list ends it


def test_before_every_answer_no_calm_words_are_shown(view):
    """Milia for 14 weeks and nothing else: a reason to mention at a visit is found, but no calm words yet."""
    view.text["age_weeks"].value = "20"
    view.text["bumps_weeks"].value = "14"
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) == "incomplete" and WORDS.text("triage.incomplete_some") in shown
    assert WORDS.text("red_flags.reasons.milia_3_months") not in shown
    assert WORDS.text("red_flags.levels.next_visit.result") not in shown


def test_call_now_with_questions_left_asks_for_the_rest(view):
    view.text["age_weeks"].value = "4"
    view.text["temperature"].value = "38.5"
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) is triage.Level.NOW
    assert WORDS.text("triage.notes.unanswered_questions_now") in shown


def test_every_result_ends_with_the_short_call_list(view):
    view.text["age_weeks"].value = "20"
    for name in triage.YES_NO_QUESTIONS:
        view.yes_no[name].value = False
    shown = view.answer.value.replace("&#x27;", "'")
    assert level_shown(view) is triage.Level.NEXT_VISIT
    assert shown.index(WORDS.text("red_flags.short_heading")) > shown.index(WORDS.text("triage.no_signs_result"))


@pytest.mark.parametrize("sign, level", [("breathing_trouble", triage.Level.EMERGENCY), ("seizure", triage.Level.EMERGENCY),
                                         ("acting_unwell", triage.Level.NOW), ("not_feeding", triage.Level.NOW)])
def test_whole_baby_signs_are_asked_and_shown_at_once(view, sign, level):
    """The issue's cases: an 8-week-old who looks sick, a 20-week-old who will not feed: call now, not today."""
    view.text["age_weeks"].value = "8" if sign == "acting_unwell" else "20"
    view.yes_no[sign].value = True
    assert level_shown(view) is level


def test_an_armpit_reading_of_37_9_in_a_2_week_old_is_call_now(view):
    """The issue's first case (Schmitt-Thompson: armpit 37.2 C or higher is a fever; under 3 months: now)."""
    view.text["age_weeks"].value = "2"
    view.text["temperature"].value = "37.9"
    view.unit.value = "C"
    view.method.value = "armpit"
    assert level_shown(view) is triage.Level.NOW


def test_a_fever_with_spots_that_do_not_fade_is_the_emergency_number(view):
    """Meningitis Now: fever with spots that do not fade under pressure is a medical emergency."""
    view.text["age_weeks"].value = "20"
    view.text["temperature"].value = "38.5"
    view.yes_no["purple_spots"].value = True
    assert level_shown(view) is triage.Level.EMERGENCY
    assert WORDS.text("red_flags.dark_skin") in view.yes_no["purple_spots"].description  # the glass test on dark skin


def test_the_reasons_say_why_they_matter(view):
    """CDC item 18 in the checker: a fever in a young baby comes with the danger its group names."""
    view.text["age_weeks"].value = "6"
    view.text["temperature"].value = "38.2"
    view.unit.value = "C"
    shown = view.answer.value.replace("&#x27;", "'")
    reasons = shown[shown.index(WORDS.text("triage.reasons_heading")):shown.index("mk-short-call")]
    assert "a fever or a low temperature can be the first sign of a serious infection" in reasons
