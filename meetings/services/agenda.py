"""Meetings and their agendas: a new meeting's standing items, the agenda
builder, sign-off, publication and supplements, rescheduling and cancelling;
the forward plan and its planned items; the agenda packs."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hwbb import notify, workdays
from meetings import pack
from meetings.models import (
    AgendaItem,
    AgendaPack,
    AgendaSupplement,
    Meeting,
    Membership,
    Person,
    PlannedItem,
    StandingItem,
)

log = logging.getLogger(__name__)

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


AGENDA_CLOSED = "This meeting has been cancelled: its agenda is closed."


def _refuse_if_cancelled(meeting):
    if meeting.is_cancelled:
        raise ValidationError(AGENDA_CLOSED)


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
            reason=item.open_urgency_reason,
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
    _build_packs_after_commit(meeting)
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
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason):
    if meeting.is_cancelled:
        return meeting, False
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason
    _bump(meeting, "status", "cancellation_reason")
    _notify_members(meeting, "meeting_cancelled")
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


# -- The agenda pack ---------------------------------------------------------------
# Built on publication; after that, rebuilt wherever its fingerprint no longer
# matches what it would print: on download (meetings/views/reports.py) and by
# the beat's sweep. No change to the agenda, papers or minutes asks for it.

# The sweep keeps up the packs of published agendas from this long ago onward:
# a meeting's pack changes after it met only while the minutes it was asked to
# agree are recorded as approved. An older pack is checked when downloaded.
PACK_SWEEP_SINCE = datetime.timedelta(weeks=8)


def _build_packs_after_commit(meeting):
    """Once the publication commits, build the packs: in a worker, or here and
    now if the task queue cannot be reached."""
    from meetings import tasks

    def build():
        if not notify.to_queue(tasks.build_agenda_packs, meeting.pk):
            agenda_pack_build(meeting=meeting)

    transaction.on_commit(build)


def agenda_pack_build(*, meeting):
    """Bring the public and members' packs up to date; the kinds rebuilt."""
    return [
        kind
        for kind in AgendaPack.Kind.values
        if agenda_pack_refresh(meeting=meeting, kind=kind)[1]
    ]


def agenda_pack_refresh(*, meeting, kind):
    """(pack, rebuilt): the meeting's pack for an audience as it stands now.

    The stored pack if its fingerprint matches its inputs as they are now;
    else it is built here from those same inputs, and for the public pack each
    item's page range is recorded as the front sheet prints it. Two requests
    that rebuild at once each store a complete pack; the later one stays.
    """
    inputs = pack.inputs(meeting, kind)
    digest = pack.fingerprint(inputs)
    stored = meeting.packs.filter(kind=kind).first()
    if stored is not None and stored.fingerprint == digest:
        return stored, False
    data, ranges = pack.build(inputs)
    built = AgendaPack(meeting=meeting, kind=kind)
    name = f"{meeting.body.slug}-{timezone.localdate(meeting.start)}-{kind}.pdf"
    built.file.save(name, ContentFile(data), save=False)
    with transaction.atomic():
        if kind == AgendaPack.Kind.PUBLIC:
            _record_page_ranges(meeting, ranges)
        record, _ = AgendaPack.objects.update_or_create(
            meeting=meeting,
            kind=kind,
            defaults={
                "file": built.file.name,
                "page_count": pack.page_count(data),
                "fingerprint": digest,
                "built_at": timezone.now(),
            },
        )
    return record, True


def agenda_pack_sweep(*, now):
    """Beat: rebuild the packs of published agendas whose fingerprint no longer
    matches, meetings from PACK_SWEEP_SINCE ago onward; how many were rebuilt.
    A pack that fails to build is logged and the others still go ahead."""
    meetings = Meeting.objects.filter(
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
        start__gte=now - PACK_SWEEP_SINCE,
    ).select_related("body")
    rebuilt = 0
    for meeting in meetings.order_by("start"):
        try:
            rebuilt += len(agenda_pack_build(meeting=meeting))
        except Exception:
            log.exception("The agenda packs of %s could not be built", meeting)
    return rebuilt


def _record_page_ranges(meeting, ranges):
    for item in meeting.agenda_items.all():
        start, end = ranges.get(item.pk, (None, None))
        if (item.page_start, item.page_end) != (start, end):
            item.page_start, item.page_end = start, end
            item.save(update_fields=["page_start", "page_end"])
