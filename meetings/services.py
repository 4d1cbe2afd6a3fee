"""Workflows across models: actions and their reminders; the agenda builder,
publication and changes to meetings."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils import timezone

from hwbb import notify, uploads, workdays
from hwbb.html import sanitise
from meetings import pack
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    AgendaPack,
    AgendaSupplement,
    Attendance,
    Body,
    Consideration,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    MinuteAmendment,
    Person,
    PlannedItem,
    Report,
    ReportReview,
    Resolution,
    ResolutionClause,
    StandingItem,
)

# A second identical update within this window is a double submit, not news.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=10)


@transaction.atomic
def action_create(*, action, secondary_pillars=(), priorities=()):
    """Save a new action with its tags.

    The same action submitted again moments later (a double submit) is not
    created twice. Returns (action, created).
    """
    earlier = Action.objects.filter(
        body=action.body,
        title=action.title,
        resolution_clause=action.resolution_clause,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if earlier is not None:
        return earlier, False
    action.full_clean()
    action.save()
    action.secondary_pillars.set(secondary_pillars)
    action.priorities.set(priorities)
    return action, True


@transaction.atomic
def action_add_update(
    *, action, user, date, status, percent_complete, narrative, closing_note=""
):
    """Record a progress update and carry its status onto the action.

    The action row is locked so two updates at once apply in turn; an identical
    update from the same person moments later (a double submit) is not repeated.
    Returns (update, created).
    """
    action = Action.objects.select_for_update().get(pk=action.pk)
    recent = action.updates.filter(
        author=user,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if recent is not None:
        return recent, False
    update = ActionUpdate(
        action=action,
        author=user,
        author_person=getattr(user, "person", None),
        date=date,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative,
    )
    update.full_clean()
    update.save()
    latest = action.updates.order_by("-date", "-created_at", "-pk").first()
    if latest != update:
        # A late record of an earlier update: in the history, not the status.
        return update, True
    action.status = status
    action.percent_complete = percent_complete
    if status in Action.CLOSED:
        action.closing_note = closing_note
    action.save(update_fields=["status", "percent_complete", "closing_note"])
    return update, True


# -- Agenda builder and publication ---------------------------------------------


def _members_to_notify(meeting):
    day = timezone.localdate(meeting.start)
    members = Membership.objects.current_on(day).filter(body=meeting.body)
    return list(
        members.exclude(person__email="").values_list("person_id", flat=True).distinct()
    )


def _notify_members(meeting, kind, supplement=None):
    """Queue a notice to every current member: one email each, sent by its own
    task once the transaction commits, and never twice for the same occasion."""
    occasion = {
        "agenda_supplement": f"supplement-{supplement.pk}" if supplement else "",
        "meeting_rescheduled": f"sequence-{meeting.sequence}",
    }.get(kind, "once")
    extra = {"supplement": supplement.pk} if supplement else {}
    people = Person.objects.filter(pk__in=list(_members_to_notify(meeting)))
    for person in people:
        notify.queue(
            kind=kind,
            person=person,
            target=meeting,
            key=f"{kind}:meeting-{meeting.pk}:{occasion}:person-{person.pk}",
            about=str(meeting),
            extra=extra,
        )


def _bump(meeting, *fields):
    """Save the changed fields and raise the iCalendar SEQUENCE."""
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save(update_fields=[*fields, "sequence", "updated_at"])


def _standing_title(title, previous):
    when = timezone.localdate(previous.start).strftime("%-d %B %Y") if previous else ""
    return title.replace("{previous_meeting}", when or "the previous meeting")


@transaction.atomic
def meeting_create(*, meeting):
    """Save a new meeting with the body's standing items on its agenda.

    Items placed at the start are numbered 1, 2, ... with sub-items sharing
    their parent's number ("3(a)"); items placed at the end follow them, so
    that items added later go in between.
    """
    meeting.full_clean()
    meeting.save()
    previous = meeting.previous_meeting()
    number = 0
    standing_items = sorted(
        meeting.body.standing_items.select_related("section"),
        key=lambda s: (s.position == StandingItem.Position.END, s.order),
    )
    for standing in standing_items:
        number += 0 if standing.sub_letter else 1
        AgendaItem.objects.create(
            meeting=meeting,
            section=standing.section,
            number=number,
            sub_letter=standing.sub_letter,
            title=_standing_title(standing.title, previous),
            kind=standing.kind,
            description=standing.description,
            is_standing_end=standing.position == StandingItem.Position.END,
        )
    return meeting


def _refuse_if_cancelled(meeting):
    if meeting.is_cancelled:
        raise ValidationError("This meeting has been cancelled: its agenda is closed.")


def _is_late(meeting):
    """Items added after publication, or after the publication deadline, are late."""
    return meeting.agenda_is_public or meeting.is_late_to_publish(timezone.localdate())


@transaction.atomic
def agenda_item_add(*, item, user):
    """Add an item before the closing standing items (any other business).

    A late item is accepted only as urgent, with its reason. On a published
    agenda the addition is published as a supplement and the members are told.
    """
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_cancelled(meeting)
    if _is_late(meeting) and not (item.is_urgent and item.urgency_reason.strip()):
        raise ValidationError(
            {
                "urgency_reason": "This item is late: it can be added only as urgent, "
                "with the reason for the urgency."
            }
        )
    items = meeting.agenda_items.all()
    end_items = list(items.filter(is_standing_end=True).order_by("-number"))
    body_numbers = items.filter(is_standing_end=False).values_list("number", flat=True)
    item.number = max(body_numbers, default=0) + 1
    for end_item in end_items:  # highest first, so numbers never collide
        end_item.number += 1
        end_item.save(update_fields=["number"])
    item.full_clean()
    item.save()
    if meeting.agenda_is_public:
        agenda_supplement_publish(
            meeting=meeting,
            user=user,
            changes=f"Item {item.reference} added: {item.public_title}.",
            reason=item.urgency_reason,
        )
    return item


def tagged_item_add(*, item, tags_from, user):
    """Add an item that takes its tags from the paper it presents (a report,
    a progress return): its primary pillar, secondary pillars and priorities."""
    item.primary_pillar = tags_from.primary_pillar
    agenda_item_add(item=item, user=user)
    item.secondary_pillars.set(tags_from.secondary_pillars.all())
    item.priorities.set(tags_from.priorities.all())
    return item


@transaction.atomic
def agenda_item_update(*, item, user, changed):
    """Save an edited item; on a published agenda, publish what changed."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_cancelled(meeting)
    item.full_clean()
    item.save()
    if meeting.agenda_is_public and changed:
        names = ", ".join(changed)
        agenda_supplement_publish(
            meeting=meeting,
            user=user,
            changes=f"Item {item.reference} ({item.public_title}) changed: {names}.",
        )
    return item


