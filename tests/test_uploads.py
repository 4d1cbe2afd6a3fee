"""Uploads are checked by content, not by name, with a clear message."""

import io
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


# -- Active content and the page limit (issue 23, part 6) --------------------


@pytest.mark.parametrize(
    "kinds, named",
    [
        (["open-javascript"], ["JavaScript"]),
        (["names-javascript"], ["JavaScript"]),
        (["page-aa"], ["JavaScript"]),
        (["script-link"], ["JavaScript"]),
        (["launch-link"], ["an action that starts a program"]),
        (["attachment"], ["an embedded file"]),
        (["attachment-annotation"], ["an embedded file"]),
        (["submit-form"], ["a form that sends or imports data"]),
        (["script-uri"], ["JavaScript"]),
        (["xfa"], ["an XFA form"]),
        (["bookmark-javascript"], ["JavaScript"]),
        (
            ["launch-link", "open-javascript", "attachment"],
            ["JavaScript", "an action that starts a program", "an embedded file"],
        ),
    ],
)
def test_a_pdf_with_active_content_is_refused_naming_what_was_found(kinds, named):
    with pytest.raises(ValidationError) as refused:
        uploads.inspect(files.upload("hostile.pdf", files.hostile_pdf(*kinds)))
    message = refused.value.messages[0]
    assert message.startswith("The PDF contains ")
    positions = [message.index(words) for words in named]
    assert positions == sorted(positions)  # named in one order, whatever the file's
    assert "printing it to a new PDF" in message


def test_a_pdf_that_opens_at_its_first_page_and_links_to_the_web_is_accepted():
    data = files.hostile_pdf("goto-open", "web-link", text="Marmot City update")
    result = uploads.inspect(files.upload("clean.pdf", data))
    assert result.page_count == 1 and "Marmot City update" in result.text


def test_a_script_whose_name_is_spelt_with_escapes_is_found():
    """A name may spell a letter as #61: a search of the file's bytes for
    /JavaScript misses it, the walk of its objects does not."""
    data = files.hostile_pdf("open-javascript").replace(
        b"/JavaScript", b"/J#61vaScript"
    )
    assert b"/JavaScript" not in data
    with pytest.raises(ValidationError, match="The PDF contains JavaScript"):
        uploads.inspect(files.upload("escaped.pdf", data))


def test_a_pdf_whose_objects_refer_to_each_other_in_a_loop_is_checked():
    """An action whose /Next is itself: the walk ends, and the file is read."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf_bytes())))
    action = writer._add_object(
        DictionaryObject({NameObject("/S"): NameObject("/GoTo")})
    )
    action.get_object()[NameObject("/Next")] = action
    writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    assert uploads.inspect(files.upload("loop.pdf", out.getvalue())).page_count == 1


def test_a_pdf_over_the_page_limit_is_refused_naming_the_limit(settings):
    settings.MAX_PDF_PAGES = 1000
    data = files.pdf_bytes(["Appendix"], pages=1001)
    with pytest.raises(ValidationError) as refused:
        uploads.inspect(files.upload("long.pdf", data))
    assert refused.value.messages == [
        "The PDF has 1,001 pages: the most a paper may have is 1,000 pages. "
        "Split it into parts of at most 1,000 pages and upload each part."
    ]
    settings.MAX_PDF_PAGES = 1001
    assert uploads.inspect(files.upload("long.pdf", data)).page_count == 1001


def test_a_pdf_that_understates_its_page_count_is_still_refused(settings):
    settings.MAX_PDF_PAGES = 10
    data = files.pdf_bytes(["Appendix"], pages=11).replace(b"/Count 11", b"/Count 1")
    with pytest.raises(ValidationError, match="The PDF has 11 pages"):
        uploads.inspect(files.upload("liar.pdf", data))


def test_the_page_count_a_pdf_declares_is_refused_before_its_pages_are_walked(
    settings,
):
    """A 20,000-page file is refused on the count its page tree states,
    without reading 20,000 page objects first: this one states 20,000 and
    holds 3."""
    settings.MAX_PDF_PAGES = 1000
    data = files.pdf_bytes(pages=3).replace(b"/Count 3", b"/Count 20000")
    with pytest.raises(ValidationError, match="The PDF has 20,000 pages"):
        uploads.inspect(files.upload("claims.pdf", data))


def test_the_page_limit_is_checked_before_any_text_is_read(settings, monkeypatch):
    from pypdf import PageObject

    def read(*args, **kwargs):
        raise AssertionError("text read from a PDF over the page limit")

    monkeypatch.setattr(PageObject, "extract_text", read)
    settings.MAX_PDF_PAGES = 2
    with pytest.raises(ValidationError, match="the most a paper may have is 2"):
        uploads.inspect(files.upload("p.pdf", files.pdf_bytes(pages=3)))


def test_the_upload_page_refuses_a_hostile_pdf_and_keeps_nothing(
    client, db, hwb, author
):
    from django.urls import reverse

    from meetings.models import Document, Report

    report = Report.objects.create(title="Better Care Fund", body=hwb)
    report.authors.add(author.person)
    client.force_login(author)
    url = reverse("meetings:document_upload", args=[report.pk])
    before = _stored_files()
    hostile = files.upload("plan.pdf", files.hostile_pdf("open-javascript"))
    response = client.post(url, {"title": "Plan", "kind": "appendix", "file": hostile})
    assert response.status_code == 200
    assert "The PDF contains JavaScript" in response.text
    assert not Document.objects.exists() and _stored_files() == before

    clean = files.upload("plan.pdf", files.pdf_bytes(["Better Care Fund plan"]))
    client.post(url, {"title": "Plan", "kind": "appendix", "file": clean})
    assert Document.objects.get().page_count == 1


def test_the_upload_page_states_the_page_limit(client, db, hwb, author, settings):
    from django.urls import reverse

    from meetings.models import Document, Report

    settings.MAX_PDF_PAGES = 1000
    report = Report.objects.create(title="Better Care Fund", body=hwb)
    report.authors.add(author.person)
    client.force_login(author)
    url = reverse("meetings:document_upload", args=[report.pk])
    long = files.upload("long.pdf", files.pdf_bytes(["Appendix"], pages=1001))
    response = client.post(url, {"title": "Long", "kind": "appendix", "file": long})
    assert "the most a paper may have is 1,000 pages" in response.text
    assert not Document.objects.exists()


def test_stored_papers_that_the_checks_would_refuse_are_listed(db, hwb, settings):
    from django.core.management import CommandError, call_command

    from meetings.models import Report

    report = Report.objects.create(title="Better Care Fund", body=hwb)
    clean = factories.paper(report, "Plan")
    call_command("check_papers", stdout=(out := io.StringIO()))
    assert "Every stored PDF paper passes" in out.getvalue()

    old = factories.paper(report, "Old appendix")
    with old.file.open("wb") as f:  # stored before the rule
        f.write(files.hostile_pdf("open-javascript", "attachment"))
    with pytest.raises(CommandError, match="1 stored paper"):
        call_command("check_papers", stdout=(out := io.StringIO()))
    assert f"Paper {old.pk}, Old appendix (version 1)" in out.getvalue()
    assert "JavaScript" in out.getvalue() and "an embedded file" in out.getvalue()
    assert f"Paper {clean.pk}," not in out.getvalue()
