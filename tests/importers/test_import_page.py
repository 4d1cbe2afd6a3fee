"""The governance officer's agenda pack importer: upload, read in the
background with its progress shown, check and correct, confirm once."""

import datetime
import io
import threading
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from meetings import services, tasks
from meetings.importers.source import read_lines
from meetings.models import Attendance, Meeting, Minute, NameAlias, PackImport, Person
from meetings.services import pack_imports
from tests import files

SEEDS = Path(__file__).resolve().parents[2] / "meetings" / "demo" / "seeds"
HWB_PACK = SEEDS / "coventry-hwb-2019-07-08-pack.txt"
pytestmark = pytest.mark.django_db

UPLOAD = reverse("meetings:pack_upload")


def _page(pack):
    return reverse("meetings:pack_import", args=[pack.pk])


def _upload(client, name, data, capture):
    """Upload a file as the officer; the reader runs when the upload commits
    (eagerly here: tests/settings.py has no broker)."""
    with capture(execute=True):
        return client.post(UPLOAD, {"file": files.upload(name, data)})


def _read(client, capture):
    response = _upload(client, HWB_PACK.name, HWB_PACK.read_bytes(), capture)
    assert response.status_code == 302, response.content
    return PackImport.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def _taylors():
    """Two people the pack's "Councillor Taylor" could be."""
    return [
        Person.objects.create(
            given_names=given,
            family_name="Taylor",
            display_name=f"Councillor {given} Taylor",
        )
        for given in ("Jane", "Kate")
    ]


def _field_for(response, printed):
    """The select's name for a printed name on the preview."""
    for name, _how, field in response.context["names"]:
        if name["printed"] == printed:
            return field.html_name
    raise AssertionError(f"{printed} is not on the page")


