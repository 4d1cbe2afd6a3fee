"""The agenda pack: front sheet, reports and appendices, page numbers stamped,
front-sheet page ranges that match the pack, exempt papers only for members."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hwbb import pdftags
from meetings import pack, services, tasks
from meetings.models import (
    AgendaPack,
    Attendance,
    Declaration,
    Minute,
    MinuteAmendment,
    Report,
)
from tests import factories, files


def _pages(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _downloaded(client, meeting, name="meetings:pack"):
    """The pack as a reader downloads it now."""
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def meeting(hwb, author):
    meeting = factories.MeetingFactory(
        body=hwb,
        agenda_status="published",
        contact_officer=factories.PersonFactory(display_name="Liz Knight"),
    )
    housing = factories.AgendaItemFactory(
        meeting=meeting,
        number=6,
        title="Housing and Homelessness One Coventry Approach",
    )
    strategy = factories.AgendaItemFactory(
        meeting=meeting,
        number=7,
        title="Draft Coventry Joint Health and Wellbeing Strategy 2019-23",
    )
    private = factories.AgendaItemFactory(
        meeting=meeting,
        number=13,
        title="Contract award: substance misuse service",
        is_exempt=True,
        exempt_paragraph=3,
        open_title="Contract award",
        presenter="Report of the Director of Law and Governance",
    )
    Report.objects.create(
        title=housing.title,
        body=hwb,
        meeting=meeting,
        agenda_item=housing,
        purpose="To provide background information about the Housing and "
        "Homelessness item.",
        recommendations="The Board is asked to note the report.",
    )
    uploaded = Report.objects.create(
        title=strategy.title, body=hwb, meeting=meeting, agenda_item=strategy
    )
    factories.paper(
        uploaded,
        "Draft strategy",
        text="Draft strategy text",
        pages=3,
        kind="report",
        user=author,
    )
    factories.paper(
        uploaded,
        "JSNA Citywide Profile 2019",
        text="JSNA Citywide Profile",
        pages=2,
        user=author,
    )
    factories.paper(
        uploaded,
        "Consultation responses",
        text="Named respondents",
        user=author,
        is_exempt=True,
    )
    secret = Report.objects.create(
        title=private.title,
        body=hwb,
        meeting=meeting,
        agenda_item=private,
        is_exempt=True,
        exempt_paragraph=3,
        purpose="Tender evaluation.",
        recommendations="Award the contract.",
    )
    return {
        "meeting": meeting,
        "housing": housing,
        "strategy": strategy,
        "secret": secret,
    }


def test_front_sheet_page_ranges_match_the_pack(meeting):
    m = meeting["meeting"]
    built = services.agenda_pack_build(meeting=m)
    assert built == ["public", "members"]
    public = m.packs.get(kind=AgendaPack.Kind.PUBLIC)
    pages = _pages(public.file.read())
    front = pages[0]
    for item, first_words in (
        (meeting["housing"], "Housing and Homelessness"),
        (meeting["strategy"], "Draft strategy text"),
    ):
        item.refresh_from_db()
        assert f"(Pages {item.page_start} - {item.page_end})" in front
        assert first_words in pages[item.page_start - 1]
    # Draft strategy: 3 pages of report and 2 of appendix; the exempt one is left out.
    strategy = meeting["strategy"]
    assert strategy.page_end - strategy.page_start + 1 == 5
    assert all(f"Page {n}" in text for n, text in enumerate(pages, start=1))
    assert public.page_count == len(pages)
    assert not any("Named respondents" in p or "Tender evaluation" in p for p in pages)
    assert "Contract award" in front and "substance misuse" not in front
    assert "Director of Law and Governance" not in front


def _long_agenda(meeting):
    for number in range(20, 60):
        factories.AgendaItemFactory(
            meeting=meeting, number=number, description="Noted. " * 30
        )


@pytest.mark.parametrize("guess", [1, 2, 9])
def test_a_wrong_guess_at_the_front_sheet_length_still_numbers_right(
    meeting, monkeypatch, guess
):
    """The front sheet is laid out from a guess at its own length: a wrong
    guess costs a second layout, never a wrong page range."""
    m = meeting["meeting"]
    _long_agenda(m)
    monkeypatch.setattr(pack, "_front_pages_guess", lambda inputs: guess)
    data, ranges = pack.build(pack.inputs(m, "public"))
    pages = _pages(data)
    front_pages = min(start for start, _ in ranges.values()) - 1
    assert front_pages > 2
    front = "\n".join(pages[:front_pages])
    for item, first_words in (
        (meeting["housing"], "Housing and Homelessness"),
        (meeting["strategy"], "Draft strategy text"),
    ):
        start, end = ranges[item.pk]
        assert f"(Pages {start} - {end})" in front
        assert first_words in pages[start - 1]
        assert f"Page {end}" in pages[end - 1]


def test_a_rebuild_lays_the_front_sheet_out_once(meeting, monkeypatch):
    """The length the front sheet had last time (the page ranges recorded on
    the agenda) is the first guess, so a rebuild lays it out once."""
    m = meeting["meeting"]
    _long_agenda(m)
    services.agenda_pack_build(meeting=m)
    layouts = []
    real = pack._front_sheet
    monkeypatch.setattr(
        pack, "_front_sheet", lambda *args: layouts.append(1) or real(*args)
    )
    monkeypatch.setattr(pack, "FRONT_LINES_PER_PAGE", 1000)  # a guess of 1: wrong
    data, ranges = pack.build(pack.inputs(m, "public"))
    assert len(layouts) == 1
    assert min(start for start, _ in ranges.values()) > 3


def test_members_pack_adds_the_exempt_papers(meeting):
    m = meeting["meeting"]
    services.agenda_pack_build(meeting=m)
    members = _pages(m.packs.get(kind="members").file.read())
    text = "\n".join(members)
    assert "Named respondents" in text and "Tender evaluation" in text
    assert "Contract award: substance misuse service" in members[0]


def test_unchanged_pack_is_not_rebuilt_and_a_change_rebuilds_it(meeting, author):
    m = meeting["meeting"]
    services.agenda_pack_build(meeting=m)
    assert services.agenda_pack_build(meeting=m) == []
    report = meeting["strategy"].report
    factories.paper(
        report,
        "Consultation leaflet",
        name="l.docx",
        data=files.docx_bytes("Have your say"),
        user=author,
    )
    assert services.agenda_pack_build(meeting=m) == ["public", "members"]
    pages = _pages(m.packs.get(kind="public").file.read())
    assert any("is a DOCX file and is not reproduced" in p for p in pages)


@pytest.mark.parametrize("role", ["anonymous", "author", "member", "officer"])
def test_who_gets_which_pack(role, request, client, meeting):
    services.agenda_pack_build(meeting=meeting["meeting"])
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    pk = meeting["meeting"].pk
    public = client.get(reverse("meetings:pack", args=[pk]))
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    members = client.get(reverse("meetings:members_pack", args=[pk]))
    expected = {"anonymous": 302, "author": 403, "member": 200, "officer": 200}[role]
    assert members.status_code == expected


def test_publishing_builds_the_pack(
    hwb, chair, officer, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    m = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=m, number=1, title="Welcome and Apologies")
    services.agenda_sign_off(meeting=m, user=chair)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_publish(meeting=m, user=officer)
    front = _pages(m.packs.get(kind="public").file.read())[0]
    assert re.search(r"Welcome and Apologies", front)


def test_moving_the_meeting_rebuilds_the_front_sheet(meeting, client):
    import datetime

    from django.utils import timezone

    m = meeting["meeting"]
    m.start = timezone.now() + datetime.timedelta(days=20)
    m.save()
    services.agenda_pack_build(meeting=m)
    new_start = factories.london(2031, 3, 3, 14)
    services.meeting_reschedule(meeting=m, start=new_start)
    front = _pages(_downloaded(client, m))[0]
    assert "Monday, 3rd March, 2031" in front


def _april_minutes(hwb, status="published_draft"):
    """8 April 2019's minutes, to be agreed on 8 July: one public minute and
    one exempt."""
    april = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status=status
    )
    public = factories.MinuteFactory(
        meeting=april, narrative="<p>The Board discussed knife crime.</p>"
    )
    factories.MinuteFactory(
        meeting=april,
        title="Contract award",
        narrative="<p>The preferred bidder scored 87.</p>",
        is_exempt=True,
        exempt_paragraph=3,
    )
    return april, public


def test_the_minutes_to_agree_are_printed_under_the_minutes_item(meeting, hwb):
    """As the council's packs do (seed 000: 8 April's minutes are pages 5-20 of
    the 8 July pack): the public minutes, in both packs, the exempt minute as
    its open title only; the front sheet's ranges count their pages."""
    m = meeting["meeting"]
    item = factories.AgendaItemFactory(
        meeting=m, number=3, title="Minutes of Previous Meeting", kind="minutes"
    )
    _april_minutes(hwb)
    services.agenda_pack_build(meeting=m)
    item.refresh_from_db()
    for kind in ("public", "members"):
        pages = _pages(m.packs.get(kind=kind).file.read())
        assert f"(Pages {item.page_start} - {item.page_end})" in pages[0]
        minutes = pages[item.page_start - 1]
        assert "Minutes of the Meeting of" in minutes and "8 April 2019" in minutes
        assert "knife crime" in minutes and "subject to approval" in minutes
        # One page number, the pack's, not the minutes' own "Page 1" too.
        assert minutes.count("Page ") == 1
        assert not any("preferred bidder" in p for p in pages)
    housing = meeting["housing"]
    housing.refresh_from_db()
    assert housing.page_start == item.page_end + 1


