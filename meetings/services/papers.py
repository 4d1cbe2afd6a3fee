"""Reports and their papers: submission, return, acceptance onto an agenda,
withdrawal, and the documents uploaded to them; a priority's progress return
accepted onto an agenda."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils import timezone

from hwbb import audit, notify, uploads
from meetings.models import (
    AgendaItem,
    Consideration,
    Document,
    Meeting,
    Person,
    PlannedItem,
    Report,
    ReportReview,
)
from meetings.services.agenda import report_deadline_for, tagged_item_add
from strategy import progress

# Who hears of each step of a report's review, by email, with a link to act on it.
REVIEW_NOTICES = {
    Report.Status.SUBMITTED: "report_submitted",
    Report.Status.RESUBMITTED: "report_resubmitted",
    Report.Status.RETURNED: "report_returned",
    Report.Status.ACCEPTED: "report_accepted",
}


def _review(report, user, status, comments=""):
    report.status = status
    report.full_clean()
    report.save(update_fields=["status", "updated_at"])
    review = ReportReview.objects.create(
        report=report, status=status, comments=comments, by=user
    )
    kind = REVIEW_NOTICES.get(status)
    if kind:
        for person in _told_of(report, status):
            notice = notify.notice(
                kind, person, report, f"review-{review.pk}", report.title
            )
            notify.queue(**notice, extra={"review": review.pk})
    return review


def _told_of(report, status):
    """A submission goes to the meeting's contact officer, or to every officer
    when it names none or the report has no meeting yet; the officer's answer
    goes to the report's authors."""
    if status in (Report.Status.SUBMITTED, Report.Status.RESUBMITTED):
        if report.meeting is not None:
            return report.meeting.officers_to_tell()
        return list(Person.objects.officers())
    return list(report.authors.exclude(email=""))


def report_missing(report):
    """What a report lacks before it can be submitted, in words."""
    missing = []
    if not report.purpose.strip():
        missing.append("Write the purpose of the report")
    if not report.recommendations.strip():
        missing.append("Write the recommendations")
    if report.body.requires_framework_tags:
        if report.primary_pillar_id is None:
            missing.append(
                "Choose the primary pillar of the population health framework"
            )
        if not report.priorities.exists():
            missing.append("Choose at least one strategy priority")
    if report.is_exempt and not report.exempt_paragraph:
        missing.append("Choose the Schedule 12A paragraph that makes the report exempt")
    return missing


@transaction.atomic
def report_submit(*, report, user):
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status in (Report.Status.SUBMITTED, Report.Status.RESUBMITTED):
        return report, False  # a double submit
    if not report.is_editable:
        raise ValidationError(
            f"A report that is {report.get_status_display().lower()} "
            "cannot be submitted."
        )
    missing = report_missing(report)
    if missing:
        raise ValidationError(missing)
    returned = report.status == Report.Status.RETURNED
    status = Report.Status.RESUBMITTED if returned else Report.Status.SUBMITTED
    _review(report, user, status)
    return report, True


@transaction.atomic
def report_return(*, report, user, comments):
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status not in (Report.Status.SUBMITTED, Report.Status.RESUBMITTED):
        raise ValidationError("Only a submitted report can be returned.")
    if not comments.strip():
        raise ValidationError({"comments": "Say what the author should change."})
    _review(report, user, Report.Status.RETURNED, comments)
    audit.record(audit.Kind.RETURNED, actor=user, obj=report, detail=comments)
    return report


@transaction.atomic
def report_accept(*, report, user, section=None, urgency_reason=""):
    """Accept a report and put it on its meeting's agenda, inheriting its tags,
    at the end of the section chosen (which the body's sections make needed).

    On a late agenda the item goes on only as urgent, with the reason.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.ACCEPTED:
        return report, False
    if report.status not in (Report.Status.SUBMITTED, Report.Status.RESUBMITTED):
        raise ValidationError("Only a submitted report can be accepted.")
    if report.meeting_id and report.agenda_item_id is None:
        item = AgendaItem(
            meeting=report.meeting,
            section=section,
            title=report.title,
            kind=AgendaItem.Kind.REPORT,
            presenter=report.presented_by,
            is_exempt=report.is_exempt,
            exempt_paragraph=report.exempt_paragraph,
            open_title=f"Exempt report: {report.body.short_name or report.body.name}"
            if report.is_exempt
            else "",
            is_urgent=bool(urgency_reason.strip()),
            urgency_reason=urgency_reason.strip(),
        )
        tagged_item_add(item=item, tags_from=report, user=user)
        report.agenda_item = item
        report.save(update_fields=["agenda_item"])
        # The first stop on the route, before any onward stop added already.
        Consideration.objects.get_or_create(
            report=report,
            body=report.meeting.body,
            meeting=report.meeting,
            defaults={"order": 0},
        )
    _review(report, user, Report.Status.ACCEPTED)
    audit.record(audit.Kind.ACCEPTED, actor=user, obj=report, detail="Onto the agenda")
    report_send_on(report=report)
    return report, True


@transaction.atomic
def report_route_add(*, report, stop):
    """Add a stop to the report's route (then Cabinet, then Council); if the
    report is already accepted, it goes on that body's forward plan. The
    same stop posted twice is added once."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    same = report.considerations.filter(
        body_id=stop.body_id, meeting_id=stop.meeting_id, outcome=stop.outcome
    ).first()
    if same is not None:
        return same
    stop.report = report
    stop.order = (report.considerations.aggregate(n=Max("order"))["n"] or 0) + 1
    stop.full_clean()
    stop.save()
    report_send_on(report=report)
    return stop


