"""The record of a meeting: attendance, the minutes and their numbering, their
steps from draft to approved, amendments, and resolutions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hwbb import audit, notify
from hwbb.html import rich_text
from meetings import alerts, resolutions, signing
from meetings.models import (
    Attendance,
    Body,
    Meeting,
    Membership,
    Minute,
    MinuteAmendment,
    MinutesComment,
    MinutesSignature,
    Person,
    Resolution,
    ResolutionClause,
)

# -- Attendance -------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting, rows):
    """Record the members' attendance as the attendance form sends it: rows of
    (member, status, substitute). A member's status is present, apologies,
    absent, or "substitute": they sent apologies and `substitute` took their
    seat, so the member is recorded with apologies and the substitute as a
    substitute for the member. A blank status clears the member's record and
    their substitute's.

    Only what changed is written, so saving the same attendance again writes
    no row and no history. The meeting row is locked first: two officers
    saving at once, or one pressing the button twice, take turns, and a seat
    keeps one substitute. A cancelled meeting has no attendance; a meeting yet
    to start can record apologies but nobody present, substituted or absent.
    """
    meeting = _meeting_locked(meeting)
    wanted = _attendance_wanted(meeting, rows)
    members = [person.pk for person, _, _ in rows]
    current = meeting.attendances.filter(
        Q(person__in=[*members, *wanted]) | Q(substitute_for__in=members)
    )
    _attendance_apply(meeting, wanted, list(current))


def _meeting_locked(meeting):
    """The meeting, its row locked until the transaction ends: attendance is
    recorded for one meeting at a time."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ValidationError("The meeting was cancelled: it has no attendance.")
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(
            "The minutes are approved and signed, and the attendance is part of "
            "them: record a correction as an amendment to the minutes."
        )
    return meeting


def _attendance_wanted(meeting, rows):
    """{person pk: (person, status, seat)} for everyone the rows record: the
    members, and the substitutes in their seats; status None clears. Every
    row's problem is reported at once."""
    started = meeting.start <= timezone.now()
    members = {person.pk for person, _, _ in rows}
    wanted, problems = {}, []
    for person, status, substitute in rows:
        problem = _attendance_problem(person, status, substitute, started, members)
        if problem is None and substitute is not None and substitute.pk in wanted:
            seat = wanted[substitute.pk][2]
            problem = f"{substitute} cannot substitute for both {seat} and {person}."
        if problem:
            problems.append(problem)
        elif substitute is None:
            wanted[person.pk] = (person, status or None, None)
        else:
            wanted[person.pk] = (person, Attendance.Status.APOLOGIES, None)
            wanted[substitute.pk] = (substitute, Attendance.Status.SUBSTITUTE, person)
    if problems:
        raise ValidationError(problems)
    return wanted


def _attendance_problem(person, status, substitute, started, members):
    """What is wrong with one member's row, or None."""
    if status and not started and status != Attendance.Status.APOLOGIES:
        return f"{person}: only apologies can be recorded before the meeting starts."
    if status != Attendance.Status.SUBSTITUTE:
        if substitute is not None:
            return f"Choose Substituted for {person}, or clear the substitute."
        return None
    if substitute is None:
        return f"{person}: choose who substituted for them."
    if substitute.pk in members:
        return (
            f"{substitute} is a member: record their own attendance, "
            f"not as a substitute for {person}."
        )
    return None


def _attendance_apply(meeting, wanted, current):
    """Make the rows say what is wanted, writing only what differs. Rows go
    first (a substitute moved to another seat is a new row), so no write
    meets a seat or a person that another row still holds."""
    kept = {}
    for row in current:
        _, status, seat = wanted.get(row.person_id, (None, None, None))
        moved = row.substitute_for_id not in (None, getattr(seat, "pk", None))
        if status is None or moved:
            row.delete()
        else:
            kept[row.person_id] = row
    for pk, (person, status, seat) in wanted.items():
        if status is None:
            continue
        row = kept.get(pk) or Attendance(meeting=meeting, person=person)
        # A member's row keeps the capacity recorded (minutes may list a
        # member among the other representatives); a substitute sits as a member.
        capacity = row.capacity if row.pk and seat is None else None
        _attendance_save(
            row,
            status=status,
            capacity=capacity or Attendance.Capacity.MEMBER,
            substitute_for_id=seat.pk if seat else None,
        )