@transaction.atomic
def agenda_item_move(*, item, up):
    """Swap an item (with its sub-items) with its neighbour above or below.

    Standing items at the end stay at the end; sub-items move with their parent.
    """
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_cancelled(meeting)
    movable = meeting.agenda_items.filter(is_standing_end=item.is_standing_end)
    numbers = sorted(set(movable.values_list("number", flat=True)))
    index = numbers.index(item.number) + (-1 if up else 1)
    if not 0 <= index < len(numbers):
        return False
    mine, theirs = item.number, numbers[index]
    group = meeting.agenda_items.filter(number=mine)
    other = meeting.agenda_items.filter(number=theirs)
    parked = list(group.values_list("pk", flat=True))
    # Park the first group out of the way: (meeting, number, sub_letter) is unique.
    AgendaItem.objects.filter(pk__in=parked).update(number=10000 + mine)
    other.update(number=mine)
    AgendaItem.objects.filter(pk__in=parked).update(number=theirs)
    if meeting.agenda_is_public:
        meeting.sequence += 1
        meeting.save(update_fields=["sequence", "updated_at"])
        _rebuild_pack_later(meeting)
    return True


@transaction.atomic
def agenda_sign_off(*, meeting, user):
    _refuse_if_cancelled(meeting)
    if meeting.agenda_status != Meeting.AgendaStatus.DRAFT:
        raise ValidationError("Only a draft agenda can be signed off.")
    meeting.agenda_status = Meeting.AgendaStatus.SIGNED_OFF
    meeting.agenda_signed_off_at = timezone.now()
    meeting.agenda_signed_off_by = user
    _bump(meeting, "agenda_status", "agenda_signed_off_at", "agenda_signed_off_by")
    return meeting


