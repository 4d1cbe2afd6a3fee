from celery import shared_task

from meetings import services
from meetings.models import Meeting


@shared_task
def build_agenda_packs(meeting_pk):
    """Build the meeting's agenda packs where anything in them changed."""
    meeting = Meeting.objects.select_related("body", "contact_officer").get(
        pk=meeting_pk
    )
    return services.agenda_pack_build(meeting=meeting)
