"""HWBB past one server (README, "Beyond one machine"): two web processes
(gunicorn, as docker-compose runs it) and two Celery workers on one
PostgreSQL database and one Redis, each a real process.

A cached page edited through one web process shows the edit at once through
the other, and each reminder still goes exactly once with two workers taking
the queue. The cache is the one this branch keeps in Redis, the indicator
judgements behind the indicator list, the dashboards and the golden thread
(indicators/summary.py); a page cache kept in the same Redis is shared the same
way."""

import email
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from hwbb import notify
from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from indicators.models import Area, Indicator, IndicatorValue
from tests import factories
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
REMINDERS = 200


def _env(redis_url, **extra):
    """The environment every process of the deployment shares: one database,
    one Redis for the cache and the broker, one secret key."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hwbb.settings",
        "DEBUG": "1",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CACHE_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        **extra,
    }


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(stack, args, env, log):
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )

    def stop():
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()

    stack.callback(stop)
    return process


def _web(stack, redis_url, log):
    """A gunicorn on a port of its own; its base URL once it answers."""
    port = _free_port()
    _start(
        stack,
        [sys.executable, "-m", "gunicorn", "hwbb.wsgi", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}"],
        _env(redis_url),
        log,
    )
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: _answers(base), timeout=60), f"no web at {base}"
    return base


def _answers(base):
    try:
        return urllib.request.urlopen(base + "/", timeout=5).status == 200
    except OSError:
        return False


def _worker(stack, redis_url, name, mail_dir, log):
    mail = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    _start(
        stack,
        [sys.executable, "-m", "celery", "-A", "hwbb", "worker", "--pool=solo"]
        + ["--loglevel=warning", "--without-gossip", "--without-mingle"]
        + ["--hostname", f"{name}@%h"],
        _env(redis_url, **mail),
        log,
    )


def _get(opener, url):
    with opener.open(url, timeout=30) as response:
        return response.read().decode()


def _signed_in(user):
    """An opener holding a session of `user`, made in the shared database: any
    web process reads it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # the backend that keeps users (the throttle's, first, only refuses)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if not b.startswith("axes.")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    jar = http.cookiejar.CookieJar()
    jar.set_cookie(
        http.cookiejar.Cookie(
            0, settings.SESSION_COOKIE_NAME, session.session_key, None, False,
            "127.0.0.1", False, False, "/", True, False, None, True, None, None, {},
        )
    )  # fmt: skip
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _post_form(opener, url, fields):
    page = _get(opener, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
    with opener.open(url, data=data.encode(), timeout=30) as response:
        return response.geturl()


@pytest.fixture
def shared_cache(redis_url):
    """The Redis the web processes cache in, without the entries an earlier
    run left (a page cached for the same address would outlive its rows)."""
    client = redis.Redis.from_url(redis_url)
    # Django's cache keys (the database's prefix, the version); not the queue
    for key in client.scan_iter("*:1:*"):
        client.delete(key)
    return client


@pytest.fixture
def fuel_poverty(db):
    """A local indicator: England for 2016 and 2017, Coventry for 2016 only."""
    england = Area.objects.create(
        code=settings.COMPARATOR_AREA_CODE, name="England", area_type="country"
    )
    home = Area.objects.create(
        code=settings.HOME_AREA_CODE, name="Coventry", area_type="local_authority"
    )
    indicator = Indicator.objects.create(
        name="Households in fuel poverty", slug="fuel-poverty"
    )
    for area, period, value in ((england, 2016, 10.1), (england, 2017, 10.7)):
        IndicatorValue.objects.create(
            indicator=indicator,
            area=area,
            period_label=str(period),
            period_key=f"{period}0000",
            value=value,
        )
    IndicatorValue.objects.create(
        indicator=indicator,
        area=home,
        period_label="2016",
        period_key="20160000",
        value=12.5,
    )
    return indicator


def test_an_edit_through_one_web_process_shows_at_once_through_the_other(
    redis_url, shared_cache, fuel_poverty, officer, tmp_path
):
    with ExitStack() as stack, open(tmp_path / "web.log", "w") as log:
        one, other = _web(stack, redis_url, log), _web(stack, redis_url, log)
        reader = urllib.request.build_opener()
        assert "12.5" in _get(reader, one + "/indicators/")
        assert list(shared_cache.scan_iter("*:1:indicators:data-version"))
        # Changed behind the app's back (no signal): both still show what
        # the first page computed and cached in the shared Redis.
        IndicatorValue.objects.filter(value=12.5).update(value=12.6)
        for web in (one, other):
            page = _get(reader, web + "/indicators/")
            assert "12.5" in page and "12.6" not in page
        # An officer enters Coventry's 2017 value through the first process...
        landed = _post_form(
            _signed_in(officer),
            one + "/indicators/values/new/",
            {
                "indicator": fuel_poverty.pk,
                "area_code": settings.HOME_AREA_CODE,
                "period_label": "2017",
                "value": "9.4",
                "sex": "Persons",
                "age": "All ages",
            },
        )
        assert landed.endswith("/indicators/fuel-poverty/")
        # ...and the second shows it on its very next page, as does the first.
        for web in (other, one):
            page = _get(reader, web + "/indicators/")
            assert "9.4" in page and "12.5" not in page


def _message_ids(mail_dir):
    ids = []
    for path in mail_dir.iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                ids.append(email.message_from_string(chunk.strip())["Message-ID"])
    return ids


def _sent():
    return Notification.objects.filter(status="sent").count()


def test_each_reminder_goes_once_with_two_workers(redis_app, tmp_path):
    owner = factories.PersonFactory(email="owner@example.org")
    factories.due_reminders(REMINDERS, owner)
    mail = {name: tmp_path / name for name in ("first", "second")}
    with ExitStack() as stack, open(tmp_path / "workers.log", "w") as log:
        for name, mail_dir in mail.items():
            mail_dir.mkdir()
            _worker(stack, redis_app.conf.broker_url, name, mail_dir, log)
        names = {f"{name}@{socket.gethostname()}" for name in mail}
        assert wait_for(
            lambda: names <= {n for r in redis_app.control.ping() for n in r},
            timeout=60,
        ), "the two workers did not start"
        assert plan_notifications() == REMINDERS
        assert plan_notifications() == 0  # the beat runs again
        again = Notification.objects.values_list("pk", flat=True)[: REMINDERS // 2]
        assert sum(notify.hand_over(pk) for pk in again) == REMINDERS // 2
        assert wait_for(lambda: _sent() == REMINDERS, timeout=300)
        time.sleep(2)  # the copies handed over twice are taken: they send nothing
    ids = {name: _message_ids(mail_dir) for name, mail_dir in mail.items()}
    copies = Counter(ids["first"] + ids["second"])
    assert len(copies) == REMINDERS and set(copies.values()) == {1}
    assert ids["first"] and ids["second"]  # both workers took reminders
    assert Notification.objects.filter(attempts=1).count() == REMINDERS
