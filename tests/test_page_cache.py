"""Public pages are cached for readers who are not signed in, under a version
of the data: an edit shows at once, in this process and in another sharing
Redis; a page rendered for a signed-in reader never reaches anyone else."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hwbb import pagecache
from meetings import services
from meetings.views import home
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


@pytest.fixture
def public(hwb, exempt):
    """A public meeting with an item, its minute and an action, tagged to a
    priority and a pillar, beside Part 2 business at another meeting."""
    priority, pillar = exempt["priority"], exempt["pillar"]
    item = factories.AgendaItemFactory(
        title="Better Care Fund plan", primary_pillar=pillar
    )
    item.priorities.add(priority)
    minute = factories.MinuteFactory(
        meeting=item.meeting, agenda_item=item, title="Better Care Fund plan"
    )
    return {"item": item, "minute": minute, "priority": priority, "pillar": pillar}


def _get(client, url):
    """The page's HTML, and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _urls(public):
    meeting, pillar = public["item"].meeting, public["pillar"]
    return {
        "home": reverse("home"),
        "meeting": reverse("meetings:detail", args=[meeting.pk]),
        "minutes": reverse("meetings:minutes", args=[meeting.pk]),
        "priority": reverse("strategy:priority", args=[public["priority"].slug]),
        "pillar": reverse("strategy:pillar", args=[pillar.framework.slug, pillar.code]),
        "dashboard": reverse("strategy:dashboard"),
        "overview": reverse("strategy:overview"),
        "decisions": reverse("meetings:decisions"),
        "action log": reverse("meetings:action_log", args=[meeting.body.slug]),
        "search": reverse("search") + "?q=Better+Care",
    }


def test_a_second_reader_is_served_from_the_cache(client, public):
    for name, url in _urls(public).items():
        first, _ = _get(client, url)
        again, queries = _get(client, url)
        assert (again, queries) == (first, 0), name


EDITS = {  # page: (what changes, what the page shows then)
    "meeting": (lambda p: _rename(p["item"], "Carers strategy"), "Carers strategy"),
    "minutes": (lambda p: _rename(p["minute"], "Carers strategy"), "Carers strategy"),
    "priority": (lambda p: _rename(p["priority"], "Carers first"), "Carers first"),
    "pillar": (lambda p: _rename(p["item"], "Carers strategy"), "Carers strategy"),
    "home": (lambda p: _move(p["item"].meeting, "Diamond Room"), "Diamond Room"),
    "dashboard": (lambda p: _tag(p["priority"], p["pillar"]), "Carers strategy"),
    "search": (
        lambda p: _rename(p["item"], "Better Care for carers"),
        "for carers",
    ),
}


@pytest.mark.parametrize("page", sorted(EDITS))
def test_an_edit_shows_at_once(client, public, page):
    edit, shown = EDITS[page]
    url = _urls(public)[page]
    assert shown not in _get(client, url)[0]
    edit(public)
    html, queries = _get(client, url)
    assert shown in html and queries > 0


def _rename(obj, title):
    obj.title = title
    obj.save()


def _move(meeting, venue):
    meeting.start = meeting.start.replace(year=2099)  # to come: on the home page
    meeting.venue = venue
    meeting.save()


def _tag(priority, pillar):
    """A priority on the pillar's part of the dashboard: a many-to-many row."""
    carers = factories.PriorityFactory(
        title="Carers strategy", version=priority.version
    )
    carers.pillars.add(pillar)


def test_renumbering_an_agenda_shows_at_once(client, public):
    first = public["item"]
    second = factories.AgendaItemFactory(meeting=first.meeting, title="Carers strategy")
    url = _urls(public)["meeting"]
    html, _ = _get(client, url)
    assert html.index("Better Care Fund plan") < html.index("Carers strategy")
    services.agenda_item_move(item=second, up=True)  # update(), no signal
    html, _ = _get(client, url)
    assert html.index("Carers strategy") < html.index("Better Care Fund plan")


def test_a_page_rendered_for_a_signed_in_reader_never_reaches_the_public(
    client, public, exempt, officer
):
    secret = factories.Closed.TITLE
    urls = [
        _urls(public)["priority"],
        reverse("meetings:detail", args=[exempt["meeting"].pk]),
    ]
    client.force_login(officer)
    for url in urls:
        assert secret in client.get(url).content.decode()  # the officer's page
    client.logout()
    for url in urls:
        html, queries = _get(client, url)
        assert secret not in html and queries > 0, url


def test_a_signed_in_reader_is_never_served_the_public_copy(
    client, public, exempt, officer
):
    url = reverse("meetings:detail", args=[exempt["meeting"].pk])
    _get(client, url)
    _get(client, url)  # cached now, for those not signed in
    client.force_login(officer)
    html, queries = _get(client, url)
    assert factories.Closed.TITLE in html and "Sign out" in html and queries > 0


