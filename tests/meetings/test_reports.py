"""A report's route: written on the template, submitted, returned with comments,
resubmitted, accepted onto the agenda with its tags; its papers uploaded and
versioned; what the public sees."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Document, Meeting, Report
from tests import factories, files


@pytest.fixture
def meeting(hwb):
    hwb.requires_framework_tags = True
    hwb.save()
    return factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=40),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )


@pytest.fixture
def report(meeting, author):
    report = Report.objects.create(
        title="Housing and Homelessness One Coventry Approach",
        body=meeting.body,
        meeting=meeting,
        created_by=author,
        presented_by="Report and presentation of Jim Crawshaw, Head of Housing",
    )
    report.authors.add(author.person)
    return report


def test_submission_says_what_is_missing(report, author):
    with pytest.raises(ValidationError) as error:
        services.report_submit(report=report, user=author)
    assert set(error.value.messages) == {
        "Write the purpose of the report",
        "Write the recommendations",
        "Choose the primary pillar of the population health framework",
        "Choose at least one strategy priority",
    }


def _complete(report):
    pillar = factories.PillarFactory()
    report.purpose = "To provide background information about housing and homelessness."
    report.recommendations = "The Board is asked to note the approach."
    report.primary_pillar = pillar
    report.save()
    report.priorities.add(factories.PriorityFactory())
    return pillar


def test_route_from_draft_to_the_agenda(report, author, officer):
    pillar = _complete(report)
    services.report_submit(report=report, user=author)
    with pytest.raises(ValidationError, match="Say what the author should change"):
        services.report_return(report=report, user=officer, comments=" ")
    services.report_return(report=report, user=officer, comments="Add the options.")
    report.refresh_from_db()
    assert report.status == "returned"
    _, submitted = services.report_submit(report=report, user=author)
    assert submitted and Report.objects.get(pk=report.pk).status == "resubmitted"
    services.report_accept(report=report, user=officer)
    report.refresh_from_db()
    item = report.agenda_item
    assert report.status == "accepted"
    assert item.title == report.title and item.primary_pillar == pillar
    assert list(item.priorities.all()) == list(report.priorities.all())
    statuses = list(report.reviews.values_list("status", "comments"))
    assert statuses == [
        ("submitted", ""),
        ("returned", "Add the options."),
        ("resubmitted", ""),
        ("accepted", ""),
    ]
    assert report.considerations.get().body == report.body


def test_public_sees_the_report_only_once_the_agenda_is_published(
    client, report, author, officer
):
    _complete(report)
    services.report_submit(report=report, user=author)
    services.report_accept(report=report, user=officer)
    url = report.get_absolute_url()
    assert client.get(url).status_code == 404
    Meeting.objects.filter(pk=report.meeting_id).update(agenda_status="published")
    assert client.get(url).status_code == 200


def test_upload_of_the_wrong_type_is_refused_and_versions_are_kept(
    client, report, author
):
    client.force_login(author)
    url = reverse("meetings:document_upload", args=[report.pk])
    png = files.upload("appendix.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 50)
    response = client.post(
        url, {"title": "Appendix 1", "kind": "appendix", "file": png}
    )
    assert "The file must be a PDF" in response.content.decode()
    assert not Document.objects.exists()

    first = files.upload("appendix.pdf", files.pdf_bytes(["Rough sleeping count"]))
    client.post(url, {"title": "Appendix 1", "kind": "appendix", "file": first})
    old = Document.objects.get()
    second = files.upload("appendix-v2.docx", files.docx_bytes("Revised count"))
    client.post(
        f"{url}?replaces={old.pk}",
        {"title": "Appendix 1", "kind": "appendix", "file": second},
    )
    new = Document.objects.get(replaces=old)
    assert new.version == 2 and "Revised count" in new.extracted_text
    page = client.get(report.get_absolute_url()).content.decode()
    assert f"/meetings/documents/{new.pk}/" in page
    assert "version 2" in page
    assert "Earlier versions" in page


def test_exempt_document_is_for_members_only(client, report, author, member, officer):
    _complete(report)
    services.report_submit(report=report, user=author)
    services.report_accept(report=report, user=officer)
    Meeting.objects.filter(pk=report.meeting_id).update(agenda_status="published")
    document = factories.paper(
        report, "Tender scores", name="scores.pdf", user=author, is_exempt=True
    )
    url = reverse("meetings:document", args=[document.pk])
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_report_uploaded_as_a_paper_is_read_there_and_listed_first(
    client, report, author
):
    """A partnership's paper is not on the council's template: the page does
    not say its purpose is "not written yet" but sends the reader to the
    paper, which heads the list above the appendices."""
    client.force_login(author)
    url = reverse("meetings:report", args=[report.pk])
    assert client.get(url).content.decode().count("Not written yet.") == 2
    factories.paper(report, "Appendix 1: Place Plan rolling actions")
    paper = factories.paper(report, "Governance arrangements", kind="report")
    factories.paper(report, "Appendix 2: Terms of reference")
    page = client.get(url).content.decode()
    assert "Not written yet." not in page
    assert page.count("Not written on the template: read the report itself") == 2
    assert f'href="/meetings/documents/{paper.pk}/">Governance arrangements' in page
    listed = page.split("Documents</h2>")[1]
    order = ("Governance arrangements", "Appendix 1", "Appendix 2")
    assert sorted(order, key=listed.index) == list(order)


def test_author_form_refuses_a_meeting_of_another_body(client, author, meeting):
    cabinet_meeting = factories.MeetingFactory(
        body=factories.BodyFactory(name="Cabinet", slug="cabinet"),
        start=timezone.now() + datetime.timedelta(days=20),
        status="scheduled",
    )
    client.force_login(author)
    response = client.post(
        reverse("meetings:report_create"),
        {
            "title": "Youth Justice Plan 2019-20",
            "body": meeting.body_id,
            "meeting": cabinet_meeting.pk,
        },
    )
    assert "Choose a meeting of Coventry Health and Well-being Board" in (
        response.content.decode()
    )
    assert not Report.objects.exists()


def test_route_through_cabinet_and_council_is_shown(client, officer, report):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    client.force_login(officer)
    url = reverse("meetings:report_route", args=[report.pk])
    client.post(url, {"body": cabinet.pk, "outcome": "Recommended to Council"})
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Cabinet: Recommended to Council" in page


@pytest.mark.parametrize(
    "status", ["submitted", "resubmitted", "accepted", "withdrawn"]
)
def test_a_report_past_its_draft_cannot_be_edited_and_says_why(
    client, report, author, status
):
    report.status = status
    report.save()
    client.force_login(author)
    url = reverse("meetings:report_edit", args=[report.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == report.get_absolute_url()
    assert "Only a draft or returned report can be changed." in response.text
    response = client.post(url, {"title": "A title of my own"})
    assert response.status_code == 200
    assert "Only a draft or returned report can be changed." in response.text
    assert 'value="A title of my own"' in response.text  # the words are not lost
    report.refresh_from_db()
    assert report.title == "Housing and Homelessness One Coventry Approach"


@pytest.mark.parametrize("replaces", ["abc", "-5", "9" * 30, "987654321"])
def test_a_paper_to_replace_that_the_report_lacks_is_said(
    client, report, author, replaces
):
    client.force_login(author)
    url = reverse("meetings:document_upload", args=[report.pk])
    response = client.get(url, {"replaces": replaces})
    assert response.status_code == 200
    assert "The paper in the address is not one of this report" in response.text
    assert "Upload a document" in response.text  # a new paper, not a version
