"""Every API list keeps a query count that does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import a_meeting

LISTS = [
    "/api/bodies/",
    "/api/organisations/",
    "/api/people/",
    "/api/memberships/",
    "/api/interests/",
    "/api/meetings/",
    "/api/agenda-items/",
    "/api/documents/",
    "/api/minutes/",
    "/api/resolutions/",
    "/api/actions/",
    "/api/priorities/",
    "/api/pillars/",
    "/api/indicators/",
    "/api/values/",
    "/api/areas/",
    reverse("api:ocd_events"),
    reverse("api:popolo"),
    reverse("api:meetings_csv"),
    reverse("api:decisions_csv"),
    reverse("api:actions_csv"),
    reverse("api:interests_csv"),
]
BUDGET = 16
# An event carries each agenda item's decisions (resolutions, their clauses)
# and the actions that came of them: four more queries for the page (the
# actions' keys are read first, each way through its own index).
OWN_BUDGET = {reverse("api:ocd_events"): 20}


def _counts(client):
    counts = {}
    for url in LISTS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["anonymous", "member", "officer"])
def test_api_lists_do_not_grow_with_the_data(request, client, hwb, role):
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    a_meeting(hwb, 0)
    few = _counts(client)
    for n in range(1, 6):
        a_meeting(hwb, n)
    many = _counts(client)
    assert many == few
    over = {url: n for url, n in many.items() if n > OWN_BUDGET.get(url, BUDGET)}
    assert not over, many


# A visibility check written as `IN (every item / minute the reader may see)`
# makes PostgreSQL build that whole set for a page of twenty meetings: its
# cost grows with the years held. Each row is checked across its own joins.
EVERY_ROW = ('"agenda_item_id" IN (SELECT', '"minute_id" IN (SELECT')


def test_ocd_events_check_visibility_row_by_row(client, hwb, member):
    client.force_login(member)
    for n in range(2):
        a_meeting(hwb, n)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("api:ocd_events")).status_code == 200
    unbounded = [
        q["sql"] for q in queries if any(every in q["sql"] for every in EVERY_ROW)
    ]
    assert not unbounded
