"""Fingertips imports run by a Celery worker, with their progress recorded on
the ImportJob row the upload page polls."""

import datetime
import io
import logging

from celery import shared_task
from django.utils import timezone

from hwbb import notify
from indicators import fingertips
from indicators.models import ImportJob

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def run_import(job_id):
    """Import one uploaded file. Claimed with a conditional UPDATE, so a task
    delivered twice imports once."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status=ImportJob.Status.QUEUED
    ).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return None
    job = ImportJob.objects.get(pk=job_id)
    jobs = ImportJob.objects.filter(pk=job_id)
    try:
        with job.file.open("rb") as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            jobs.update(rows_total=fingertips.count_rows(stream))
            result = fingertips.import_csv(
                stream, progress=lambda n: jobs.update(rows_read=n)
            )
    except Exception as exc:  # recorded for the officer, then re-raised for logs
        jobs.update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            message=f"The import stopped: {exc}",
        )
        raise
    jobs.update(
        status=ImportJob.Status.DONE,
        finished_at=timezone.now(),
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=result.errors[: ImportJob.ERRORS_KEPT],
        error_count=len(result.errors),
    )
    logger.info("Fingertips import %s: %s", job_id, result.summary)
    return result.summary


# An upload still queued after this long was never taken by a worker (the
# broker was down, or lost it): hand it over again. run_import claims the job,
# so a copy of a task still in the queue imports nothing twice.
REQUEUE_AFTER = datetime.timedelta(minutes=15)


@shared_task
def requeue_waiting(now=None):
    """Beat task: hand over again the uploads no worker has taken."""
    now = now or timezone.now()
    waiting = ImportJob.objects.filter(
        status=ImportJob.Status.QUEUED, created_at__lt=now - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    return sum(notify.to_queue(run_import, pk) for pk in waiting)
