"""Turn an uploaded agenda pack into numbered lines of text.

A pack arrives as a PDF (its text layer is extracted with pypdf) or as a text
conversion (markdown-ish, like the seeds). Either way the readers see a list of
`Line`s that keep where each line came from: its 1-based line number in the
text, and for a PDF its page, so anything the reader cannot place is reported
where an officer can find it.
"""

import re
from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError

# Beyond this a "pack" is not a pack: refuse before extracting a single page.
MAX_PAGES = 2000


class UnreadablePack(ValueError):
    """The file cannot be read as a pack; the message says why, for the officer."""


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the extracted text
    raw: str  # the line as extracted
    text: str  # converter noise removed (see clean)
    page: int | None = None  # 1-based PDF page, when the source is a PDF

    @property
    def bold(self):
        """The whole line is bold in a markdown conversion ("**Private Business**")."""
        s = self.raw.strip().lstrip("#").strip()
        s = re.sub(r"^(?:[-*]\s+)", "", s)
        return s.startswith("**") and s.rstrip().endswith("**") and len(s) > 4

    def where(self):
        return f"line {self.no}" + (f" (page {self.page})" if self.page else "")


_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
}
_MAILTO = re.compile(r"\[([^\]]*)\]\(mailto:[^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"</?(?:sup|sub|b|i|em|strong|u|span)\b[^>]*>", re.I)


def clean(raw):
    """Remove only what a converter adds: markdown emphasis, heading and list
    markers, <sup>/<sub> tags (keeping their text), mailto links, runs of space."""
    s = raw.replace("\x00", "").replace("\u00a0", " ")
    for lig, letters in _LIGATURES.items():
        s = s.replace(lig, letters)
    s = _TAG.sub("", s)
    s = _MAILTO.sub(r"\1", s)
    s = _LINK.sub(r"\1", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"^\s*#{1,6}\s+", "", s)
    s = re.sub(r"^\s*[-*•]\s+", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    if set(s) <= {"-", "_", "*", "="}:  # a horizontal rule
        return ""
    return s


def lines_from_text(text):
    return [Line(no, raw, clean(raw)) for no, raw in enumerate(text.splitlines(), 1)]


def lines_from_pdf(data, *, progress=None):
    """Lines of a PDF's text layer. `progress(done, total)`, if given, is called
    once per page read, so a long pack can show how far it has got."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            raise UnreadablePack(
                "This PDF is encrypted (password-protected). "
                "Save an unprotected copy and upload that."
            )
        pages = len(reader.pages)
    except UnreadablePack:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadablePack(f"This file is not a readable PDF ({exc}).") from exc
    if pages > MAX_PAGES:
        raise UnreadablePack(
            f"This PDF has {pages:,} pages; "
            f"a pack of more than {MAX_PAGES:,} pages is refused."
        )
    rows = []  # (page, y, text) for each line the PDF prints, in reading order
    for page_no, page in enumerate(reader.pages, 1):
        try:
            rows += _page_rows(page, page_no)
        except UnreadablePack:
            raise
        except Exception as exc:  # pypdf raises many kinds on a damaged page
            raise UnreadablePack(
                f"Page {page_no} of this PDF cannot be read ({exc})."
            ) from exc
        if progress is not None:
            progress(page_no, pages)
    if sum(len(clean(text)) for _, _, text in rows) < 4 * pages + 20:
        raise UnreadablePack(
            "This PDF has no text: it needs OCR before it can be imported."
        )
    return paragraphs(rows)


def _page_rows(page, page_no):
    chunks = []

    def visit(text, cm, tm, font, size):
        if text:
            y = (cm[3] * tm[5] + cm[5]) if cm else tm[5]
            chunks.append((y, text))

    page.extract_text(visitor_text=visit)
    rows, cur, cur_y = [], "", None
    for y, text in chunks:
        if cur_y is None:
            cur_y = y
        cur += text
        if "\n" in text:
            for part in cur.split("\n")[:-1]:
                rows.append((page_no, cur_y, part))
            cur, cur_y = cur.split("\n")[-1], None
    if cur.strip():
        rows.append((page_no, cur_y, cur))
    return rows


_STARTS_ITEM = re.compile(
    r"^(?:\(?(?:\d{1,3}|[ivx]{1,5}|[a-z])[.)]\s|\d{1,3}(?:/\d{2,4})?\.?\s|[-*\u2022]\s|resolved\b|note\s*:)",
    re.I,
)


def paragraphs(rows):
    """Lines of a PDF with its wrapping undone. A printed line that runs to nearly
    the full width and is followed at the normal line spacing by a line that does
    not start a new item is wrapped text: the two are joined. A larger gap than the
    normal line spacing is a paragraph break and reads as a blank line. The joined
    line keeps the first line's number and page."""
    gaps = {}  # page -> {gap: count}
    for (p1, y1, _), (p2, y2, _) in zip(rows, rows[1:], strict=False):
        if p1 == p2 and y1 is not None and y2 is not None and 0 < y1 - y2 < 60:
            page_gaps = gaps.setdefault(p1, {})
            page_gaps[round(y1 - y2)] = page_gaps.get(round(y1 - y2), 0) + 1
    overall = {}
    for page_gaps in gaps.values():
        for g, n in page_gaps.items():
            overall[g] = overall.get(g, 0) + n

    def line_spacing(counts):
        """The smallest spacing that recurs: wrapped lines sit closer together
        than paragraphs, however many of either a page has."""
        recurring = [g for g, n in counts.items() if n >= 2]
        return min(recurring) if recurring else None

    fallback = line_spacing(overall)
    # each page's own spacing (a report set at 1.8 lines after minutes set at
    # 1.2), the document's where a page has too few lines to tell
    spacing = {page: line_spacing(g) or fallback for page, g in gaps.items()}
    widths = sorted(len(clean(t)) for _, _, t in rows if clean(t))
    full = widths[int(len(widths) * 0.9)] if widths else 0
    out, no, prev = [], 0, None
    for page, y, raw in rows:
        text = clean(raw)
        gap = (
            (prev[1] - y)
            if prev and prev[0] == page and y is not None and prev[1] is not None
            else None
        )
        line_gap = spacing.get(page, fallback)
        tight = gap is not None and line_gap is not None and gap <= line_gap * 1.2
        if (
            out
            and out[-1].text
            and text
            and tight
            and prev[2] >= 0.7 * full
            and not _STARTS_ITEM.match(text)
        ):
            last = out[-1]
            out[-1] = Line(
                last.no,
                last.raw.rstrip() + " " + raw.strip(),
                last.text + " " + text,
                last.page,
            )
        else:
            if out and (not tight or (prev and prev[0] != page)):
                no += 1
                out.append(Line(no, "", "", page))
            no += 1
            out.append(Line(no, raw, text, page))
        prev = (page, y, len(text))
    return out


def read_lines(data, *, name="", progress=None):
    """Lines of a pack given its bytes: a PDF, or UTF-8 text (a conversion).
    `progress(done, total)` is called once per page of a PDF; text has no pages."""
    if not data:
        raise UnreadablePack("The file is empty.")
    if data[:5] == b"%PDF-":
        return lines_from_pdf(data, progress=progress)
    if name.lower().endswith(".pdf"):
        raise UnreadablePack("This file is named .pdf but is not a PDF.")
    if b"\x00" in data[:4096]:
        raise UnreadablePack("This file is neither a PDF nor text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UnreadablePack("This file is neither a PDF nor text.") from exc
    return lines_from_text(text)
