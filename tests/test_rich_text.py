"""Rich text as officers write it (hwbb/html.py): typed text becomes paragraphs
and lists, HTML is sanitised to the few tags minutes need, and the plain
textarea gets back the text that makes the same HTML."""

import pytest
from django import forms

from hwbb.html import html_to_text, rich_text, sanitise
from hwbb.widgets import RichTextarea

TYPED = [
    ("One paragraph.", "<p>One paragraph.</p>"),
    ("First.\n\nSecond.", "<p>First.</p><p>Second.</p>"),
    ("Line one\nline two", "<p>Line one<br>line two</p>"),
    ("Windows\r\n\r\nline ends", "<p>Windows</p><p>line ends</p>"),
    ("Spaces on the\n   \nblank line", "<p>Spaces on the</p><p>blank line</p>"),
    ("\n\n  Around  \n\n", "<p>Around</p>"),
    ("- apples\n- pears", "<ul><li>apples</li><li>pears</li></ul>"),
    ("* apples\n* pears", "<ul><li>apples</li><li>pears</li></ul>"),
    ("\u2022 apples\n\u2022 pears", "<ul><li>apples</li><li>pears</li></ul>"),
    ("1. first\n2. second", "<ol><li>first</li><li>second</li></ol>"),
    ("1) first\n2) second", "<ol><li>first</li><li>second</li></ol>"),
    ("3. third\n4. fourth", '<ol start="3"><li>third</li><li>fourth</li></ol>'),
    (
        "The Board noted:\n- the report\n- the plan\nand agreed it.",
        "<p>The Board noted:</p><ul><li>the report</li><li>the plan</li></ul>"
        "<p>and agreed it.</p>",
    ),
    (
        "- a long item\n  carried on\n- next",
        "<ul><li>a long item<br>carried on</li><li>next</li></ul>",
    ),
    ("- bullet\n1. number", "<ul><li>bullet</li></ul><ol><li>number</li></ol>"),
    # not list markers: no space after the dash, a year, a hyphenated word
    ("-5 degrees", "<p>-5 degrees</p>"),
    ("2019. A year", "<p>2019. A year</p>"),
    ("well-being", "<p>well-being</p>"),
    ("Fish & chips", "<p>Fish &amp; chips</p>"),
    ("Under <5s", "<p>Under &lt;5s</p>"),
    ("Further to Minute 31/18", "<p>Further to Minute 31/18</p>"),
    ("Made <strong>bold</strong> by hand", "<p>Made <strong>bold</strong> by hand</p>"),
    ("", ""),
    ("   \n\n  ", ""),
]


@pytest.mark.parametrize("typed, html", TYPED)
def test_typed_text_becomes_paragraphs_and_lists(typed, html):
    assert rich_text(typed) == html


HTML_KEPT = [
    "<p>The Board considered a report.</p>",
    "<p>Intro</p><ul><li>one</li><li>two</li></ul>",
    "<p>a</p><ol><li>one</li></ol>",
    "<h3>Heading</h3><p>text</p>",
    "<ul><li>outer<ul><li>inner</li></ul></li></ul>",
    "<p><strong>b</strong> <em>i</em> <b>b</b> <i>i</i></p>",
    "<p>Line<br>break</p>",
    # an importer's escaped text stays escaped
    "<p>Fish &amp; chips, &lt;script&gt; as words</p>",
]


@pytest.mark.parametrize("html", HTML_KEPT)
def test_html_is_kept_as_it_is(html):
    assert rich_text(html) == html


def test_editor_paragraphs_in_list_items_are_unwrapped():
    """Tiptap wraps each item's text in <p>: the page would space them apart."""
    got = rich_text(
        "<ul><li><p>a</p></li><li><p>b</p><ul><li><p>c</p></li></ul></li></ul>"
    )
    assert got == "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"


@pytest.mark.parametrize(
    "empty", ["<p></p>", "<p><br></p>", "<p> &nbsp; </p>", "<ul><li></li></ul>"]
)
def test_an_emptied_editor_saves_nothing(empty):
    assert rich_text(empty) == ""


HOSTILE = [
    ("<script>alert(1)</script>Hello", "<p>Hello</p>"),
    ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
    ("<img src=x onerror=alert(1)>", ""),
    ('<p onclick="alert(1)">Hi</p>', "<p>Hi</p>"),
    ('<p style="color:red" class="x" id="y">Hi</p>', "<p>Hi</p>"),
    ("<p>Hi</p><style>p{display:none}</style>", "<p>Hi</p>"),
    ('<p><iframe src="https://evil.example"></iframe>Hi</p>', "<p>Hi</p>"),
    ("<p><svg onload=alert(1)><circle/></svg>Hi</p>", "<p>Hi</p>"),
    ("<p>Hi<!-- a comment --></p>", "<p>Hi</p>"),
    ("<form action=/x><p>Hi</p><input name=a></form>", "<p>Hi</p>"),
    ("<div><p>Hi</p></div>", "<p>Hi</p>"),
    ("<table><tr><td>cell</td></tr></table>", "cell"),
    ("Hi <object data=x></object>there", "<p>Hi there</p>"),
]


