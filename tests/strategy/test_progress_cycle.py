"""The progress-report cycle: schedule, request, reminders, the lead's return,
the officer's review and the agenda; missing returns flagged."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hwbb import notify, reminders, workdays
from strategy import progress
from strategy.models import ProgressReport, ReportingSchedule
from tests import factories

RETURN = {
    "rag": "amber",
    "rag_narrative": "Referrals have doubled since the pandemic.",
    "progress": "273 community messengers in place.",
    "deliverables": "14 new Social Supermarkets/ Food Hubs.",
    "next_steps": "Establish a working group that includes VCS reps.",
    "risks": "",
}


def _soon(report):
    """When the "due soon" reminder falls due: five working days before."""
    day = workdays.subtract_working_days(report.due_date, 5)
    return reminders.at_reminder_hour(day)


def _overdue(report):
    """When the "overdue" reminder falls due: the morning after the due date."""
    return reminders.at_reminder_hour(report.due_date + datetime.timedelta(days=1))


def _kinds(now):
    return [n["kind"] for n in progress.due_reminders(now)]


def _remind(now):
    """Queue the progress reminders due at `now`, as the beat task does."""
    return sum(notify.queue(**n)[1] for n in progress.due_reminders(now))


@pytest.fixture
def lead(member):
    return member.person


@pytest.fixture
def priority(db):
    pillar = factories.PillarFactory(code="PC", name="Places and communities")
    priority = factories.PriorityFactory(title="Strengthen work with communities")
    priority.pillars.add(pillar)
    return priority


@pytest.fixture
def awaited(priority, lead, hwb, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report, created = progress.request(
            priority=priority,
            lead=lead,
            body=hwb,
            due_date=timezone.localdate() + datetime.timedelta(days=20),
        )
    assert created
    return report


def test_a_request_emails_the_lead_with_a_link_and_carries_the_tags(
    awaited, priority, lead
):
    [email] = mail.outbox
    assert email.to == [lead.email]
    assert "Progress report requested: Strengthen work with communities" in (
        email.subject
    )
    assert reverse("strategy:progress_submit", args=[awaited.pk]) in email.body
    assert awaited.primary_pillar.code == "PC"
    assert list(awaited.priorities.all()) == [priority]
    assert _kinds(_soon(awaited)) == ["progress_due_soon"]


def test_asking_twice_gives_back_the_return_awaited(awaited, priority, lead, hwb):
    again, created = progress.request(
        priority=priority, lead=lead, body=hwb, due_date=awaited.due_date
    )
    assert (again, created) == (awaited, False)


def test_a_request_refuses_a_past_date_and_a_lead_without_email(priority, lead, hwb):
    with pytest.raises(ValidationError, match="today or later"):
        progress.request(
            priority=priority,
            lead=lead,
            body=hwb,
            due_date=timezone.localdate() - datetime.timedelta(days=1),
        )
    nobody = factories.PersonFactory(email="")
    with pytest.raises(ValidationError, match="no email address"):
        progress.request(
            priority=priority,
            lead=nobody,
            body=hwb,
            due_date=timezone.localdate() + datetime.timedelta(days=5),
        )


def test_the_lead_submits_and_amber_needs_its_reason(client, member, awaited):
    client.force_login(member)
    url = reverse("strategy:progress_submit", args=[awaited.pk])
    response = client.post(url, {**RETURN, "rag_narrative": ""})
    assert response.status_code == 200
    assert "Say why the status is amber" in response.text
    assert "273 community messengers in place." in response.text  # nothing lost
    response = client.post(url, RETURN, follow=True)
    assert "Your progress report was submitted" in response.text
    awaited.refresh_from_db()
    assert awaited.status == "submitted"
    assert awaited.submitted_by == member
    assert _kinds(_soon(awaited)) == _kinds(_overdue(awaited)) == []
    again = client.post(url, RETURN, follow=True)  # a double submit
    assert "already been submitted" in again.text


def test_someone_else_cannot_submit_it(client, author, awaited):
    client.force_login(author)
    url = reverse("strategy:progress_submit", args=[awaited.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, RETURN).status_code == 404


def test_officer_sends_it_back_then_accepts_it_onto_an_agenda(
    client, officer, awaited, django_capture_on_commit_callbacks
):
    progress.submit(report=awaited, user=officer, data=RETURN)
    client.force_login(officer)
    url = reverse("strategy:progress_review", args=[awaited.pk])
    response = client.post(url, {"decision": "send_back", "comments": ""})
    assert response.status_code == 400
    assert "Say what the lead should change" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "send_back", "comments": "Add the figures."})
    awaited.refresh_from_db()
    assert awaited.status == "returned"
    assert "returned for changes" in mail.outbox[-1].subject

    progress.submit(report=awaited, user=officer, data=RETURN)
    meeting = factories.MeetingFactory(
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
        start=timezone.now() + datetime.timedelta(days=60),
    )
    response = client.post(
        url, {"decision": "accept", "meeting": meeting.pk}, follow=True
    )
    assert "put on the agenda" in response.text
    awaited.refresh_from_db()
    assert awaited.status == "on_agenda"
    item = awaited.agenda_item
    assert item.meeting == meeting
    assert item.title == "Progress report: Strengthen work with communities"
    assert item.primary_pillar == awaited.primary_pillar
    assert list(item.priorities.all()) == list(awaited.priorities.all())
    # a double submit of the review adds nothing
    client.post(url, {"decision": "accept", "meeting": meeting.pk})
    assert meeting.agenda_items.count() == 1


def test_a_return_past_its_due_date_is_flagged_missing(client, officer, awaited):
    ProgressReport.objects.filter(pk=awaited.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert list(ProgressReport.objects.missing()) == [awaited]
    client.force_login(officer)
    response = client.get(reverse("strategy:progress"))
    assert "Missing: overdue" in response.text
    response = client.get(awaited.priority.get_absolute_url())
    assert "missing" in response.text.lower()


def test_reminders_go_once_each_and_not_after_submission(
    awaited, officer, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    soon = _soon(awaited)
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind(timezone.now()) == 0  # not yet
    progress_now = soon + datetime.timedelta(minutes=1)
    assert _kinds(progress_now) == ["progress_due_soon"]
    assert _remind(progress_now) == 1
    assert _remind(progress_now) == 0  # a second run: none
    overdue_at = _overdue(awaited)
    assert _kinds(overdue_at - datetime.timedelta(minutes=1)) == []
    assert _kinds(overdue_at) == ["progress_overdue"]
    progress.submit(report=awaited, user=officer, data=RETURN)
    assert _remind(overdue_at) == 0


def test_the_reminder_email_says_it_is_overdue_and_how_to_stop_it(
    awaited, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress.notify_lead(awaited, "overdue")
    [email] = mail.outbox
    assert "Progress report overdue" in email.subject
    assert "/notifications/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_schedule_asks_once_per_period(priority, lead, hwb):
    today = timezone.localdate()
    ReportingSchedule.objects.create(
        priority=priority, body=hwb, lead=lead, next_request_on=today, every_months=6
    )
    made = progress.requests_due(today)
    assert [r.priority for r in made] == [priority]
    assert progress.requests_due(today) == []  # the beat runs again: nothing new
    schedule = ReportingSchedule.objects.get()
    assert schedule.next_request_on > today + datetime.timedelta(days=150)


def test_published_returns_are_public_and_awaited_ones_are_not(client, awaited, member):
    accepted = factories.ProgressReportFactory(priority=awaited.priority)
    visible = ProgressReport.objects.visible_to
    from django.contrib.auth.models import AnonymousUser

    assert list(visible(AnonymousUser())) == [accepted]
    assert set(visible(member)) == {accepted, awaited}  # the lead sees their own
    assert client.get(awaited.get_absolute_url()).status_code == 404
    page = client.get(awaited.priority.get_absolute_url())
    assert accepted.progress in page.text


def _date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_officer_sets_a_schedule_and_a_past_date_is_refused(
    client, officer, priority, lead, hwb
):
    client.force_login(officer)
    url = reverse("strategy:schedule", args=[priority.slug])
    data = {
        "every_months": 6,
        "body": hwb.pk,
        "lead": lead.pk,
        "working_days_to_respond": 20,
        "active": "on",
    }
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(url, {**data, **_date_fields("next_request_on", yesterday)})
    assert "The next request date must be today or later" in response.text
    assert not ReportingSchedule.objects.exists()
    soon = timezone.localdate() + datetime.timedelta(days=7)
    response = client.post(url, {**data, **_date_fields("next_request_on", soon)})
    assert response.status_code == 302
    schedule = ReportingSchedule.objects.get(priority=priority)
    assert (schedule.every_months, schedule.next_request_on) == (6, soon)


def test_officer_asks_through_the_page_once(
    client, officer, priority, lead, hwb, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    url = reverse("strategy:progress_request")
    due = timezone.localdate() + datetime.timedelta(days=14)
    data = {
        "priority": priority.pk,
        "lead": lead.pk,
        "body": hwb.pk,
        **_date_fields("due_date", due),
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data, follow=True)
        second = client.post(url, data, follow=True)  # a double submit
    assert f"{lead} was asked" in first.text
    assert "already awaited" in second.text
    assert ProgressReport.objects.filter(priority=priority).count() == 1
    assert len(mail.outbox) == 1
    assert "Write the progress report" in mail.outbox[0].alternatives[0][0]


def test_a_huge_answer_is_refused_and_the_rest_kept(client, member, awaited):
    client.force_login(member)
    url = reverse("strategy:progress_submit", args=[awaited.pk])
    response = client.post(url, {**RETURN, "risks": "x" * 10001})
    assert "Keep each answer under 10,000 characters" in response.text
    assert RETURN["deliverables"] in response.text
    awaited.refresh_from_db()
    assert awaited.status == "requested"


def test_the_progress_and_frameworks_pages_keep_their_query_counts(
    client, officer, priority, lead, hwb, django_assert_max_num_queries
):
    def grow(n):
        for _ in range(n):
            other = factories.PriorityFactory()
            factories.ProgressReportFactory(priority=other)
            factories.ProgressReportFactory(
                priority=other, status="requested", requested_of=lead
            )
            ReportingSchedule.objects.create(
                priority=other,
                body=hwb,
                lead=lead,
                next_request_on=timezone.localdate(),
            )
            factories.PillarFactory(
                framework=factories.FrameworkFactory(slug=f"f-{other.pk}"),
                code=f"P{other.pk}",
            )

    client.force_login(officer)
    pages = [reverse("strategy:progress"), reverse("strategy:frameworks")]
    grow(2)
    counts = []
    for url in pages:
        with django_assert_max_num_queries(30) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    grow(15)
    for url, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