def test_the_minutes_as_they_stand_are_printed_whatever_changes_them(
    meeting, hwb, officer, client, django_capture_on_commit_callbacks
):
    """Published, corrected, a minute added, approved: after each, the pack of
    the meeting that agrees them, past a cancelled meeting in between, is
    downloaded with the minutes as they stand."""
    m = meeting["meeting"]
    factories.AgendaItemFactory(
        meeting=m, number=3, title="Minutes of Previous Meeting", kind="minutes"
    )
    april, minute = _april_minutes(hwb, status="checked")
    cancelled = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 6, 10, 14), status="cancelled"
    )
    services.agenda_pack_build(meeting=m)

    def printed(name="meetings:pack"):
        return "\n".join(_pages(_downloaded(client, m, name)))

    client.force_login(officer)

    assert "knife crime" not in printed()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(meeting=april)
    assert "knife crime" in printed() and not cancelled.packs.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.minute_update(
            minute_pk=minute.pk,
            expected_version=minute.version,
            user=officer,
            changes={"narrative": "<p>The Board discussed knife and gun crime.</p>"},
        )
    assert "knife and gun crime" in printed()
    with django_capture_on_commit_callbacks(execute=True):
        services.minute_create(
            minute=Minute(meeting=april, title="Any other business"), user=officer
        )
    assert "Any other business" in printed()
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(meeting=april, approved_at=m)
    assert "subject to approval" not in printed()
    assert "subject to approval" not in printed("meetings:members_pack")
    assert services.agenda_pack_build(meeting=m) == []