def _attendance_save(row, **values):
    """Save the row with these values, unless it already holds them: an
    unchanged row writes no history."""
    if row.pk and all(getattr(row, k) == v for k, v in values.items()):
        return
    for key, value in values.items():
        setattr(row, key, value)
    row.full_clean()
    row.save()


@transaction.atomic
def attendee_add(*, meeting, person, capacity):
    """Record another representative or an officer as present."""
    meeting = _meeting_locked(meeting)
    if meeting.start > timezone.now():
        raise ValidationError(
            "Attendance can be recorded once the meeting has started."
        )
    row = meeting.attendances.filter(person=person).first()
    _attendance_save(
        row or Attendance(meeting=meeting, person=person),
        status=Attendance.Status.PRESENT,
        capacity=capacity,
        substitute_for_id=None,
    )


def attendance_statistics(*, body, since, until):
    """Per member and per organisation: meetings expected, and how many times
    each was present, sent apologies, had a substitute in their seat, or was
    absent (`seat_attendance`, the one count). An organisation's attendance
    counts its seats filled, by the member or a substitute: so a member's
    rate is the meetings they came to; an organisation's, the meetings its
    seats were filled. A fixed number of queries."""
    memberships = (
        body.memberships.seats()
        .select_related("person", "on_behalf_of")
        .order_by("person__family_name", "start")
    )
    members, organisations = {}, {}
    for ms, _, status in seat_attendance(
        memberships=memberships, since=since, until=until
    ):
        row = members.setdefault(ms.person_id, _stats_row(ms.person, ms.on_behalf_of))
        row["expected"] += 1
        row[status] += 1
    for row in members.values():
        org = row["organisation"]
        key = org.pk if org else None
        total = organisations.setdefault(key, _stats_row(None, org))
        for field in ("expected", *Attendance.Status.values):
            total[field] += row[field]
    return (
        _with_rates(members.values(), attended=[Attendance.Status.PRESENT]),
        _with_rates(
            organisations.values(),
            attended=[Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE],
        ),
    )


