"""The deadlines of the governance cycle that call for a reminder, worked out
from the rows themselves each time the beat task runs (`notify.plan`). Each
reminder has a key naming its occasion, so however often this runs a reminder
is queued once; and each is found only while the work is still to do.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from hwbb import notify, reminders, workdays
from meetings.models import (
    Action,
    Meeting,
    Membership,
    OrganisationLead,
    Person,
    PlannedItem,
    Report,
)
from meetings.services import report_deadline_for
from strategy.models import Priority

AWAITED_REPORT = (Report.Status.DRAFT, Report.Status.RETURNED)
ONE_DAY = datetime.timedelta(days=1)


def officers():
    """The governance officers with an email address."""
    return list(Person.objects.officers())


def leads_by_organisation(today):
    """{organisation pk: [its nominated leads today with an email address]}."""
    rows = (
        OrganisationLead.objects.current_on(today)
        .exclude(person__email="")
        .select_related("person")
    )
    leads = defaultdict(list)
    for row in rows:
        leads[row.organisation_id].append(row.person)
    return leads


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


def action_reminders(action, reminder, leads=None):
    """An action's reminder to each of those who answer for it: its owner by
    name; for an action that names only an organisation, the organisation's
    nominated leads (`leads`, else read for this action), once each."""
    if action.owner_person_id:
        return [action_reminder(action, reminder)] if action.owner_person.email else []
    if not action.owner_organisation_id:
        return []
    if leads is None:
        leads = leads_by_organisation(timezone.localdate())
    kind = f"action_{reminder}"
    return [
        notify.notice(kind, person, action, f"due-{action.due_date}", action.title)
        for person in leads.get(action.owner_organisation_id, [])
    ]


def months_overdue(due_date, day):
    """Whole months from the due date to `day`: 0 in the first month."""
    months = (day.year - due_date.year) * 12 + day.month - due_date.month
    if workdays.add_months(due_date, months) > day:
        months -= 1
    return months


def still_overdue(action, months, leads):
    """The monthly reminder of an action still open a month or more after
    its due date, to each who answers for it, once for each month."""
    if action.owner_person_id:
        people = [action.owner_person] if action.owner_person.email else []
    else:
        people = leads.get(action.owner_organisation_id, [])
    occasion = f"due-{action.due_date}:month-{months}"
    return [
        notify.notice("action_still_overdue", person, action, occasion, action.title)
        for person in people
    ]


def actions(now):
    """Those who answer for open actions (the owner, else the owning
    organisation's leads): a few working days before the due date, the
    morning after it (`reminders.due_reminder`), and then each month while it
    is still open."""
    days = settings.ACTION_REMINDER_WORKING_DAYS
    today = timezone.localdate(now)
    # A new month overdue starts at the reminder hour, as the other reminders do.
    day = today if now >= reminders.at_reminder_hour(today) else today - ONE_DAY
    rows = (
        Action.objects.open()
        .filter(due_date__lte=reminders.latest_due_date(now, days))
        .filter(Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False))
        .select_related("owner_person")
    )
    leads = leads_by_organisation(today)
    for action in rows:
        reminder = reminders.due_reminder(action.due_date, days, now)
        months = months_overdue(action.due_date, day)
        if reminder == reminders.OVERDUE and months >= 1:
            yield from still_overdue(action, months, leads)
        elif reminder:
            yield from action_reminders(action, reminder, leads)


def _report_reminder_kind(deadline, today):
    """ "report_due" from a few working days before the deadline,
    "report_overdue" once it has passed; "" before either."""
    soon = workdays.subtract_working_days(
        deadline, settings.REPORT_REMINDER_WORKING_DAYS
    )
    if today > deadline:
        return "report_overdue"
    if today >= soon:
        return "report_due"
    return ""


def _meetings_ahead(today):
    return Meeting.objects.filter(
        start__date__gte=today,
        status__in=(Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED),
    )


def _planned_authors(meetings):
    """(meeting pk, person pk) of the report authors the forward plan names:
    `planned_reports` reminds them."""
    return set(
        PlannedItem.objects.filter(meeting__in=meetings)
        .exclude(report_author__isnull=True)
        .exclude(report_author__email="")
        .values_list("meeting_id", "report_author_id")
    )


def finished_reports(meetings):
    """(meeting pk, person pk) for each report sent in (no longer a draft),
    by each of its authors and its writer; and the planned items whose agenda
    item has a report sent in."""
    done = Report.objects.filter(meeting__in=meetings).exclude(
        status__in=AWAITED_REPORT
    )
    pairs = set(done.values_list("meeting_id", "authors"))
    pairs |= set(done.values_list("meeting_id", "created_by__person"))
    planned = set(done.values_list("agenda_item__planned_item", flat=True))
    return pairs, planned - {None}


def reports(today):
    """Authors of reports still in draft: a few working days before the
    report deadline, and once it has passed while the meeting is ahead. An
    author the forward plan names for the meeting is reminded by
    `planned_reports`, once, not again for the draft."""
    ahead = _meetings_ahead(today)
    upcoming = Report.objects.filter(
        status__in=AWAITED_REPORT, meeting__in=ahead
    ).select_related("meeting", "created_by__person")
    planned = None
    for report in upcoming.prefetch_related("authors"):
        deadline = report_deadline_for(report.meeting)
        kind = _report_reminder_kind(deadline, today)
        if not kind:
            continue
        planned = _planned_authors(ahead) if planned is None else planned
        people = list(report.authors.all()) or [
            getattr(report.created_by, "person", None)
        ]
        for person in filter(None, people):
            if (report.meeting_id, person.pk) in planned:
                continue
            yield notify.notice(
                kind, person, report, f"deadline-{deadline}", report.title
            )


def planned_reports(today):
    """Report authors named on the forward plan: a few working days before
    their report deadline, and once it has passed, whether or not they have
    started a draft; until their report for the meeting is sent in."""
    ahead = _meetings_ahead(today)
    items = (
        PlannedItem.objects.filter(meeting__in=ahead, report_author__isnull=False)
        .exclude(report_author__email="")
        .select_related("meeting", "report_author")
    )
    finished = None
    for item in items:
        deadline = item.report_deadline or report_deadline_for(item.meeting)
        kind = _report_reminder_kind(deadline, today)
        if not kind:
            continue
        finished = finished_reports(ahead) if finished is None else finished
        pairs, done_items = finished
        if item.pk in done_items or (item.meeting_id, item.report_author_id) in pairs:
            continue
        yield notify.notice(
            kind, item.report_author, item, f"deadline-{deadline}", item.title
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
    planned_reports,
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