def test_only_the_previous_meetings_draft_minutes_are_printed(meeting, hwb):
    """April's minutes, never recorded as approved, are not 8 July's to agree
    when May met in between."""
    m = meeting["meeting"]
    item = factories.AgendaItemFactory(
        meeting=m, number=3, title="Minutes of Previous Meeting", kind="minutes"
    )
    _april_minutes(hwb)
    factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 5, 20, 14), minutes_status="none"
    )
    services.agenda_pack_build(meeting=m)
    item.refresh_from_db()
    assert item.page_start is None
    assert not any(
        "knife crime" in p for p in _pages(m.packs.get(kind="public").file.read())
    )


# -- One list of inputs: the fingerprint digests it, the build prints it --------


def _april_in_full(hwb, status="published_draft"):
    """April's minutes with everything their print shows: attendance, a
    declaration, a resolution and an amendment."""
    april, public = _april_minutes(hwb, status)
    clause = factories.ClauseFactory(resolution__minute=public)
    Attendance.objects.create(
        meeting=april, person=factories.PersonFactory(), status="present"
    )
    Declaration.objects.create(
        meeting=april,
        person=factories.PersonFactory(),
        kind=Declaration.Kind.PECUNIARY,
        text="A director of a bidder",
    )
    MinuteAmendment.objects.create(minute=public, text="Corrected", reason="Typo")
    return april, public, clause


