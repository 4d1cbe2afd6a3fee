"""The review loop by email: each step of a report's review, the agenda's
sign-off and the chair's check of the minutes tell the next person, once, with
a link to act on it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hwbb import notices
from hwbb.models import Notification
from meetings import services
from meetings.models import Meeting, Minute, Report
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(coming):
    return coming


@pytest.fixture
def report(meeting, author):
    report = Report.objects.create(
        title="Better Care Fund plan 2019/20",
        body=meeting.body,
        meeting=meeting,
        purpose="To agree the plan.",
        recommendations="The Board is asked to approve the plan.",
    )
    report.authors.add(author.person)
    return report


def _told(kind):
    """(email, subject, lines, link) of each notice of this kind, as sent."""
    told = []
    for notification in Notification.objects.filter(kind=kind).order_by("pk"):
        said = notices.render(notification)
        told.append(
            (notification.email, said["subject"], said["lines"], said["link"])
            if said
            else (notification.email, None, None, None)
        )
    return told


def test_a_submitted_report_goes_to_the_meetings_officer_once(report, author, officer):
    services.report_submit(report=report, user=author)
    services.report_submit(report=report, user=author)  # a double submit
    [(email, subject, lines, link)] = _told("report_submitted")
    assert email == officer.person.email
    assert subject == "Report submitted: Better Care Fund plan 2019/20"
    assert "Please review it" in lines[0]
    assert link == reverse("meetings:report", args=[report.pk])


def test_with_no_contact_officer_every_officer_is_told(report, author, officer):
    report.meeting.contact_officer = None
    report.meeting.save()
    other = factories.UserFactory()
    other.groups.add(officer.groups.get())
    factories.PersonFactory(user=other)
    services.report_submit(report=report, user=author)
    assert {email for email, *_ in _told("report_submitted")} == {
        officer.person.email,
        other.person.email,
    }


def test_returned_the_author_reads_the_comments_in_the_email_and_a_banner(
    report, author, officer, client
):
    services.report_submit(report=report, user=author)
    comments = "Say what the plan costs the council in 2019/20."
    services.report_return(report=report, user=officer, comments=comments)
    [(email, subject, lines, link)] = _told("report_returned")
    assert email == author.person.email
    assert subject == "Report returned with comments: Better Care Fund plan 2019/20"
    assert comments in lines
    client.force_login(author)
    page = client.get(link).content.decode()
    assert "Returned with comments" in page
    assert page.index(comments) < page.index('<h2 class="govuk-heading-m">History')

    services.report_submit(report=report, user=author)
    [(email, subject, _, _)] = _told("report_resubmitted")
    assert (email, subject) == (
        officer.person.email,
        "Report resubmitted: Better Care Fund plan 2019/20",
    )
    assert 'id="returned-title"' not in client.get(link).content.decode()


def test_the_banner_is_only_for_those_who_may_edit(report, author, officer, client):
    services.report_submit(report=report, user=author)
    services.report_return(report=report, user=officer, comments="Add the costs.")
    client.force_login(factories.UserFactory())
    page = client.get(reverse("meetings:report", args=[report.pk]))
    assert "Add the costs." not in page.content.decode()


def test_accepted_the_author_is_told_which_meeting(report, author, officer):
    services.report_submit(report=report, user=author)
    section = factories.SectionFactory(body=report.body)
    services.report_accept(report=report, user=officer, section=section)
    [(email, subject, lines, _)] = _told("report_accepted")
    assert email == author.person.email
    assert subject == "Report accepted: Better Care Fund plan 2019/20"
    when = timezone.localtime(report.meeting.start)
    assert f"{when:%A} {when.day} {when:%B %Y}" in lines[0]


def test_the_chair_is_asked_to_sign_off_once_a_day_and_the_officer_told_after(
    meeting, chair, officer, client
):
    factories.AgendaItemFactory(meeting=meeting, number=1)
    client.force_login(officer)
    url = reverse("meetings:ask_sign_off", args=[meeting.pk])
    for _ in range(2):
        page = client.post(url, follow=True).content.decode()
        assert "Sent to the chair for sign-off" in page
    [(email, subject, lines, link)] = _told("agenda_sign_off_asked")
    assert email == chair.person.email
    assert subject.startswith("Agenda ready for your sign-off:")
    assert link == reverse("meetings:agenda", args=[meeting.pk])

    services.agenda_sign_off(meeting=meeting, user=chair)
    [(email, subject, _, link)] = _told("agenda_signed_off")
    assert email == officer.person.email and subject.startswith("Agenda signed off:")
    assert link == reverse("meetings:publish", args=[meeting.pk])
    # the request to sign off is no longer sent once the agenda is signed off
    assert _told("agenda_sign_off_asked")[0][1] is None


def test_asking_for_sign_off_of_an_empty_agenda_says_why(meeting, officer, client):
    client.force_login(officer)
    url = reverse("meetings:ask_sign_off", args=[meeting.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200  # the builder of an empty agenda, too
    assert "The agenda has no items yet." in response.content.decode()
    assert not Notification.objects.exists()


def test_the_officer_is_told_when_the_chair_has_checked_the_minutes(
    hwb, officer, chair, client
):
    held = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() - datetime.timedelta(days=3),
        minutes_status=Meeting.MinutesStatus.DRAFT,
        contact_officer=officer.person,
    )
    services.minute_create(minute=Minute(meeting=held, title="Welcome"), user=None)
    client.force_login(chair)
    client.post(
        reverse("meetings:minutes_review", args=[held.pk]), {"answer": "checked"}
    )
    [(email, subject, _, link)] = _told("minutes_checked")
    assert email == officer.person.email
    assert subject.startswith("The chair has checked the draft minutes:")
    assert link == reverse("meetings:minutes_manage", args=[held.pk])
