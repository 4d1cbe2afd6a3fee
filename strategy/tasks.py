from celery import shared_task

from strategy import progress


@shared_task
def request_scheduled_progress_reports():
    """Beat task: ask each lead whose schedule is due for a return."""
    return len(progress.requests_due())
