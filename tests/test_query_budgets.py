"""List pages keep a query budget that does not grow with the data."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Consideration, PublicQuestion, Report
from tests import factories

BUDGET = {  # signed in as a board member, the most expensive visibility rules
    "home": 10,
    "meetings:list": 8,
    # each with one query for the meeting's accepted public questions
    "meetings:detail": 15,
    # with whose pages the attendance may link to
    "meetings:minutes": 14,
    "meetings:my_actions": 8,
    "strategy:overview": 14,  # with RAG, action counts and indicator summaries
    # with the progress reports (the latest few and how many in all) and the
    # paged timeline (its page, and how many meetings and held ones beside
    # it, in one query); the next actions due read by key first, then by key
    "strategy:priority": 22,
    "strategy:pillar": 19,
    "strategy:dashboard": 15,
    "strategy:priority_dashboard": 14,
    "indicators:watchlist": 7,  # with the indicators' ids, to read their judgements
    "indicators:list": 7,
    "meetings:decisions": 14,
    "meetings:action_log": 16,
    # and its decisions taken between meetings, and business waiting for a meeting
    "meetings:forward_plan": 10,
    "meetings:body": 10,
    # open data: each item's decisions (resolutions, then their clauses) and
    # the actions that came of them (their keys first), four queries for the
    # whole page
    "api:ocd_events": 20,
    "api:ocd_event": 18,
    "api:popolo": 8,
}


def _grow(world, n):
    """Add n of everything each page lists, all tagged and visible."""
    meeting, priority, pillar = world["meeting"], world["priority"], world["pillar"]
    person = world["person"]
    for _ in range(n):
        item = factories.AgendaItemFactory(meeting=meeting, primary_pillar=pillar)
        item.priorities.add(priority)
        item.secondary_pillars.add(pillar)
        minute = factories.MinuteFactory(meeting=meeting, agenda_item=item)
        for about in (item, None):  # a public question on the item, and one not
            PublicQuestion.objects.create(
                meeting=meeting,
                agenda_item=about,
                name="Ruth Resident",
                email="ruth@example.org",
                text="How will the plan reduce delayed discharges?",
                answer="By 40 more discharge-to-assess beds.",
                status=PublicQuestion.Status.ACCEPTED,
                fingerprint=uuid.uuid4().hex,
            )
        clause = factories.ClauseFactory(
            resolution__minute=minute, resolution__primary_pillar=pillar
        )
        factories.ClauseFactory(resolution=clause.resolution, parent=clause, label="i")
        clause.resolution.priorities.add(priority)
        action = factories.ActionFactory(
            minute=minute, owner_person=person, primary_pillar=pillar
        )
        action.priorities.add(priority)
        factories.ActionFactory(
            minute=minute,
            resolution_clause=clause,
            owner_organisation=person.organisation,
        )
        factories.MembershipFactory(body=meeting.body, on_behalf_of=person.organisation)
        other = factories.MeetingFactory(body=meeting.body)
        elsewhere = factories.AgendaItemFactory(meeting=other, primary_pillar=pillar)
        elsewhere.priorities.add(priority)
        factories.ProgressReportFactory(priority=priority)
        factories.PriorityFactory(version=priority.version).pillars.add(pillar)
        indicator = factories.IndicatorFactory()
        priority.indicators.add(indicator)
        factories.ValueFactory(indicator=indicator)
        factories.ValueFactory(indicator=indicator, area=world["england"], value=63.9)
        pillar.indicators.add(factories.IndicatorFactory())


@pytest.fixture
def world(member):
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory()
    priority.pillars.add(pillar)
    return {
        "meeting": factories.MeetingFactory(),
        "priority": priority,
        "pillar": pillar,
        "person": member.person,
        "england": factories.AreaFactory(
            code="E92000001", name="England", area_type="country"
        ),
    }


def _args(name, world):
    return {
        "meetings:detail": [world["meeting"].pk],
        "meetings:minutes": [world["meeting"].pk],
        "api:ocd_event": [world["meeting"].pk],
        "strategy:priority": [world["priority"].slug],
        "strategy:priority_dashboard": [world["priority"].slug],
        "strategy:pillar": ["kings-fund", world["pillar"].code],
        "meetings:action_log": [world["meeting"].body.slug],
        "meetings:forward_plan": [world["meeting"].body.slug],
        "meetings:body": [world["meeting"].body.slug],
    }.get(name, [])


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_query_count_does_not_grow_with_the_data(name, client, member, world):
    client.force_login(member)
    url = reverse(name, args=_args(name, world))
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 25)
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries with 2 rows, {large} with 27"
    assert large <= BUDGET[name]


# The public pages cached for readers not signed in (hwbb/pagecache.py): what
# one costs when an edit has made its cached copy stale, and then nothing.
PUBLIC = [
    "home",
    "meetings:detail",
    "meetings:minutes",
    "strategy:overview",
    "strategy:priority",
    "strategy:pillar",
    "strategy:dashboard",
    "strategy:priority_dashboard",
    "indicators:list",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_a_public_page_costs_the_same_whatever_the_data_and_then_nothing(
    name, client, world
):
    url = reverse(name, args=_args(name, world))
    _grow(world, 2)  # each row saved sets a new version: the next read renders
    small = _count(client, url)
    _grow(world, 25)
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries with 2 rows, {large} with 27"
    assert large <= BUDGET[name]
    assert _count(client, url) == 0  # the next reader is served from the cache


def test_a_reports_page_costs_the_same_however_many_papers_and_stops(
    client, member, world
):
    """A report written on the template is a web page as well as pages of
    the agenda pack; its papers, tags, authors and route do not add queries."""
    meeting, pillar = world["meeting"], world["pillar"]
    item = factories.AgendaItemFactory(meeting=meeting)
    report = Report.objects.create(
        title="Better Care Fund plan",
        body=meeting.body,
        meeting=meeting,
        agenda_item=item,
        primary_pillar=pillar,
        purpose="To agree the plan.",
        recommendations="Agree the plan.",
    )
    url = reverse("meetings:report", args=[report.pk])
    client.force_login(member)

    def grow(n):
        for i in range(n):
            factories.paper(report, f"Appendix {report.documents.count() + 1}")
            report.authors.add(factories.PersonFactory())
            report.priorities.add(world["priority"])
            Consideration.objects.create(report=report, body=meeting.body, order=i)

    grow(2)
    small = _count(client, url)
    grow(25)
    large = _count(client, url)
    assert large == small, f"{small} queries with 2 papers, {large} with 27"
    assert large <= REPORT_BUDGET


REPORT_BUDGET = 12


def test_the_officers_question_queue_costs_the_same_however_many_questions(
    client, officer, world
):
    """The governance officer's queue of the public's questions for a meeting."""
    client.force_login(officer)
    url = reverse("meetings:questions_review", args=[world["meeting"].pk])
    _grow(world, 2)
    small = _count(client, url)
    _grow(world, 25)
    large = _count(client, url)
    assert large == small, f"{small} queries with 4 questions, {large} with 54"
    assert large <= 6
