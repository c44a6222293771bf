"""Words to safe HTML: everything escaped, only **bold** becomes markup."""
from milia_kit import markup


def test_text_is_escaped_and_only_bold_is_markup():
    assert markup.inline("<img src=x onerror=alert(1)> **safe**") == "&lt;img src=x onerror=alert(1)&gt; <strong>safe</strong>"


def test_quotes_are_escaped_for_attributes():
    assert markup.inline('"><script>') == "&quot;&gt;&lt;script&gt;"


def test_blocks_render_paragraphs_lists_and_headings():
    html = markup.blocks_html([{"h": "Do"}, {"p": "Wash **gently**."}, {"ul": ["One", "<b>Two</b>"]}])
    assert html == ('<h3 class="mk-subheading">Do</h3><p>Wash <strong>gently</strong>.</p>'
                    "<ul><li>One</li><li>&lt;b&gt;Two&lt;/b&gt;</li></ul>")
