"""Uploads are checked by content, not by name, with a clear message."""

import pytest
from django.core.exceptions import ValidationError

from hwbb import uploads
from tests import files

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.mark.parametrize(
    "name, data, file_type, text",
    [
        ("plan.pdf", files.pdf_bytes(), "pdf", "Better Care Fund 2019/20 plan"),
        ("report.docx", files.docx_bytes(), "docx", "One Coventry Approach"),
        ("actions.xlsx", files.xlsx_bytes(), "xlsx", "Place Plan rolling actions"),
        ("evaluation.odt", files.odt_bytes(), "odt", "Grapevine and Moat House"),
        ("misnamed.txt", files.pdf_bytes(), "pdf", "Better Care Fund"),
    ],
)
def test_accepted_files_are_read(name, data, file_type, text):
    result = uploads.inspect(files.upload(name, data))
    assert result.file_type == file_type
    assert text in result.text
    assert len(result.checksum) == 64


def test_pdf_pages_are_counted():
    assert (
        uploads.inspect(files.upload("p.pdf", files.pdf_bytes(pages=3))).page_count == 3
    )


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "photo.pdf",
            PNG,
            r"must be a PDF, Word \(DOCX\), Excel \(XLSX\) or OpenDocument",
        ),
        ("archive.docx", files._zip({"readme.txt": "hello"}), "This archive is none"),
        ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "could not be read"),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_wrong_files_are_refused_with_a_reason(name, data, message):
    with pytest.raises(ValidationError, match=message):
        uploads.inspect(files.upload(name, data))


def test_a_file_over_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = files.upload("big.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="the largest file allowed is 1 MB"):
        uploads.inspect(big)
