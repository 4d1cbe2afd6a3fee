"""The deadlines of the governance cycle that call for a reminder, worked out
from the rows themselves each time the beat task runs (`notify.plan`). Each
reminder has a key naming its occasion, so however often this runs a reminder
is queued once; and each is found only while the work is still to do.
"""

import datetime

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from hwbb import notify, reminders, workdays
from meetings.models import Action, Meeting, Membership, Person, Report
from meetings.services import report_deadline_for
from strategy.models import Priority

AWAITED_REPORT = (Report.Status.DRAFT, Report.Status.RETURNED)


def officers():
    """The governance officers with an email address."""
    return list(Person.objects.officers())


def action_reminder(action, reminder):
    """An action's "due soon" or "overdue" reminder to its owner, once for
    its due date."""
    kind = f"action_{reminder}"
    return {
        "kind": kind,
        "person": action.owner_person,
        "target": action,
        "key": f"{kind}:action-{action.pk}:due-{action.due_date}",
        "about": action.title,
    }


def actions(now):
    """Owners of open actions: a few working days before the due date, and
    the morning after it (`reminders.due_reminder`)."""
    days = settings.ACTION_REMINDER_WORKING_DAYS
    rows = (
        Action.objects.open()
        .filter(
            due_date__lte=reminders.latest_due_date(now, days),
            owner_person__isnull=False,
        )
        .exclude(owner_person__email="")
        .select_related("owner_person")
    )
    for action in rows:
        reminder = reminders.due_reminder(action.due_date, days, now)
        if reminder:
            yield action_reminder(action, reminder)


def reports(today):
    """Authors of reports still in draft: a few working days before the
    report deadline, and once it has passed while the meeting is ahead."""
    upcoming = Report.objects.filter(
        status__in=AWAITED_REPORT,
        meeting__start__date__gte=today,
        meeting__status__in=(Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED),
    ).select_related("meeting", "created_by__person")
    for report in upcoming.prefetch_related("authors"):
        deadline = report_deadline_for(report.meeting)
        soon = workdays.subtract_working_days(
            deadline, settings.REPORT_REMINDER_WORKING_DAYS
        )
        if today > deadline:
            kind = "report_overdue"
        elif today >= soon:
            kind = "report_due"
        else:
            continue
        people = list(report.authors.all()) or [
            getattr(report.created_by, "person", None)
        ]
        for person in filter(None, people):
            yield notify.notice(
                kind, person, report, f"deadline-{deadline}", report.title
            )


def draft_minutes(today):
    """The meeting's officer, once the draft minutes are due and not checked."""
    days = settings.MINUTES_DRAFT_WORKING_DAYS
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD,
        minutes_status__in=(Meeting.MinutesStatus.NONE, Meeting.MinutesStatus.DRAFT),
        start__date__lt=today,
        start__date__gte=today - datetime.timedelta(days=120),
    ).select_related("contact_officer", "body")
    for meeting in held:
        due = workdays.subtract_working_days(today, days)
        if timezone.localdate(meeting.start) > due:
            continue
        people = [meeting.contact_officer] if meeting.contact_officer else officers()
        for person in people:
            yield notify.notice(
                "minutes_draft_due", person, meeting, "once", str(meeting)
            )


def escalations(today):
    """The governance officer, when an action is overdue by a set time."""
    limit = workdays.subtract_working_days(today, settings.ACTION_ESCALATE_WORKING_DAYS)
    late = (
        Action.objects.open()
        .filter(due_date__lt=limit)
        .select_related("minute__meeting__contact_officer")
    )
    staff = None
    for action in late:
        meeting = action.minute.meeting if action.minute else None
        if meeting and meeting.contact_officer:
            people = [meeting.contact_officer]
        else:
            staff = officers() if staff is None else staff
            people = staff
        for person in people:
            yield notify.notice(
                "action_escalated",
                person,
                action,
                f"due-{action.due_date}",
                action.title,
            )


def interests(today):
    """Members whose register has not been reviewed for a year: once a year."""
    year_ago = today - datetime.timedelta(days=365)
    members = Person.objects.filter(
        memberships__in=Membership.objects.current_on(today)
    ).exclude(email="")
    stale = members.annotate(last=Max("interests__reviewed_on")).filter(
        Q(last__isnull=True) | Q(last__lt=year_ago)
    )
    for person in stale.distinct():
        yield notify.notice(
            "interests_review",
            person,
            person,
            f"year-{today.year}",
            "Your register of interests",
        )


def priority_reviews(today):
    """The governance officers, when a current priority's review date passes."""
    passed = Priority.objects.current().filter(next_review_date__lte=today)
    staff = officers() if passed.exists() else []
    for priority in passed:
        for person in staff:
            yield notify.notice(
                "priority_review",
                person,
                priority,
                f"review-{priority.next_review_date}",
                priority.title,
            )


def declarations(today):
    """Each member, a couple of working days before a meeting with a
    published agenda: consider what to declare."""
    ahead = Meeting.objects.filter(
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
        status__in=(Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED),
        start__date__gte=today,
        start__date__lte=today + datetime.timedelta(days=14),
    ).select_related("body")
    for meeting in ahead:
        day = timezone.localdate(meeting.start)
        remind_on = workdays.subtract_working_days(
            day, settings.DECLARATIONS_REMINDER_WORKING_DAYS
        )
        if today < remind_on:
            continue
        members = Person.objects.filter(
            memberships__in=Membership.objects.current_on(day).filter(body=meeting.body)
        ).exclude(email="")
        for person in members.distinct():
            yield notify.notice(
                "declarations", person, meeting, f"on-{day}", str(meeting)
            )


PLANNERS = (
    reports,
    draft_minutes,
    escalations,
    interests,
    priority_reviews,
    declarations,
)


def due(now):
    """Every reminder of the cycle due at `now`: the deadlines, each from the
    start of its day, and the actions' reminders from the reminder hour."""
    today = timezone.localdate(now)
    for planner in PLANNERS:
        yield from planner(today)
    yield from actions(now)
