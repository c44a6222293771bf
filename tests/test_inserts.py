"""The parts a step's body asks for with `{insert: name}` (milia_kit/inserts.py)."""
import re
from html import escape

import pytest

from milia_kit import drawing, inserts, red_flags, strings
from milia_kit.views import page
from milia_kit.visit import Visit


def test_every_part_has_a_maker_and_nothing_else_is_a_part():
    assert set(inserts.NAMES) == set(red_flags.INSERTS) | {"washing_steps", "glass_test", "milia_face", "handout_contents"}
    with pytest.raises(KeyError, match="no step part 'pocket_picture'"):
        inserts.html("pocket_picture", strings.load("en"), drawing.DEFAULT_TONE)


@pytest.mark.parametrize("name", sorted(inserts.DRAWINGS))
@pytest.mark.parametrize("tone", sorted(drawing.TONES))
def test_each_picture_is_drawn_in_the_tone_asked_for(name, tone):
    shown = inserts.html(name, strings.load("en"), tone)
    assert shown.startswith(f'<figure class="{inserts.DRAWINGS[name][2]}"><svg') and drawing.TONES[tone].surface in shown
    others = [t.surface for name, t in drawing.TONES.items() if name != tone]
    assert not any(surface in shown for surface in others)


def test_every_inserted_part_a_strings_file_names_is_a_part():
    for lang in strings.available_languages():
        words = strings.load(lang)
        for step in words.get("steps"):
            for block in words.get(f"steps.{step}.body") or ():
                if "insert" in block:
                    assert block["insert"] in inserts.NAMES, (lang, step, block)


def test_the_care_step_shows_the_washing_picture_and_redraws_it_in_a_new_tone():
    visit = Visit()
    step = page.TextStep(visit, "care")
    words = strings.load("en")
    assert words.text("washing.title") in step.body.value.replace("&#x27;", "'")
    visit.tone = "deep"
    assert drawing.TONES["deep"].surface in step.body.value
    visit.tone = "light"
    assert drawing.TONES["light"].surface in step.body.value and drawing.TONES["deep"].surface not in step.body.value
    # the picture follows the steps it shows: right after the "Each day" list, before "Do not"
    headings = [block["h"] for block in words.get("steps.care.body") if "h" in block]
    html = step.body.value
    heading = '<h3 class="mk-subheading">{}</h3>'.format
    assert html.index(heading(headings[0])) < html.index("mk-washing") < html.index(heading(headings[1]))


def test_the_face_is_on_the_start_step_and_the_glass_test_on_the_call_step():
    visit = Visit()
    words = strings.load("en")
    start, call = page.TextStep(visit, "start"), page.TextStep(visit, "call")
    assert words.text("face.title") in start.body.value.replace("&#x27;", "'")
    assert words.text("glass_test.title") in call.body.value
    # the glass test follows the lists that name the spots that do not fade
    assert call.body.value.index("mk-red-flags") < call.body.value.index("mk-glass-test")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name, captions, note", [
    ("washing_steps", ["washing.wash", "washing.pat_dry", "washing.hands_off"], None),
    ("glass_test", ["glass_test.press", "glass_test.still_seen"], "glass_test.dark_skin_note")])
def test_a_picture_of_panels_has_its_captions_as_page_text_numbered_under_it(lang, name, captions, note):
    """Drawn inside the picture, the captions shrank with it: 6 px for the washing panels on a 360 px phone (the
    fourth PEMAT/CDC rating). They follow it as text, numbered as its panels are."""
    words = strings.load(lang)
    shown = inserts.html(name, words, drawing.DEFAULT_TONE)
    picture, after = shown.split("</svg>", 1)
    drawn = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", picture, re.S))
    for number, key in enumerate(captions, start=1):
        caption = escape(words.text(key))
        assert f"<span>{number}. {caption}</span>" in after
        assert caption not in drawn
    if note:
        written = escape(words.text(note, dark_skin=words.text("red_flags.dark_skin")))
        assert written in after and written not in drawn
    assert after.startswith('<figcaption class="mk-panel-captions">') and after.endswith("</figcaption></figure>")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """The clinic's settings from a file of this test's own (the shipped example, or a clinic's real ones)."""
    from milia_kit import clinic

    def use(phone: str, address: str):
        path = tmp_path / "clinic.yml"
        path.write_text(f"clinic_name: Lakeside Pediatrics\nphone: '{phone}'\nguide_address: '{address}'\n"
                        "moisturiser_step: false\n", encoding="utf-8")
        monkeypatch.setattr(clinic, "default_path", lambda: path)
        clinic.load.cache_clear()

    yield use
    clinic.load.cache_clear()


@pytest.mark.parametrize("phone, address, has_phone, has_code", [
    ("000-000-0000", "http://127.0.0.1:8866/", False, False),  # the shipped example: neither is printed
    ("555-201-3344", "http://127.0.0.1:8866/", True, False),   # a real number; an address only the clinic opens
    ("000-000-0000", "https://guide.lakeside-peds.org/", False, True),
    ("555-201-3344", "https://guide.lakeside-peds.org/", True, True)])
def test_take_home_promises_the_phone_and_the_code_only_when_the_handout_has_them(settings, phone, address,
                                                                                 has_phone, has_code):
    """The fourth PEMAT/CDC rating: Take home listed "Your clinic's phone number" and "A code you can scan" while a
    sheet made with the example settings has neither."""
    settings(phone, address)
    for lang, phone_words, code_words in (("en", "phone number", "code you can scan"),
                                          ("es", "teléfono de su clínica", "código que puede escanear")):
        shown = page.TextStep(Visit(lang=lang), "takehome").body.value
        assert (phone_words in shown) is has_phone and (code_words in shown) is has_code, (lang, shown)
        assert "jeans" in shown and ("care" in shown or "cuidar" in shown)  # the rest of the list stays
