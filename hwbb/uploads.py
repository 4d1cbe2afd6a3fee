"""Checking uploaded papers by their content, not their name, and extracting
their text for search.

Accepted: PDF, Word (DOCX), Excel (XLSX) and OpenDocument text (ODT).

A PDF is refused, with what was found named, when it holds active content:
JavaScript, an action that launches a program, an embedded file, a form that
sends data, rich media. Papers are public records published as uploaded, so
the site neither runs such a file past its readers nor quietly alters it;
the uploader saves a clean copy (printing to PDF drops all of these). A PDF of
more pages than settings.MAX_PDF_PAGES is refused before its text is read.
The agenda pack strips the same content again when it merges PDFs
(`strip_active_content`), for papers stored before this check.
"""

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACCEPTED = "a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) file"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Text read from inside a DOCX, XLSX or ODT, at most: guards against zip bombs.
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
# What pypdf raises on a damaged file (a deep nesting of arrays recurses).
UNREADABLE = (
    PdfReadError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    RecursionError,
)
DAMAGED = "The PDF could not be read: it may be damaged."


@dataclass
class Upload:
    file_type: str
    size: int
    checksum: str
    page_count: int | None
    text: str


def inspect(uploaded):
    """Check an uploaded file and read it; raise ValidationError saying why not."""
    limit = settings.MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"The file is {uploaded.size / 1_048_576:.1f} MB: the largest file "
            f"allowed is {limit // 1_048_576} MB."
        )
    if uploaded.size == 0:
        raise ValidationError("The file is empty.")
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    checksum = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        pages, text = _read_pdf(data)
        return Upload("pdf", len(data), checksum, pages, text)
    if data.startswith(b"PK\x03\x04"):
        file_type, text = _read_office(data)
        return Upload(file_type, len(data), checksum, None, text)
    raise ValidationError(f"The file must be {ACCEPTED}. Its content is not.")


def _read_pdf(data):
    reader, pages = _checked_pdf(data)
    try:
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except UNREADABLE as exc:
        raise ValidationError(DAMAGED) from exc
    return pages, _tidy(text)


