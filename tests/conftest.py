"""Personas and service checks shared by every test.

A test that needs PostgreSQL, Redis or Chromium and cannot reach it fails when
CI is set, and skips with the reason only on a developer's machine.
"""

import os
import shutil
import socket
import threading
from urllib.parse import urlparse

import kombu.pools
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection

from hwbb import permissions
from tests import factories

IN_CI = bool(os.environ.get("CI"))


def service_missing(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


def _reachable(url, default_port):
    parts = urlparse(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        url = f"postgres://{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        if not _reachable(url, 5432):
            pytest.exit(
                f"PostgreSQL is not reachable at {url}. Start it, or set "
                "DATABASE_URL_TEST to a PostgreSQL server the tests may use.",
                returncode=3,
            )


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    if not _reachable(url, 6379):
        service_missing(f"Redis is not reachable at {url}")
    return url


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a new deployment would."""
    cache.clear()


def _reset_celery_pools(app):
    """Drop cached broker connections so a new broker URL is used."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()  # kombu keeps producer pools per broker URL, globally
    app._local = threading.local()  # the result backend is cached per thread


def end_worker_connections():
    """A worker keeps its database connection between tasks (CONN_MAX_AGE),
    until its process exits. A test's worker is a thread of this process, so
    its connection outlives it: end the connections other than this thread's
    to the test database once the worker has stopped, lest they pile up and
    stop the test database from being dropped."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def redis_app(redis_url):
    """The project's Celery app pointed at Redis, no longer eager; a test starts
    a real worker on it with celery.contrib.testing.worker.start_worker."""
    from hwbb.celery import app

    saved = {
        k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")
    }
    app.conf.update(
        broker_url=redis_url, result_backend=redis_url, task_always_eager=False
    )
    _reset_celery_pools(app)
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    yield app
    app.conf.update(saved)
    _reset_celery_pools(app)
    end_worker_connections()


@pytest.fixture
def chromium_path():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path or not os.path.exists(path):
        service_missing(
            f"Chromium not found at {path or 'chromium on PATH'} "
            "(make test installs Debian's chromium)"
        )
    # Debian's /usr/bin/chromium is a shell wrapper; Playwright needs the binary.
    binary = "/usr/lib/chromium/chromium"
    if path == shutil.which("chromium") and os.path.exists(binary):
        return binary
    return path


@pytest.fixture
def hwb(db):
    return factories.BodyFactory()


@pytest.fixture
def exempt(hwb):
    """Part 2 business (factories.exempt_business) for the pages', the API's
    and the exports' visibility tests."""
    return factories.exempt_business(hwb)


def _user_with_role(role, body, membership_role=None, **person_kwargs):
    permissions.ensure_role_groups()
    user = factories.UserFactory()
    if role:
        user.groups.add(Group.objects.get(name=role))
    if role == permissions.OFFICER:
        user.is_staff = True
        user.save()
    person = factories.PersonFactory(user=user, **person_kwargs)
    if membership_role:
        factories.MembershipFactory(body=body, person=person, role=membership_role)
    return user


@pytest.fixture
def officer(hwb):
    return _user_with_role(permissions.OFFICER, hwb, family_name="Knight")


@pytest.fixture
def chair(hwb):
    return _user_with_role(permissions.CHAIR, hwb, "chair", family_name="Caan")


@pytest.fixture
def member(hwb):
    return _user_with_role(permissions.MEMBER, hwb, "voting_member")


@pytest.fixture
def author(hwb):
    return _user_with_role(permissions.AUTHOR, hwb, family_name="Crawshaw")


@pytest.fixture
def outsider(db):
    """Signed in, with no role and no person record."""
    return factories.UserFactory()


@pytest.fixture
def anonymous():
    return None


PERSONAS = ["officer", "chair", "member", "author", "outsider", "anonymous"]


@pytest.fixture(params=PERSONAS)
def persona(request, client):
    """Each persona in turn: (name, user or None), with the client signed in."""
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return request.param, user
