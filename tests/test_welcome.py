"""The welcome: the guide's first words as plain HTML, in every language, readable before any script runs."""
import re

from milia_kit import strings, welcome
from milia_kit.app import Guide
from milia_kit.visit import STEPS


def language_block(html: str, code: str) -> str:
    """One language's welcome: from its opening tag to the next language's (or the welcome's end)."""
    start = html.index(f'<div class="mk-lang mk-welcome-lang" lang="{code}"')
    ends = [i for i in (html.find('<div class="mk-lang mk-welcome-lang"', start + 1), html.find('<div id="mk-page-problem"'))
            if i > 0]
    return html[start:min(ends)]


def test_every_language_has_the_title_every_steps_heading_and_message_and_a_loading_note():
    html = welcome.welcome_html()
    for code in strings.available_languages():
        words = strings.load(code)
        block = language_block(html, code)
        for key in ("app.title", "app.loading"):
            assert welcome.inline(words.text(key)) in block, (code, key)
        for step in STEPS:
            heading, message = (welcome.inline(words.text(f"steps.{step}.{part}")) for part in ("title", "message.text"))
            assert (f'<div class="mk-welcome-step" data-mk-step="{step}"><p class="mk-welcome-heading">{heading}</p>'
                    f'<p class="mk-message" elementtiming="main-message">{message}</p></div>') in block, (code, step)


def test_start_shows_unless_the_page_names_another_step_the_guide_has():
    rules = welcome.step_rules(("start", "pocket", "why"))
    assert rules == [
        ".mk-welcome-step { display: none; }", ".mk-welcome-step[data-mk-step=start] { display: block; }",
        "html[data-mk-step=pocket] .mk-welcome-step[data-mk-step=start] { display: none; }",
        "html[data-mk-step=pocket] .mk-welcome-step[data-mk-step=pocket] { display: block; }",
        "html[data-mk-step=why] .mk-welcome-step[data-mk-step=start] { display: none; }",
        "html[data-mk-step=why] .mk-welcome-step[data-mk-step=why] { display: block; }"]
    style = re.search(r"<style>(.*?)</style>", welcome.welcome_html(), re.S).group(1)
    assert all(rule in style for rule in welcome.step_rules())


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
