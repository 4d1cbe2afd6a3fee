"""The action log per body: filters, CSV export with stable columns, visibility."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.api.exports import ACTION_COLUMNS as ACTION_CSV_COLUMNS
from tests import factories
from tests.helpers import content_of


@pytest.fixture
def log(hwb):
    police = factories.OrganisationFactory(name="West Midlands Police", kind="police")
    overdue = factories.ActionFactory(
        body=hwb,
        title="Review governance of the Youth Violence Reduction Board",
        status="on_track",
        due_date=timezone.localdate() - datetime.timedelta(days=9),
        owner_organisation=police,
    )
    done = factories.ActionFactory(
        body=hwb,
        title="Publish the JSNA City-wide profile",
        status="done",
        percent_complete=100,
    )
    secret = factories.ActionFactory(
        body=hwb,
        title="Notify the unsuccessful bidders",
        minute=factories.MinuteFactory(is_exempt=True, exempt_paragraph=3),
    )
    return {"overdue": overdue, "done": done, "secret": secret, "police": police}


def _titles(client, **params):
    html = client.get(reverse("meetings:action_log", args=["hwb"]), params)
    return html.content.decode()


def test_filters(client, log):
    assert log["done"].title in _titles(client, status="done")
    assert log["overdue"].title not in _titles(client, status="done")
    only_overdue = _titles(client, overdue="on")
    assert (
        log["overdue"].title in only_overdue and log["done"].title not in only_overdue
    )
    by_org = _titles(client, organisation=log["police"].pk)
    assert log["overdue"].title in by_org and log["done"].title not in by_org


def test_csv_has_stable_columns_and_leaves_exempt_actions_out(client, log):
    response = client.get(
        reverse("meetings:action_log", args=["hwb"]), {"format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(content_of(response).decode())))
    assert rows[0] == ACTION_CSV_COLUMNS
    titles = {row[1] for row in rows[1:]}
    assert log["overdue"].title in titles and log["secret"].title not in titles
    overdue = next(r for r in rows if r[1] == log["overdue"].title)
    assert overdue[ACTION_CSV_COLUMNS.index("overdue")] == "yes"
    # on track by its owner's word, but overdue: red (Action.rag)
    assert overdue[ACTION_CSV_COLUMNS.index("rag")] == "red"


def test_query_budget_does_not_grow(client, log, hwb):
    url = reverse("meetings:action_log", args=["hwb"])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(20):
        factories.ActionFactory(body=hwb).priorities.add(factories.PriorityFactory())
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_matters_arising_lists_actions_due_or_updated_since_the_last_meeting(
    client, hwb
):

    april = factories.MeetingFactory(body=hwb, start=factories.london(2019, 4, 8, 14))
    july = factories.MeetingFactory(body=hwb, start=factories.london(2019, 7, 8, 14))
    factories.AgendaItemFactory(
        meeting=july,
        number=3,
        sub_letter="b",
        title="Matters Arising",
        kind="matters_arising",
    )
    due = factories.ActionFactory(
        body=hwb,
        minute__meeting=april,
        title="Publish the JSNA City-wide profile",
        due_date=datetime.date(2019, 5, 15),
    )
    later = factories.ActionFactory(
        body=hwb,
        minute__meeting=april,
        title="Review the Place Forum indicators",
        due_date=datetime.date(2019, 12, 1),
    )
    html = client.get(july.get_absolute_url()).content.decode()
    assert due.title in html and later.title not in html
    assert "Actions due or updated since 8 April 2019 (1)" in html


def test_owner_filter_names_only_owners_of_visible_actions(client, hwb):
    hidden_owner = factories.PersonFactory(display_name="Tender Panel Chair")
    factories.ActionFactory(
        body=hwb,
        owner_person=hidden_owner,
        minute=factories.MinuteFactory(is_exempt=True, exempt_paragraph=3),
    )
    html = client.get(reverse("meetings:action_log", args=["hwb"])).content.decode()
    assert "Tender Panel Chair" not in html


@pytest.fixture
def many(hwb, monkeypatch):
    """Seven visible actions due a day apart, three to a page, and an exempt
    one among them."""
    monkeypatch.setattr("meetings.views.actions.ACTION_LOG_PAGE", 3)
    start = timezone.localdate() + datetime.timedelta(days=1)
    minute = factories.MinuteFactory(meeting__body=hwb)
    actions = [
        factories.ActionFactory(
            body=hwb,
            minute=minute,
            title=f"Action number {n}",
            due_date=start + datetime.timedelta(days=n),
            status="done" if n % 2 else "on_track",
            percent_complete=100 if n % 2 else 0,
            closing_note="Done." if n % 2 else "",
        )
        for n in range(7)
    ]
    factories.ActionFactory(
        body=hwb,
        title="Notify the unsuccessful bidders",
        due_date=start,
        minute=factories.MinuteFactory(is_exempt=True, exempt_paragraph=3),
    )
    return actions


def _log(client, **params):
    return client.get(reverse("meetings:action_log", args=["hwb"]), params)


def test_the_log_comes_a_page_at_a_time_due_soonest_first(client, many):
    first = _log(client).content.decode()
    assert [f"Action number {n}" in first for n in range(7)] == [True] * 3 + [False] * 4
    assert "7 actions, 1 to 3 shown" in first
    assert "Page 1 of 3" in first
    last = _log(client, page=3).content.decode()
    assert "Action number 6" in last and "Action number 5" not in last
    assert "Notify the unsuccessful bidders" not in first + last
    # Past the end, or not a number: the last page, or the first.
    assert "Action number 6" in _log(client, page=99).content.decode()
    assert "Action number 0" in _log(client, page="x").content.decode()


def test_filters_hold_across_pages_and_count_what_they_choose(client, many):
    html = _log(client, status="done").content.decode()
    # Done: numbers 1, 3 and 5, on one page; the count is of those alone.
    assert "3 actions." in html and "Page 1 of" not in html
    assert "Action number 1" in html and "Action number 0" not in html
    open_first = _log(client, status="on_track").content.decode()
    assert "4 actions, 1 to 3 shown" in open_first
    assert 'href="?status=on_track&amp;page=2"' in open_first
    second = _log(client, status="on_track", page=2).content.decode()
    assert "Action number 6" in second and "Action number 1" not in second


def test_csv_has_every_action_the_filters_choose_not_one_page(client, many):
    html = _log(client, status="on_track").content.decode()
    assert "Download all 4 of these actions (CSV)" in html
    assert 'href="?status=on_track&amp;format=csv"' in html
    response = _log(client, status="on_track", format="csv")
    body = content_of(response).decode()
    rows = list(csv.reader(io.StringIO(body)))[1:]
    assert [row[1] for row in rows] == [f"Action number {n}" for n in (0, 2, 4, 6)]


def test_a_page_costs_the_same_rows_and_queries_whatever_the_log_holds(
    client, hwb, many
):
    """Seven actions or seventeen, three to a page: the same rows on a page,
    the same queries, on the first page and a later one."""

    def cost(page):
        with CaptureQueriesContext(connection) as queries:
            html = _log(client, page=page).content.decode()
        rows = html.count('<tr class="govuk-table__row">') - 1  # less the header
        return rows, len(queries)

    small = [cost(1), cost(2)]
    for _ in range(10):
        factories.ActionFactory(body=hwb, minute=many[0].minute)
    assert [cost(1), cost(2)] == small
    assert small[0][0] == 3