@transaction.atomic
def report_send_on(*, report):
    """Put an accepted report on the forward plan of each body its route sends
    it on to, so that body's officer takes it up: on the stop's meeting if
    the route names one, else on the body's next meeting after the one
    before whose agenda is still open, else as business not yet given a
    meeting. A stop already planned, or already considered (it has an
    outcome), is left as it is; so this may run any number of times. The
    rows planned now."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.ACCEPTED:
        return []
    planned = dict(
        PlannedItem.objects.filter(consideration__report=report).values_list(
            "consideration_id", "meeting__start"
        )
    )
    after = max(report.meeting.start, timezone.now()) if report.meeting else None
    made = []
    for stop in _onward_stops(report):
        if stop.pk in planned:
            after = planned[stop.pk] or after
            continue
        row = _plan_stop(report, stop, after)
        made.append(row)
        after = row.meeting.start if row.meeting else after
    return made


def _onward_stops(report):
    return (
        report.considerations.exclude(body_id=report.body_id)
        .filter(outcome="")
        .select_related("body", "meeting")
        .order_by("order", "pk")
    )


def _plan_stop(report, stop, after):
    meeting = stop.meeting or _next_open_meeting(stop.body, after)
    deadline = report_deadline_for(meeting) if meeting else None
    came_from = report.meeting or report.body
    row = PlannedItem(
        meeting=meeting,
        body=stop.body,
        consideration=stop,
        title=report.title,
        report_author=report.authors.order_by("pk").first(),
        report_deadline=deadline
        if deadline and deadline >= timezone.localdate()
        else None,
        notes=f"Sent on from {came_from}.",
    )
    row.full_clean()
    row.save()
    return row


def _next_open_meeting(body, after):
    """The body's first meeting after `after` (and not yet begun) that is not
    cancelled and whose agenda is not yet published."""
    after = max(after or timezone.now(), timezone.now())
    return (
        Meeting.objects.filter(body=body, start__gt=after)
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(agenda_status=Meeting.AgendaStatus.PUBLISHED)
        .order_by("start")
        .first()
    )


@transaction.atomic
def progress_report_accept(*, report, user, meeting, section=None, urgency_reason=""):
    """Accept a progress return and put it on that meeting's agenda with its
    tags, at the end of the section chosen (late only as urgent, as any
    item); (report, changed)."""
    report, changes = progress.acceptable(report, to_agenda=True)
    if not changes:
        return report, False
    item = AgendaItem(
        meeting=meeting,
        section=section,
        title=f"Progress report: {report.priority.title}",
        kind=AgendaItem.Kind.REPORT,
        presenter=f"Report of the priority lead, {report.requested_of}"
        if report.requested_of
        else "",
        is_urgent=bool(urgency_reason.strip()),
        urgency_reason=urgency_reason.strip(),
    )
    tagged_item_add(item=item, tags_from=report, user=user)
    return progress.accepted(report, user=user, agenda_item=item), True


@transaction.atomic
def report_withdraw(*, report, user, reason=""):
    """Withdraw a report that is not yet on an agenda, with the reason, kept
    in its history; (report, changed). A second withdrawal changes nothing."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.WITHDRAWN:
        return report, False
    if not report.may_be_withdrawn:
        raise ValidationError(Report.NOT_WITHDRAWABLE)
    _review(report, user, Report.Status.WITHDRAWN, reason.strip())
    audit.record(audit.Kind.WITHDRAWN, actor=user, obj=report, detail=reason.strip())
    return report, True


@transaction.atomic
def document_add(*, report, uploaded, title, kind, is_exempt, user, replaces=None):
    """Store a checked upload; a new version replaces the old on the page and
    keeps it in the history."""
    info = uploads.inspect(uploaded)
    document = Document(
        report=report,
        title=title,
        kind=kind,
        is_exempt=is_exempt,
        file_type=info.file_type,
        size=info.size,
        checksum=info.checksum,
        page_count=info.page_count,
        extracted_text=info.text,
        uploaded_by=user,
        replaces=replaces,
        version=replaces.version + 1 if replaces else 1,
    )
    document.file.save(uploaded.name, uploaded, save=False)
    try:
        document.full_clean()
        _save_indexed(document)
    except Exception:
        # Nothing is kept of an upload that is not recorded: no stray file.
        document.file.delete(save=False)
        raise
    return document


def _save_indexed(document):
    """Save a paper whose text PostgreSQL indexes for search. A search vector
    holds at most 1 MB: a paper whose text would need more (a spreadsheet of
    tens of thousands of distinct codes) keeps the first half of its text, or
    the first quarter, and so on until it fits, rather than failing the
    upload."""
    while True:
        try:
            with transaction.atomic():
                document.save()
            return
        except DatabaseError as error:
            text = document.extracted_text
            if "too long for tsvector" not in str(error) or len(text) < 2:
                raise
            document.extracted_text = text[: len(text) // 2]