@pytest.mark.parametrize("value, html", HOSTILE)
def test_hostile_markup_is_removed(value, html):
    assert rich_text(value) == html


LINKS = [
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener">x</a>'),
    ('<a href="java&#x09;script:alert(1)">x</a>', '<a rel="noopener">x</a>'),
    ('<a href=" javascript:alert(1)">x</a>', '<a rel="noopener">x</a>'),
    (
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<a rel="noopener">x</a>',
    ),
    ('<a href="vbscript:msgbox(1)">x</a>', '<a rel="noopener">x</a>'),
    ('<a href="file:///etc/passwd">x</a>', '<a rel="noopener">x</a>'),
    ('<a href="ftp://example.org/">x</a>', '<a rel="noopener">x</a>'),
    (
        '<a href="https://www.coventry.gov.uk/" target="_blank" onclick="x()">x</a>',
        '<a href="https://www.coventry.gov.uk/" rel="noopener">x</a>',
    ),
    (
        '<a href="http://example.org">x</a>',
        '<a href="http://example.org" rel="noopener">x</a>',
    ),
    ('<a href="mailto:a@b.org">x</a>', '<a href="mailto:a@b.org" rel="noopener">x</a>'),
    (
        '<a href="/meetings/4/minutes/">x</a>',
        '<a href="/meetings/4/minutes/" rel="noopener">x</a>',
    ),
    ('<a href="#minute-44">x</a>', '<a href="#minute-44" rel="noopener">x</a>'),
    (
        '<a href="https://e.org" rel="opener nofollow">x</a>',
        '<a href="https://e.org" rel="noopener">x</a>',
    ),
]


@pytest.mark.parametrize("value, html", LINKS)
def test_links_only_to_web_mail_or_relative_addresses(value, html):
    assert sanitise(value) == html
    assert rich_text(value) == f"<p>{html}</p>"  # typed with no block markup


def test_an_ordered_list_start_is_a_number_or_nothing():
    assert sanitise('<ol start="3"><li>a</li></ol>') == '<ol start="3"><li>a</li></ol>'
    assert sanitise('<ol start="x()"><li>a</li></ol>') == "<ol><li>a</li></ol>"
    assert sanitise('<ol type="a" reversed><li>a</li></ol>') == "<ol><li>a</li></ol>"


# -- back to text, for the plain textarea ------------------------------------------

BACK = [t for t, h in TYPED if h and "<br>carried" not in h] + [
    "- a long item\n  carried on\n- next",
    "Fish & chips <5%",
    'Made <strong>bold</strong>, <em>stressed</em> and <a href="https://e.org">linked</a>',
    "A literal &amp;lt;tag&amp;gt; and &lt;b> as words",
]


@pytest.mark.parametrize("typed", BACK)
def test_the_textarea_text_makes_the_same_html_again(typed):
    html = rich_text(typed)
    text = html_to_text(html)
    assert text is not None
    assert rich_text(text) == html
    assert html_to_text(rich_text(text)) == text  # and it is stable


def test_the_textarea_text_reads_as_typed():
    html = (
        "<p>The Board noted:</p><ul><li>the report</li><li>the plan</li></ul>"
        "<p>Fish &amp; chips</p>"
    )
    assert (
        html_to_text(html)
        == "The Board noted:\n\n- the report\n- the plan\n\nFish & chips"
    )
    assert html_to_text('<ol start="3"><li>a</li><li>b</li></ol>') == "3. a\n4. b"


@pytest.mark.parametrize(
    "html",
    [
        "<h3>Heading</h3><p>text</p>",
        "<ul><li>outer<ul><li>inner</li></ul></li></ul>",
        "<p>- a paragraph that reads as a list item</p>",
        "<p>1. likewise</p>",
        "<p>a<br>- b</p>",
    ],
)
def test_html_the_text_cannot_say_stays_html(html):
    assert html_to_text(html) is None


def test_the_widget_shows_text_and_gives_the_editor_html():
    class Form(forms.Form):
        text = forms.CharField(widget=RichTextarea())

    html = "<p>First.</p><ul><li>one</li></ul>"
    rendered = str(Form(initial={"text": html})["text"])
    assert 'data-module="app-rich-text"' in rendered
    assert ">\nFirst.\n\n- one</textarea>" in rendered
    assert (
        'data-html="&lt;p&gt;First.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;"'
        in rendered
    )
    headed = str(Form(initial={"text": "<h3>H</h3>"})["text"])
    assert (
        ">\n&lt;h3&gt;H&lt;/h3&gt;</textarea>" in headed
    )  # HTML when text cannot say it
    # a form sent back with an error shows what was typed, not what it makes
    typed = "First.\n\n- one <script>x</script>"
    bound = str(Form(data={"text": typed})["text"])
    assert ">\nFirst.\n\n- one &lt;script&gt;x&lt;/script&gt;</textarea>" in bound
    assert 'data-html="&lt;p&gt;First.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one' in bound
    media = str(Form().media)
    assert "vendor/tiptap/tiptap.min.js" in media and "js/rich-text.js" in media
    assert "defer" in media and "//" not in media.replace("://", "")  # no CDN
