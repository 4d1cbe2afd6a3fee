from celery import shared_task
from django.db import transaction
from django.utils import timezone

from strategy import progress
from strategy.models import ProgressReport


@shared_task
def request_scheduled_progress_reports():
    """Beat task: ask each lead whose schedule is due for a return."""
    return len(progress.requests_due())


@shared_task
def send_due_progress_reminders():
    """Beat task: claim due reminders and queue each as a notification."""
    with transaction.atomic():
        claimed = progress.reminders_claim(now=timezone.now())
        reports = ProgressReport.objects.select_related(
            "requested_of", "priority"
        ).in_bulk([pk for pk, _ in claimed])
        for pk, kind in claimed:
            progress.notify_lead(reports[pk], kind)
    return len(claimed)