def _queries(function):
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


@pytest.mark.parametrize("kind", ["public", "members"])
def test_the_fingerprint_takes_a_few_queries_however_long_the_agenda(
    meeting, hwb, author, kind, monkeypatch
):
    """Checked on every download and by the sweep: a fixed handful of queries
    and no rendering, however many items, papers and minutes there are."""
    m = meeting["meeting"]
    factories.AgendaItemFactory(meeting=m, number=3, title="Minutes", kind="minutes")
    april, *_ = _april_in_full(hwb)
    monkeypatch.setattr(pack, "_layout", lambda html: pytest.fail("rendered a PDF"))

    def check():
        pack.fingerprint(pack.inputs(m, kind))

    few = _queries(check)
    for number in range(20, 30):
        item = factories.AgendaItemFactory(meeting=m, number=number)
        report = Report.objects.create(
            title=item.title, body=hwb, meeting=m, agenda_item=item
        )
        report.authors.add(factories.PersonFactory())
        factories.paper(report, f"Appendix {number}", user=author)
        factories.ClauseFactory(resolution__minute__meeting=april)
    assert _queries(check) == few <= 20


def test_the_build_prints_its_inputs_and_reads_nothing_else(meeting, hwb):
    """All the build prints was read by inputs(), so the fingerprint, which
    digests what inputs() read, sees every change the pack would show."""
    m = meeting["meeting"]
    factories.AgendaItemFactory(meeting=m, number=3, title="Minutes", kind="minutes")
    _, _, clause = _april_in_full(hwb)
    meeting["housing"].report.authors.add(
        factories.PersonFactory(display_name="Jim Crawshaw")
    )
    factories.paper(
        meeting["strategy"].report,
        "Consultation leaflet",
        name="l.docx",
        data=files.docx_bytes("Have your say"),
    )
    for kind in ("public", "members"):
        inputs = pack.inputs(m, kind)
        with CaptureQueriesContext(connection) as queries:
            data, _ = pack.build(inputs)
        assert len(queries) == 0
        text = "\n".join(_pages(data))
        for printed in ("knife crime", clause.text[:30], "Jim Crawshaw", "DOCX"):
            assert printed in text


def test_a_download_serves_the_stored_pack_until_something_in_it_changes(
    meeting, client, member
):
    """No service need ask for a rebuild: a report edited on its form is in
    the next pack downloaded, its exempt neighbour's words only in the
    members' pack."""
    m = meeting["meeting"]
    services.agenda_pack_build(meeting=m)
    stored = {p.kind: p.file.name for p in m.packs.all()}
    _downloaded(client, m)
    assert m.packs.get(kind="public").file.name == stored["public"]

    housing = meeting["housing"].report
    housing.purpose = "To report what the Housing First pilot found."
    housing.save()
    secret = meeting["secret"]
    secret.purpose = "Bidder B scored 91."
    secret.save()
    public = "\n".join(_pages(_downloaded(client, m)))
    assert "Housing First pilot" in public and "Bidder B" not in public
    client.force_login(member)
    members = "\n".join(_pages(_downloaded(client, m, "meetings:members_pack")))
    assert "Housing First pilot" in members and "Bidder B scored 91" in members
    assert services.agenda_pack_build(meeting=m) == []


