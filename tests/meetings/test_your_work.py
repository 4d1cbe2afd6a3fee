""" "Your work": each role's first screen after signing in, a line a kind of
work with its count and a link that opens, the most urgent first; nothing
counted that the person may not read."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hwbb.models import Notification
from meetings import services, work
from meetings.models import Meeting, OrganisationLead, PlannedItem, Report
from tests import factories

pytestmark = pytest.mark.django_db


def _texts(user, today=None):
    return [line.text for line in work.your_work(user, today)]


def _every_link_opens(client, user):
    client.force_login(user)
    for line in work.your_work(user):
        for link in [line.link, *(link for _, link in line.items)]:
            assert client.get(link).status_code == 200, (line.text, link)


@pytest.fixture
def held(hwb, officer):
    return factories.MeetingFactory(
        body=hwb,
        start=timezone.now() - datetime.timedelta(days=6),
        minutes_status=Meeting.MinutesStatus.NONE,
        contact_officer=officer.person,
    )


def _report(meeting, author, status=Report.Status.DRAFT, title="Better Care Fund"):
    report = Report.objects.create(
        title=title,
        body=meeting.body,
        meeting=meeting,
        purpose="To agree the plan.",
        recommendations="Approve the plan.",
        status=status,
    )
    report.authors.add(author.person)
    return report


def test_sign_in_lands_on_your_work_and_the_header_links_it(client, member):
    member.set_password("correct-horse-battery")
    member.save()
    response = client.post(
        reverse("login"),
        {"login": member.username, "password": "correct-horse-battery"},
    )
    assert response.url == reverse("your_work")
    page = client.get(reverse("your_work")).content.decode()
    assert 'href="/your-work/"' in page
    assert "Nothing is waiting for you just now." in page


def test_the_officers_work_counts_and_links(client, officer, author, coming, held):
    _report(coming, author, Report.Status.SUBMITTED)
    Notification.objects.create(
        kind="report_submitted",
        person=officer.person,
        email="x@example.org",
        target=coming,
        key="failed-one",
        about="x",
        status=Notification.Status.FAILED,
    )
    lines = work.your_work(officer)
    texts = [line.text for line in lines]
    assert "1 report to review" in texts
    assert "1 email that failed" in texts
    assert "1 meeting's minutes to write" in texts
    [agenda] = [t for t in texts if t.startswith("Agenda for")]
    assert "to build and sign off by" in agenda and "working day" in agenda
    # the overdue come first, in words as well as order
    assert lines[0].urgency_words == "Overdue"
    _every_link_opens(client, officer)


def test_a_late_agenda_is_overdue(officer, coming):
    deadline = coming.publication_deadline()
    [line] = [
        x
        for x in work.your_work(officer, deadline + datetime.timedelta(days=1))
        if x.text.startswith("Agenda")
    ]
    assert line.urgency_words == "Overdue" and "the date has passed" in line.text


def test_the_chairs_work(client, chair, officer, coming, held):
    factories.AgendaItemFactory(meeting=coming, number=1)
    assert any(t.startswith("Agenda to sign off:") for t in _texts(chair))
    held.minutes_status = Meeting.MinutesStatus.DRAFT
    held.save()
    # draft minutes reach the chair's list once the officer says they are ready
    assert "1 draft minutes to check" not in _texts(chair)
    services.minutes_ready_for_chair(meeting=held)
    assert "1 draft minutes to check" in _texts(chair)
    _every_link_opens(client, chair)


def test_the_authors_work(client, author, officer, coming):
    returned = _report(coming, author, title="Returned one")
    services.report_submit(report=returned, user=author)
    services.report_return(report=returned, user=officer, comments="Add the costs.")
    _report(coming, author, title="Draft one")
    planned = factories.MeetingFactory(
        body=coming.body,
        start=timezone.now() + datetime.timedelta(days=60),
        status="scheduled",
    )
    PlannedItem.objects.create(
        meeting=planned,
        title="Joint Strategic Needs Assessment",
        report_author=author.person,
    )
    texts = _texts(author)
    assert texts[0] == "1 report returned with comments"
    assert any(t.startswith("Report due by") and t.endswith("Draft one") for t in texts)
    assert any("Joint Strategic Needs Assessment" in t for t in texts)
    # an author is no officer
    assert not any("to review" in t or t.startswith("Agenda") for t in texts)
    _every_link_opens(client, author)


def test_the_members_work(client, member, coming):
    person = member.person
    factories.ActionFactory(
        owner_person=person, due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    factories.ActionFactory(owner_person=person, status="done")
    due = factories.ActionFactory(
        owner_person=person, title="Due today", due_date=timezone.localdate()
    )
    # published, and within a fortnight
    coming.agenda_status = Meeting.AgendaStatus.PUBLISHED
    coming.start = timezone.now() + datetime.timedelta(days=5)
    coming.save()
    texts = _texts(member)
    assert texts[:2] == [
        "1 of your actions overdue",
        "1 of your actions due this month",
    ]
    link = work.your_work(member)[1].link  # the list of those due, and only them
    client.force_login(member)
    listed = client.get(link).text
    shown = set(re.findall(r'href="/meetings/actions/(\d+)/"', listed))
    assert shown == {str(due.pk)}
    assert f"Declarations of interest to consider before {coming}" in texts
    _every_link_opens(client, member)


def test_another_bodys_business_is_not_counted(member, chair, author):
    """The chair of one board is not asked to sign off another's agenda, and
    a member is not asked to declare for a board they do not sit on."""
    other = factories.BodyFactory(name="Private Board", meets_in_public=False)
    for status in (Meeting.AgendaStatus.DRAFT, Meeting.AgendaStatus.PUBLISHED):
        meeting = factories.MeetingFactory(
            body=other,
            start=timezone.now() + datetime.timedelta(days=4),
            status="scheduled",
            agenda_status=status,
        )
        factories.AgendaItemFactory(meeting=meeting, number=1)
    for user in (member, chair, author):
        assert not any("Private Board" in t for t in _texts(user))


def test_anonymous_is_asked_to_sign_in(client):
    response = client.get(reverse("your_work"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_partners_lead_sees_the_organisations_actions_counted(client, hwb, member):
    """A nominated lead's line counts the organisation's actions that name no
    person, in words and numbers, and opens that list."""
    police = factories.OrganisationFactory(name="West Midlands Police")

    OrganisationLead.objects.create(organisation=police, person=member.person)
    today = timezone.localdate()
    for days in (-30, -2, 3):
        factories.ActionFactory(
            body=hwb,
            owner_person=None,
            owner_organisation=police,
            due_date=today + datetime.timedelta(days=days),
        )
    line = next(x for x in work.your_work(member) if "organisation" in x.text)
    due = 1 if (today + datetime.timedelta(days=3)).month == today.month else 0
    assert line.text == (
        f"2 of your organisation's actions overdue and {due} due this month"
    )
    assert line.urgency_words == "Overdue"
    _every_link_opens(client, member)


# -- A budget that does not grow --------------------------------------------------


def _grow_everyones_work(hwb, officer, chair, author, member, n):
    """n more of every kind of work each role's page counts."""
    soon = timezone.now() + datetime.timedelta(days=20)
    for i in range(n):
        coming = factories.MeetingFactory(
            body=hwb,
            start=soon + datetime.timedelta(days=i),
            status="scheduled",
            agenda_status=Meeting.AgendaStatus.DRAFT,
            minutes_status=Meeting.MinutesStatus.NONE,
            contact_officer=officer.person,
        )
        factories.AgendaItemFactory(meeting=coming)
        _report(coming, author, Report.Status.SUBMITTED, title=f"Submitted {i}")
        _report(coming, author, Report.Status.RETURNED, title=f"Returned {i}")
        _report(coming, author, title=f"Draft {i}")
        PlannedItem.objects.create(
            body=hwb, meeting=coming, title=f"Planned {i}", report_author=author.person
        )
        held = factories.MeetingFactory(
            body=hwb,
            start=timezone.now() - datetime.timedelta(days=3 + i),
            minutes_status=Meeting.MinutesStatus.DRAFT,
            contact_officer=officer.person,
        )
        services.minutes_ready_for_chair(meeting=held)
        factories.ActionFactory(
            owner_person=member.person,
            due_date=timezone.localdate() - datetime.timedelta(days=10 + i),
        )
        factories.ActionFactory(
            owner_person=member.person,
            due_date=timezone.localdate() + datetime.timedelta(days=5 + i),
        )


@pytest.mark.parametrize("role", ["officer", "chair", "author", "member"])
def test_your_work_keeps_a_query_budget_that_does_not_grow(
    role, client, hwb, officer, chair, author, member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = {"officer": officer, "chair": chair, "author": author, "member": member}
    client.force_login(people[role])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("your_work"))
        assert response.status_code == 200
        return len(queries), response.content.decode()

    _grow_everyones_work(hwb, officer, chair, author, member, 2)
    small, _ = count()
    _grow_everyones_work(hwb, officer, chair, author, member, 12)
    large, page = count()
    assert large == small, f"{role}: {small} queries with 2 of each, {large} with 14"
    assert large <= 30, f"{role}: {large} queries"
    # and the page counted what grew, so the budget measured a full page
    grown = {
        "officer": "reports to review",
        "chair": "sets of draft minutes to check",
        "author": "reports returned with comments",
        "member": "overdue",
    }[role]
    assert grown in page
