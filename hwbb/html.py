"""Rich text that officers write (minutes narratives, officer's notes): what they
typed, as text or as the editor's HTML, made into sanitised HTML; and back into
text for a plain textarea."""

import re
from html import escape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}  # and relative addresses

# Markup that makes a text HTML; without any, it is text typed in a textarea.
BLOCK_MARKUP = re.compile(
    r"<\s*/?\s*(?:p|br|ul|ol|li|h[1-6]|div|blockquote|table|pre)\b", re.I
)
BULLET = re.compile(r"[-*\u2022][ \t]+(?P<text>.*)")
NUMBERED = re.compile(r"(?P<number>\d{1,3})[.)][ \t]+(?P<text>.*)")
# Tiptap wraps a list item's text in a paragraph: "<li><p>a</p></li>".
LIST_PARAGRAPH = re.compile(r"<li><p>((?:(?!</?(?:p|li)\b).)*)</p>(?=</li>|<ul>|<ol>)")
TAG = re.compile(r"<[^>]*>")


def _attribute(tag, name, value):
    if tag == "ol" and name == "start":
        return value if value.isdecimal() and len(value) < 4 else None
    return value


def sanitise(html):
    """Only the tags and addresses minutes need; links get rel="noopener"."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
    cleaned = LIST_PARAGRAPH.sub(r"<li>\1", cleaned)
    # "<p></p>" is what an emptied editor sends: nothing was written
    return cleaned if TAG.sub("", cleaned).replace("&nbsp;", "").strip() else ""


def rich_text(value):
    """Sanitised HTML from what an officer wrote: HTML (the editor's, an
    importer's) as it is; text typed with no block markup as paragraphs (a blank
    line between them), line breaks and lists ("- ", "* ", "• " or "1. ")."""
    value = value or ""
    if not BLOCK_MARKUP.search(value):
        value = text_to_html(value)
    return sanitise(value)


def text_to_html(text):
    """Typed text as HTML blocks. Inline markup (<strong>, <a>) passes through,
    for `sanitise` to judge."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    return "".join(_block(b) for b in re.split(r"\n[ \t]*\n\s*", text))


def _block(block):
    out, para, items, kind = [], [], [], None

    def flush_para():
        if para:
            out.append("<p>" + "<br>".join(para) + "</p>")
            para.clear()

    def flush_list():
        nonlocal kind
        if items:
            start = items[0][0]
            attr = f' start="{start}"' if kind == "ol" and start != 1 else ""
            lis = "".join(f"<li>{'<br>'.join(lines)}</li>" for _, lines in items)
            out.append(f"<{kind}{attr}>{lis}</{kind}>")
            items.clear()
        kind = None

    for raw in block.split("\n"):
        line = raw.strip()
        match = BULLET.fullmatch(line) or NUMBERED.fullmatch(line)
        if match:
            new_kind = "ol" if "number" in match.groupdict() else "ul"
            flush_para()
            if kind and kind != new_kind:
                flush_list()
            kind = new_kind
            number = int(match.groupdict().get("number") or 1)
            items.append((number, [match["text"].strip()]))
        elif items and raw[:1] in (" ", "\t"):
            items[-1][1].append(line)  # an indented line carries on the item
        else:
            flush_list()
            para.append(line)
    flush_para()
    flush_list()
    return "".join(out)


def html_to_text(html):
    """Sanitised HTML as the text that `rich_text` turns back into it, for a
    plain textarea: paragraphs apart by a blank line, lists as "- " or "1. "
    lines, bold and links kept as inline tags. None when the text could not
    say it all (headings, nested lists): the textarea then holds the HTML."""
    parser = _TextWriter()
    try:
        parser.feed(html or "")
        parser.close()
        text = parser.text()
    except _NotText:
        return None
    if _normal(rich_text(text)) != _normal(sanitise(html)):
        return None
    return text


def _normal(html):
    return " ".join(re.sub(r">\s+<", "><", html).split())


class _NotText(Exception):
    pass


class _TextWriter(HTMLParser):
    INLINE = {"strong", "em", "b", "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.buffer, self.items = [], "", []
        self.list_kind = None
        self.number = 1
        self.in_block = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.INLINE:
            self.buffer += f"<{tag}>"
        elif tag == "a":
            href = attrs.get("href")
            self.buffer += f'<a href="{escape(href)}">' if href else "<a>"
        elif tag == "br":
            self.buffer += "\n"
        elif tag == "p" and not self.in_block and not self.list_kind:
            self._loose()
            self.in_block = True
        elif tag in ("ul", "ol") and not self.list_kind and not self.in_block:
            self._loose()
            self.list_kind = tag
            self.number = int(attrs.get("start") or 1)
        elif tag == "li" and self.list_kind and not self.in_block:
            self.in_block = True
        else:
            raise _NotText(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.INLINE or tag == "a":
            self.buffer += f"</{tag}>"
        elif tag == "p":
            self.blocks.append(self._take(paragraph=True))
            self.in_block = False
        elif tag == "li":
            marker = "- " if self.list_kind == "ul" else f"{self.number}. "
            self.items.append(marker + self._take(paragraph=False))
            self.number += 1
            self.in_block = False
        elif tag in ("ul", "ol"):
            self.blocks.append("\n".join(self.items))
            self.items, self.list_kind = [], None

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        data = re.sub(r"&(?=#?\w+;)", "&amp;", data)  # "&lt;" typed as such
        self.buffer += re.sub(r"<(?=[A-Za-z/!?])", "&lt;", data)

    def _loose(self):
        """Text outside any block (an old plain narrative) is a paragraph."""
        if self.buffer.strip():
            self.blocks.append(self._take(paragraph=True))
        self.buffer = ""

    def _take(self, *, paragraph):
        lines = [line.strip() for line in self.buffer.split("\n")]
        self.buffer = ""
        if not paragraph:  # a line break in an item: an indented line
            return "\n  ".join(lines)
        if any(
            not line or BULLET.fullmatch(line) or NUMBERED.fullmatch(line)
            for line in lines
        ):
            raise _NotText("a paragraph line that reads as a list item")
        return "\n".join(lines)

    def text(self):
        self._loose()
        if self.list_kind or self.in_block:
            raise _NotText("unclosed")
        return "\n\n".join(b for b in self.blocks if b)
