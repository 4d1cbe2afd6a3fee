from celery import shared_task
from django.db import transaction
from django.utils import timezone

from hwbb import notify
from meetings import deadlines, services
from meetings.models import Action, Meeting


@shared_task
def send_due_action_reminders():
    """Beat task: claim due reminders and queue each as a notification, which
    its own task sends."""
    with transaction.atomic():
        claimed = services.action_reminders_claim(now=timezone.now())
        actions = Action.objects.select_related("owner_person").in_bulk(
            [pk for pk, _ in claimed]
        )
        for pk, kind in claimed:
            action = actions[pk]
            notify.queue(
                kind=f"action_{kind}",
                person=action.owner_person,
                target=action,
                key=f"action_{kind}:action-{pk}:due-{action.due_date}",
                about=action.title,
            )
    return len(claimed)


@shared_task
def plan_deadline_reminders():
    """Beat task: queue every reminder the cycle's deadlines call for now;
    each is queued once, however often this runs (meetings/deadlines.py)."""
    queued = 0
    with transaction.atomic():
        for reminder in deadlines.due():
            queued += notify.queue(**reminder)[1]
    return queued


@shared_task
def build_agenda_packs(meeting_pk):
    """Build the meeting's agenda packs where anything in them changed."""
    meeting = Meeting.objects.select_related("body", "contact_officer").get(
        pk=meeting_pk
    )
    return services.agenda_pack_build(meeting=meeting)


@shared_task
def refresh_agenda_packs():
    """Beat task: rebuild the agenda packs whose content changed since they
    were built (meetings/services/agenda.py, agenda_pack_sweep)."""
    return services.agenda_pack_sweep(now=timezone.now())
