"""The API's filters (body, date range, pillar, priority, status) and paging;
a bad filter is a 400 that says what is wrong."""

import datetime

import pytest
from django.utils import timezone

from tests import factories


def _ids(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return [row.get("id", row.get("slug")) for row in response.json()["results"]]


def test_meetings_by_body_and_date_range(client, hwb):
    april = factories.MeetingFactory(body=hwb, start=factories.london(2019, 4, 8, 14))
    july = factories.MeetingFactory(body=hwb, start=factories.london(2019, 7, 8, 14))
    cabinet = factories.MeetingFactory(
        body=factories.BodyFactory(slug="cabinet", name="Cabinet"),
        start=factories.london(2019, 10, 29, 14),
    )
    assert _ids(client, "/api/meetings/", body="hwb") == [july.pk, april.pk]
    assert _ids(client, "/api/meetings/", since="2019-07-08") == [cabinet.pk, july.pk]
    assert _ids(client, "/api/meetings/", until="2019-07-07") == [april.pk]


def test_items_resolutions_and_actions_by_pillar_and_priority(client, hwb):
    pillar = factories.PillarFactory()
    other = factories.PillarFactory(code="HB", name="Our health behaviours")
    priority = factories.PriorityFactory()
    tagged = factories.AgendaItemFactory(primary_pillar=pillar)
    secondary = factories.AgendaItemFactory(meeting=tagged.meeting)
    secondary.secondary_pillars.add(pillar)
    secondary.priorities.add(priority)
    factories.AgendaItemFactory(meeting=tagged.meeting, primary_pillar=other)
    found = _ids(client, "/api/agenda-items/", pillar=pillar.pk)
    assert sorted(found) == sorted([tagged.pk, secondary.pk])
    assert _ids(client, "/api/agenda-items/", priority=priority.slug) == [secondary.pk]
    action = factories.ActionFactory(primary_pillar=pillar)
    factories.ActionFactory()
    assert _ids(client, "/api/actions/", pillar=pillar.pk) == [action.pk]
    clause = factories.ClauseFactory()
    clause.resolution.priorities.add(priority)
    factories.ClauseFactory()
    found = _ids(client, "/api/resolutions/", priority=priority.slug)
    assert found == [clause.resolution.pk]


def test_actions_by_status_owner_and_overdue(client, hwb):
    today = timezone.localdate()
    late = factories.ActionFactory(due_date=today - datetime.timedelta(days=3))
    done = factories.ActionFactory(
        due_date=today - datetime.timedelta(days=3), status="done"
    )
    later = factories.ActionFactory()
    assert _ids(client, "/api/actions/", overdue="true") == [late.pk]
    assert sorted(_ids(client, "/api/actions/", overdue="false")) == sorted(
        [done.pk, later.pk]
    )
    assert _ids(client, "/api/actions/", status="done") == [done.pk]
    found = _ids(client, "/api/actions/", owner_person=later.owner_person_id)
    assert found == [later.pk]


def test_values_by_indicator_and_area(client, db):
    value = factories.ValueFactory()
    factories.ValueFactory(indicator=factories.IndicatorFactory())
    response = client.get(
        "/api/values/",
        {"indicator": value.indicator.slug, "area": value.area.code},
    ).json()
    assert [row["id"] for row in response["results"]] == [value.pk]


def test_pages_hold_fifty_and_at_most_two_hundred(client, hwb):
    meeting = factories.MeetingFactory(body=hwb)
    for _ in range(3):
        factories.MinuteFactory(meeting=meeting)
    page = client.get("/api/minutes/", {"page_size": 2}).json()
    assert (page["count"], len(page["results"])) == (3, 2) and page["next"]
    assert client.get("/api/minutes/", {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    "url, params, field, message",
    [
        ("/api/meetings/", {"since": "8 April 2019"}, "since", "Enter a valid date"),
        ("/api/actions/", {"status": "late"}, "status", "Select a valid choice"),
        ("/api/agenda-items/", {"pillar": "WD"}, "pillar", "Select a valid choice"),
        ("/api/resolutions/", {"priority": "none"}, "priority", "Select a valid"),
        ("/api/actions/", {"overdue": "maybe"}, "overdue", "Enter true or false"),
        ("/api/documents/", {"current": "maybe"}, "current", "Enter true or false"),
        ("/api/priorities/", {"current": "maybe"}, "current", "Enter true or false"),
        ("/api/meetings/", {"body": "nope"}, "body", "Select a valid choice"),
        ("/api/indicators/", {"pillar": "99999"}, "pillar", "Select a valid choice"),
        ("/api/agenda-items/", {"status": "held"}, "status", "has no filter"),
        ("/api/people/", {"colour": "red"}, "colour", "has no filter"),
        (
            "/api/meetings/",
            {"since": "2019-07-08", "until": "2019-04-08"},
            "until",
            "same as or after the start date",
        ),
        ("/api/minutes/", {"page_size": "abc"}, "page_size", "whole number"),
        ("/api/minutes/", {"page_size": "0"}, "page_size", "whole number"),
        ("/api/minutes/", {"page_size": "201"}, "page_size", "from 1 to 200"),
        ("/api/minutes/", {"page_size": "\u00b2"}, "page_size", "whole number"),
        ("/api/search/", {"q": "health", "pilar": "3"}, "pilar", "has no filter"),
    ],
)
def test_bad_filters_say_what_is_wrong(client, db, url, params, field, message):
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in response.json()[field][0]


def test_the_public_is_limited_and_told_when_to_come_back(client, db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    for _ in range(3):
        assert client.get("/api/meetings/").status_code == 200
    response = client.get("/api/meetings/")
    assert response.status_code == 429
    assert "Request was throttled" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


def test_signed_in_users_are_not_limited(client, member, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    client.force_login(member)
    for _ in range(5):
        assert client.get("/api/meetings/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/bodies/a%00b/",
        "/api/priorities/a%00b/",
        "/api/indicators/a%00b/",
        "/api/areas/a%00b/",
        "/api/search/?q=x&priority=a%00b",
        "/api/search/?q=x&body=a%00b",
        "/api/meetings/?body=a%00b",
    ],
)
def test_a_null_character_is_refused_in_words(client, db, url):
    """PostgreSQL cannot compare a string holding one: without the guard,
    these answered 500."""
    response = client.get(url)
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.json()["detail"]


def test_a_page_with_a_null_character_says_so(client, db):
    response = client.get("/search/?q=a%00b")
    assert response.status_code == 400
    assert b"The address could not be read" in response.content


def test_filters_choose_only_among_rows_the_reader_may_see(client, hwb):
    """A private meeting's id is as unknown to the public as one that never
    existed: the filter may not tell them apart."""
    private = factories.MeetingFactory(
        body=factories.BodyFactory(
            slug="private", name="Private group", meets_in_public=False
        )
    )
    for url in ("/api/agenda-items/", "/api/minutes/", "/api/documents/"):
        hidden = client.get(url, {"meeting": private.pk})
        missing = client.get(url, {"meeting": 999999})
        assert hidden.status_code == missing.status_code == 400, url
        assert hidden.json() == missing.json()


def test_meetings_minutes_papers_and_values_by_pillar_and_priority(client, hwb):
    from meetings.models import Report

    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory()
    item = factories.AgendaItemFactory(primary_pillar=pillar)
    item.priorities.add(priority)
    factories.AgendaItemFactory()
    minute = factories.MinuteFactory(meeting=item.meeting, agenda_item=item)
    factories.MinuteFactory()
    assert _ids(client, "/api/meetings/", pillar=pillar.pk) == [item.meeting_id]
    assert _ids(client, "/api/minutes/", priority=priority.slug) == [minute.pk]
    report = Report.objects.create(
        title="Joint Strategic Needs Assessment",
        body=hwb,
        meeting=item.meeting,
        agenda_item=item,
        status=Report.Status.ACCEPTED,
        primary_pillar=pillar,
    )
    paper = factories.paper(report, "JSNA summary")
    assert _ids(client, "/api/documents/", pillar=pillar.pk) == [paper.pk]
    indicator = factories.IndicatorFactory()
    indicator.priorities.add(priority)
    value = factories.ValueFactory(indicator=indicator)
    factories.ValueFactory(indicator=factories.IndicatorFactory())
    assert _ids(client, "/api/values/", priority=priority.slug) == [value.pk]
    assert _ids(client, "/api/indicators/", priority=priority.slug) == [indicator.slug]


def test_meetings_by_the_tags_of_their_decisions(client, hwb):
    """As the golden thread follows them: a meeting is on a priority's thread
    by its items and by its decisions."""
    priority = factories.PriorityFactory()
    clause = factories.ClauseFactory()
    clause.resolution.priorities.add(priority)
    factories.MeetingFactory(body=hwb)
    meeting = clause.resolution.minute.meeting_id
    assert _ids(client, "/api/meetings/", priority=priority.slug) == [meeting]


def test_people_by_body_and_bodies_by_kind(client, hwb):
    member = factories.MembershipFactory(body=hwb).person
    factories.PersonFactory()
    assert _ids(client, "/api/people/", body=hwb.slug) == [member.pk]
    assert _ids(client, "/api/bodies/", kind=hwb.kind) == [hwb.slug]
