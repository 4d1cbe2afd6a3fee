"""Redis stops while an officer publishes an agenda: the publication succeeds,
the officer is told the notices are waiting, and once Redis is back the sweep
hands them to a real worker, which sends each exactly once."""

import datetime
import shutil
import socket
import subprocess
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification
from meetings import services
from tests import factories
from tests.conftest import (
    _reset_celery_pools,
    end_worker_connections,
    service_missing,
)
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own, which the test may stop and start
    without touching the machine's Redis."""

    def __init__(self):
        self.port, self.process = _free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not installed (Debian package redis-server)")
    from hwbb.celery import app

    redis = PrivateRedis()
    redis.start()
    saved = {
        k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")
    }
    app.conf.update(
        broker_url=redis.url, result_backend=redis.url, task_always_eager=False
    )
    _reset_celery_pools(app)
    yield app, redis
    app.conf.update(saved)
    _reset_celery_pools(app)
    end_worker_connections()
    if redis.process.poll() is None:
        redis.stop()


def test_publishing_while_redis_is_down_loses_and_doubles_nothing(
    private_redis, client, hwb, chair, member, officer
):
    app, redis = private_redis
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=meeting, number=1)
    services.agenda_sign_off(meeting=meeting, user=chair)
    redis.stop()

    client.force_login(officer)
    started = time.monotonic()
    response = client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert time.monotonic() - started < 15  # the page does not hang on the broker
    meeting.refresh_from_db()
    assert meeting.agenda_is_public  # the publication succeeded
    assert "notice(s) to members are waiting" in response.text
    rows = Notification.objects.filter(kind="agenda_published")
    assert rows.count() == 2
    assert set(rows.values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []

    redis.start()
    _reset_celery_pools(app)
    with start_worker(app, pool="solo", perform_ping_check=False):
        assert notify.sweep() == 2
        assert wait_for(lambda: len(mail.outbox) == 2)
        assert notify.sweep() == 0  # nothing left to hand over
        time.sleep(0.5)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [chair.person.email, member.person.email]
    )
    assert set(rows.values_list("status", flat=True)) == {"sent"}
