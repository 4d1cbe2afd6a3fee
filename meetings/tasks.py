from celery import shared_task
from django.utils import timezone

from meetings import services
from meetings.models import Meeting


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