def _checked_pdf(data):
    """(reader, page count) of a PDF that passes the checks; ValidationError
    saying why not. Its text is not read yet."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                "The PDF is password-protected: upload a copy without a password."
            )
        pages = _page_count(reader)
        _refuse_active_content(reader)
    except UNREADABLE as exc:
        raise ValidationError(DAMAGED) from exc
    return reader, pages


def pdf_refusal(data):
    """Why a PDF would be refused now, in the upload's words, or None: for
    papers stored before a rule."""
    try:
        _checked_pdf(data)
    except ValidationError as refused:
        return refused.messages[0]
    return None


def _page_count(reader):
    """The page count, refused past the limit. The count the file declares is
    checked first, before the page tree is walked; the walked count, which a
    file cannot misstate, is checked again."""
    _refuse_pages(_declared_pages(reader))
    pages = len(reader.pages)
    _refuse_pages(pages)
    return pages


def _refuse_pages(pages):
    limit = settings.MAX_PDF_PAGES
    if isinstance(pages, int) and pages > limit:
        raise ValidationError(
            f"The PDF has {pages:,} pages: the most a paper may have is "
            f"{limit:,} pages. Split it into parts of at most {limit:,} "
            "pages and upload each part."
        )


def _declared_pages(reader):
    """The page count the file's page tree states, if it states one: pypdf
    reads a file whose page tree is damaged by walking what is left."""
    try:
        return reader.trailer["/Root"]["/Pages"].get("/Count")
    except (KeyError, TypeError, AttributeError, PdfReadError):
        return None


# Active content a PDF may hold, in the words a refusal uses.
JAVASCRIPT = "JavaScript (a script that runs when the file is opened or clicked)"
LAUNCH = "an action that starts a program or opens another file"
EMBEDDED = "an embedded file (another file carried inside the PDF)"
FORM = "a form that sends or imports data"
MEDIA = "embedded media (Flash or other rich media)"
XFA = "an XFA form (a form that can hold scripts)"
KINDS = (JAVASCRIPT, LAUNCH, EMBEDDED, FORM, MEDIA, XFA)  # in the order named

# An entry under one of these keys is active content, whatever its value.
ACTIVE_KEYS = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,  # the document's JavaScript name tree
    "/EmbeddedFiles": EMBEDDED,  # the document's embedded files name tree
    "/EF": EMBEDDED,  # a file specification that carries the file
    "/XFA": XFA,
    "/RichMediaContent": MEDIA,
}
# An action dictionary of one of these types (its /S).
ACTIVE_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/SubmitForm": FORM,
    "/ImportData": FORM,
    "/GoToE": EMBEDDED,
    "/RichMediaExecute": MEDIA,
}
# An annotation of one of these types (its /Subtype).
ACTIVE_ANNOTATIONS = {"/FileAttachment": EMBEDDED, "/RichMedia": MEDIA}
# Actions that run when a page or the document opens, or a field changes. Only
# the pack strips these whole; an upload is refused for what they run.
OPENING_KEYS = ("/OpenAction", "/AA")
# Objects looked at, at most: a file that needs more is refused, not walked.
MAX_PDF_OBJECTS = 1_000_000


class TooComplex(ValueError):
    pass


def _refuse_active_content(reader):
    try:
        found = _active_content(reader.trailer)
    except TooComplex as exc:
        raise ValidationError(
            "The PDF holds too many parts to be checked. Save it again, for "
            "example by printing it to a new PDF, and upload that copy."
        ) from exc
    if found:
        kinds = [kind for kind in KINDS if kind in found]
        raise ValidationError(
            f"The PDF contains {_and(kinds)}. Papers are published as they are "
            "uploaded, so a PDF with active content is not accepted. Save it "
            "again without it, for example by printing it to a new PDF, and "
            "upload that copy."
        )


def _and(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def strip_active_content(pdf):
    """Remove active content, and every open or additional action, from a
    pikepdf.Pdf; what was removed (a set of the words above).

    What is cut loose is not written: qpdf writes only the objects the
    document still reaches. The walk is `_active_content`'s, over qpdf's
    objects: a stack, each indirect object looked at once (and what it was
    found to be remembered, so that every reference to an active one is
    cut), bounded. Each container is read in one call (`_pike_entries`)."""
    found, stack, work = set(), [(pdf.Root, _pike_entries(pdf.Root))], 0
    seen = {}  # indirect object (number, generation) -> its kind of active content
    while stack:
        container, entries = stack.pop()
        for slot, value in entries:
            work += 1
            if work > MAX_PDF_OBJECTS:
                raise TooComplex
            if slot in ACTIVE_KEYS or slot in OPENING_KEYS:
                kind = ACTIVE_KEYS.get(slot)
            elif not _pike_container(value):
                continue
            elif value.objgen in seen:
                kind = seen[value.objgen]
            else:
                inner = _pike_entries(value)
                kind = _pike_active(inner)
                if value.objgen != (0, 0):  # an indirect object
                    seen[value.objgen] = kind
                if kind is None:
                    stack.append((value, inner))
            if kind or slot in OPENING_KEYS:
                found.update([kind] if kind else [])
                del container[slot]
    return found


_DICTIONARY, _STREAM, _ARRAY = (
    pikepdf.ObjectType.dictionary,
    pikepdf.ObjectType.stream,
    pikepdf.ObjectType.array,
)


def _pike_container(value):
    """Whether a value is a qpdf dictionary, stream or array. (The kind is
    asked once: an isinstance() against pikepdf.Dictionary and its like is
    a call into qpdf each, and the walk meets thousands of values.)"""
    return isinstance(value, pikepdf.Object) and value._type_code in (
        _DICTIONARY,
        _STREAM,
        _ARRAY,
    )


def _pike_entries(container):
    """As `_entries`, for a qpdf dictionary, stream (its dictionary) or
    array, read in one call rather than entry by entry."""
    kind = container._type_code
    if kind == _DICTIONARY:
        return list(container.as_dict().items())
    if kind == _STREAM:
        return list(container.stream_dict.as_dict().items())
    values = container.as_list()
    return [(index, values[index]) for index in reversed(range(len(values)))]


def _pike_active(entries):
    """As `_active`, for the entries of a qpdf object (its names come
    unescaped from qpdf)."""
    if not entries or isinstance(entries[0][0], int):  # none, or an array's
        return None
    entries = dict(entries)
    uri = entries.get("/URI")
    if isinstance(uri, pikepdf.String) and _is_script_uri(bytes(uri)):
        return JAVASCRIPT
    action, subtype = entries.get("/S"), entries.get("/Subtype")
    if isinstance(action, pikepdf.Name) and str(action) in ACTIVE_ACTIONS:
        return ACTIVE_ACTIONS[str(action)]
    if isinstance(subtype, pikepdf.Name):
        return ACTIVE_ANNOTATIONS.get(str(subtype))
    return None


def _active_content(root):
    """The kinds of active content reachable from `root`, a PDF object.

    The object graph is walked with a stack, never recursion, and each
    indirect object is looked at once, so a cycle (a page's /Parent) ends and
    the work is bounded by MAX_PDF_OBJECTS."""
    found, seen, stack, work = set(), set(), [root], 0
    while stack:
        container = stack.pop()
        for slot, raw in _entries(container):
            work += 1
            if work > MAX_PDF_OBJECTS:
                raise TooComplex
            kind = _active(slot, raw)
            if kind:
                found.add(kind)
                continue
            if isinstance(raw, IndirectObject):
                if (raw.idnum, raw.generation) in seen:
                    continue
                seen.add((raw.idnum, raw.generation))
            value = raw.get_object()
            if isinstance(value, (DictionaryObject, ArrayObject)):
                stack.append(value)
    return found


def _entries(container):
    """(key or index, raw value) of a dictionary or array, an array's last
    first (as `_pike_entries`, which deletes as it goes)."""
    if isinstance(container, DictionaryObject):
        # dict's own items: an outline (TreeObject) iterates over its children.
        return list(dict.items(container))
    return [(index, container[index]) for index in reversed(range(len(container)))]


def _active(slot, raw):
    """The kind of active content an entry is, or None."""
    if slot in ACTIVE_KEYS:
        return ACTIVE_KEYS[slot]
    value = raw.get_object() if isinstance(raw, IndirectObject) else raw
    if not isinstance(value, DictionaryObject):
        return None
    uri = value.get("/URI")
    if isinstance(uri, (str, bytes)) and _is_script_uri(uri):
        return JAVASCRIPT
    action, subtype = value.get("/S"), value.get("/Subtype")
    if isinstance(action, str) and action in ACTIVE_ACTIONS:
        return ACTIVE_ACTIONS[action]
    if isinstance(subtype, str):
        return ACTIVE_ANNOTATIONS.get(subtype)
    return None


def _is_script_uri(uri):
    text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
    return "".join(text.split()).lower().startswith("javascript:")


def _read_office(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx", _xml_text(archive, "word/document.xml", "</w:p>")
        if "xl/workbook.xml" in names:
            return "xlsx", _xml_text(archive, "xl/sharedStrings.xml", "</si>")
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            return "odt", _xml_text(archive, "content.xml", "</text:p>")
    except (zipfile.BadZipFile, KeyError, RuntimeError) as exc:
        raise ValidationError(
            "The document could not be read: it may be damaged."
        ) from exc
    raise ValidationError(f"The file must be {ACCEPTED}. This archive is none of them.")


def _xml_text(archive, name, paragraph_end):
    info = archive.getinfo(name) if name in archive.namelist() else None
    if info is None:
        return ""
    if info.file_size > MAX_XML_BYTES:
        raise ValidationError("The document is too large to read.")
    xml = archive.read(name).decode("utf-8", errors="replace")
    xml = xml.replace(paragraph_end, "\n")
    return _tidy(html.unescape(re.sub(r"<[^>]+>", "", xml)))


# Control characters a PDF's text can carry (a string set in UTF-16 reads as
# "\x00M\x00a..."): PostgreSQL refuses a NUL in text, and none is a letter.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _tidy(text):
    lines = (" ".join(line.split()) for line in CONTROL.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]
