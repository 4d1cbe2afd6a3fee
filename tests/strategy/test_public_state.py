"""What the public sees is the public's: review flags and missing returns only
for officers and a priority's leads; "Current" from the strategy's dates; a
carried-forward priority's thread with its predecessors' history; "last
discussed" from meetings held."""

import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import Meeting
from strategy.models import Priority, PriorityLead, ProgressReport, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 5)
LONG_AGO = datetime.date(2024, 9, 1)


@pytest.fixture
def today(monkeypatch):
    """The issue's day: December 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    return TODAY


def _pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def overdue(db):
    """A priority whose review date has passed, with one awaited return
    past its due date, asked of a lead who is not a board member."""
    priority = factories.PriorityFactory(
        title="Improving mental health for all", next_review_date=LONG_AGO
    )
    lead = factories.PersonFactory(email="lead@example.org")
    ProgressReport.objects.create(
        priority=priority,
        status=ProgressReport.Status.REQUESTED,
        date=timezone.localdate() - datetime.timedelta(days=10),
        due_date=timezone.localdate() - datetime.timedelta(days=10),
        title="Progress report, late",
        requested_of=lead,
    )
    return priority


def _lead_of(priority):
    user = factories.UserFactory()
    person = factories.PersonFactory(user=user)
    PriorityLead.objects.create(
        priority=priority, role="champion", name=str(person), person=person
    )
    return user


def _pages(client, priority):
    pages = {
        "page": client.get(priority.get_absolute_url()).text,
        "dashboard": client.get(
            reverse("strategy:priority_dashboard", args=[priority.slug])
        ).text,
        "overview": client.get(reverse("strategy:overview")).text,
        "api": client.get(f"/api/priorities/{priority.slug}/").text,
    }
    return pages


@pytest.mark.parametrize("reader", ["anonymous", "member", "author"])
def test_review_flags_and_missing_returns_are_not_shown_to_the_public(
    client, overdue, reader, request
):
    user = request.getfixturevalue(reader)
    if user:
        client.force_login(user)
    for name, text in _pages(client, overdue).items():
        assert "Review overdue" not in text, name
        assert "1 September 2024" not in text, name
        assert "Missing" not in text and "is missing" not in text, name
        assert "Progress report, late" not in text, name
    data = json.loads(_pages(client, overdue)["api"])
    assert data["next_review_date"] is None and data["review_overdue"] is False
    for url in (reverse("strategy:overview_pdf"), reverse("strategy:dashboard_pdf")):
        text = _pdf_text(client.get(url))
        assert "Review overdue" not in text and "Missing" not in text


def test_officers_see_the_review_flag_and_the_missing_return(client, overdue, officer):
    client.force_login(officer)
    pages = _pages(client, overdue)
    assert "Review overdue" in pages["page"]
    assert "next review 1 September 2024" in pages["page"]
    assert "A progress report is missing" in pages["page"]
    assert "Review overdue" in pages["dashboard"]
    assert "Review overdue" in pages["overview"]
    data = json.loads(pages["api"])
    assert data["next_review_date"] == "2024-09-01" and data["review_overdue"] is True
    # the PDF is the public's whoever makes it
    assert "Review overdue" not in _pdf_text(
        client.get(reverse("strategy:overview_pdf"))
    )


def test_a_priority_lead_sees_its_internal_state_and_no_other(client, overdue):
    other = factories.PriorityFactory(title="Another", next_review_date=LONG_AGO)
    client.force_login(_lead_of(overdue))
    page = client.get(overdue.get_absolute_url()).text
    assert "Review overdue" in page
    assert "A progress report is missing" in page
    assert "Review overdue" not in client.get(other.get_absolute_url()).text


def test_the_lead_asked_for_the_return_sees_it_missing(client, overdue):
    lead = ProgressReport.objects.get().requested_of
    lead.user = factories.UserFactory()
    lead.save()
    client.force_login(lead.user)
    assert "A progress report is missing" in client.get(overdue.get_absolute_url()).text


def test_a_priority_read_without_its_reader_does_not_say_its_state(overdue):
    with pytest.raises(Exception, match="for_reader"):
        assert Priority.objects.get(pk=overdue.pk).review_overdue


# -- "Current" from the strategy's dates ---------------------------------------


def _versions():
    strategy = factories.StrategyFactory()
    original = factories.VersionFactory(
        strategy=strategy,
        key="2019",
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2024, 3, 31),
        published=datetime.date(2019, 10, 29),
    )
    refresh = factories.VersionFactory(
        strategy=strategy,
        key="2023",
        label="2023 refresh",
        kind=StrategyVersion.Kind.REFRESH,
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2027, 3, 31),
        published=datetime.date(2023, 4, 1),
    )
    original.successor = refresh
    original.save()
    return original, refresh


@pytest.mark.parametrize(
    "today, original, refresh",
    [
        (
            datetime.date(2019, 6, 1),
            "Starts on 29 October 2019",
            "Starts on 1 April 2023",
        ),
        (datetime.date(2021, 6, 1), "Current", "Starts on 1 April 2023"),
        (datetime.date(2023, 3, 31), "Current", "Starts on 1 April 2023"),
        (datetime.date(2023, 4, 1), "Ended on 31 March 2023", "Current"),
        (datetime.date(2027, 3, 31), "Ended on 31 March 2023", "Current"),
        (datetime.date(2027, 4, 1), "Ended on 31 March 2023", "Ended on 31 March 2027"),
    ],
)
def test_a_versions_standing_follows_its_dates_and_its_successor(
    monkeypatch, today, original, refresh
):
    old, new = _versions()
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    old, new = (
        StrategyVersion.objects.select_related("successor").get(pk=v.pk)
        for v in (old, new)
    )
    assert (str(old.standing), str(new.standing)) == (original, refresh)
    # the queryset's rule gives the same answer as the property
    current = {v.pk for v in StrategyVersion.objects.in_force(today)}
    assert current == {v.pk for v in (old, new) if v.is_current}
    assert old.standing.successor == (new if original.startswith("Ended") else None)


def test_an_ended_strategy_says_so_and_names_its_successor(client, today):
    old, new = _versions()
    factories.PriorityFactory(version=old, title="Loneliness")
    priority = factories.PriorityFactory(version=new, title="Loneliness for all")
    overview = client.get(reverse("strategy:overview")).text
    section = overview[overview.index('id="version-2019"') :]
    assert "This strategy ended on 31 March 2023." in section
    assert "replaced by" in section and "2023 refresh</a>" in section
    assert overview.count('<strong class="govuk-tag">Current</strong>') == 1
    pdf = _pdf_text(client.get(reverse("strategy:overview_pdf")))
    assert "ended on 31 March 2023" in pdf and "(current)" in pdf
    data = client.get("/api/priorities/", {"current": "true"}).json()
    assert [p["slug"] for p in data["results"]] == [priority.slug]
    assert data["results"][0]["version_standing"] == "Current"


def test_a_strategy_past_its_period_is_not_current_but_still_worked_to(client, today):
    """The issue's December 2026: the 2019-23 strategy's period is over and no
    successor is recorded. It is not "Current"; the board still works to it."""
    version = factories.VersionFactory()  # 2019 to 2023
    priority = factories.PriorityFactory(version=version)
    text = client.get(reverse("strategy:overview")).text
    assert "Current</strong>" not in text
    assert "This strategy ended on 31 December 2023." in text
    assert "No later strategy has been recorded." in text
    assert list(Priority.objects.current()) == [priority]
    assert not Priority.objects.in_force().exists()
    assert "ended on 31 December 2023" in client.get(reverse("strategy:dashboard")).text


# -- the history of the priorities it was carried forward from ------------------


@pytest.fixture
def lineage(db):
    """A 2019-23 priority carried into the 2023 refresh, with a meeting and a
    decision and an action tagged to the old one only."""
    old, new = _versions()
    first = factories.PriorityFactory(version=old, title="Loneliness and isolation")
    second = factories.PriorityFactory(
        version=new, title="Loneliness for all", predecessor=first, lineage="broadened"
    )
    item = factories.AgendaItemFactory(title="Loneliness strategy update")
    item.priorities.add(first)
    resolution = factories.ResolutionFactory(minute__meeting=item.meeting)
    resolution.minute.title = "Loneliness minute"
    resolution.minute.save()
    resolution.priorities.add(first)
    action = factories.ActionFactory(title="Map the befriending services")
    action.priorities.add(first)
    return first, second, item


def test_a_carried_forward_priority_shows_its_predecessors_history_marked(
    client, lineage
):
    first, second, item = lineage
    text = client.get(second.get_absolute_url()).text
    assert "Not discussed at any meeting yet." not in text
    assert f"Last discussed: {item.meeting.start:%-d %B %Y}" in text
    mark = "(under the 2019-24 priority ‘Loneliness and isolation’)"
    assert "Loneliness strategy update</a>" in text
    assert text.count(mark) >= 3  # the item, the decision and the action
    assert "Map the befriending services" in text
    # the old priority's own page is not marked: it is its own history
    assert "(under the" not in client.get(first.get_absolute_url()).text


def test_an_item_tagged_to_both_is_not_marked(client, lineage):
    first, second, item = lineage
    item.priorities.add(second)
    text = client.get(second.get_absolute_url()).text
    start = text.index("Loneliness strategy update</a>")
    assert "(under the" not in text[start : start + 200]


def test_a_long_lineage_costs_no_more_queries(client, officer, lineage):
    first, second, _ = lineage
    client.force_login(officer)
    client.get(second.get_absolute_url())  # warm the indicator cache and session
    with CaptureQueriesContext(connection) as short:
        assert client.get(second.get_absolute_url()).status_code == 200
    older = first
    for n in range(4):  # four more generations, each with its own business
        older.predecessor = factories.PriorityFactory(title=f"Generation {n}")
        older.save()
        older = older.predecessor
        item = factories.AgendaItemFactory(title=f"Item of generation {n}")
        item.priorities.add(older)
        factories.ActionFactory().priorities.add(older)
    with CaptureQueriesContext(connection) as long:
        response = client.get(second.get_absolute_url())
    assert "Item of generation 3" in response.text
    assert len(long) <= len(short)


# -- last discussed counts meetings held ---------------------------------------


def test_last_discussed_counts_only_meetings_held(client, lineage):
    first, second, item = lineage
    body = item.meeting.body
    ahead = factories.AgendaItemFactory(
        meeting__body=body,
        meeting__start=timezone.now() + datetime.timedelta(days=30),
        meeting__status=Meeting.Status.SCHEDULED,
        title="To come",
    )
    cancelled = factories.AgendaItemFactory(
        meeting__body=body,
        meeting__start=timezone.now() - datetime.timedelta(days=3),
        meeting__status=Meeting.Status.CANCELLED,
        title="Never discussed",
    )
    for row in (ahead, cancelled):
        row.priorities.add(second)
    text = client.get(second.get_absolute_url()).text
    assert f"Last discussed: {item.meeting.start:%-d %B %Y}" in text
    assert "Discussed at 1 meeting;" in text
    assert "Not yet held" in text and "Cancelled</strong>" in text
    pillar = factories.PillarFactory()
    ahead.primary_pillar = pillar
    ahead.save()
    text = client.get(pillar.get_absolute_url()).text
    assert "Last discussed: never." in text
