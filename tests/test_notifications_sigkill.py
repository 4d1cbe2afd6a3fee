"""A Celery worker killed with SIGKILL in the middle of a batch, and another
started: no notification is lost, and none is sent twice, except that the one
the dead worker may have handed to the mail server just before it died, and
not yet recorded, is sent again with the same Message-ID (which mail systems
that collapse duplicates show once). Nothing can know whether a mail server
took a message from a process killed at that instant.

The workers are real processes on the test database and Redis; the mail goes
to files, one per message."""

import datetime
import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification
from tests import factories
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

COUNT = 1500
ROOT = Path(__file__).resolve().parent.parent


def _worker(redis_url, mail_dir, log):
    db = settings.DATABASES["default"]
    url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hwbb.settings",
        "DEBUG": "1",
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "hwbb", "worker", "--pool=solo"]
        + ["--loglevel=warning", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _message_ids(mail_dir):
    ids = []
    for path in mail_dir.iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                ids.append(email.message_from_string(chunk.strip())["Message-ID"])
    return ids


def _sent():
    return Notification.objects.filter(status="sent").count()


def _wait_until_idle(quiet=2.0):
    """Until the number sent has not changed for `quiet` seconds."""
    last, since = _sent(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.1)
        now = _sent()
        if now != last:
            last, since = now, time.monotonic()


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(redis_app, tmp_path):
    owner = factories.PersonFactory(email="owner@example.org")
    action = factories.ActionFactory(owner_person=owner)
    with transaction.atomic():
        for n in range(COUNT):
            notify.queue(
                kind="action_overdue",
                person=owner,
                target=action,
                key=f"kill-test-{n}",
                about=f"Reminder {n}",
            )
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    with open(tmp_path / "worker.log", "w") as log:
        first = _worker(redis_app.conf.broker_url, mail_dir, log)
        assert wait_for(lambda: _sent() >= 200, timeout=120), "worker did not start"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        killed_at = _sent()
        assert killed_at < COUNT  # killed in the middle of the batch
        in_flight = set(
            Notification.objects.filter(status="sending").values_list("pk", flat=True)
        )
        assert len(in_flight) <= 1  # one worker, one message at a time

        second = _worker(redis_app.conf.broker_url, mail_dir, log)
        try:
            # The message the dead worker held is not acknowledged, so Redis
            # keeps it; the sweep, run as it would be 20 minutes later, finds
            # its row "being sent" (or still pending) and hands it over again.
            assert wait_for(lambda: _sent() >= COUNT - 1, timeout=300)
            _wait_until_idle()  # the live worker must not be mid-send
            later = timezone.now() + datetime.timedelta(minutes=20)
            notify.sweep(now=later)
            assert wait_for(lambda: _sent() == COUNT, timeout=120)
        finally:
            second.terminate()
            second.wait(timeout=30)
    copies = Counter(_message_ids(mail_dir))
    assert len(copies) == COUNT  # none lost: every notification, once by its id
    doubled = {mid for mid, n in copies.items() if n > 1}
    allowed = {f"<notification-{pk}@127.0.0.1>" for pk in in_flight}
    assert doubled <= allowed, doubled  # only the one in flight, if any
    assert Notification.objects.filter(status="sent").count() == COUNT
    print(f"killed after {killed_at} of {COUNT} sent; sent again: {len(doubled)}")