def seat_attendance(*, memberships, since, until):
    """[(membership, meeting, status)]: each meeting each seat was expected
    at, and how it was filled. This is the one count the attendance
    statistics and a member's page both read.

    Cancelled meetings and meetings yet to happen are left out, and so are
    those outside the membership's term. A seat is a membership other than
    a named substitute's (who is expected at no meeting). A substitute's
    attendance is the seat's: the member is counted "substitute", never as
    their own presence, and one with no record is absent. Two queries
    whatever the number of memberships."""
    memberships = [ms for ms in memberships if ms.role != Membership.Role.SUBSTITUTE]
    meetings = list(
        Meeting.objects.filter(
            body__in={ms.body_id for ms in memberships},
            start__gte=since,
            start__lt=until,
        )
        .filter(start__lte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .only("pk", "start", "body_id")
        .order_by("start")
    )
    records = _seat_records(meetings) if meetings else {}
    seats = []
    for ms in memberships:
        for meeting in meetings:
            day = timezone.localdate(meeting.start)
            if meeting.body_id != ms.body_id:
                continue
            if (ms.start and day < ms.start) or (ms.end and day > ms.end):
                continue
            status = records.get((meeting.pk, ms.person_id), Attendance.Status.ABSENT)
            seats.append((ms, meeting, status))
    return seats


def member_attendance(*, memberships, since, until):
    """A member's attendance on each body, as the statistics count it: a row
    per body with the counts, the rate and each meeting with its status."""
    rows = {}
    for ms, meeting, status in seat_attendance(
        memberships=memberships, since=since, until=until
    ):
        row = rows.setdefault(ms.body_id, _stats_row(ms.person, None))
        row.setdefault("body", ms.body)
        row.setdefault("meetings", []).append((meeting, status))
        row["expected"] += 1
        row[status] += 1
    rated = _with_rates(rows.values(), attended=[Attendance.Status.PRESENT])
    return sorted(rated, key=lambda r: r["body"].name)


def _seat_records(meetings):
    """{(meeting pk, person pk): how the person's seat was filled}: their own
    status, or "substitute" when someone took it. A member who came as a
    substitute for someone else was there: present."""
    records = {}
    for a in Attendance.objects.filter(meeting__in=meetings):
        own = a.status
        if own == Attendance.Status.SUBSTITUTE:
            own = Attendance.Status.PRESENT
        records.setdefault((a.meeting_id, a.person_id), own)
        if a.substitute_for_id:
            records[(a.meeting_id, a.substitute_for_id)] = Attendance.Status.SUBSTITUTE
    return records


def _stats_row(person, organisation):
    row = {"person": person, "organisation": organisation, "expected": 0}
    row.update({status: 0 for status in Attendance.Status.values})
    return row


def _with_rates(rows, *, attended):
    rows = [r for r in rows if r["expected"]]
    for row in rows:
        row["attended"] = sum(row[status] for status in attended)
        row["rate"] = round(100 * row["attended"] / row["expected"])
    return sorted(
        rows, key=lambda r: (-r["rate"], str(r["person"] or r["organisation"]))
    )


# -- Minutes ------------------------------------------------------------------------


class MinuteConflict(Exception):
    """Someone else saved the minute since this edit began."""

    def __init__(self, current):
        super().__init__(f"Minute {current.reference} was changed by someone else.")
        self.current = current


def _refuse_if_frozen(meeting):
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(
            "These minutes are approved and cannot be changed: record an amendment."
        )


def _refuse_unless_held(meeting):
    """Minutes record a meeting that took place: not a cancelled one, not one
    still to come."""
    reason = meeting.why_no_minutes()
    if reason:
        raise ValidationError(reason)


@transaction.atomic
def minute_create(*, minute, user):
    meeting = Meeting.objects.select_for_update().get(pk=minute.meeting_id)
    _refuse_if_frozen(meeting)
    _refuse_unless_held(meeting)
    minute.body_id = meeting.body_id
    minute.municipal_year = meeting.municipal_year
    minute.number = minute.number or Minute.objects.next_number(meeting)
    minute.narrative = rich_text(minute.narrative)
    minute.officer_notes = rich_text(minute.officer_notes)
    minute.updated_by, minute.updated_at = user, timezone.now()
    minute.full_clean()
    minute.save()
    if meeting.minutes_status == Meeting.MinutesStatus.NONE:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
        meeting.save(update_fields=["minutes_status", "updated_at"])
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
    minute.narrative = rich_text(minute.narrative)
    minute.officer_notes = rich_text(minute.officer_notes)
    minute.version += 1
    minute.updated_by, minute.updated_at = user, timezone.now()
    minute.full_clean()
    minute.save()
    return minute


@transaction.atomic
def minutes_prepare(*, meeting, user):
    """Give each agenda item of a held meeting (or today's) its minute, as
    the officer starts taking the minutes: numbered in agenda order after
    the body's minutes so far this municipal year, titled as the item, and
    exempt under the same paragraph as an exempt item.

    Running it again creates nothing twice: an item that has a minute keeps
    it (and its number), and an item added since gets the next number. The
    meeting row is locked first, so two officers starting at once take
    turns and the second finds the minutes made. The minutes created.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_frozen(meeting)
    _refuse_unless_held(meeting)
    minuted = meeting.minutes.exclude(agenda_item=None).values("agenda_item")
    items = meeting.agenda_items.exclude(pk__in=minuted).in_agenda_order()
    return [
        minute_create(
            minute=Minute(
                meeting=meeting,
                agenda_item=item,
                title=item.title,
                is_exempt=item.is_exempt,
                exempt_paragraph=item.exempt_paragraph if item.is_exempt else None,
            ),
            user=user,
        )
        for item in items
    ]


def _taken_now(meeting):
    """Now, to the minute, as the time an item is taken: only on the day of
    the meeting (minutes written up later are not taken then)."""
    if not meeting.is_today:
        day = timezone.localdate(meeting.start)
        raise ValidationError(
            f"The meeting was on {day:%-d %B %Y}: type the time the item was taken."
        )
    return timezone.now().replace(second=0, microsecond=0)


def _resolution_differs(minute, preamble, clauses):
    """Whether saving this resolution would change the minute's."""
    existing = Resolution.objects.filter(minute=minute).first()
    if existing is None:
        return bool(clauses)
    try:
        written = resolutions.parse(resolutions.as_text(existing))
    except ValueError:  # recorded in a shape typing cannot give (or none)
        return True
    return existing.preamble != preamble or written != clauses


@transaction.atomic
def minute_take(
    *,
    minute_pk,
    expected_version,
    user,
    narrative,
    taken_at=None,
    taken_now=False,
    resolution=None,
):
    """Save what the officer has written of one item during the meeting: the
    narrative, the time the item was taken and, given as (preamble, clauses),
    its resolution. `minute_update`'s version check guards all three, so two
    officers cannot overwrite each other: the resolution is saved only once
    the minute's version has been checked and raised.

    The time is now (to the minute) if the officer says the item is being
    taken now; else the one given, else the one recorded, else, on the day
    of the meeting, now when something is first written. Nothing unchanged is written:
    autosave sends the same text often, and every write is a history row.
    """
    minute = Minute.objects.select_for_update().get(pk=minute_pk)
    _refuse_unless_held(minute.meeting)
    changes = {}
    narrative = rich_text(narrative)
    if narrative != minute.narrative:
        changes["narrative"] = narrative
    new_resolution = resolution is not None and _resolution_differs(minute, *resolution)
    first = minute.taken_at is None and (changes or new_resolution)
    if taken_now or (taken_at is None and first and minute.meeting.is_today):
        taken_at = _taken_now(minute.meeting)
    if taken_at is not None and taken_at != minute.taken_at:
        changes["taken_at"] = taken_at
    if not changes and not new_resolution:
        return minute  # what the officer has is what is saved
    minute = minute_update(
        minute_pk=minute.pk,
        expected_version=expected_version,
        user=user,
        changes=changes,
    )
    if new_resolution:
        preamble, clauses = resolution
        resolution_save(minute=minute, preamble=preamble, clauses=clauses, user=user)
    return minute


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


def _keep_comments(meeting, by, comments):
    """comments: {minute pk or None (the whole): text}; blank ones are dropped."""
    kept = []
    minutes = set(meeting.minutes.values_list("pk", flat=True))
    for minute_pk, text in comments.items():
        # a NUL is no character of a comment (and PostgreSQL's text refuses it)
        text = (text or "").replace("\x00", "").strip()
        if not text:
            continue
        if minute_pk is not None and minute_pk not in minutes:
            raise ValidationError("That minute is not in these minutes.")
        kept.append(
            MinutesComment.objects.create(
                meeting=meeting, minute_id=minute_pk, text=text, by=by
            )
        )
    return kept


@transaction.atomic
def minutes_send_back(*, meeting, by, comments):
    """The chair sends the draft back to the officer with comments; it stays a
    draft. The meeting's contact officer is emailed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can be sent back.")
    kept = _keep_comments(meeting, by, comments)
    if not kept:
        raise ValidationError("Write at least one comment to send the draft back.")
    audit.record(
        audit.Kind.RETURNED, actor=by, obj=meeting, detail="Draft minutes sent back"
    )
    officer = meeting.contact_officer
    if officer is not None and officer.email:
        notify.queue(
            kind="minutes_returned",
            person=officer,
            target=meeting,
            key=f"minutes_returned:meeting-{meeting.pk}:comment-{kept[-1].pk}",
            about=str(meeting),
        )
    return kept


@transaction.atomic
def minutes_check_with_comments(*, meeting, by, comments):
    """The chair has read the draft and checked it, with any comments kept."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError("Only draft minutes can be checked.")
    _keep_comments(meeting, by, comments)
    meeting._history_user = by
    meeting = minutes_check(meeting=meeting)
    audit.record(
        audit.Kind.APPROVED, actor=by, obj=meeting, detail="Draft minutes checked"
    )
    occasion = f"checked-{timezone.now():%Y%m%d%H%M%S%f}"
    for person in meeting.officers_to_tell():
        notify.queue(
            **notify.notice("minutes_checked", person, meeting, occasion, str(meeting))
        )
    return meeting


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
    audit.record(
        audit.Kind.PUBLISHED, obj=meeting, detail="Minutes, subject to approval"
    )
    notify.queue_due(alerts.for_meeting(meeting, alerts.MINUTES))
    return meeting


@transaction.atomic
def minutes_approve(*, meeting, approved_at):
    """Record the minutes as agreed at a later meeting of the same body; from
    then on they change only by a recorded amendment."""
    if not Meeting.objects.approving(meeting).filter(pk=approved_at.pk).exists():
        raise ValidationError(
            {
                "approved_at": "Choose a later meeting of the same board or "
                "committee that has taken place and was not cancelled."
            }
        )
    _minutes_step(
        meeting, Meeting.MinutesStatus.PUBLISHED_DRAFT, Meeting.MinutesStatus.APPROVED
    )
    meeting.minutes_approved_at = approved_at
    meeting.save(update_fields=["minutes_approved_at"])
    audit.record(
        audit.Kind.APPROVED, obj=meeting, detail=f"Minutes, agreed at {approved_at}"
    )
    return meeting


def chairs_who_may_sign(meeting):
    """Who may sign a meeting's minutes: the body's chair or deputy chair (the
    one who chaired the approving meeting signs)."""
    return Person.objects.filter(
        memberships__body_id=meeting.body_id,
        memberships__role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR],
    ).distinct()


