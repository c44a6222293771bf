"""Step pages: words become safe HTML; sources are collected in order."""
from milia_kit import strings
from milia_kit.views import page


def test_text_is_escaped_and_only_bold_is_markup():
    assert page.inline("<img src=x onerror=alert(1)> **safe**") == "&lt;img src=x onerror=alert(1)&gt; <strong>safe</strong>"


def test_blocks_render_paragraphs_lists_and_headings():
    html = page.blocks_html([{"h": "Do"}, {"p": "Wash **gently**."}, {"ul": ["One", "<b>Two</b>"]}])
    assert html == ('<h3 class="mk-subheading">Do</h3><p>Wash <strong>gently</strong>.</p>'
                    "<ul><li>One</li><li>&lt;b&gt;Two&lt;/b&gt;</li></ul>")


def test_sources_are_collected_once_in_order_of_use():
    step = {"message": {"sources": ["a", "b"]}, "body": [{"p": "x", "sources": ["b", "c"]}, {"p": "y"}]}
    assert page.block_sources(step) == ["a", "b", "c"]


def test_every_step_has_a_heading_and_a_main_message():
    words = strings.load("en")
    from milia_kit.visit import STEPS

    for step in STEPS:
        html = page.step_intro_html(words, step)
        assert html.startswith("<h2") and 'class="mk-message"' in html
