"""A few hundred due reminders through Redis and a real Celery worker: each
sent exactly once, even when the beat task runs twice and a hundred of them
are handed to the queue a second time. The 10,000-reminder load is
bench/reminders.py (`make bench`)."""

import time
from collections import Counter

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from hwbb import notify
from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from tests import factories
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

COUNT = 300


def test_due_reminders_are_each_sent_exactly_once(redis_app):
    owner = factories.PersonFactory(email="owner@example.org")
    factories.due_reminders(COUNT, owner)
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        assert plan_notifications() == COUNT
        assert plan_notifications() == 0  # the beat runs again
        again = Notification.objects.values_list("pk", flat=True)[:100]
        assert sum(notify.hand_over(pk) for pk in again) == 100  # duplicates
        assert wait_for(
            lambda: Notification.objects.filter(status="sent").count() == COUNT,
            timeout=300,
        )
        time.sleep(1)  # let any duplicate deliveries finish: they must send nothing
    assert len(mail.outbox) == COUNT
    subjects = Counter(m.subject for m in mail.outbox)
    assert len(subjects) == COUNT and set(subjects.values()) == {1}
    assert Notification.objects.filter(attempts=1).count() == COUNT
