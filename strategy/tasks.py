import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from hwbb import emails
from strategy import progress
from strategy.models import ProgressReport


@shared_task
def request_scheduled_progress_reports():
    """Beat task: ask each lead whose schedule is due for a return."""
    return len(progress.requests_due())


@shared_task
def send_due_progress_reminders():
    """Beat task: claim due reminders, then send each in its own task."""
    with transaction.atomic():
        claimed = progress.reminders_claim(now=timezone.now())
        for pk, kind in claimed:
            transaction.on_commit(
                lambda pk=pk, kind=kind: send_progress_notice.delay(pk, kind)
            )
    return len(claimed)


@shared_task(bind=True, max_retries=5)
def send_progress_notice(self, report_pk, kind):
    report = ProgressReport.objects.select_related(
        "priority__version", "requested_of", "body"
    ).get(pk=report_pk)
    if kind in ("due_soon", "overdue") and not report.is_awaited:
        return "not awaited"
    try:
        emails.progress_notice(report, kind)
    except (smtplib.SMTPException, OSError) as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    return "sent"