def test_a_signed_in_reader_is_served_their_own_copy(client, public, exempt, member):
    """The second view of a page is the reader's own cached copy: the same
    page, without the view's queries, and private to every cache on the way."""
    client.force_login(member)
    url = reverse("meetings:detail", args=[exempt["meeting"].pk])
    _get(client, url)  # the first page sets the CSRF cookie: not stored
    first, rendered = _get(client, url)
    again, served = _get(client, url)
    assert again == first and factories.Closed.TITLE in again
    assert served < rendered
    assert "private" in client.get(url)["Cache-Control"]


def test_a_signed_in_readers_copy_reaches_nobody_else(
    client, public, exempt, officer, outsider
):
    """The officer's page (Part 2 open) is cached for the officer; the public,
    a signed-in reader with no role, and the officer in another browser each
    get a page rendered for them."""
    url = reverse("meetings:detail", args=[exempt["meeting"].pk])
    client.force_login(officer)
    _get(client, url)  # the first page sets the CSRF cookie: not stored
    _get(client, url)
    _, served = _get(client, url)
    for reader in (None, outsider, officer):
        other = Client()
        if reader is not None:
            other.force_login(reader)
        html, queries = _get(other, url)
        assert queries > served, reader
        if reader is not officer:
            assert factories.Closed.TITLE not in html, reader


def test_a_readers_cached_page_keeps_a_csrf_token_their_cookie_accepts(
    client, public, member
):
    """The sign-out form on a cached page posts with the token in it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get(reverse("home"))
    client.get(reverse("home"))
    html = client.get(reverse("home")).content.decode()  # from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.parametrize("page", sorted(EDITS))
def test_an_edit_shows_at_once_to_a_signed_in_reader(client, public, member, page):
    client.force_login(member)
    edit, shown = EDITS[page]
    url = _urls(public)[page]
    _get(client, url)
    assert shown not in _get(client, url)[0]
    edit(public)
    assert shown in _get(client, url)[0]


def test_a_change_of_role_shows_at_once(client, public, member):
    client.force_login(member)
    url = reverse("home")
    assert "Board member" in _get(client, url)[0]
    _get(client, url)
    member.groups.clear()
    assert "Board member" not in _get(client, url)[0]


def test_signing_in_keeps_the_public_pages_cached(client, public, member):
    before = pagecache.data_version()
    client.force_login(member)  # writes last_login
    assert pagecache.data_version() == before


def _anonymous_request(**cookies):
    request = RequestFactory().get(reverse("home"))
    request.user, request.COOKIES = AnonymousUser(), cookies
    request._messages = CookieStorage(request)
    return request


def test_a_page_with_a_message_is_neither_stored_nor_served(public):
    told = _anonymous_request()
    messages.info(told, "You have signed out.")
    assert "You have signed out." in home(told).content.decode()
    response = home(_anonymous_request())
    assert "You have signed out." not in response.content.decode()


def test_browsers_are_asked_to_check_again_each_time(client, public):
    for _ in range(2):  # rendered, then from the cache
        response = client.get(reverse("home"))
        assert "max-age=0" in response["Cache-Control"]


def test_a_new_version_whenever_a_watched_row_changes(public):
    before = pagecache.data_version()
    public["item"].secondary_pillars.add(public["pillar"])
    assert pagecache.data_version() != before


SECOND_PROCESS = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
from django.conf import settings
settings.CACHES = json.loads(sys.argv[1])
settings.DATABASES["default"]["NAME"] = sys.argv[2]
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get(sys.argv[3])
assert response.status_code == 200, response.status_code
sys.stdout.write(response.content.decode())
"""


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_an_edit_in_one_process_shows_at_once_in_another(client, settings, redis_url):
    """Two web processes share Redis: each serves the page the other cached,
    until an edit in either sets a new version."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "test-page-cache",
        }
    }
    pagecache.cache.clear()
    item = factories.AgendaItemFactory(title="Better Care Fund plan")
    url = reverse("meetings:detail", args=[item.meeting.pk])

    def other_process():
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                SECOND_PROCESS,
                json.dumps(settings.CACHES),
                connection.settings_dict["NAME"],
                url,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "Better Care Fund plan" in other_process()  # cached there
    html, queries = _get(client, url)
    assert "Better Care Fund plan" in html and queries == 0  # and served here
    _rename(item, "Carers strategy")  # an edit here...
    assert "Carers strategy" in other_process()  # ...shows there at once
    item.refresh_from_db()
    factories.AgendaItemFactory(meeting=item.meeting, title="Young carers")
    assert "Young carers" in other_process()
    html, queries = _get(client, url)
    assert "Young carers" in html


def test_a_page_written_in_pieces_is_stored_and_sent_as_one(client, public):
    """A syndication feed writes each element to its response; served from the
    cache so, a WSGI server sends each piece with a write of its own."""
    url = reverse("meetings:feed")
    first = client.get(url)
    again = client.get(url)
    assert again.content == first.content
    assert (len(list(first)), len(list(again))) == (1, 1)
