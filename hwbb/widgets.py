"""Form widgets shared by the apps."""

from django import forms

from hwbb.html import html_to_text, rich_text


class RichTextarea(forms.Textarea):
    """A textarea for rich text (paragraphs, lists, bold, links).

    Without JavaScript it is a plain textarea holding the text as typed:
    paragraphs apart by a blank line, lists as "- " lines; `rich_text` turns
    that into HTML on save. With JavaScript, static/js/rich-text.js puts an
    editor in its place, started from the sanitised HTML in `data-html`, and
    writes the editor's HTML back into the textarea (with an `input` event)
    on every change.
    """

    def __init__(self, attrs=None):
        super().__init__({"rows": 10, **(attrs or {}), "data-module": "app-rich-text"})

    class Media:
        js = (
            forms.Script("vendor/tiptap/tiptap.min.js", defer=True),
            forms.Script("js/rich-text.js", defer=True),
        )

    def get_context(self, name, value, attrs):
        html = rich_text(value)
        shown = value
        if html == (value or ""):
            # saved rich text: shown as the text that makes it, where text can
            # say it all; anything else (a form sent back with an error) is
            # shown as it was typed, so nothing typed is lost
            text = html_to_text(html)
            shown = html if text is None else text
        context = super().get_context(name, shown, attrs)
        context["widget"]["attrs"]["data-html"] = html
        return context
