"""Each web process and worker keeps its database connection between requests
and tasks (CONN_MAX_AGE), and replaces one the database has dropped before a
request or task uses it (CONN_HEALTH_CHECKS), rather than failing on it."""

import pytest
from celery import shared_task
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


@shared_task(name="tests.backend_pid")
def backend_pid():
    """The PostgreSQL process serving this thread's connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _drop(pid):
    """What a database restart or failover does to a connection: end it."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def test_connections_are_kept_and_checked_by_default():
    default = settings.DATABASES["default"]
    assert default["CONN_MAX_AGE"] == 60 and default["CONN_HEALTH_CHECKS"]


def test_a_request_keeps_the_connection_and_replaces_a_dropped_one():
    request_started.send(sender=None)
    pid = backend_pid()
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert backend_pid() == pid  # no new connection for the next request
    request_finished.send(sender=None)
    _drop(pid)
    request_started.send(sender=None)
    assert backend_pid() != pid  # replaced, not an OperationalError
    request_finished.send(sender=None)


@pytest.mark.redis
def test_a_worker_keeps_its_connection_and_replaces_a_dropped_one(redis_app):
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        pid = backend_pid.delay().get(timeout=20)
        assert backend_pid.delay().get(timeout=20) == pid
        _drop(pid)
        assert backend_pid.delay().get(timeout=20) != pid
