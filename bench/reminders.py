"""Reminders per second end to end, against Celery's own round trip of an
empty task, in the same run; and a check that each is sent exactly once.

Both go through Redis and a real Celery worker (solo pool, in this process):

1. N empty tasks (`hwbb.tasks.ping`): sent, run, and their results read back;
2. N actions whose overdue reminder is due: the beat task finds them and
   queues a notification each, the worker claims and renders each, and the
   email reaches the mail backend (Django's in-memory one). Meanwhile the beat
   task runs again and a tenth of them are handed to the queue a second time:
   every reminder must still reach the backend exactly once, or the run fails.

It prints items per second and the time per item as a multiple of the empty
task's; ratios, not seconds, are what to compare between machines.

    make bench                                  # or:
    BENCH_REMINDERS=2000 .venv/bin/python bench/reminders.py

BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hwbb_bench) is
dropped and created afresh; BENCH_REDIS_URL defaults to redis://127.0.0.1:6379/14.
"""

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.throwaway import URL, recreate_database  # noqa: E402

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
COUNT = int(os.environ.get("BENCH_REMINDERS", "10000"))
os.environ.update(
    DEBUG="0",  # as in production: no query log kept in memory
    SECRET_KEY="bench-only-secret-key-not-used-anywhere-else-0123456789",
    ALLOWED_HOSTS="localhost",
    DATABASE_URL=URL,
    CELERY_BROKER_URL=REDIS,
    CELERY_RESULT_BACKEND=REDIS,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hwbb.settings")

recreate_database()

import django  # noqa: E402

django.setup()

from celery.contrib.testing.worker import start_worker  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def _wait(predicate, timeout=900):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.02)


def _exactly_once(outbox, count):
    """Every reminder reached the mail backend, and none twice."""
    copies = Counter(message.subject for message in outbox)
    doubled = sum(1 for n in copies.values() if n > 1)
    if len(outbox) != count or len(copies) != count or doubled:
        raise SystemExit(
            f"not exactly once: {len(outbox)} sent, {len(copies)} distinct, "
            f"{doubled} doubled, of {count}"
        )


def main():
    setup_test_environment()  # the in-memory mail outbox
    call_command("migrate", verbosity=0)
    from hwbb import notify
    from hwbb.celery import app
    from hwbb.models import Notification
    from hwbb.tasks import ping, plan_notifications
    from tests import factories

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    owner = factories.PersonFactory(email="owner@example.org")
    factories.due_reminders(COUNT, owner)
    with start_worker(app, pool="solo", perform_ping_check=False):
        ping.delay().get(timeout=30)  # warm up
        start = time.perf_counter()
        results = [ping.delay() for _ in range(COUNT)]
        for result in results:
            result.get(timeout=300)
        empty = time.perf_counter() - start

        start = time.perf_counter()
        plan_notifications()
        queued = time.perf_counter() - start
        again = time.perf_counter()
        if plan_notifications():  # the beat runs again: nothing new
            raise SystemExit("the second beat run queued reminders again")
        again = time.perf_counter() - again
        doubled = Notification.objects.values_list("pk", flat=True)[: COUNT // 10]
        for pk in doubled:
            notify.hand_over(pk)
        _wait(lambda: Notification.objects.filter(status="sent").count() == COUNT)
        reminders = time.perf_counter() - start
        # One worker takes tasks in order: once a ping sent now comes back,
        # the copies handed over twice have all been run.
        ping.delay().get(timeout=900)
    _exactly_once(mail.outbox, COUNT)
    print(f"(the beat task found and queued all {COUNT} in {queued:.1f} s;")
    print(f" run again, it found nothing new in {again:.1f} s;")
    print(f" {len(doubled)} handed over twice, each still sent exactly once)")
    print(f"{COUNT} items through Redis and one worker (solo pool)")
    print(f"{'':<34}{'seconds':>9}{'per second':>12}{'x empty task':>14}")
    for name, seconds in (
        ("empty task, round trip", empty),
        ("reminder, due to mail backend", reminders),
    ):
        print(
            f"{name:<34}{seconds:>9.1f}{COUNT / seconds:>12.0f}{seconds / empty:>14.1f}"
        )


if __name__ == "__main__":
    main()
