"""The indicator page, the OCD event list and the meeting calendars keep a
query budget, and a size, that do not grow with the years of data held."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.models import IndicatorValue
from tests import factories

BUDGET = {  # signed in as a board member
    "indicators:detail": 12,
    "api:ocd_events": 20,  # with each item's decisions and actions (keys first)
    "meetings:calendar_all": 6,
    "meetings:calendar_body": 7,
}
AREAS = [
    ("E08000026", "Coventry", "local_authority"),
    ("E92000001", "England", "country"),
    ("E12000005", "West Midlands region", "region"),
    ("E08000025", "Birmingham", "local_authority"),
]


@pytest.fixture
def world(hwb):
    return {
        "body": hwb,
        "indicator": factories.IndicatorFactory(),
        "areas": [
            factories.AreaFactory(code=code, name=name, area_type=kind)
            for code, name, kind in AREAS
        ],
        "years": 0,
    }


def _grow(world, years, name):
    """Add `years` more years of the board's past, each older than the last:
    its meetings (four a year, each with an agenda item, a decision and an
    action for the OCD events)
    or, for the indicator page, a year of values for every area and sex."""
    now = timezone.now()
    for _ in range(years):
        world["years"] += 1
        year = 2100 - world["years"]
        if name != "indicators:detail":
            for quarter in range(4):
                back = datetime.timedelta(
                    days=91 * (4 * (world["years"] - 1) + quarter)
                )
                meeting = factories.MeetingFactory(body=world["body"], start=now - back)
                if name == "api:ocd_events":
                    _decide(meeting)
            continue
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=world["indicator"],
                area=area,
                sex=sex,
                period_key=str(year),
                period_label=str(year),
                value=50.0 + world["years"],
            )
            for area in world["areas"]
            for sex in ("Persons", "Female", "Male")
        )


def _decide(meeting):
    """An agenda item, its minute and resolution (a clause and a sub-clause)
    and an action from the clause: what each OCD agenda item carries."""
    item = factories.AgendaItemFactory(meeting=meeting)
    minute = factories.MinuteFactory(meeting=meeting, agenda_item=item)
    clause = factories.ClauseFactory(resolution__minute=minute)
    factories.ClauseFactory(resolution=clause.resolution, parent=clause, label="i")
    factories.ActionFactory(body=meeting.body, minute=minute, resolution_clause=clause)


def _url(name, world):
    args = {
        "indicators:detail": [world["indicator"].slug],
        "meetings:calendar_body": [world["body"].slug],
    }.get(name, [])
    return reverse(name, args=args)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_queries_and_size_do_not_grow_with_the_years(name, client, member, world):
    client.force_login(member)
    url = _url(name, world)
    _grow(world, 10, name)
    small, small_size = _get(client, url)
    _grow(world, 10, name)
    large, large_size = _get(client, url)
    assert large == small, f"{name}: {small} queries at 10 years, {large} at 20"
    assert large <= BUDGET[name]
    # the same page at twenty years as at ten, give or take a few digits (a
    # count, a page number); a list of every year's rows would be twice it
    assert large_size < small_size * 1.25, (name, small_size, large_size)
