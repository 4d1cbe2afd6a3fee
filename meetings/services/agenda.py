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

from hwbb import audit, notify, pagecache, workdays
from meetings import alerts, pack
from meetings.models import (
    AgendaItem,
    AgendaPack,
    AgendaSupplement,
    Meeting,
    Membership,
    Person,
    PlannedItem,
    StandingItem,
    UrgentDecision,
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
    """Save a new meeting with the body's standing items on its agenda, each
    in its section and numbered in agenda order: sub-items share their
    parent's number ("3(a)"); items placed at the end (any other business)
    close their part of the agenda, so items added later go before them.
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
        item = AgendaItem(
            meeting=meeting,
            section=standing.section,
            number=number,
            sub_letter=standing.sub_letter,
            title=_standing_title(standing.title, previous),
            kind=standing.kind,
            description=standing.description,
            is_standing_end=standing.position == StandingItem.Position.END,
        )
        _place_standing(item, standing)
        item.save()
    agenda_renumber(meeting=meeting)
    _ratifications_waiting(meeting)
    return meeting


AGENDA_CLOSED = "This meeting has been cancelled: its agenda is closed."


def _place_standing(item, standing):
    try:
        item.check_placement()
    except ValidationError as error:
        raise ValidationError(
            f"The standing item \u201c{standing.title}\u201d cannot be placed: "
            f"{' '.join(error.messages)} An administrator can set it under "
            "Standing items."
        ) from error


def _refuse_if_cancelled(meeting):
    if meeting.is_cancelled:
        raise ValidationError(AGENDA_CLOSED)


def _is_late(meeting):
    """Items added after publication, or after the publication deadline, are late."""
    return meeting.agenda_is_public or meeting.is_late_to_publish(timezone.localdate())


@transaction.atomic
def agenda_item_add(*, item, user):
    """Add an item at the end of its section: before the any other business
    that closes its part of the agenda (public or private). The items after
    it are renumbered, so the numbers run 1..n as the agenda prints them.

    Where the body has sections the item must be in one of them, an exempt
    item in a private one. A late item is accepted only as urgent, with its
    reason. On a published agenda the addition is published as a supplement
    and the members are told.
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
    item.number = _next_number(meeting)
    item.full_clean()
    item.check_placement()
    item.save()
    renumbered = agenda_renumber(meeting=meeting)
    item.refresh_from_db(fields=["number"])
    if meeting.agenda_is_public:
        agenda_supplement_publish(
            meeting=meeting,
            user=user,
            changes=f"Item {item.reference} added: {item.public_title}."
            + _renumbered_in_words(renumbered, leaving_out=item),
            reason=item.open_urgency_reason,
        )
    return item


def _next_number(meeting):
    """A number after every item's: the last place in the item's own run of
    the agenda (`agenda_order` sorts by part and section before number)."""
    highest = meeting.agenda_items.aggregate(n=Max("number"))["n"] or 0
    return highest + 1


# Numbers are parked here while the agenda is renumbered: (meeting, number,
# sub_letter) is unique, and PostgreSQL checks that row by row.
PARKED = 16000


def agenda_renumber(*, meeting):
    """Number the meeting's items 1..n in the order the agenda prints them
    (`AgendaItem.objects.in_agenda_order()`), each sub-item keeping its
    parent's number and its own letter. The caller holds the meeting's row
    lock (every change to an agenda takes it first, so two officers' changes
    run one after the other); the items are locked too.

    Returns [(item, old number)] for the items whose number changed."""
    items = list(
        meeting.agenda_items.select_for_update(of=("self",))
        .select_related("section")
        .in_agenda_order()
    )
    changed = []
    number, last = 0, None
    for item in items:
        if not (item.sub_letter and item.number == last):
            number += 1  # a sub-item straight after its parent shares its number
        last = item.number
        if item.number != number:
            changed.append((item, item.number))
            item.number = number
    if changed:
        moving = [item for item, _ in changed]
        parked = [AgendaItem(pk=i.pk, number=PARKED + i.number) for i in moving]
        AgendaItem.objects.bulk_update(parked, ["number"])
        AgendaItem.objects.bulk_update(moving, ["number"])
        pagecache.data_changed()  # bulk_update sends no signal
    return changed


def _renumbered_in_words(renumbered, leaving_out=None):
    """What renumbering did, for a supplement: " Items 7 to 10 are now 8 to
    11." Sub-items go with their parents and are not named."""
    moves = sorted(
        (old, item.number)
        for item, old in renumbered
        if not item.sub_letter and item.pk != getattr(leaving_out, "pk", None)
    )
    if not moves:
        return ""
    if len(moves) == 1:
        return f" Item {moves[0][0]} is now {moves[0][1]}."
    olds = [old for old, _ in moves]
    shifts = {new - old for old, new in moves}
    if len(shifts) == 1 and olds == list(range(olds[0], olds[-1] + 1)):
        return (
            f" Items {olds[0]} to {olds[-1]} are now {moves[0][1]} to {moves[-1][1]}."
        )
    return (
        " Renumbered: " + ", ".join(f"{old} is now {new}" for old, new in moves) + "."
    )


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
    """Save an edited item; on a published agenda, publish what changed.

    An item moved into another section (or made exempt, or any other
    business) goes, with its sub-items, to the end of its new place, and the
    agenda is renumbered.
    """
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_cancelled(meeting)
    before = meeting.agenda_items.select_related("section").get(pk=item.pk)
    item.full_clean()
    item.check_placement()
    if item.place != before.place and not item.sub_letter:
        number = _next_number(meeting)
        sub_items = meeting.agenda_items.filter(number=before.number)
        sub_items.exclude(pk=item.pk).update(number=number, section=item.section)
        item.number = number
    item.save()
    audit.record(audit.Kind.CHANGED, actor=user, obj=item, detail=", ".join(changed))
    renumbered = agenda_renumber(meeting=meeting)
    item.refresh_from_db(fields=["number"])
    if meeting.agenda_is_public and changed:
        names = ", ".join(changed)
        now = (
            f" It is now item {item.reference}." if item.number != before.number else ""
        )
        agenda_supplement_publish(
            meeting=meeting,
            user=user,
            changes=f"Item {before.reference} ({item.public_title}) changed: "
            f"{names}.{now}" + _renumbered_in_words(renumbered, leaving_out=item),
        )
    return item


@transaction.atomic
def agenda_item_move(*, item, up):
    """Swap an item (with its sub-items) with its neighbour above or below in
    its section; False when it is already first or last on the agenda.

    An item does not leave its section this way, nor pass the any other
    business that closes its part: that is refused, saying why (to move an
    item into another section, edit it and choose the section).
    """
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _refuse_if_cancelled(meeting)
    heads = [
        i
        for i in meeting.agenda_items.select_for_update(of=("self",))
        .select_related("section")
        .in_agenda_order()
        if not i.sub_letter
    ]
    mine = next((i for i in heads if i.number == item.number), None)
    if mine is None:
        return False
    index = heads.index(mine) + (-1 if up else 1)
    if not 0 <= index < len(heads):
        return False
    theirs = heads[index]
    if theirs.place != mine.place:
        raise ValidationError(_cannot_move(mine, theirs, up))
    group = list(
        meeting.agenda_items.filter(number=mine.number).values_list("pk", flat=True)
    )
    # Park the first group out of the way: (meeting, number, sub_letter) is unique.
    AgendaItem.objects.filter(pk__in=group).update(number=PARKED + mine.number)
    meeting.agenda_items.filter(number=theirs.number).update(number=mine.number)
    AgendaItem.objects.filter(pk__in=group).update(number=theirs.number)
    pagecache.data_changed()  # update() sends no signal
    agenda_renumber(meeting=meeting)
    if meeting.agenda_is_public:
        meeting.sequence += 1
        meeting.save(update_fields=["sequence", "updated_at"])
    return True


def _cannot_move(mine, theirs, up):
    """Why an item cannot move past its neighbour, in words."""
    way = "up" if up else "down"
    start = f"Item {mine.reference} ({mine.title}) cannot move {way}: "
    part = "private" if mine.is_private_business else "public"
    if mine.is_closing:
        return start + f"any other business stays at the end of the {part} business."
    if theirs.is_closing:
        return start + f"any other business ends the {part} business."
    edge = "first" if up else "last"
    if mine.is_private_business != theirs.is_private_business:
        return (
            start + f"it is the {edge} item of the {part} business. To move it, "
            "edit it and choose another section."
        )
    here = mine.heading or "its section"
    return start + (
        f"it is the {edge} item in {here}. To move it to "
        f"{theirs.heading or 'another section'}, edit it and choose that section."
    )


@transaction.atomic
def agenda_ask_sign_off(*, meeting):
    """Ask the body's chair and deputy chair to sign off the draft agenda;
    each is emailed once a day however often it is asked. The number told."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_cancelled(meeting)
    if meeting.agenda_status != Meeting.AgendaStatus.DRAFT:
        raise ValidationError("Only a draft agenda goes to the chair to sign off.")
    if not meeting.agenda_items.exists():
        raise ValidationError("The agenda has no items yet.")
    today = timezone.localdate()
    chairs = list(Person.objects.chairing(meeting.body, today))
    if not chairs:
        raise ValidationError(
            f"{meeting.body.name} has no chair or deputy chair with an email "
            "address today: add one to the membership first."
        )
    for person in chairs:
        notify.queue(
            **notify.notice(
                "agenda_sign_off_asked", person, meeting, f"on-{today}", str(meeting)
            )
        )
    return len(chairs)


@transaction.atomic
def agenda_sign_off(*, meeting, user):
    """The chair signs off the draft agenda; the meeting's contact officer
    (or, if it names none, every officer) is emailed to publish it."""
    _refuse_if_cancelled(meeting)
    if meeting.agenda_status != Meeting.AgendaStatus.DRAFT:
        raise ValidationError("Only a draft agenda can be signed off.")
    meeting.agenda_status = Meeting.AgendaStatus.SIGNED_OFF
    meeting.agenda_signed_off_at = timezone.now()
    meeting.agenda_signed_off_by = user
    _bump(meeting, "agenda_status", "agenda_signed_off_at", "agenda_signed_off_by")
    audit.record(audit.Kind.SIGNED_OFF, actor=user, obj=meeting, detail="Agenda")
    occasion = f"signed-off-{meeting.agenda_signed_off_at:%Y%m%d%H%M%S%f}"
    for person in meeting.officers_to_tell():
        notify.queue(
            **notify.notice(
                "agenda_signed_off", person, meeting, occasion, str(meeting)
            )
        )
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
    late = meeting.late_publication_reason
    audit.record(
        audit.Kind.PUBLISHED,
        actor=user,
        obj=meeting,
        detail=f"Agenda, late: {late}" if late else "Agenda",
    )
    _notify_members(meeting, "agenda_published")
    notify.queue_due(alerts.for_meeting(meeting, alerts.AGENDA))
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
    audit.record(
        audit.Kind.PUBLISHED,
        actor=user,
        obj=meeting,
        detail=f"Supplement {number} to the agenda: {changes}",
    )
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
    moved_to = timezone.localtime(start)
    audit.record(
        audit.Kind.CHANGED, obj=meeting, detail=f"Moved to {moved_to:%-d %B %Y %H:%M}"
    )
    _notify_members(meeting, "meeting_rescheduled")
    return meeting


def members_told_of(meeting):
    """How many members a notice about the meeting (its cancellation, its
    agenda) is emailed to: the current members with an email address."""
    return len(_members_to_notify(meeting))


@transaction.atomic
def meeting_cancel(*, meeting, reason):
    """Cancel the meeting, close its agenda and email the members; (meeting,
    changed). A second cancel, or two officers at once, changes nothing more
    and tells no one twice."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        return meeting, False
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.cancelled_at = timezone.now()
    _bump(meeting, "status", "cancellation_reason", "cancelled_at")
    audit.record(audit.Kind.CANCELLED, obj=meeting, detail=meeting.cancellation_reason)
    _notify_members(meeting, "meeting_cancelled")
    _ratifications_moved_on(meeting)
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
def planned_item_to_agenda(*, planned, user, section=None, urgency_reason=""):
    """Put a planned item on its meeting's agenda, at the end of the section
    chosen (late only as urgent, as any other item); the forward plan then
    shows its item number."""
    planned = PlannedItem.objects.select_for_update().get(pk=planned.pk)
    if planned.agenda_item_id:
        return planned.agenda_item, False
    if planned.meeting_id is None:
        raise ValidationError("Choose the meeting it goes to first.")
    presenter = f"Report of {planned.report_author}" if planned.report_author else ""
    item = AgendaItem(
        meeting=planned.meeting,
        section=section,
        title=planned.title,
        kind=AgendaItem.Kind.REPORT,
        presenter=presenter,
        is_urgent=bool(urgency_reason.strip()),
        urgency_reason=urgency_reason.strip(),
    )
    agenda_item_add(item=item, user=user)
    planned.agenda_item = item
    planned.save(update_fields=["agenda_item"])
    stop = planned.consideration
    if stop is not None and stop.meeting_id is None:
        # a report sent on from another body: its route now names the meeting
        stop.meeting = planned.meeting
        stop.save(update_fields=["meeting"])
    return item, True


# -- Decisions taken between meetings, reported for ratification -----------------

RATIFICATION_URGENCY = (
    "A decision taken between meetings on {day} ({kind}) is reported to the "
    "first meeting after it for ratification."
)


def ratification_meeting(body):
    """(meeting, passed over): the body's first meeting to come that is
    scheduled (not cancelled, not held) and whose agenda is not yet
    published, and the published ones before it, which it did not go on."""
    passed = []
    meetings = Meeting.objects.filter(
        body=body,
        start__gt=timezone.now(),
        status__in=[Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED],
    ).order_by("start")
    for meeting in meetings:
        if not meeting.agenda_is_public:
            return meeting, passed
        passed.append(meeting)
    return None, passed


def _ratification_section(decision, body):
    """The section a ratification goes in: an exempt one in the body's first
    private section, an open one in its last public section (the governance
    business at the end of the agenda). None where the body has none such:
    `check_placement` then says what is missing."""
    sections = list(body.sections.all())
    if decision.is_exempt:
        return next((s for s in sections if s.is_private), None)
    public = [s for s in sections if not s.is_private]
    return public[-1] if public else None


def _ratification_item(decision, meeting):
    day = f"{decision.taken_on:%-d %B %Y}"
    who = f" by {decision.taken_by}" if decision.taken_by_id else ""
    item = AgendaItem(
        meeting=meeting,
        section=_ratification_section(decision, meeting.body),
        title=f"{decision.title}: for ratification",
        open_title=f"{decision.open_title}: for ratification"
        if decision.is_exempt
        else "",
        kind=AgendaItem.Kind.RATIFICATION,
        description=f"{decision.get_kind_display()} taken on {day}{who}, before "
        f"the deadline of {decision.deadline:%-d %B %Y} ({decision.deadline_source}).",
        is_exempt=decision.is_exempt,
        exempt_paragraph=decision.exempt_paragraph,
    )
    if meeting.is_late_to_publish(timezone.localdate()):
        item.is_urgent = True
        item.urgency_reason = RATIFICATION_URGENCY.format(
            day=day, kind=decision.get_kind_display().lower()
        )
    return item


@transaction.atomic
def ratification_place(*, decision, user):
    """Put a taken decision on the agenda of the body's next meeting whose
    agenda is not yet published, "<title>: for ratification", tagged as the
    decision is, at the end of its section (`agenda_item_add`). Returns what
    was done, in words, for the officer. Safe to repeat: a decision already
    on an agenda is left there. Where no meeting can take it, or the item
    cannot be placed, it is left waiting, and the words say why: the next
    meeting created takes it (`meeting_create`)."""
    decision = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.ratification_item_id:
        item = decision.ratification_item
        return f"It is item {item.reference} on the agenda of {item.meeting}."
    if decision.status != UrgentDecision.Status.TAKEN:
        raise ValidationError("Only a decision taken can go for ratification.")
    meeting, passed = ratification_meeting(decision.body)
    passed_words = _passed_in_words(passed)
    if meeting is None:
        return passed_words + (
            f"No meeting of {decision.body} is scheduled with an agenda still to "
            "publish: it will go on the agenda of the next meeting arranged."
        )
    item = _ratification_item(decision, meeting)
    try:
        tagged_item_add(item=item, tags_from=decision, user=user)
    except ValidationError as error:
        return passed_words + (
            f"It could not go on the agenda of {meeting}: {' '.join(error.messages)}"
        )
    decision.ratification_item = item
    decision.save(update_fields=["ratification_item"])
    return passed_words + (
        f"It is item {item.reference} on the agenda of {meeting}, for ratification."
    )


def _passed_in_words(passed):
    if not passed:
        return ""
    days = " and ".join(f"{timezone.localdate(m.start):%-d %B %Y}" for m in passed)
    return (
        f"The agenda for {days} is already published, so it goes to the meeting "
        "after. To report it sooner, add it to that agenda as an urgent item "
        "(published as a supplement). "
    )


def _ratifications_waiting(meeting):
    """A new meeting to come takes the decisions waiting for an agenda."""
    if meeting.start <= timezone.now() or meeting.is_cancelled:
        return
    waiting = UrgentDecision.objects.awaiting_agenda().filter(body=meeting.body)
    for decision in waiting:
        ratification_place(decision=decision, user=None)


def _ratifications_moved_on(meeting):
    """A cancelled meeting's ratifications go to the next meeting; the item
    stays on the cancelled agenda, as the rest of it does."""
    moving = UrgentDecision.objects.filter(
        status=UrgentDecision.Status.TAKEN, ratification_item__meeting=meeting
    )
    for decision in moving:
        decision.ratification_item = None
        decision.save(update_fields=["ratification_item"])
        ratification_place(decision=decision, user=None)


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
