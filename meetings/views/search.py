"""The search page: everything the reader may read, found by its words."""

from django.core.paginator import Paginator
from django.shortcuts import render

from hwbb.pagecache import public_page
from meetings import search
from meetings.forms.search import SearchForm


@public_page
def search_page(request):
    """Search everything the user may read: agenda items, reports, minutes,
    decisions, actions and documents."""
    form = SearchForm(request.GET or None, user=request.user)
    result = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        result = search.search(
            request.user,
            data["q"],
            body=data["body"],
            since=data["since"],
            until=data["until"],
            pillar=data["pillar"],
            priority=data["priority"],
            kinds=[data["type"]] if data["type"] else None,
            page=_page_number(request),
        )
        if not result.searchable:
            form.add_error("q", search.NOTHING_TO_SEARCH)
            result = None
    elif form.is_valid() and any(form.cleaned_data.values()):
        form.add_error("q", "Enter the words to find; the filters narrow a search")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "search.html",
        {
            "form": form,
            "result": result,
            "page": _pages(result),
            "query": query.urlencode(),
        },
    )


def _page_number(request):
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


def _pages(result):
    """A Django page for includes/pagination.html (counts only, no rows)."""
    if result is None:
        return None
    return Paginator(range(result.total), result.per_page).get_page(result.page)
