"""Decisions taken between meetings: proposed by an officer, taken as a chair's
action or by a written resolution of the members, put on the next meeting's
agenda for ratification in the same transaction (`ratification_place`), and
recorded as ratified (or not) at that meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hwbb import audit, notify, permissions
from meetings.models import (
    Meeting,
    MemberResponse,
    Membership,
    Person,
    UrgentDecision,
)
from meetings.services.actions import DOUBLE_SUBMIT_WINDOW
from meetings.services.agenda import ratification_place

CHAIRS = [Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR]


def chairs_who_may_act(body):
    """Who may take a chair's action for the body today: its current chair
    and deputy chair."""
    today = timezone.localdate()
    return Person.objects.filter(
        memberships__in=Membership.objects.current_on(today).filter(
            body=body, role__in=CHAIRS
        )
    ).distinct()


def voting_members(body):
    """Who a written resolution asks: the body's current voting members in
    their own seats (a named substitute sits only in another's seat)."""
    today = timezone.localdate()
    return Person.objects.filter(
        memberships__in=Membership.objects.current_on(today)
        .seats()
        .filter(body=body, voting=True)
    ).distinct()


@transaction.atomic
def urgent_decision_propose(*, decision, user, secondary_pillars=(), priorities=()):
    """Save a proposed decision and ask for it: a chair's action goes to the
    body's chair and deputy chair, a written resolution to each voting member
    (each asked is recorded, with no reply yet). The same proposal sent again
    moments later (a double submit) is not made twice. (decision, created)."""
    earlier = UrgentDecision.objects.filter(
        body=decision.body,
        kind=decision.kind,
        title=decision.title,
        decision=decision.decision,
        proposed_by=user,
        proposed_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if earlier is not None:
        return earlier, False
    decision.status = UrgentDecision.Status.PROPOSED
    decision.proposed_by = user
    decision.full_clean()
    decision.save()
    decision.secondary_pillars.set(secondary_pillars)
    decision.priorities.set(priorities)
    if decision.is_chairs_action:
        _ask(decision, "urgent_decision_proposed", chairs_who_may_act(decision.body))
    else:
        _ask_the_members(decision)
    return decision, True


def _ask_the_members(decision):
    members = list(voting_members(decision.body))
    if not members:
        raise ValidationError(
            {"kind": f"{decision.body} has no current voting members to ask."}
        )
    MemberResponse.objects.bulk_create(
        [MemberResponse(decision=decision, person=person) for person in members]
    )
    _ask(decision, "written_resolution_asked", members)


def _ask(decision, kind, people):
    for person in people:
        notify.queue(**notify.notice(kind, person, decision, "asked", str(decision)))


@transaction.atomic
def urgent_decision_update(*, decision):
    """Save an edited proposal: only before it is taken, and for a written
    resolution only before any member has answered (they answer what they
    read)."""
    locked = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != UrgentDecision.Status.PROPOSED:
        raise ValidationError("It has been taken: it can no longer be changed.")
    if locked.kind != decision.kind:
        raise ValidationError({"kind": "A proposal cannot change its kind."})
    answered = locked.responses.exclude(answer=MemberResponse.Answer.NO_REPLY)
    if answered.exists():
        raise ValidationError(
            "Members have already answered this written resolution: it can no "
            "longer be changed."
        )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def urgent_decision_withdraw(*, decision, user, reason):
    """Withdraw a proposal before it is taken (the deadline moved, or the
    board can meet in time), with the reason. Those asked to take or agree it
    are told, once; emails still waiting to go out that asked them are not
    sent (their notices are only for a proposal). Withdrawing again changes
    nothing. (decision, withdrawn now)."""
    locked = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status == UrgentDecision.Status.WITHDRAWN:
        return locked, False
    if locked.status != UrgentDecision.Status.PROPOSED:
        raise ValidationError("It has been taken: it can no longer be withdrawn.")
    if not permissions.is_officer(user):
        raise ValidationError("Only a governance officer may withdraw a proposal.")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the proposal is withdrawn."})
    locked.status = UrgentDecision.Status.WITHDRAWN
    locked.withdrawn_reason = reason.strip()
    locked.save(update_fields=["status", "withdrawn_reason"])
    audit.record(audit.Kind.WITHDRAWN, actor=user, obj=locked, detail=reason.strip())
    if locked.is_chairs_action:
        asked = chairs_who_may_act(locked.body)
    else:
        asked = Person.objects.filter(urgent_responses__decision=locked).distinct()
    for person in asked:
        notify.queue(
            **notify.notice(
                "urgent_decision_withdrawn", person, locked, "withdrawn", str(locked)
            )
        )
    return locked, True


@transaction.atomic
def urgent_decision_respond(*, decision, person, answer, comment, user):
    """Record a member's answer to a written resolution: their own, or one an
    officer records for them (sent by email). A member may change their
    answer until the decision is taken."""
    decision = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != UrgentDecision.Status.PROPOSED:
        raise ValidationError(
            "This written resolution is closed: it has been "
            + ("withdrawn." if decision.status == "withdrawn" else "taken.")
        )
    response = decision.responses.filter(person=person).first()
    if response is None:
        raise ValidationError({"person": f"{person} was not asked to answer it."})
    if person.user_id != user.pk and not permissions.is_officer(user):
        raise ValidationError("Only the member, or an officer for them, may answer.")
    if answer not in (MemberResponse.Answer.AGREE, MemberResponse.Answer.DISAGREE):
        raise ValidationError({"answer": "Say whether you agree."})
    response.answer, response.comment = answer, comment.strip()
    response.answered_at, response.recorded_by = timezone.now(), user
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def urgent_decision_take(*, decision, user, taken_by=None, taken_on=None):
    """Record the decision as taken and, in the same transaction, put it on
    the next meeting's agenda for ratification (`ratification_place`).

    A chair's action is taken by the body's chair or deputy chair
    (`chairs_who_may_act`), or recorded by an officer for the one who took
    it, with who was consulted recorded first. A written resolution is taken
    when a majority of the voting members asked have agreed, recorded by an
    officer or the chair.

    The decision's row is locked first: taken twice (a double submit, or two
    officers at once), the second finds it taken and adds nothing. Returns
    (decision, taken, what happened to the agenda in words)."""
    decision = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != UrgentDecision.Status.PROPOSED:
        return decision, False, urgent_decision_already(decision)
    taken_on = taken_on or timezone.localdate()
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": "The date it was taken cannot be ahead."})
    if decision.is_chairs_action:
        decision.taken_by = _chair_taking(decision, user, taken_by)
    else:
        _check_majority(decision, user)
    decision.status = UrgentDecision.Status.TAKEN
    decision.taken_on, decision.recorded_by = taken_on, user
    decision.full_clean()
    decision.save()
    by = f" by {decision.taken_by}" if decision.taken_by else ""
    audit.record(
        audit.Kind.TAKEN,
        actor=user,
        obj=decision,
        detail=f"{decision.get_kind_display()} taken{by} on {taken_on:%-d %B %Y}",
    )
    words = ratification_place(decision=decision, user=user)
    decision.refresh_from_db(fields=["ratification_item"])
    return decision, True, words


def urgent_decision_already(decision):
    """In words, when a decision asked to be taken already was."""
    if decision.status == UrgentDecision.Status.PROPOSED:
        return ""
    if decision.status == UrgentDecision.Status.WITHDRAWN:
        return "It was withdrawn before it was taken."
    return f"It was already taken on {decision.taken_on:%-d %B %Y}."


def _chair_taking(decision, user, taken_by):
    """The chair who takes it: the user, if they chair the body; else the
    chair an officer records it for."""
    chairs = chairs_who_may_act(decision.body)
    own = chairs.filter(user=user).first() if user.is_authenticated else None
    if own is None and not permissions.is_officer(user):
        raise ValidationError(
            f"Only the chair or deputy chair of {decision.body}, or an officer "
            "for them, may take a chair's action."
        )
    chosen = taken_by is not None and chairs.filter(pk=taken_by.pk).exists()
    chair = own or (taken_by if chosen else None)
    if chair is None:
        names = ", ".join(str(p) for p in chairs) or "none is recorded"
        raise ValidationError(
            {"taken_by": f"Choose the chair or deputy chair who took it ({names})."}
        )
    if not decision.consultation.strip():
        raise ValidationError(
            {"consultation": "Record who was consulted, and what they said, first."}
        )
    return chair


def _check_majority(decision, user):
    chairs = chairs_who_may_act(decision.body)
    if not permissions.is_officer(user) and not chairs.filter(user=user).exists():
        raise ValidationError(
            "Only an officer or the chair records a written resolution as taken."
        )
    if not decision.enough_agreed:
        raise ValidationError(f"It cannot be taken yet: {decision.count_in_words}")


@transaction.atomic
def urgent_decision_ratify(*, decision, ratified, minute=None, note=""):
    """Record what the meeting that had it on its agenda decided: ratified,
    or not (saying what it decided instead), with the minute that records
    it. Once only: asked again, it changes nothing. (decision, recorded)."""
    decision = UrgentDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status in (
        UrgentDecision.Status.RATIFIED,
        UrgentDecision.Status.NOT_RATIFIED,
    ):
        return decision, False
    meeting = _ratifying_meeting(decision)
    if minute is not None and minute.meeting_id != meeting.pk:
        raise ValidationError(
            {"minute": f"Choose a minute of the meeting of {meeting}."}
        )
    if not ratified and not note.strip():
        raise ValidationError({"note": "Say what the meeting decided instead."})
    decision.status = (
        UrgentDecision.Status.RATIFIED
        if ratified
        else UrgentDecision.Status.NOT_RATIFIED
    )
    decision.ratified_on = timezone.localdate(meeting.start)
    decision.ratification_minute, decision.ratification_note = minute, note.strip()
    decision.full_clean()
    decision.save()
    return decision, True


def _ratifying_meeting(decision):
    if decision.status != UrgentDecision.Status.TAKEN:
        raise ValidationError("It has not been taken yet.")
    if decision.ratification_item_id is None:
        raise ValidationError("It is not yet on a meeting's agenda.")
    meeting = decision.ratification_item.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(f"The meeting of {meeting} was cancelled.")
    if meeting.start > timezone.now():
        raise ValidationError(
            f"The meeting of {meeting} has not yet taken place: record the "
            "ratification once it has."
        )
    return meeting


def urgent_decision_place(*, decision, user):
    """Put a taken decision on the next agenda for ratification, if it is not
    on one (no meeting could take it when it was taken); in words."""
    return ratification_place(decision=decision, user=user)
