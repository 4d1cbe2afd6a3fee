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