def _pdf(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -------------------------------------------------------------- who may
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_officers_reach_the_importer(persona, client, method):
    role, _ = persona
    pack = PackImport.objects.create(name="pack.pdf", file="imports/pack.pdf")
    expected = {"officer": 200, "anonymous": 302}.get(role, 403)
    for url in (UPLOAD, _page(pack)):
        response = getattr(client, method)(url)
        if role == "officer" and method == "post":
            expected_here = 200 if url == UPLOAD else 302  # a form error; a message
        else:
            expected_here = expected
        assert response.status_code == expected_here, (role, url)
        if role == "anonymous":
            assert response["Location"].startswith(reverse("login"))


def test_the_meetings_list_links_officers_to_the_importer(client, officer, member):
    client.force_login(member)
    assert UPLOAD not in client.get(reverse("meetings:list")).text
    client.force_login(officer)
    assert UPLOAD in client.get(reverse("meetings:list")).text


# -------------------------------------------------------------- the journey
def test_an_officer_uploads_checks_corrects_and_imports_the_seed_pack(
    client, officer, django_capture_on_commit_callbacks
):
    jane, kate = _taylors()
    client.force_login(officer)
    pack = _read(client, django_capture_on_commit_callbacks)
    assert pack.status == PackImport.Status.READ
    assert pack.uploaded_by == officer
    assert pack.name == HWB_PACK.name

    preview = client.get(_page(pack))
    assert preview.status_code == 200
    text = preview.text
    assert "Agenda: Coventry Health and Well-being Board, 8 July 2019" in text
    assert "Minutes: Coventry Health and Well-being Board, 8 April 2019" in text
    assert "Committee Room 3 - Council House" in text
    assert "14 new items, 0 already held" in text
    assert "14 new minutes, 0 already held" in text
    assert "Coventry Physical Activity Framework 2019 - 2024" in text
    assert "4 resolution clauses" in text  # minute 45: (1), (2), (2)(i), (2)(ii)
    assert "Members present: 14" in text
    assert "Councillor Caan" in text
    assert "1 name could be more than one person" in text
    assert Meeting.objects.count() == 0  # nothing saved by looking

    taylor = _field_for(preview, "Councillor Taylor")
    response = client.post(_page(pack), {"check": "1", taylor: str(kate.pk)})
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.choices == {"taylor": kate.pk}
    again = client.get(_page(pack)).text
    assert "Chosen by an officer: Councillor Kate Taylor" in again
    assert "could be more than one person" not in again
    assert Meeting.objects.count() == 0

    response = client.post(
        _page(pack), {"confirm": "1", taylor: str(kate.pk)}, follow=True
    )
    assert "Pack imported" in response.text
    assert "Minutes added" in response.text
    pack.refresh_from_db()
    assert pack.status == PackImport.Status.SAVED
    assert (pack.saved_by, pack.result["counts"]["minutes added"]) == (officer, 14)
    july = Meeting.objects.get(start__date=datetime.date(2019, 7, 8))
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    assert july.agenda_items.count() == 14
    assert Minute.objects.filter(meeting=april).count() == 14
    assert april.attendances.get(person__family_name="Taylor").person == kate
    assert NameAlias.objects.get(key="taylor").person == kate
    assert july.get_absolute_url() in response.text
    assert reverse("meetings:minutes_manage", args=[april.pk]) in response.text


def test_a_name_left_ambiguous_is_reported_as_left_out(
    client, officer, django_capture_on_commit_callbacks
):
    _taylors()
    client.force_login(officer)
    pack = _read(client, django_capture_on_commit_callbacks)
    response = client.post(_page(pack), {"confirm": "1"}, follow=True)
    assert "Left out (1)" in response.text
    assert "&#x27;Councillor Taylor&#x27; could be" in response.text
    assert not Attendance.objects.filter(person__family_name="Taylor").exists()


def test_a_pack_already_here_shows_the_meetings_it_matches(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    first = _read(client, django_capture_on_commit_callbacks)
    client.post(_page(first), {"confirm": "1"})
    second = _read(client, django_capture_on_commit_callbacks)
    text = client.get(_page(second)).text
    july = Meeting.objects.get(start__date=datetime.date(2019, 7, 8))
    assert "0 new items, 14 already held" in text
    assert f'href="{july.get_absolute_url()}">An existing meeting' in text
    response = client.post(_page(second), {"confirm": "1"}, follow=True)
    assert "Agenda items matched" in response.text
    assert Meeting.objects.count() == 2


def test_a_front_sheet_without_a_date_still_shows_the_minutes_and_why(
    client, officer, django_capture_on_commit_callbacks
):
    text = HWB_PACK.read_text().replace("2.00 pm on Monday, 8th July, 2019", "TBC")
    client.force_login(officer)
    response = _upload(
        client, "pack.txt", text.encode(), django_capture_on_commit_callbacks
    )
    pack = PackImport.objects.get()
    assert pack.reading["agenda"]["date"] is None  # read, but not its date
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Agenda:" not in page.text
    assert "Line 13: The front sheet&#x27;s date cannot be read" in page.text
    assert "Minutes: Coventry Health and Well-being Board, 8 April 2019" in page.text
    problems = pack.reading["problems"]
    assert "The meeting&#x27;s date cannot be read from &#x27;TBC&#x27;." in page.text
    assert f"What it could not read ({len(problems)})" in page.text
    result = client.post(response.url, {"confirm": "1"}, follow=True)
    assert result.status_code == 200 and "Pack imported" in result.text
    assert "its agenda is left out" in result.text
    assert list(Meeting.objects.values_list("start__date", flat=True)) == [
        datetime.date(2019, 4, 8)
    ]


def test_minutes_that_do_not_name_their_board_are_left_out_not_guessed(
    client, officer, django_capture_on_commit_callbacks
):
    header = (
        "**Minutes of the Meeting of Coventry Health and Well-being Board held at "
        "2.00 pm**  \n**on Monday, 8 April 2019**"
    )
    text = HWB_PACK.read_text()
    assert header in text
    text = text.replace(
        header, "**Minutes of the meeting held at 2.00 pm on Monday, 8 April 2019**"
    )
    client.force_login(officer)
    response = _upload(
        client, "pack.txt", text.encode(), django_capture_on_commit_callbacks
    )
    assert PackImport.objects.get().reading["minutes"][0]["body"] is None
    page = client.get(response.url)
    assert "These minutes do not say which board or committee met" in page.text
    assert "Minutes: " not in page.text
    result = client.post(response.url, {"confirm": "1"}, follow=True)
    assert "Pack imported" in result.text
    assert list(Meeting.objects.values_list("start__date", flat=True)) == [
        datetime.date(2019, 7, 8)
    ]


# -------------------------------------------------------------- once only
def test_confirming_twice_imports_once(
    client, officer, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(officer)
    pack = _read(client, django_capture_on_commit_callbacks)
    calls = []
    real = pack_imports.import_commit
    monkeypatch.setattr(
        pack_imports,
        "import_commit",
        lambda *a, **k: calls.append(1) or real(*a, **k),
    )
    first = client.post(_page(pack), {"confirm": "1"}, follow=True)
    second = client.post(_page(pack), {"confirm": "1"}, follow=True)
    assert len(calls) == 1
    assert first.status_code == second.status_code == 200
    assert "already imported" in second.text
    assert "Pack imported" in second.text  # the result, not an error
    pack.refresh_from_db()
    assert "meetings added" in pack.result["counts"]  # the first import's result


@pytest.mark.django_db(transaction=True)
def test_two_officers_confirming_at_once_import_once(
    officer, django_capture_on_commit_callbacks, monkeypatch, client
):
    client.force_login(officer)
    pack = _read(client, django_capture_on_commit_callbacks)
    calls, outcomes = [], []
    real = pack_imports.import_commit

    def slow_commit(*args, **kwargs):
        calls.append(1)
        time.sleep(0.5)  # long enough for the other officer to arrive
        return real(*args, **kwargs)

    monkeypatch.setattr(pack_imports, "import_commit", slow_commit)
    start = threading.Barrier(2)

    def confirm():
        try:
            start.wait()
            _, saved = services.pack_import_save(pk=pack.pk, by=officer, choices={})
            outcomes.append(saved)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == [False, True]
    assert len(calls) == 1


# -------------------------------------------------------------- bad input
def test_tampered_choices_get_an_error_not_a_500(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    pack = _read(client, django_capture_on_commit_callbacks)
    preview = client.get(_page(pack))
    caan = _field_for(preview, "Councillor Caan")
    stranger = Person.objects.create(family_name="Nobody", display_name="A Nobody")
    for value in ("999999", "abc", "1.5", str(stranger.pk), "new; drop table"):
        response = client.post(_page(pack), {"confirm": "1", caan: value})
        assert response.status_code == 200, value
        assert "Select a valid choice" in response.text
    assert Meeting.objects.count() == 0
    pack.refresh_from_db()
    assert pack.status == PackImport.Status.READ
    # a field the page never had is ignored
    response = client.post(_page(pack), {"check": "1", "name_9999": "skip"})
    assert response.status_code == 302
    assert (
        client.get(reverse("meetings:pack_import", args=[pack.pk + 999])).status_code
        == 404
    )


def test_a_pack_not_yet_read_or_unreadable_cannot_be_confirmed(client, officer):
    client.force_login(officer)
    for status in (PackImport.Status.WAITING, PackImport.Status.FAILED):
        pack = PackImport.objects.create(
            name="pack.pdf", file="imports/pack.pdf", status=status
        )
        response = client.post(_page(pack), {"confirm": "1"}, follow=True)
        assert response.status_code == 200
        assert (
            "nothing to import" in response.text or "still being read" in response.text
        )
        pack.refresh_from_db()
        assert pack.status == status


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("pack.txt", b"", "The file is empty."),
        ("pack.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "neither a PDF nor text"),
        ("pack.pdf", b"<html>not a pdf</html>", "named .pdf but is not a PDF"),
    ],
)
def test_a_file_that_is_plainly_not_a_pack_is_refused_at_upload(
    client, officer, name, data, message, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    response = _upload(client, name, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert message in response.text
    assert "govuk-error-summary" in response.text
    assert PackImport.objects.count() == 0


def test_a_file_over_the_limit_is_refused(
    client, officer, settings, django_capture_on_commit_callbacks
):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(officer)
    data = b"Coventry Health and Well-being Board\n" * 30_000
    response = _upload(client, "pack.txt", data, django_capture_on_commit_callbacks)
    assert "the largest file allowed is 1 MB" in response.text
    assert PackImport.objects.count() == 0


def _encrypted_pdf():
    writer = PdfWriter(clone_from=io.BytesIO(files.pdf_bytes()))
    writer.encrypt("secret")
    return _pdf(writer)


def _scanned_pdf():
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    return _pdf(writer)


@pytest.mark.parametrize(
    "make, message",
    [
        (_encrypted_pdf, "This PDF is encrypted (password-protected)"),
        (_scanned_pdf, "This PDF has no text: it needs OCR"),
        (lambda: b"%PDF-1.4 damaged beyond reading", "This file is not a readable PDF"),
    ],
)
def test_a_pdf_the_reader_cannot_read_shows_why(
    client, officer, make, message, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    response = _upload(client, "pack.pdf", make(), django_capture_on_commit_callbacks)
    pack = PackImport.objects.get()
    assert response.url == _page(pack)
    assert pack.status == PackImport.Status.FAILED
    page = client.get(_page(pack))
    assert page.status_code == 200
    assert message in page.text
    assert "This file could not be read" in page.text
    assert f'href="{UPLOAD}">Upload another file' in page.text
    assert "Traceback" not in page.text


def test_an_unexpected_failure_is_logged_not_shown(
    client, officer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise KeyError("page_layout")

    monkeypatch.setattr(pack_imports, "read_pack", broken)
    client.force_login(officer)
    response = _upload(
        client, "pack.txt", HWB_PACK.read_bytes(), django_capture_on_commit_callbacks
    )
    pack = PackImport.objects.get()
    assert pack.status == PackImport.Status.FAILED
    text = client.get(response.url).text
    assert "did not expect" in text
    assert "page_layout" not in text and "KeyError" not in text
    assert "page_layout" in caplog.text  # the traceback went to the log


# -------------------------------------------------------------- progress
def test_the_page_shows_progress_while_reading_and_works_without_javascript(
    client, officer
):
    pack = PackImport.objects.create(
        name="pack.pdf",
        file="imports/pack.pdf",
        status=PackImport.Status.READING,
        pages_done=50,
        pages_total=200,
    )
    client.force_login(officer)
    text = client.get(_page(pack)).text
    assert "50 of 200 pages read (25%)." in text
    assert '<progress class="app-progress" id="job-bar" max="100" value="25"' in text
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in text
    assert f'href="{_page(pack)}">Refresh the page' in text
    status = client.get(_page(pack), {"format": "json"}).json()
    assert status == {
        "status": "reading",
        "status_text": "Being read",
        "pages_done": 50,
        "pages_total": 200,
        "percent": 25,
        "progress_text": "50 of 200 pages read (25%).",
        "finished": False,
    }
    PackImport.objects.filter(pk=pack.pk).update(status="failed", message="No text.")
    text = client.get(_page(pack)).text
    assert "http-equiv" not in text and "No text." in text


def test_the_reader_reports_each_page_and_reads_the_same_without_a_callback():
    data = files.pdf_bytes(
        ("Coventry Health and Well-being Board", "Minutes of the meeting"), pages=3
    )
    calls = []
    with_progress = read_lines(
        data, name="pack.pdf", progress=lambda *a: calls.append(a)
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert with_progress == read_lines(data, name="pack.pdf")


def test_a_pack_is_read_once_and_a_lost_read_is_handed_over_again(db):
    now = timezone.now()
    waiting = PackImport.objects.create(
        name="a.txt",
        file="imports/a.txt",
        created_at=now - datetime.timedelta(minutes=20),
    )
    fresh = PackImport.objects.create(name="b.txt", file="imports/b.txt")
    lost = PackImport.objects.create(
        name="c.txt",
        file="imports/c.txt",
        status=PackImport.Status.READING,
        started_at=now - datetime.timedelta(hours=1),
    )
    reading = PackImport.objects.create(
        name="d.txt",
        file="imports/d.txt",
        status=PackImport.Status.READING,
        started_at=now,
    )
    assert sorted(services.pack_import_waiting(now=now)) == sorted(
        [waiting.pk, lost.pk]
    )
    assert services.pack_import_read(pk=reading.pk) is None  # another worker has it
    assert fresh.pk not in services.pack_import_waiting(now=now)


def test_the_sweep_has_a_pack_the_queue_lost_read(db):
    pack = PackImport(
        name=HWB_PACK.name, created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    pack.file.save("pack.txt", ContentFile(HWB_PACK.read_bytes()))
    assert tasks.requeue_pack_imports() == 1  # eager here: read at once
    pack.refresh_from_db()
    assert pack.status == PackImport.Status.READ
    assert pack.reading["agenda"]["date"] == "2019-07-08"
    assert tasks.requeue_pack_imports() == 0


# -------------------------------------------------------------- a real worker
def _two_hundred_page_pack():
    """The seed pack's front sheet and minutes printed by WeasyPrint, then
    pages of a report in the same layout, to 200 pages."""
    from weasyprint import HTML

    style = "<style>p{margin:0 0 6pt} *{font-variant-ligatures:none}</style>"
    lines = HWB_PACK.read_text().splitlines()[:466]  # to the end of the minutes
    paras = "".join(
        "<p>" + line.replace("**", "").replace("&", "&amp;").replace("<", "&lt;")
        for line in lines
    )
    front = PdfReader(io.BytesIO(HTML(string=style + paras).write_pdf()))
    report = PdfReader(
        io.BytesIO(
            HTML(
                string=style
                + "<p>Appendix 1: Coventry Joint Strategic Needs Assessment 2019</p>"
                "<p>The assessment describes the health of the city's residents.</p>"
            ).write_pdf()
        )
    )
    writer = PdfWriter()
    for page in front.pages:
        writer.add_page(page)
    while len(writer.pages) < 200:
        writer.add_page(report.pages[0])
    return _pdf(writer)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_200_page_pack_is_read_by_a_real_worker_with_its_progress(
    redis_app, client, officer
):
    data = _two_hundred_page_pack()
    client.force_login(officer)
    seen = []
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        response = client.post(UPLOAD, {"file": files.upload("pack.pdf", data)})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = client.get(response.url, {"format": "json"}).json()
            seen.append(status["pages_done"])
            if status["finished"]:
                break
            time.sleep(0.05)
    assert status["status"] == "read", status
    assert (status["pages_done"], status["pages_total"]) == (200, 200)
    assert status["progress_text"] == "All 200 pages read."
    assert seen == sorted(seen)  # it only ever goes forward
    assert any(0 < n < 200 for n in seen)  # and the page saw it part way
    pack = PackImport.objects.get()
    assert pack.reading["agenda"]["date"] == "2019-07-08"
    assert len(pack.reading["minutes"][0]["items"]) == 14
    page = client.get(response.url).text
    assert "Agenda: Coventry Health and Well-being Board, 8 July 2019" in page
