"""Pages of long lists: the page's keys first, then its rows.

A list page's query joins a row's relations (select_related) and filters it by
who may read it (subqueries). On PostgreSQL, over a body's ten years, that one
query carried every join through a sort of every matching row to keep fifty,
and took longer to plan than to run. So a page is found in two queries: the
page's primary keys through the list's filters and order alone (no joins), then
those rows, by key, with their relations and prefetches.
"""

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """Django's Paginator, whose pages are found by their keys first.

    `object_list` is a queryset in the list's order (its count and keys are
    read from it); `rows` loads a page's rows by key: by default the list
    itself, or a queryset of the same model with the relations a page shows
    and none of the list's filters (which then plans in a millisecond or two,
    not tens). Anything but a queryset is paged as Django pages it."""

    def __init__(self, object_list, per_page, *, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list if rows is None else rows

    def _get_page(self, object_list, number, paginator):
        if hasattr(object_list, "values_list"):
            keys = list(object_list.values_list("pk", flat=True))
            loaded = self.rows.in_bulk(keys)
            # A row deleted between the two queries is left out.
            object_list = [loaded[key] for key in keys if key in loaded]
        return super()._get_page(object_list, number, paginator)


def page_of(keys, number, *, per_page, rows=None):
    """Page `number` (a GET value: the last page past the end, the first for
    anything not a number) of the list `keys`, its rows loaded by `rows`."""
    return KeysFirstPaginator(keys, per_page, rows=rows).get_page(number)


def link_queries(request):
    """For a list's links: its query string without the page number (for the
    links to other pages) and the same asking for CSV (the download link)."""
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    return {"query": query.urlencode(), "csv_query": csv_query.urlencode()}
