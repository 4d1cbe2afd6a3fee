import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from hwbb import emails
from meetings import services
from meetings.models import Action, AgendaSupplement, Meeting, Person


@shared_task
def send_due_action_reminders():
    """Beat task: claim due reminders, then send each in its own task."""
    with transaction.atomic():
        claimed = services.action_reminders_claim(now=timezone.now())
        for pk, kind in claimed:
            transaction.on_commit(
                lambda pk=pk, kind=kind: send_action_reminder.delay(pk, kind)
            )
    return len(claimed)


@shared_task(bind=True, max_retries=5)
def send_action_reminder(self, action_pk, kind):
    action = Action.objects.select_related("owner_person").get(pk=action_pk)
    if action.is_closed:
        return "closed"
    try:
        emails.action_reminder(action, kind)
    except (smtplib.SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    return "sent"


@shared_task(bind=True, max_retries=5)
def send_meeting_notice(self, meeting_pk, person_pk, kind, supplement_pk=None):
    """Tell one member about a meeting: agenda published, a supplement, or the
    meeting rescheduled or cancelled."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting_pk)
    person = Person.objects.get(pk=person_pk)
    supplement = AgendaSupplement.objects.filter(pk=supplement_pk).first()
    try:
        emails.meeting_notice(meeting, person, kind, supplement)
    except (smtplib.SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    return "sent"


@shared_task
def build_agenda_packs(meeting_pk):
    """Build the meeting's agenda packs where anything in them changed."""
    meeting = Meeting.objects.select_related("body", "contact_officer").get(
        pk=meeting_pk
    )
    return services.agenda_pack_build(meeting=meeting)
