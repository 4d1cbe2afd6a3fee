"""The planning task through a real Redis broker and a real Celery worker."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail
from django.utils import timezone

from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from tests import factories
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_overdue_reminder_is_sent_once_by_a_real_worker(redis_app):
    action = factories.ActionFactory(
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        owner_person__email="owner@example.org",
    )
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        result = plan_notifications.delay()
        assert not isinstance(result, EagerResult)  # it went through Redis
        assert result.get(timeout=20) == 1
        assert wait_for(lambda: len(mail.outbox) == 1)
        # A second beat run finds nothing new to queue.
        assert plan_notifications.delay().get(timeout=20) == 0
        time.sleep(0.5)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Overdue action:")
    assert Notification.objects.filter(object_id=action.pk).count() == 1
