"""Pages found by their keys first (hwbb/paging.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hwbb.paging import KeysFirstPaginator, page_of
from meetings.models import Action
from tests import factories


@pytest.fixture
def actions(hwb):
    return [factories.ActionFactory(body=hwb, title=f"Action {n}") for n in range(7)]


def test_a_page_holds_its_rows_in_the_list_s_order(actions):
    keys = Action.objects.order_by("-pk")
    page = page_of(keys, "2", per_page=3, rows=Action.objects.for_list())
    assert [a.title for a in page] == ["Action 3", "Action 2", "Action 1"]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 7, 3)
    assert page_of(keys, "99", per_page=3).number == 3  # past the end: the last


def test_keys_are_found_without_the_rows_joins_and_rows_by_key(actions):
    keys = Action.objects.order_by("due_date", "pk")
    rows = Action.objects.for_list()
    with CaptureQueriesContext(connection) as queries:
        page = list(page_of(keys, "1", per_page=3, rows=rows))
        # the relations came with the rows: reading them asks nothing more
        [a.minute.meeting.body.name for a in page]
    count, found, loaded = (q["sql"] for q in queries.captured_queries)
    assert "JOIN" not in found and "LIMIT 3" in found
    assert "JOIN" in loaded and "LIMIT" not in loaded
    assert [a.pk for a in page] == [a.pk for a in actions[:3]]


def test_a_row_gone_between_the_two_queries_is_left_out(actions):
    keys = Action.objects.order_by("pk")
    deleted_since = Action.objects.exclude(pk=actions[1].pk)  # as rows sees it
    page = KeysFirstPaginator(keys, 3, rows=deleted_since).page(1)
    assert [a.title for a in page] == ["Action 0", "Action 2"]


def test_a_list_that_is_not_a_queryset_is_paged_as_django_pages_it():
    page = KeysFirstPaginator(list(range(10)), 4).page(3)
    assert list(page) == [8, 9]
