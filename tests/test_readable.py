"""The readable guide (milia_kit/readable.py): every step's words on one plain page, in each language."""
import re
from html.parser import HTMLParser

import pytest

from milia_kit import readable, strings
from milia_kit.markup import inline
from milia_kit.visit import STEPS

SITE = "https://milia.clinic.example/"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.meta = [], [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs.get("content")


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_steps_heading_and_main_message_is_on_the_page(lang):
    words = strings.load(lang)
    html = readable.page_html(lang, None, False, SITE)
    assert f'<html lang="{lang}">' in html
    for step in STEPS:
        assert inline(words.text(f"steps.{step}.title")) in html, step
        assert inline(words.text(f"steps.{step}.message.text")) in html, step
    # the warning signs (from the rule table), the pictures and the sources are there too
    assert 'class="mk-red-flags' in html and html.count("<svg") >= 6
    assert "https://www.mayoclinic.org/" in html and readable.STOCK_HANDOUT.format(lang=lang) in html


def test_no_script_and_no_id_twice():
    tags = parsed(readable.page_html("en", None, False, SITE))
    assert "script" not in tags.tags
    assert len(tags.ids) == len(set(tags.ids)), [i for i in tags.ids if tags.ids.count(i) > 1]


@pytest.mark.parametrize("lang, locale", [("en", "en_US"), ("es", "es_US")])
def test_link_previews_get_a_title_a_description_a_picture_and_the_language(lang, locale):
    words = strings.load(lang)
    meta = parsed(readable.page_html(lang, None, False, SITE)).meta
    assert meta["og:title"] == words.text("app.title")
    assert meta["og:description"] == words.text("steps.start.message.text")
    assert meta["og:image"] == SITE + readable.PREVIEW_IMAGE and meta["og:locale"] == locale
    assert meta["og:url"].startswith(SITE)


def test_a_deep_link_puts_its_step_first():
    words = strings.load("es")
    html = readable.page_html("es", "call", False, SITE)
    first = html.index('class="mk-step-title"')
    assert html.index(inline(words.text("steps.call.title"))) < html.index(inline(words.text("steps.start.title")))
    assert 'id="mk-step-call"' in html[first - 60:first + 200]


def test_the_busy_page_says_so_and_offers_a_retry_to_the_same_place():
    words = strings.load("en")
    html = readable.page_html("en", "care", True, SITE)
    assert inline(words.text("readable.busy")) in html
    assert re.search(r'<a class="mk-retry" href="\?lang=en&amp;step=care">', html)
    assert inline(words.text("readable.busy")) not in readable.page_html("en", "care", False, SITE)


def test_an_unknown_language_or_step_is_the_default_never_an_error():
    assert readable.language("xx") == "en" and readable.language(" ES ") == "es" and readable.language(None) == "en"
    assert readable.step("<script>") is None and readable.step("call") == "call"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_browsers_first_visit_has_one_script_before_anything_that_could_hold_it_up(lang):
    """The script that brings the interactive guide runs before the style sheet (a script after one waits for it),
    sets its cookie for the guide's own path (behind a proxy's prefix too), and scripts-off visitors are told why
    the interactive guide does not open."""
    words = strings.load(lang)
    html = readable.page_html(lang, "pocket", False, "https://clinic.example/milia/", ask_for_guide=True)
    tags = parsed(html).tags
    assert tags.count("script") == 1 and tags.index("script") < tags.index("link")
    assert "path=/milia/;" in html and '"milia_guide=interactive"' in html
    assert f'<p class="mk-note">{inline(words.text("readable.needs_script"))}</p>' in html
    assert words.text("readable.needs_script") not in readable.page_html(lang, "pocket", False, SITE)
    # the link to the interactive guide carries the proof, so a click opens it even where cookies are not kept
    assert re.search(r'href="\?lang=' + lang + r'&amp;step=pocket&amp;interactive=1"', html)
    # every step is still there for a browser with scripts off
    for step in STEPS:
        assert inline(words.text(f"steps.{step}.message.text")) in html, step


def test_the_style_sheet_comes_from_the_guides_own_path_whatever_the_scheme():
    """An absolute http address for the style sheet would be blocked on an https page (mixed content)."""
    html = readable.page_html("en", None, False, "https://clinic.example/milia/")
    assert '<link rel="stylesheet" href="/milia/voila/templates/milia/static/guide.css">' in html
