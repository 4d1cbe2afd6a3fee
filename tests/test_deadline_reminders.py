"""Every deadline of the cycle that calls for a reminder: found from the rows,
queued once however often the beat task runs, and not sent once the work is
done."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification, Preference
from hwbb.tasks import plan_notifications, send_weekly_digests
from meetings import deadlines, services
from meetings.models import Interest, Membership, PlannedItem, Report
from tests import factories


def _plan(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return plan_notifications()


def _kinds(kind):
    return list(Notification.objects.filter(kind=kind))


def test_report_authors_are_reminded_before_the_deadline_then_once_late(
    hwb, author, django_capture_on_commit_callbacks
):
    meeting = factories.MeetingFactory(
        body=hwb,
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
        start=timezone.now() + datetime.timedelta(days=16),
    )
    report = Report.objects.create(
        title="Better Care Fund plan 2025-26", body=hwb, meeting=meeting
    )
    report.authors.add(author.person)
    deadline = services.report_deadline_for(meeting)
    found = {r["kind"] for r in deadlines.reports(deadline)}
    assert found == {"report_due"}
    assert not list(deadlines.reports(deadline - datetime.timedelta(days=20)))
    assert {r["kind"] for r in deadlines.reports(deadline + datetime.timedelta(1))} == {
        "report_overdue"
    }
    report.status = Report.Status.SUBMITTED
    report.save()
    assert not list(deadlines.reports(deadline))  # the work is done


def test_the_beat_task_queues_each_reminder_once(
    hwb, member, django_capture_on_commit_callbacks
):
    Membership.objects.filter(person=member.person).update(start=None)
    first = _plan(django_capture_on_commit_callbacks)
    assert first >= 1  # the member's register has never been reviewed
    assert _plan(django_capture_on_commit_callbacks) == 0  # an hour later
    [row] = _kinds("interests_review")
    assert row.person == member.person and row.status == "sent"
    assert mail.outbox[-1].subject == "Your register of interests: annual review"
    assert reverse("meetings:interests") in mail.outbox[-1].body


def test_a_reviewed_register_is_not_reminded(member):
    Membership.objects.filter(person=member.person).update(start=None)
    assert list(deadlines.interests(timezone.localdate()))  # never reviewed
    Interest.objects.create(
        person=member.person,
        kind=Interest.Kind.choices[0][0],
        description="Trustee, Coventry Citizens Advice",
    )  # reviewed today
    assert not list(deadlines.interests(timezone.localdate()))


def test_an_action_overdue_for_long_is_escalated_to_the_officer(
    officer, django_capture_on_commit_callbacks
):
    officer.person.email = "liz.knight@example.coventry.gov.uk"
    officer.person.save()
    action = factories.ActionFactory(
        due_date=timezone.localdate() - datetime.timedelta(days=30),
        minute__meeting__contact_officer=None,
    )
    today = timezone.localdate()
    [escalation] = [r for r in deadlines.escalations(today)]
    assert escalation["person"] == officer.person
    with django_capture_on_commit_callbacks(execute=True):
        notify.queue(**escalation)
    assert mail.outbox[-1].subject == f"Overdue action: {action.title}"
    action.status = "done"
    action.save()
    assert not list(deadlines.escalations(today))


def test_draft_minutes_are_due_to_the_meetings_officer(officer):
    meeting = factories.MeetingFactory(
        minutes_status="none",
        contact_officer=officer.person,
        start=timezone.now() - datetime.timedelta(days=30),
    )
    found = list(deadlines.draft_minutes(timezone.localdate()))
    assert [(r["kind"], r["person"], r["target"]) for r in found] == [
        ("minutes_draft_due", officer.person, meeting)
    ]
    meeting.minutes_status = "checked"
    meeting.save()
    assert not list(deadlines.draft_minutes(timezone.localdate()))


def test_the_chair_is_told_the_draft_is_ready_once(
    client, officer, chair, django_capture_on_commit_callbacks
):
    meeting = factories.MeetingFactory(body=chair.person.memberships.first().body)
    meeting.minutes_status = "draft"
    meeting.save()
    client.force_login(officer)
    url = reverse("meetings:minutes_ready", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)  # a double submit
    assert [m.to for m in mail.outbox] == [[chair.person.email]]
    assert "ready for your check" in mail.outbox[0].subject


def test_members_are_reminded_to_declare_before_a_meeting(hwb, member, chair):
    start = timezone.now() + datetime.timedelta(days=1)
    meeting = factories.MeetingFactory(
        body=hwb, start=start, status="scheduled", agenda_status="published"
    )
    found = list(deadlines.declarations(timezone.localdate()))
    assert {r["person"] for r in found} == {member.person, chair.person}
    assert {r["target"] for r in found} == {meeting}


def test_a_passed_priority_review_goes_to_the_officers(officer):
    officer.person.email = "liz.knight@example.coventry.gov.uk"
    officer.person.save()
    priority = factories.PriorityFactory(
        next_review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    [found] = list(deadlines.priority_reviews(timezone.localdate()))
    assert (found["person"], found["target"]) == (officer.person, priority)


def test_held_notifications_go_in_one_weekly_digest(
    member, django_capture_on_commit_callbacks
):
    person = member.person
    for kind in ("interests_review", "declarations"):
        Preference.objects.create(person=person, kind=kind, mode="digest")
    meeting = factories.MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify.queue(
            kind="interests_review", person=person, target=person, key="a", about="Reg"
        )
        notify.queue(
            kind="declarations", person=person, target=meeting, key="b", about="HWB"
        )
    assert mail.outbox == []
    assert send_weekly_digests() == 1
    [email] = mail.outbox
    assert email.subject.startswith("Your weekly digest: 2 updates")
    assert meeting.get_absolute_url() in email.body
    assert set(Notification.objects.values_list("status", flat=True)) == {"in_digest"}
    assert send_weekly_digests() == 0  # nothing held is left: nothing twice
    assert len(mail.outbox) == 1


def _planned(hwb, person, days=16):
    meeting = factories.MeetingFactory(
        body=hwb,
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
        start=timezone.now() + datetime.timedelta(days=days),
    )
    return PlannedItem.objects.create(
        meeting=meeting,
        title="Pharmaceutical Needs Assessment 2025",
        report_author=person,
        report_deadline=services.report_deadline_for(meeting),
    )


def test_a_forward_plan_author_is_reminded_before_any_draft_exists(
    hwb, author, django_capture_on_commit_callbacks, monkeypatch
):
    planned = _planned(hwb, author.person)
    deadline = planned.report_deadline
    assert not list(deadlines.planned_reports(deadline - datetime.timedelta(20)))
    [due] = list(deadlines.planned_reports(deadline))
    assert (due["kind"], due["person"], due["target"]) == (
        "report_due",
        author.person,
        planned,
    )
    late = deadline + datetime.timedelta(days=1)
    assert [r["kind"] for r in deadlines.planned_reports(late)] == ["report_overdue"]
    now = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(9)))
    monkeypatch.setattr(timezone, "now", lambda: now)
    with django_capture_on_commit_callbacks(execute=True):
        plan_notifications()
        plan_notifications()  # an hour later
    [row] = _kinds("report_due")
    assert row.person == author.person and row.status == "sent"
    [email] = [m for m in mail.outbox if m.to == [author.person.email]]
    assert email.subject == f"Report due: {planned.title}"
    assert "The forward plan names you" in email.body
    assert reverse("meetings:report_create") in email.body


def test_a_draft_does_not_remind_a_planned_author_twice_and_sending_it_in_stops(
    hwb, author
):
    planned = _planned(hwb, author.person)
    deadline = planned.report_deadline
    draft = Report.objects.create(
        title="Pharmaceutical Needs Assessment", body=hwb, meeting=planned.meeting
    )
    draft.authors.add(author.person)
    found = [*deadlines.reports(deadline), *deadlines.planned_reports(deadline)]
    assert [(r["kind"], r["target"]) for r in found] == [("report_due", planned)]
    draft.status = Report.Status.SUBMITTED
    draft.save()
    assert not list(deadlines.planned_reports(deadline))
    assert not list(deadlines.reports(deadline))


def test_no_planned_reminder_for_a_cancelled_meeting_or_no_email(hwb, author):
    planned = _planned(hwb, author.person)
    deadline = planned.report_deadline
    author.person.email = ""
    author.person.save()
    assert not list(deadlines.planned_reports(deadline))
    author.person.email = "jim.crawshaw@example.org"
    author.person.save()
    planned.meeting.status = "cancelled"
    planned.meeting.save()
    assert not list(deadlines.planned_reports(deadline))