@transaction.atomic
def agenda_publish(*, meeting, user, late_reason=""):
    """Publish a signed-off agenda and email the members.

    Publishing with fewer than five clear working days' notice needs the reason
    for the urgency, which is recorded and shown on the meeting page.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_cancelled(meeting)
    if meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED:
        return meeting, False  # a double submit
    if meeting.agenda_status != Meeting.AgendaStatus.SIGNED_OFF:
        raise ValidationError(
            "The chair must sign the agenda off before it is published."
        )
    today = timezone.localdate()
    if meeting.is_late_to_publish(today) and not late_reason.strip():
        deadline = meeting.publication_deadline()
        raise ValidationError(
            {
                "late_reason": "This agenda is late: it should have been published by "
                f"{deadline:%-d %B %Y} to give five clear working days' notice. "
                "Give the reason for the urgency."
            }
        )
    meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
    meeting.agenda_published_at = timezone.now()
    meeting.late_publication_reason = (
        late_reason.strip() if meeting.is_late_to_publish(today) else ""
    )
    meeting.published_by = str(getattr(user, "person", "") or user.get_full_name())
    _bump(
        meeting,
        "agenda_status",
        "agenda_published_at",
        "late_publication_reason",
        "published_by",
    )
    _notify_members(meeting, "agenda_published")
    _rebuild_pack_later(meeting)
    return meeting, True


def agenda_supplement_publish(*, meeting, user, changes, reason=""):
    """Record a change to a published agenda as a numbered supplement and tell
    the members what changed. Called inside the change's transaction."""
    number = (meeting.supplements.aggregate(n=Max("number"))["n"] or 0) + 1
    supplement = AgendaSupplement.objects.create(
        meeting=meeting,
        number=number,
        changes=changes,
        reason=reason,
        published_by=user,
    )
    meeting.sequence += 1
    meeting.save(update_fields=["sequence", "updated_at"])
    _notify_members(meeting, "agenda_supplement", supplement)
    _rebuild_pack_later(meeting)
    return supplement


@transaction.atomic
def meeting_reschedule(*, meeting, start, end=None):
    """Move a meeting, keeping its original date, and tell the members."""
    _refuse_if_cancelled(meeting)
    if start <= timezone.now():
        raise ValidationError({"start": "The new date must be in the future."})
    if meeting.previous_start is None:
        meeting.previous_start = meeting.start
    meeting.start, meeting.end = start, end
    meeting.status = Meeting.Status.RESCHEDULED
    _bump(meeting, "previous_start", "start", "end", "status")
    _notify_members(meeting, "meeting_rescheduled")
    _rebuild_pack_later(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason):
    if meeting.is_cancelled:
        return meeting, False
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason
    _bump(meeting, "status", "cancellation_reason")
    _notify_members(meeting, "meeting_cancelled")
    _rebuild_pack_later(meeting)
    return meeting, True


# -- Forward plan ------------------------------------------------------------------

# Reports are due this many working days before the agenda must be published.
REPORT_WORKING_DAYS = 5


def report_deadline_for(meeting):
    return workdays.subtract_working_days(
        meeting.publication_deadline(), REPORT_WORKING_DAYS
    )


