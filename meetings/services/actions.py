"""Actions: creation and progress updates."""

import datetime

from django.db import transaction
from django.utils import timezone

from meetings.models import Action, ActionUpdate

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
