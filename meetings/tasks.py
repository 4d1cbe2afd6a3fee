from celery import shared_task
from django.utils import timezone

from hwbb import notify
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


@shared_task(acks_late=True)
def read_pack_import(pk):
    """Read an uploaded agenda pack, page by page, for its officer to check.
    Claimed first, so a task delivered twice reads it once."""
    return services.pack_import_read(pk=pk)


@shared_task
def requeue_pack_imports():
    """Beat task: hand over again the uploaded packs no worker has read
    (meetings/services/pack_imports.py, pack_import_waiting)."""
    return sum(
        notify.to_queue(read_pack_import, pk) for pk in services.pack_import_waiting()
    )
