"""Checking uploaded papers by their content, not their name, and extracting
their text for search.

Accepted: PDF, Word (DOCX), Excel (XLSX) and OpenDocument text (ODT).
"""

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

ACCEPTED = "a PDF, Word (DOCX), Excel (XLSX) or OpenDocument text (ODT) file"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Text read from inside a DOCX, XLSX or ODT, at most: guards against zip bombs.
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000


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
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                "The PDF is password-protected: upload a copy without a password."
            )
        pages = len(reader.pages)
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError("The PDF could not be read: it may be damaged.") from exc
    return pages, _tidy(text)


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
