"""The golden thread page of a priority or pillar: a timeline paged by meeting,
actions rolled up by status, progress reports and gaps; with hundreds of items
and actions it keeps the query count it has with a few."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Action, AgendaItem, Meeting
from strategy import views
from tests import factories


@pytest.fixture
def thread(db):
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory(title="Improving mental health for all")
    priority.pillars.add(pillar)
    return pillar, priority


def _add(pillar, priority, meetings, items_each, actions):
    """Tagged items at new meetings, and tagged actions, in bulk."""
    body = factories.BodyFactory()
    section = factories.SectionFactory(body=body)
    start = timezone.now() - datetime.timedelta(days=400)
    made = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            start=start - datetime.timedelta(days=30 * n),
            venue="Committee Room 3 - Council House",
            status=Meeting.Status.HELD,
            agenda_status=Meeting.AgendaStatus.PUBLISHED,
        )
        for n in range(meetings)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=m,
            section=section,
            number=n + 1,
            title=f"Mental health update {n + 1}",
            primary_pillar=pillar,
        )
        for m in made
        for n in range(items_each)
    )
    AgendaItem.priorities.through.objects.bulk_create(
        AgendaItem.priorities.through(agendaitem=i, priority=priority) for i in items
    )
    minute = factories.MinuteFactory()
    statuses = [s for s, _ in Action.Status.choices]
    rows = Action.objects.bulk_create(
        Action(
            body=body,
            minute=minute,
            title=f"Action {n}",
            status=statuses[n % len(statuses)],
            due_date=timezone.localdate() - datetime.timedelta(days=n - 100),
            primary_pillar=pillar,
        )
        for n in range(actions)
    )
    Action.priorities.through.objects.bulk_create(
        Action.priorities.through(action=a, priority=priority) for a in rows
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("page", ["priority", "pillar"])
def test_hundreds_of_items_and_actions_keep_the_query_count(
    client, officer, thread, page
):
    pillar, priority = thread
    url = (
        priority.get_absolute_url() if page == "priority" else pillar.get_absolute_url()
    )
    client.force_login(officer)
    _add(pillar, priority, meetings=2, items_each=1, actions=3)
    few, _ = _queries(client, url)
    _add(pillar, priority, meetings=40, items_each=5, actions=300)
    many, response = _queries(client, url)
    assert many <= few  # the same or fewer: nothing is read per row
    assert "Discussed at 42 meetings" in response.text
    assert "303 actions by status" in response.text
    assert "Page 1 of 5" in response.text


def test_the_timeline_pages_back_to_older_meetings(client, thread):
    pillar, priority = thread
    _add(pillar, priority, meetings=12, items_each=1, actions=0)
    tagged = Meeting.objects.filter(agenda_items__isnull=False)
    newest, oldest = tagged.order_by("-start").first(), tagged.order_by("start").first()
    first = client.get(priority.get_absolute_url())
    assert f"{newest.start:%-d %B %Y}" in first.text
    assert f"{oldest.start:%-d %B %Y}" not in first.text
    second = client.get(priority.get_absolute_url() + "?page=2")
    assert f"{oldest.start:%-d %B %Y}" in second.text
    # last discussed is the newest meeting, whichever page is read
    assert f"Last discussed: {newest.start:%-d %B %Y}" in second.text


@pytest.mark.parametrize(
    "asked, shown",
    [("99", 2), ("99999999999999999999", 2), ("0", 2), ("-1", 2), ("two", 1), ("", 1)],
)
def test_a_timeline_page_past_the_end_or_not_a_number_is_paged_as_django_pages_it(
    client, thread, asked, shown
):
    """The page is read with its counts in one query; a page that has no
    meetings (past the end) is counted first and then paged as any list."""
    pillar, priority = thread
    _add(pillar, priority, meetings=12, items_each=1, actions=0)
    tagged = Meeting.objects.filter(agenda_items__isnull=False)
    oldest = tagged.order_by("start").first()
    page = client.get(priority.get_absolute_url() + f"?page={asked}").text
    assert f"Page {shown} of 2" in page
    assert (f"{oldest.start:%-d %B %Y}" in page) == (shown == 2)
    assert "Discussed at 12 meetings" in page


def test_gaps_are_stated_plainly(client, thread):
    pillar, priority = thread
    response = client.get(priority.get_absolute_url())
    assert "Not discussed at any meeting yet." in response.text
    assert "No indicator shows whether outcomes are moving." in response.text
    assert "No progress report has been received." in response.text
    _add(pillar, priority, meetings=1, items_each=1, actions=0)  # 400 days ago
    response = client.get(priority.get_absolute_url())
    assert "Not discussed for more than six months" in response.text


def test_the_pillar_page_shows_its_priorities_progress_reports(client, thread):
    pillar, priority = thread
    factories.ProgressReportFactory(
        priority=priority, title="Health and Wellbeing Strategy stocktake"
    )
    response = client.get(pillar.get_absolute_url())
    assert "Health and Wellbeing Strategy stocktake" in response.text
    assert "RAG: Green" in response.text
    assert "No progress report has been received." not in response.text


def test_the_latest_progress_reports_are_listed_and_every_missing_one(
    client, thread, officer
):
    """Not every return of ten years: the latest few, any awaited one however
    old (a missing return is a gap; officers see it), and all when asked."""
    pillar, priority = thread
    client.force_login(officer)
    old = [
        factories.ProgressReportFactory(
            priority=priority, title=f"Return {n}", date=datetime.date(2015 + n, 3, 1)
        )
        for n in range(8)
    ]
    missing = factories.ProgressReportFactory(
        priority=priority,
        title="The awaited return",
        date=datetime.date(2014, 1, 1),
        status="requested",
        due_date=datetime.date(2014, 1, 31),
    )
    page = client.get(priority.get_absolute_url()).text
    for report in old[-views.PROGRESS_REPORTS_SHOWN :]:
        assert f">{report.title}</a>" in page
    for report in old[: -views.PROGRESS_REPORTS_SHOWN]:
        assert f">{report.title}</a>" not in page
    assert f">{missing.title}</a>" in page
    assert "A progress report is missing: it was due on 31 January 2014." in page
    assert "The latest 6 of 9 progress reports." in page
    everything = client.get(priority.get_absolute_url() + "?reports=all").text
    assert all(f">{r.title}</a>" in everything for r in [*old, missing])
    assert "Show all 9 progress reports" not in everything


def test_exempt_items_are_on_the_timeline_only_for_those_who_may_see_them(
    client, thread, member
):
    """An exempt item's tags are closed content, as on its agenda (the public
    sees its open title and paragraph only): it is on the priority's timeline
    for the board's members, by its closed title, and not for the public."""
    pillar, priority = thread
    item = factories.AgendaItemFactory(
        title="Contract award: Integrated Sexual Health Service",
        is_exempt=True,
        exempt_paragraph=3,
        open_title="Contract award (exempt)",
        primary_pillar=pillar,
    )
    item.priorities.add(priority)
    response = client.get(priority.get_absolute_url())
    assert "Contract award" not in response.text
    client.force_login(member)
    response = client.get(priority.get_absolute_url())
    assert "Contract award: Integrated Sexual Health Service" in response.text
