"""The progress-report beat tasks through a real Redis broker and a real
Celery worker: a schedule's request, then its overdue reminder, each once."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail
from django.utils import timezone

from hwbb.tasks import plan_notifications
from strategy import tasks
from strategy.models import ProgressReport, ReportingSchedule
from tests import factories
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_schedule_asks_once_and_reminds_once_through_a_real_worker(redis_app):
    lead = factories.PersonFactory(email="liz.gaulton@example.coventry.gov.uk")
    priority = factories.PriorityFactory(title="Improving mental health for all")
    ReportingSchedule.objects.create(
        priority=priority,
        body=factories.BodyFactory(),
        lead=lead,
        next_request_on=timezone.localdate(),
    )
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        result = tasks.request_scheduled_progress_reports.delay()
        assert not isinstance(result, EagerResult)  # it went through Redis
        assert result.get(timeout=20) == 1
        assert wait_for(lambda: len(mail.outbox) == 1)
        assert tasks.request_scheduled_progress_reports.delay().get(timeout=20) == 0

        report = ProgressReport.objects.get()
        past = timezone.localdate() - datetime.timedelta(days=2)
        report.due_date = past  # the overdue reminder, due yesterday morning
        report.save()
        assert plan_notifications.delay().get(timeout=20) == 1
        assert wait_for(lambda: len(mail.outbox) == 2)
        assert plan_notifications.delay().get(timeout=20) == 0
        time.sleep(0.5)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Progress report requested: Improving mental health for all",
        "Progress report overdue: Improving mental health for all",
    ]