@transaction.atomic
def forward_plan_schedule(*, body, until):
    """Place each recurring item falling due by `until` on the body's first
    meeting on or after its due date, with the report author and deadline.

    Safe to run again: an item already planned on a meeting is not repeated, and
    each recurring item's next due date moves on as it is placed.
    """
    meetings = list(
        Meeting.objects.filter(body=body, start__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("start")
    )
    created = []
    for recurring in body.recurring_items.select_for_update():
        while recurring.next_due <= until:
            meeting = next(
                (
                    m
                    for m in meetings
                    if timezone.localdate(m.start) >= recurring.next_due
                ),
                None,
            )
            if meeting is None:
                break
            planned, made = PlannedItem.objects.get_or_create(
                meeting=meeting,
                recurring=recurring,
                defaults={
                    "title": recurring.title,
                    "report_author": recurring.default_author,
                    "report_deadline": report_deadline_for(meeting),
                },
            )
            created += [planned] if made else []
            recurring.next_due = workdays.add_months(
                recurring.next_due, recurring.every_months
            ).replace(day=1)
        recurring.save(update_fields=["next_due"])
    return created


# -- Attendance -------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting, rows):
    """Record the members' attendance: rows of (person, status, substitute).

    A cancelled meeting has no attendance; a meeting yet to start can record
    apologies but nobody present or absent.
    """
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: it has no attendance.")
    started = meeting.start <= timezone.now()
    for person, status, substitute in rows:
        if not status:
            meeting.attendances.filter(person=person).delete()
            continue
        if not started and status != Attendance.Status.APOLOGIES:
            raise ValidationError(
                f"{person}: only apologies can be recorded before the meeting starts."
            )
        if status == Attendance.Status.SUBSTITUTE and substitute is None:
            raise ValidationError(f"{person}: choose who substituted for them.")
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={
                "status": status,
                "capacity": Attendance.Capacity.MEMBER,
                "substitute_for": None,
            },
        )
        if substitute is not None:
            Attendance.objects.update_or_create(
                meeting=meeting,
                person=substitute,
                defaults={
                    "status": Attendance.Status.PRESENT,
                    "capacity": Attendance.Capacity.MEMBER,
                    "substitute_for": person,
                },
            )
    _rebuild_agreeing_pack(meeting)


@transaction.atomic
def attendee_add(*, meeting, person, capacity):
    """Record another representative or an officer as present."""
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: it has no attendance.")
    if meeting.start > timezone.now():
        raise ValidationError(
            "Attendance can be recorded once the meeting has started."
        )
    Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"status": Attendance.Status.PRESENT, "capacity": capacity},
    )


