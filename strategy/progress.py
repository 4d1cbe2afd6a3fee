"""The progress-report cycle: a schedule per priority, requests to the lead
with a due date, reminders before and after it, the lead's structured return,
and the officer's review. Missing returns are those past their due date.
Putting an accepted return on an agenda is the meetings' workflow
(meetings.services.progress_report_accept).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hwbb import audit, notify, permissions, reminders, workdays
from strategy.models import ProgressReport, ReportingSchedule

Status = ProgressReport.Status


def lead_notice(report, kind):
    """A notice to the lead, once for its occasion: the request, a reminder
    for this due date, or a return sent back at this moment."""
    occasion = (
        f"at-{timezone.now():%Y%m%dT%H%M%S%f}"
        if kind == "returned"
        else f"due-{report.due_date}"
    )
    return {
        "kind": f"progress_{kind}",
        "person": report.requested_of,
        "target": report,
        "key": f"progress_{kind}:report-{report.pk}:{occasion}",
        "about": f"{report.priority.title}: {report.title}",
    }


def notify_lead(report, kind):
    return notify.queue(**lead_notice(report, kind))


def due_reminders(now):
    """The leads of awaited returns: a few working days before the due date,
    and the morning after it (`reminders.due_reminder`); a return sent back
    is not reminded again for the same due date."""
    days = settings.PROGRESS_REMINDER_WORKING_DAYS
    awaited = ProgressReport.objects.filter(
        status__in=ProgressReport.AWAITED,
        requested_of__isnull=False,
        due_date__lte=reminders.latest_due_date(now, days),
    ).select_related("requested_of", "priority")
    for report in awaited:
        reminder = reminders.due_reminder(report.due_date, days, now)
        if reminder:
            yield lead_notice(report, reminder)


def inherit_tags(report):
    """A return carries its priority, and the priority's pillars: the first
    King's Fund one as primary, the rest secondary."""
    pillars = list(report.priority.pillars.order_by("framework__slug", "order"))
    report.primary_pillar = pillars[0] if pillars else None
    report.save(update_fields=["primary_pillar"])
    report.secondary_pillars.set(pillars[1:])
    report.priorities.set([report.priority])


@transaction.atomic
def request(*, priority, lead, body, due_date, today=None):
    """Ask the lead for a return by the due date; (report, created). A second
    request while one is awaited gives back the one awaited."""
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": "The due date must be today or later"})
    if not lead.email:
        raise ValidationError(
            {"lead": f"{lead} has no email address: add one before asking them"}
        )
    awaited = (
        ProgressReport.objects.select_for_update()
        .filter(priority=priority, status__in=ProgressReport.AWAITED)
        .first()
    )
    if awaited:
        return awaited, False
    if ProgressReport.objects.filter(priority=priority, date=due_date).exists():
        raise ValidationError(
            {"due_date": "This priority already has a return for that date"}
        )
    report = open_request(priority=priority, lead=lead, body=body, due_date=due_date)
    notify_lead(report, "requested")
    return report, True


def open_request(*, priority, lead, body, due_date):
    """A request awaiting the lead's return, tagged; `request()` checks and
    emails, the demo loads one directly."""
    report = ProgressReport(
        priority=priority,
        status=Status.REQUESTED,
        date=due_date,
        title=f"Progress report, {due_date:%B %Y}",
        body=body,
        requested_of=lead,
        requested_at=timezone.now(),
        due_date=due_date,
    )
    report.save()
    inherit_tags(report)
    return report


def requests_due(today=None):
    """Request every return a schedule says is due; the reports requested.

    Each schedule is claimed with a conditional UPDATE of its next request
    date, so two beat runs never ask twice.
    """
    today = today or timezone.localdate()
    made = []
    due = ReportingSchedule.objects.filter(active=True, next_request_on__lte=today)
    for schedule in due.select_related("priority", "lead", "body"):
        seen = schedule.next_request_on
        following = workdays.add_months(seen, schedule.every_months)
        while following <= today:  # a schedule left idle does not ask repeatedly
            following = workdays.add_months(following, schedule.every_months)
        won = ReportingSchedule.objects.filter(
            pk=schedule.pk, next_request_on=seen
        ).update(next_request_on=following)
        if not won:
            continue
        due_date = workdays.add_working_days(today, schedule.working_days_to_respond)
        try:
            report, created = request(
                priority=schedule.priority,
                lead=schedule.lead,
                body=schedule.body,
                due_date=due_date,
                today=today,
            )
        except ValidationError:
            continue  # no email for the lead: shown on the progress page
        if created:
            made.append(report)
    return made


def may_submit(user, report):
    if not user.is_authenticated:
        return False
    lead = report.requested_of
    return permissions.is_officer(user) or (
        lead is not None and lead.user_id == user.pk
    )


@transaction.atomic
def submit(*, report, user, data):
    """The lead's return; (report, saved). A double submit changes nothing."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status == Status.SUBMITTED:
        return report, False
    if report.status not in ProgressReport.AWAITED:
        raise ValidationError("This return has already been reviewed.")
    for field, value in data.items():
        setattr(report, field, value)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.full_clean()
    report.save()
    return report, True


@transaction.atomic
def send_back(*, report, user, comments):
    """Return a submitted return to the lead with the officer's comments."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.SUBMITTED:
        raise ValidationError("Only a submitted return can be sent back.")
    if not comments.strip():
        raise ValidationError({"comments": "Say what the lead should change"})
    report.status = Status.RETURNED
    report.review_comments = comments.strip()
    report._history_user = user
    report.save()
    audit.record(audit.Kind.RETURNED, actor=user, obj=report, detail=comments.strip())
    notify_lead(report, "returned")
    return report


def acceptable(report, *, to_agenda=False):
    """The return, locked, and whether accepting it changes anything: nothing
    once it is on an agenda, nor once accepted unless it goes on one now."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status == Status.ON_AGENDA or (
        report.status == Status.ACCEPTED and not to_agenda
    ):
        return report, False
    if report.status not in (Status.SUBMITTED, Status.ACCEPTED):
        raise ValidationError("Only a submitted return can be accepted.")
    return report, True


def accepted(report, *, user, agenda_item=None):
    """Save a locked return as accepted, or as on the agenda of its item."""
    report.status = Status.ACCEPTED
    if agenda_item is not None:
        report.agenda_item = agenda_item
        report.status = Status.ON_AGENDA
    report._history_user = user
    report.save()
    where = f"Onto the agenda: {agenda_item}" if agenda_item else "Not for an agenda"
    audit.record(audit.Kind.ACCEPTED, actor=user, obj=report, detail=where)
    return report


@transaction.atomic
def accept(*, report, user):
    """Accept a return without putting it on an agenda; (report, changed)."""
    report, changes = acceptable(report)
    if not changes:
        return report, False
    return accepted(report, user=user), True
