"""The API's lists, the Open Civic Data events and the feeds are answered from
the cache (hwbb/pagecache.py), as the public pages are: an edit shows at once,
each reader (the public, a session, a token, a private calendar's address)
gets their own copy and nobody else's, and an answer carrying exempt (Part 2)
business is kept only sealed for the reader who read it."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from hwbb import licence, pagecache
from meetings.models import Body, Meeting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(hwb):
    """A meeting to come with its agenda published, an item, its minute and
    an action owned by a person with a private calendar."""
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status=Meeting.Status.SCHEDULED,
        agenda_published_at=timezone.now(),
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    item = factories.AgendaItemFactory(meeting=meeting, title="Better Care Fund plan")
    minute = factories.MinuteFactory(meeting=meeting, agenda_item=item)
    owner = factories.PersonFactory(family_name="Owner", calendar_token=uuid.uuid4())
    action = factories.ActionFactory(
        body=hwb, minute=minute, owner_person=owner, title="Draft the carers plan"
    )
    return {"meeting": meeting, "item": item, "action": action, "owner": owner}


def _urls(public):
    meeting = public["meeting"]
    return {
        "API meetings": reverse("api:meeting-list"),
        "API meeting": reverse("api:meeting-detail", args=[meeting.pk]),
        "API actions": reverse("api:action-list"),
        "API action": reverse("api:action-detail", args=[public["action"].pk]),
        "OCD events": reverse("api:ocd_events"),
        "OCD event": reverse("api:ocd_event", args=[meeting.pk]),
        "RSS": reverse("meetings:feed"),
        "calendar": reverse("meetings:calendar_all"),
        "body calendar": reverse("meetings:calendar_body", args=[meeting.body.slug]),
        "meeting calendar": reverse("meetings:meeting_ics", args=[meeting.pk]),
        "actions calendar": reverse(
            "meetings:actions_ics", args=[public["owner"].calendar_token]
        ),
    }


def _get(client, url, **headers):
    """The answer's text, and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode(), len(queries)


