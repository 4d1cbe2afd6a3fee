"""Pages of long lists: the page's keys first, then its rows.

A list page's query joins a row's relations (select_related) and filters it by
who may read it (subqueries): on PostgreSQL, planning a dozen joins beside those
subqueries takes longer than running the query, and the joins ride along through
the sort of every matching row. So a page is found in two queries that each plan
in a millisecond or two: the page's primary keys through the list's filters and
order alone, then those rows with their relations.
"""

from django.core.paginator import Paginator


def page_of(keys, number, *, per_page, rows):
    """Page `number` (a GET value: the last page past the end, the first for
    anything not a number) of `keys`, a queryset whose rows are the list's, in
    its order; its `object_list` holds those rows as `rows` (a queryset of the
    same model, with the relations the page shows) loads them."""
    page = Paginator(keys.values_list("pk", flat=True), per_page).get_page(number)
    pks = list(page.object_list)
    loaded = rows.in_bulk(pks)
    # A row deleted between the two queries is left out.
    page.object_list = [loaded[pk] for pk in pks if pk in loaded]
    return page