def attendance_statistics(*, body, since, until):
    """Per member and per organisation: meetings expected, and how many each was
    present, sent apologies, was substituted or absent. Cancelled meetings and
    meetings yet to happen are left out. A fixed number of queries."""
    meetings = list(
        Meeting.objects.filter(body=body, start__gte=since, start__lt=until)
        .filter(start__lte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .only("pk", "start")
    )
    memberships = list(
        body.memberships.select_related("person", "on_behalf_of").order_by(
            "person__family_name", "start"
        )
    )
    records = {
        (a.meeting_id, a.person_id): a.status
        for a in Attendance.objects.filter(meeting__in=meetings)
    }
    members, organisations = {}, {}
    for ms in memberships:
        row = members.setdefault(ms.person_id, _stats_row(ms.person, ms.on_behalf_of))
        for meeting in meetings:
            day = timezone.localdate(meeting.start)
            if (ms.start and day < ms.start) or (ms.end and day > ms.end):
                continue
            status = records.get((meeting.pk, ms.person_id), Attendance.Status.ABSENT)
            row["expected"] += 1
            row[status] += 1
    for row in members.values():
        org = row["organisation"]
        key = org.pk if org else None
        total = organisations.setdefault(key, _stats_row(None, org))
        for field in ("expected", *Attendance.Status.values):
            total[field] += row[field]
    return _with_rates(members.values()), _with_rates(organisations.values())


def _stats_row(person, organisation):
    row = {"person": person, "organisation": organisation, "expected": 0}
    row.update({status: 0 for status in Attendance.Status.values})
    return row


def _with_rates(rows):
    rows = [r for r in rows if r["expected"]]
    for row in rows:
        attended = row[Attendance.Status.PRESENT]
        row["rate"] = round(100 * attended / row["expected"])
    return sorted(
        rows, key=lambda r: (-r["rate"], str(r["person"] or r["organisation"]))
    )


# -- Reports and their papers -----------------------------------------------------


def _review(report, user, status, comments=""):
    report.status = status
    report.full_clean()
    report.save(update_fields=["status", "updated_at"])
    ReportReview.objects.create(
        report=report, status=status, comments=comments, by=user
    )


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
    if report.status not in (Report.Status.DRAFT, Report.Status.RETURNED):
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
    return report


@transaction.atomic
def report_accept(*, report, user, section=None, urgency_reason=""):
    """Accept a report and put it on its meeting's agenda, inheriting its tags.

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
        Consideration.objects.get_or_create(
            report=report,
            body=report.meeting.body,
            meeting=report.meeting,
            defaults={"order": report.considerations.count() + 1},
        )
    _review(report, user, Report.Status.ACCEPTED)
    return report, True


@transaction.atomic
def report_withdraw(*, report, user, reason=""):
    if report.status == Report.Status.WITHDRAWN:
        return report
    _review(report, user, Report.Status.WITHDRAWN, reason)
    return report


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
    if report.agenda_item_id:
        _rebuild_pack_later(report.agenda_item.meeting)
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


# -- The agenda pack ---------------------------------------------------------------


def _rebuild_pack_later(meeting):
    """Once the change commits, rebuild the packs of a published agenda: in a
    worker, or here and now if the task queue cannot be reached."""
    if meeting.agenda_is_public:
        from meetings import tasks

        def build():
            if not notify.to_queue(tasks.build_agenda_packs, meeting.pk):
                agenda_pack_build(meeting=meeting)

        transaction.on_commit(build)


def agenda_pack_build(*, meeting):
    """Build the public and members' packs where their content changed, and
    record each public item's page range as the front sheet prints it."""
    built = []
    for kind, members in (
        (AgendaPack.Kind.PUBLIC, False),
        (AgendaPack.Kind.MEMBERS, True),
    ):
        digest = pack.fingerprint(meeting, members=members)
        existing = meeting.packs.filter(kind=kind).first()
        if existing and existing.fingerprint == digest:
            continue
        data, ranges = pack.build(meeting, members=members)
        if not members:
            _record_page_ranges(meeting, ranges)
        name = f"{meeting.body.slug}-{timezone.localdate(meeting.start)}-{kind}.pdf"
        with transaction.atomic():
            record = existing or AgendaPack(meeting=meeting, kind=kind)
            record.file.save(name, ContentFile(data), save=False)
            record.page_count = pack.page_count(data)
            record.fingerprint = digest
            record.built_at = timezone.now()
            record.save()
        built.append(kind)
    return built


def _record_page_ranges(meeting, ranges):
    for item in meeting.agenda_items.all():
        start, end = ranges.get(item.pk, (None, None))
        if (item.page_start, item.page_end) != (start, end):
            item.page_start, item.page_end = start, end
            item.save(update_fields=["page_start", "page_end"])


# -- Interests and declarations -----------------------------------------------------


def _mentions(item, organisation):
    text = f"{item.title} {item.presenter} {item.description}".lower()
    names = [organisation.name, *organisation.aliases]
    return any(name and name.lower() in text for name in names)


def declarations_checklist(*, meeting, person):
    """[(item, [interests])]: each agenda item with the person's current
    register entries whose organisation the item concerns, either tagged on the
    item or named in its title, presenter or description."""
    interests = list(
        person.interests.current(timezone.localdate(meeting.start))
        .exclude(organisation=None)
        .select_related("organisation")
    )
    items = meeting.agenda_items.prefetch_related("organisations").order_by(
        "number", "sub_letter"
    )
    checklist = []
    for item in items:
        tagged = {o.pk for o in item.organisations.all()}
        matches = [
            i
            for i in interests
            if i.organisation_id in tagged or _mentions(item, i.organisation)
        ]
        checklist.append((item, matches))
    return checklist


@transaction.atomic
def declaration_make(
    *, meeting, person, agenda_item, kind, text, withdrew, interest=None
):
    """Record a declaration; the same declaration made twice is recorded once."""
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: there is nothing to declare.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            {"agenda_item": "Choose an item on this meeting's agenda."}
        )
    declaration, created = Declaration.objects.get_or_create(
        meeting=meeting,
        person=person,
        agenda_item=agenda_item,
        interest=interest,
        defaults={"kind": kind, "text": text, "withdrew": withdrew},
    )
    _rebuild_agreeing_pack(meeting)
    return declaration, created


@transaction.atomic
def interests_reviewed(*, person):
    """The person confirms their register is up to date, today."""
    return person.interests.current().update(reviewed_on=timezone.localdate())