def test_the_sweep_rebuilds_the_changed_packs_of_current_meetings(meeting, hwb):
    """The beat's sweep: the packs of this meeting and next, and of those of
    the last few weeks, are rebuilt once something in them changed; older
    ones wait for their next download."""
    now = timezone.now()
    m = meeting["meeting"]
    m.start = now + datetime.timedelta(days=10)
    m.save()
    old = factories.MeetingFactory(
        body=hwb, start=now - services.PACK_SWEEP_SINCE - datetime.timedelta(days=1)
    )
    old_item = factories.AgendaItemFactory(meeting=old, number=1)
    old_report = Report.objects.create(
        title=old_item.title, body=hwb, meeting=old, agenda_item=old_item
    )
    for each in (m, old):
        services.agenda_pack_build(meeting=each)
    assert tasks.refresh_agenda_packs() == 0
    beat = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "meetings.tasks.refresh_agenda_packs" in beat

    for report in (meeting["housing"].report, old_report):
        report.recommendations = "The Board is asked to endorse the approach."
        report.save()
    assert tasks.refresh_agenda_packs() == 2  # this meeting's two packs
    public = "\n".join(_pages(m.packs.get(kind="public").file.read()))
    assert "endorse the approach" in public
    assert services.agenda_pack_build(meeting=old) == ["public", "members"]


def test_a_pack_carries_no_active_content_from_a_paper_stored_before_the_check(
    meeting, author
):
    """Uploads with active content are refused now; a paper stored before
    that rule is merged into the pack without its scripts, launch links,
    attachments and open actions, its text kept."""
    report = meeting["strategy"].report
    paper = factories.paper(report, "Old appendix", text="Old appendix", user=author)
    hostile = files.hostile_pdf(
        "open-javascript",
        "names-javascript",
        "page-aa",
        "launch-link",
        "script-link",
        "attachment",
        "attachment-annotation",
        "submit-form",
        "xfa",
        "bookmark-javascript",
        text="Stored before the rule",
    )
    with paper.file.open("wb") as f:
        f.write(hostile)
    for name in (b"/JavaScript", b"/Launch", b"/FileAttachment", b"/OpenAction"):
        assert name in hostile
    services.agenda_pack_build(meeting=meeting["meeting"])
    data = meeting["meeting"].packs.get(kind=AgendaPack.Kind.PUBLIC).file.read()
    for name in (b"/JavaScript", b"/JS", b"/Launch", b"/AA", b"/OpenAction"):
        assert name not in data
    for name in (b"/EmbeddedFile", b"/FileAttachment", b"/SubmitForm", b"/XFA"):
        assert name not in data
    assert b"hwbb" not in data  # nor any script's text, in a stray object
    assert any("Stored before the rule" in page for page in _pages(data))


def test_the_pack_keeps_the_tags_of_the_pages_hwbb_makes(meeting, author):
    """The front sheet's and the template report's structure trees survive
    the merge under one Document, well formed; an uploaded paper's pages
    are merged untagged, even when the upload was a tagged PDF itself."""
    tagged_upload = pack.render(
        "meetings/pack_placeholder.html",
        {"document": meeting["strategy"].report.documents.first()},
    )
    paper = factories.paper(
        meeting["strategy"].report, "Tagged upload", text="x", user=author
    )
    with paper.file.open("wb") as f:
        f.write(tagged_upload)
    data, ranges = pack.build(pack.inputs(meeting["meeting"], "public"))
    reader = PdfReader(io.BytesIO(data))
    assert pdftags.problems(reader) == []
    outline = pdftags.outline(reader)
    assert outline.startswith("Document\n") and outline.count("Document") == 1
    parts = [e for _, e in pdftags.elements(reader) if e["/S"] == "/Part"]
    assert [str(p["/T"]) for p in parts] == [meeting["housing"].title]
    # the front sheet's and the report's pages are in the tree, the papers' not
    _, report_last = ranges[meeting["housing"].pk]
    first, last = ranges[meeting["strategy"].pk]
    tagged = {n for n, page in enumerate(reader.pages, 1) if "/StructParents" in page}
    assert tagged == set(range(1, report_last + 1))
    assert not tagged & set(range(first, last + 1))
