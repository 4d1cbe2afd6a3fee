"""Actions: creation, progress updates and an officer's RAG status."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone

from hwbb import audit
from meetings.models import Action, ActionUpdate, Resolution

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
    action.take_tags_from(_decided_in(action))
    return action, True


def _decided_in(action):
    """The resolution an action comes from: its clause's, else its minute's."""
    if action.resolution_clause_id:
        return action.resolution_clause.resolution
    if action.minute_id:
        return Resolution.objects.filter(minute_id=action.minute_id).first()
    return None


@transaction.atomic
def action_add_update(
    *, action, user, date, status, percent_complete, narrative, closing_note=""
):
    """Record a progress update and carry its status onto the action.

    The update and the action it would leave are checked together, so every
    mistake is said at once (ValidationError, by field). An update dated before
    the newest is a late record of an earlier one: it goes in the history and
    leaves the action's status alone, so it may not close the action.

    The action row is locked so two updates at once apply in turn; an identical
    update from the same person moments later (a double submit) is not repeated.
    Returns (update, created).
    """
    action = Action.objects.select_for_update().get(pk=action.pk)
    update = ActionUpdate(
        action=action,
        author=user,
        author_person=getattr(user, "person", None),
        date=date,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative,
    )
    newest = action.newest_update_date()
    late = newest is not None and date is not None and date < newest
    action.status = status
    action.percent_complete = percent_complete
    if status in Action.CLOSED:
        action.closing_note = closing_note
    _check(update, action, late=late, newest=newest)
    recent = action.updates.filter(
        author=user,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative,
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if recent is not None:
        return recent, False
    update.save()
    audit.record(
        audit.Kind.CHANGED,
        actor=user,
        obj=action,
        detail=f"Progress update: {update.get_status_display()}, "
        f"{percent_complete}% complete" + (" (a late record)" if late else ""),
    )
    if late:
        return update, True
    action.save(update_fields=["status", "percent_complete", "closing_note"])
    return update, True


def _check(update, action, *, late, newest):
    """The update's own rules, then the action's as the update would leave it
    (leaving out a field the update already refused, so a mistake is said
    once), then the rule across updates: a late one may not close the action."""
    errors = {}
    try:
        update.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        action.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if late and action.is_closed and "date" not in errors:
        errors["date"] = [
            "An update that closes the action must be dated on or after its "
            f"newest update, of {formats.date_format(newest, 'j F Y')}"
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_set_rag(*, action, rag, reason):
    """Set (or, with rag "", clear) the officer's RAG status and its reason.

    The row is locked so two officers at once apply in turn; the last one's
    RAG stands, and each is kept in the action's history. Returns the action.
    """
    action = Action.objects.select_for_update().get(pk=action.pk)
    action.rag_override = rag
    action.rag_override_reason = reason.strip() if rag else ""
    action.full_clean()
    action.save(update_fields=["rag_override", "rag_override_reason"])
    said = f"RAG set to {rag}: {action.rag_override_reason}" if rag else "RAG cleared"
    audit.record(audit.Kind.CHANGED, obj=action, detail=said)
    return action