def _token(user):
    return {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"}


def test_a_second_reader_is_served_from_the_cache(client, public):
    for name, url in _urls(public).items():
        first, _ = _get(client, url)
        again, queries = _get(Client(), url)
        assert queries == 0, name
        # an iCalendar's DTSTAMP is the moment it was made: the same copy
        assert again == first, name


def _rename_item(p):
    p["item"].title = "Carers strategy"
    p["item"].save()
    return "Carers strategy"


def _move_meeting(p):
    p["meeting"].venue = "Diamond Room"
    p["meeting"].save()
    return "Diamond Room"


def _rename_action(p):
    p["action"].title = "Publish the carers plan"
    p["action"].save()
    return "Publish the carers plan"


def _rename_body(p):
    body = p["meeting"].body
    body.name = "Coventry Place Board"
    body.save()
    return "Coventry Place Board"


EDITS = {  # what changes, and what the answer shows then
    "API meetings": _move_meeting,
    "API meeting": _move_meeting,
    "API actions": _rename_action,
    "API action": _rename_action,
    "OCD events": _rename_item,
    "OCD event": _rename_item,
    "RSS": _rename_body,
    "calendar": _move_meeting,
    "body calendar": _move_meeting,
    "meeting calendar": _move_meeting,
    "actions calendar": _rename_action,
}
READERS = ["anonymous", "member (session)", "member (token)"]


def _reader(who, member):
    """A client and the headers it sends, as `who`."""
    client = Client()
    if who == "member (session)":
        client.force_login(member)
    return client, _token(member) if who == "member (token)" else {}


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_shows_at_once(public, member, who, name):
    client, headers = _reader(who, member)
    url = _urls(public)[name]
    _get(client, url, **headers)
    before, served = _get(client, url, **headers)
    shown = EDITS[name](public)
    assert shown not in before
    after, queries = _get(client, url, **headers)
    assert shown in after and queries > served, (who, name)


@pytest.mark.parametrize("who", READERS)
def test_the_same_reader_is_served_their_own_copy(public, member, who):
    """The second answer to a signed-in reader, by session or by token, is
    their own kept copy: private to every cache on the way."""
    client, headers = _reader(who, member)
    for name in ("API meetings", "API actions", "OCD events", "calendar"):
        url = _urls(public)[name]
        first, rendered = _get(client, url, **headers)
        again, served = _get(client, url, **headers)
        assert again == first and served < rendered, (who, name)
        response = client.get(url, headers=headers)
        assert "max-age=0" in response["Cache-Control"], name
        # a token signs nobody in to a calendar (a page, not the API)
        if who == "member (session)" or who == "member (token)" and name != "calendar":
            assert "private" in response["Cache-Control"], name


@pytest.fixture
def private(officer):
    """A meeting of a body that meets in private: officers see it, the
    public does not."""
    body = Body.objects.create(
        name="Health Protection Board", slug="hpb", meets_in_public=False
    )
    return factories.MeetingFactory(
        body=body,
        venue="Room 101",
        start=timezone.now() + datetime.timedelta(days=10),
        status=Meeting.Status.SCHEDULED,
    )


PRIVATE = ["API meetings", "calendar"]


@pytest.mark.parametrize("name", PRIVATE)
def test_an_officers_copy_reaches_nobody_else(public, private, officer, member, name):
    """The officer's answer (with the private body's meeting), kept under
    their token, reaches neither the public, nor a member, nor the same
    officer with another token; and the public's copy never reaches the
    officer."""
    url = _urls(public)[name]
    client, token = Client(), _token(officer)
    if name == "calendar":  # the calendars are read by session
        client.force_login(officer)
        token = {}
    _get(client, url, **token)
    answer, served = _get(client, url, **token)
    assert "Room 101" in answer
    member_client, member_token = Client(), _token(member)
    if name == "calendar":
        member_client.force_login(member)
        member_token = {}
    for other, headers in ((Client(), {}), (member_client, member_token)):
        answer, _ = _get(other, url, **headers)
        assert "Room 101" not in answer
    other = Client()
    if name == "calendar":  # the same officer in another browser
        other.force_login(officer)
        headers = {}
    else:  # the same officer with another token
        headers = _token(officer)
    answer, queries = _get(other, url, **headers)
    assert "Room 101" in answer and queries > served


def test_the_publics_copy_never_reaches_a_token_holder(public, private, officer):
    url = _urls(public)["API meetings"]
    _get(Client(), url)
    answer, queries = _get(Client(), url)
    assert "Room 101" not in answer and queries == 0
    answer, queries = _get(Client(), url, **_token(officer))
    assert "Room 101" in answer and queries > 0


@pytest.mark.parametrize(
    "name,url",
    [
        ("API actions", lambda p, e: reverse("api:action-list")),
        (
            "API action",
            lambda p, e: reverse("api:action-detail", args=[e["action"].pk]),
        ),
        ("OCD events", lambda p, e: reverse("api:ocd_events")),
        ("OCD event", lambda p, e: reverse("api:ocd_event", args=[e["meeting"].pk])),
    ],
)
@pytest.mark.parametrize("who", ["officer", "member"])
def test_an_answer_with_exempt_business_is_kept_sealed_for_its_reader(
    public, exempt, officer, member, who, name, url
):
    """Part 2 business reaches, from the cache, only the token or session it
    was read with; the cache holds it sealed, never in clear; the public's
    answer never holds it, nor does another token's."""
    reader = {"officer": officer, "member": member}[who]
    address = url(public, exempt)
    firsts = []
    for client, headers in ((Client(), _token(reader)), (_logged_in(reader), {})):
        answer, first = _get(client, address, **headers)
        assert factories.Closed.TITLE in answer or factories.Closed.ACTION in answer
        again, queries = _get(client, address, **headers)
        assert again == answer and queries < first, (who, name)
        assert queries <= 3, (who, name)  # signing in, not the answer
        firsts.append(first)
    for closed in (factories.Closed.TITLE, factories.Closed.ACTION):
        assert closed.encode() not in _held(), (who, name)
    _, fresh = _get(Client(), address, **_token(reader))
    assert fresh == firsts[0], "another token is not served the first one's copy"
    if name in ("API actions", "OCD events"):
        answer, _ = _get(Client(), address)
        _get(Client(), address)
        assert factories.Closed.TITLE not in answer
        assert factories.Closed.ACTION not in answer


def _held():
    """Every value the cache holds, as stored (the tests' cache is Django's
    local-memory one: pickles in a dict)."""
    return b"".join(cache._cache.values())


def test_a_members_page_with_a_closed_title_is_kept_sealed(exempt, member):
    """The meeting page shows a member the exempt item's closed title; their
    second reading comes from the cache, and the cache holds no closed title."""
    client = _logged_in(member)
    url = exempt["meeting"].get_absolute_url()
    _get(client, url)  # sets the CSRF cookie: a page that sets one is not kept
    page, first = _get(client, url)
    assert factories.Closed.TITLE in page
    again, queries = _get(client, url)
    assert again == page and queries < first
    assert _held() and factories.Closed.TITLE.encode() not in _held()


def test_a_sealed_entry_opens_for_its_own_reader_and_key_alone():
    mine, theirs = pagecache._Sealed("1|session|csrf"), pagecache._Sealed("2|s|c")
    mine.set("page", {"title": "Closed"}, 60)
    assert mine.get("page") == {"title": "Closed"}
    assert theirs.get("page") is None
    cache.set("moved", cache.get("page"))  # the same bytes under another key
    assert mine.get("moved") is None
    cache.set("plain", b"not sealed")
    assert mine.get("plain", "missing") == "missing"


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_each_private_calendar_shows_its_own_persons_actions(public, hwb):
    other = factories.PersonFactory(family_name="Other", calendar_token=uuid.uuid4())
    factories.ActionFactory(
        body=hwb,
        minute=public["action"].minute,
        owner_person=other,
        title="Fund the respite service",
    )
    mine = _urls(public)["actions calendar"]
    theirs = reverse("meetings:actions_ics", args=[other.calendar_token])
    for _ in range(2):  # rendered, then kept
        own, _ = _get(Client(), mine)
        assert "Draft the carers plan" in own and "respite" not in own
        answer, _ = _get(Client(), theirs)
        assert "respite" in answer and "Draft the carers plan" not in answer


def test_a_new_calendar_address_closes_the_old_one_at_once(public):
    url = _urls(public)["actions calendar"]
    _get(Client(), url)
    _get(Client(), url)  # kept
    owner = public["owner"]
    owner.calendar_token = uuid.uuid4()
    owner.save()
    assert Client().get(url).status_code == 404


def test_a_private_calendar_with_exempt_actions_is_never_kept(exempt, member):
    """The member owns an exempt action: their calendar holds it, read
    afresh each time."""
    member.person.calendar_token = uuid.uuid4()
    member.person.save()
    action = exempt["action"]
    action.owner_person = member.person
    action.save()
    url = reverse("meetings:actions_ics", args=[member.person.calendar_token])
    answer, _ = _get(Client(), url)
    assert factories.Closed.ACTION in answer
    _, first = _get(Client(), url)
    _, again = _get(Client(), url)
    assert again == first > 0


@pytest.mark.parametrize("name", ["OCD events", "OCD event", "API meetings"])
def test_a_kept_answer_has_the_headers_of_a_fresh_one(public, name):
    """The licence's Link on open data, the content type, Vary and Allow."""
    url = _urls(public)[name]
    rendered, kept = Client().get(url), Client().get(url)
    for header in ("Content-Type", "Vary", "Allow", "Link", "Cache-Control"):
        assert kept.get(header) == rendered.get(header), header
    if name.startswith("OCD"):
        assert kept["Link"] == licence.LINK


def test_an_error_is_never_kept(public):
    url = _urls(public)["API meetings"] + "?page_size=x"
    for _ in range(2):
        with CaptureQueriesContext(connection):
            response = Client().get(url)
        assert response.status_code == 400
    assert Client().get(_urls(public)["API meetings"]).status_code == 200