@transaction.atomic
def minutes_sign(*, meeting, approved_at, signed_by, user):
    """Approve the minutes at a later meeting and record the chair's signature:
    who, when, at which meeting, and the SHA-256 digest of the text signed.
    Minutes already approved at that meeting (before signatures were kept, or
    imported) may be signed once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if MinutesSignature.objects.filter(meeting=meeting).exists():
        raise ValidationError("These minutes are already signed.")
    if not chairs_who_may_sign(meeting).filter(pk=signed_by.pk).exists():
        raise ValidationError(
            {"signed_by": "Choose the chair or deputy chair who signed the minutes."}
        )
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        if meeting.minutes_approved_at_id != approved_at.pk:
            raise ValidationError(
                {"approved_at": "These minutes were approved at another meeting."}
            )
    else:
        minutes_approve(meeting=meeting, approved_at=approved_at)
    text = signing.signed_text(meeting)
    signature = MinutesSignature.objects.create(
        meeting=meeting,
        signed_at_meeting=approved_at,
        signed_by=signed_by,
        recorded_by=user,
        digest=signing.digest(text),
        text=text,
    )
    audit.record(
        audit.Kind.SIGNED,
        actor=user,
        obj=meeting,
        detail=f"Minutes signed by {signed_by} at {approved_at}; "
        f"SHA-256 {signature.digest}",
    )
    return signature


@transaction.atomic
def minute_amend(*, minute, text, reason, user):
    if not minute.is_frozen:
        raise ValidationError("These minutes are not yet approved: edit the minute.")
    amendment = MinuteAmendment.objects.create(
        minute=minute, text=text, reason=reason, by=user
    )
    audit.record(
        audit.Kind.CHANGED, actor=user, obj=minute, detail=f"Amended: {reason}"
    )
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
    resolution, created = Resolution.objects.get_or_create(minute=minute)
    if created:
        resolution.take_tags_from(minute.agenda_item)
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