@transaction.atomic
def planned_item_to_agenda(*, planned, user):
    """Put a planned item on its meeting's agenda (late only as urgent, as any
    other item); the forward plan then shows its item number."""
    planned = PlannedItem.objects.select_for_update().get(pk=planned.pk)
    if planned.agenda_item_id:
        return planned.agenda_item, False
    presenter = f"Report of {planned.report_author}" if planned.report_author else ""
    item = AgendaItem(
        meeting=planned.meeting,
        title=planned.title,
        kind=AgendaItem.Kind.REPORT,
        presenter=presenter,
    )
    agenda_item_add(item=item, user=user)
    planned.agenda_item = item
    planned.save(update_fields=["agenda_item"])
    return item, True


# -- Minutes ------------------------------------------------------------------------


class MinuteConflict(Exception):
    """Someone else saved the minute since this edit began."""

    def __init__(self, current):
        super().__init__(f"Minute {current.reference} was changed by someone else.")
        self.current = current


def minute_next_number(meeting):
    """Minute numbers run through the body's municipal year and restart in May."""
    year = meeting.municipal_year
    last = Minute.objects.filter(
        meeting__body=meeting.body, municipal_year=year
    ).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _refuse_if_frozen(meeting):
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(
            "These minutes are approved and cannot be changed: record an amendment."
        )


@transaction.atomic
def minute_create(*, minute, user):
    meeting = Meeting.objects.select_for_update().get(pk=minute.meeting_id)
    _refuse_if_frozen(meeting)
    minute.municipal_year = meeting.municipal_year
    minute.number = minute.number or minute_next_number(meeting)
    minute.narrative = sanitise(minute.narrative)
    minute.updated_by, minute.updated_at = user, timezone.now()
    minute.full_clean()
    minute.save()
    if meeting.minutes_status == Meeting.MinutesStatus.NONE:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
        meeting.save(update_fields=["minutes_status", "updated_at"])
    _rebuild_agreeing_pack(meeting)
    return minute


@transaction.atomic
def minute_update(*, minute_pk, expected_version, user, changes):
    """Save an officer's edit unless someone else saved the minute first.

    The row is locked and its version compared with the one the officer began
    from; on a mismatch nothing is saved and MinuteConflict carries the other
    officer's version, so the page can show both and lose neither.
    """
    minute = (
        Minute.objects.select_for_update().select_related("meeting").get(pk=minute_pk)
    )
    _refuse_if_frozen(minute.meeting)
    if minute.version != expected_version:
        raise MinuteConflict(minute)
    for field, value in changes.items():
        setattr(minute, field, value)
    minute.narrative = sanitise(minute.narrative)
    minute.version += 1
    minute.updated_by, minute.updated_at = user, timezone.now()
    minute.full_clean()
    minute.save()
    _rebuild_agreeing_pack(minute.meeting)
    return minute


def _rebuild_agreeing_pack(meeting):
    """The pack of the meeting asked to agree these minutes prints them as they
    stand: rebuild it whenever what they print changes once they are out (a
    minute, a resolution, the attendance, a declaration, the approval, an
    amendment). The pack's fingerprint skips a rebuild that changes nothing."""
    if meeting.minutes_status not in (
        Meeting.MinutesStatus.PUBLISHED_DRAFT,
        Meeting.MinutesStatus.APPROVED,
    ):
        return
    later = meeting.minutes_approved_at or meeting.next_meeting()
    if later is not None and pack.minutes_to_agree(later) == meeting:
        _rebuild_pack_later(later)


def _minutes_step(meeting, expected, new):
    if meeting.minutes_status != expected:
        now = meeting.get_minutes_status_display().lower()
        raise ValidationError(f"The minutes are {now}: that step does not apply.")
    meeting.minutes_status = new
    meeting.save(update_fields=["minutes_status", "updated_at"])
    return meeting


@transaction.atomic
def minutes_check(*, meeting):
    """The chair has checked the draft."""
    return _minutes_step(
        meeting, Meeting.MinutesStatus.DRAFT, Meeting.MinutesStatus.CHECKED
    )


