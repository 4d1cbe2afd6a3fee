"""Uploads are checked by content, not by name, with a clear message."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from hwbb import uploads
from tests import factories, files

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


def test_a_paper_too_wordy_for_one_search_vector_is_kept(db, hwb):
    """A spreadsheet of 60,000 distinct codes: its text needs more than the
    1 MB a PostgreSQL search vector holds. The upload is kept, with the
    beginning of its text, as much as the index takes."""
    from meetings.models import Document, Report

    codes = " ".join(f"Q{n:06d}X{n * 7919 % 1000003:07d}" for n in range(60_000))
    report = Report.objects.create(
        title="Pharmaceutical Needs Assessment", body=hwb, status="accepted"
    )
    paper = factories.paper(
        report, "Dispensing codes", name="codes.xlsx", data=files.xlsx_bytes(codes)
    )
    stored = Document.objects.get(pk=paper.pk).extracted_text
    assert codes.startswith(stored) and len(stored) > 100_000
    assert paper.file.storage.exists(paper.file.name)


def test_a_pdf_whose_text_holds_nul_characters_is_kept_without_them(db, hwb):
    """Text a PDF sets in UTF-16 reads back with a NUL before each letter,
    which PostgreSQL refuses in a text column: the upload failed with a
    server error. The paper is kept, its text read as the letters."""
    from meetings.models import Document, Report

    report = Report.objects.create(
        title="Proof of concept", body=hwb, status="accepted"
    )
    data = files.pdf_bytes(["\\000M\\000a\\000r\\000c\\000h 2019 Grapevine"])
    paper = factories.paper(report, "Appendix", name="poc.pdf", data=data)
    assert Document.objects.get(pk=paper.pk).extracted_text == "March 2019 Grapevine"


def _stored_files():
    from meetings.models import Document

    return sorted(Path(Document._meta.get_field("file").storage.location).rglob("*"))


def test_an_upload_that_is_not_recorded_leaves_no_file(db, hwb):
    from meetings.models import Report

    before = _stored_files()
    report = Report.objects.create(title="JSNA", body=hwb, status="accepted")
    with pytest.raises(ValidationError):
        factories.paper(report, "x" * 1000)
    assert _stored_files() == before
