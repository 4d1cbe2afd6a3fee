"""Workflows across models: actions, their updates and their reminders."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from meetings.models import Action, ActionUpdate

# A second identical update within this window is a double submit, not news.
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=10)


@transaction.atomic
def action_create(*, action, secondary_pillars=(), priorities=()):
    """Save a new action with its tags and its first reminder scheduled.

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
    action.schedule_reminder()
    action.full_clean()
    action.save()
    action.secondary_pillars.set(secondary_pillars)
    action.priorities.set(priorities)
    return action, True


@transaction.atomic
def action_add_update(*, action, user, date, status, percent_complete, narrative):
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
    action.status = status
    action.percent_complete = percent_complete
    action.schedule_reminder()
    action.save(update_fields=["status", "percent_complete", "next_reminder_at"])
    return update, True


def action_reminders_claim(*, now):
    """Claim every action whose reminder is due; return [(pk, kind)] claimed.

    Each row is claimed with a conditional UPDATE that matches only if
    `next_reminder_at` is still the value read, so when two beat runs or two
    workers race, exactly one of them wins each row and the owner is told once.
    """
    claimed = []
    for action in Action.objects.reminder_due(now).select_related("owner_person"):
        kind = action.reminder_kind_at(now)
        seen_at = action.next_reminder_at
        action.last_reminder = kind
        action.schedule_reminder()
        won = Action.objects.filter(pk=action.pk, next_reminder_at=seen_at).update(
            next_reminder_at=action.next_reminder_at,
            last_reminder=kind,
            reminders_sent=F("reminders_sent") + 1,
        )
        if won:
            claimed.append((action.pk, kind))
    return claimed
