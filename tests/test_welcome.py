"""The welcome: the guide's first words as plain HTML, in every language, readable before any script runs."""
import re

from milia_kit import strings, welcome
from milia_kit.app import Guide


def test_every_language_has_the_title_main_message_and_a_loading_note():
    html = welcome.welcome_html()
    for code in strings.available_languages():
        words = strings.load(code)
        block = re.search(rf'<div class="mk-lang mk-welcome-lang" lang="{code}"[^>]*>(.*?)</div>', html, re.S).group(1)
        for key in ("app.title", "steps.start.message.text", "app.loading"):
            assert welcome.inline(words.text(key)) in block, (code, key)


def test_it_is_plain_html_with_no_script_and_no_widget():
    html = welcome.welcome_html()
    assert "<script" not in html.lower() and "on" + "load" not in html.lower()
    assert re.fullmatch(r'<style>[^<]*</style><div class="mk-welcome" data-mk-until-ready>.*</div>'
                        r'<div id="mk-page-problem" role="alert" hidden>.*</div>', html, re.S)


def test_english_shows_unless_the_page_is_in_another_language_it_has():
    style = re.search(r"<style>(.*?)</style>", welcome.welcome_html(languages=["en", "es"]), re.S).group(1)
    assert ".mk-lang { display: none; }" in style
    assert "html:not(:lang(es)) .mk-lang[lang=en] { display: block; }" in style
    assert "html:lang(es) .mk-lang[lang=es] { display: block; }" in style


def test_the_did_not_load_note_is_hidden_and_in_every_language():
    html = welcome.welcome_html()
    note = re.search(r'<div id="mk-page-problem" role="alert" hidden>(.*?)</div>', html, re.S).group(1)
    for code in strings.available_languages():
        assert f'<p class="mk-lang" lang="{code}">{welcome.inline(strings.load(code).text("app.page_problem"))}</p>' in note
    # it is outside the welcome, which goes when the guide is drawn; the note may still be needed then
    assert html.index('id="mk-page-problem"') > html.index("</div></div>")


def test_each_language_block_carries_the_pages_words_for_the_banner_and_skip_link():
    html = welcome.welcome_html()
    for code in strings.available_languages():
        words = strings.load(code)
        block = re.search(rf'<div class="mk-lang mk-welcome-lang" lang="{code}" ([^>]*)>', html).group(1)
        assert block == welcome.page_words(words)
        for attribute, key in welcome.PAGE_WORDS:
            assert f'{attribute}="{welcome.escape(words.text(key))}"' in block


def test_words_are_escaped(tmp_path):
    class Words:
        def text(self, key):
            return "<img src=x onerror=alert(1)>"

    html = welcome.welcome_html(load=lambda code: Words(), languages=["en"])
    assert "<img" not in html and "&lt;img" in html


def test_the_notebook_shows_it_as_html():
    guide = Guide()
    assert guide.welcome._repr_html_() == welcome.welcome_html()