@transaction.atomic
def minutes_ready_for_chair(*, meeting):
    """Tell the body's chair the draft minutes are ready to check; once a day
    however often it is asked. The number of chairs told."""
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can go to the chair to check.")
    today = timezone.localdate()
    chairs = (
        Person.objects.filter(
            memberships__in=Membership.objects.current_on(today).filter(
                body=meeting.body, role=Membership.Role.CHAIR
            )
        )
        .exclude(email="")
        .distinct()
    )
    for person in chairs:
        notify.queue(
            kind="minutes_ready",
            person=person,
            target=meeting,
            key=f"minutes_ready:meeting-{meeting.pk}:on-{today}:person-{person.pk}",
            about=str(meeting),
        )
    return len(chairs)


@transaction.atomic
def minutes_publish(*, meeting):
    """Publish the checked draft, marked "subject to approval"."""
    _minutes_step(
        meeting, Meeting.MinutesStatus.CHECKED, Meeting.MinutesStatus.PUBLISHED_DRAFT
    )
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at"])
    _rebuild_agreeing_pack(meeting)
    return meeting


@transaction.atomic
def minutes_approve(*, meeting, approved_at):
    """Record the minutes as agreed at a later meeting of the same body; from
    then on they change only by a recorded amendment."""
    if approved_at.body_id != meeting.body_id or approved_at.start <= meeting.start:
        raise ValidationError(
            {"approved_at": "Choose a later meeting of the same board or committee."}
        )
    _minutes_step(
        meeting, Meeting.MinutesStatus.PUBLISHED_DRAFT, Meeting.MinutesStatus.APPROVED
    )
    meeting.minutes_approved_at = approved_at
    meeting.save(update_fields=["minutes_approved_at"])
    _rebuild_agreeing_pack(meeting)
    return meeting


@transaction.atomic
def minute_amend(*, minute, text, reason, user):
    if not minute.is_frozen:
        raise ValidationError("These minutes are not yet approved: edit the minute.")
    amendment = MinuteAmendment.objects.create(
        minute=minute, text=text, reason=reason, by=user
    )
    _rebuild_agreeing_pack(minute.meeting)
    return amendment


def _body_named(clause, bodies):
    """The body a recommendation goes to, where the clause names it."""
    if clause.kind != ResolutionClause.Kind.RECOMMENDATION:
        return None
    text = clause.text.lower()
    for body in bodies:
        names = [body.name, body.short_name, *body.aliases]
        if any(name and name.lower() in text for name in names):
            return body
    return None


@transaction.atomic
def resolution_save(*, minute, preamble, clauses, user):
    """Save a minute's resolution from the parsed clauses.

    Clauses are matched to the existing ones by their labels ("2", then "2 i"),
    so a clause kept keeps its history and the actions made from it; clauses no
    longer written are deleted (history keeps them).
    """
    _refuse_if_frozen(minute.meeting)
    resolution, _ = Resolution.objects.get_or_create(minute=minute)
    resolution.preamble = preamble
    resolution.is_inline = len(clauses) == 1 and not clauses[0].label
    resolution.save()
    existing = {
        (c.parent.label if c.parent else "", c.label): c
        for c in resolution.clauses.select_related("parent")
    }
    bodies = list(Body.objects.exclude(pk=minute.meeting.body_id))
    kept, order = set(), 0
    for clause in clauses:
        order += 1
        parent = _clause_save(resolution, existing, clause, order, None, bodies)
        kept.add(parent.pk)
        for sub in clause.subclauses:
            order += 1
            kept.add(_clause_save(resolution, existing, sub, order, parent, bodies).pk)
    for stale in resolution.clauses.exclude(pk__in=kept).order_by("-parent_id"):
        stale.delete()
    _rebuild_agreeing_pack(minute.meeting)
    return resolution


def _clause_save(resolution, existing, clause, order, parent, bodies):
    key = (parent.label if parent else "", clause.label)
    row = existing.get(key) or ResolutionClause(resolution=resolution)
    row.parent, row.label, row.order, row.text = (
        parent,
        clause.label,
        order,
        clause.text,
    )
    row.verb, row.kind = clause.verb, clause.kind
    row.recommended_to = _body_named(clause, bodies)
    row.save()
    return row
