from django.core.paginator import Paginator
from django.shortcuts import render

from hwbb.forms import SearchForm
from meetings import search
from meetings.models import Meeting
from strategy.models import Pillar, Priority, ProgressReport


def home(request):
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    return render(
        request,
        "home.html",
        {
            "upcoming": meetings.upcoming()[:5],
            "recent": meetings.filter(status=Meeting.Status.HELD)[:3],
            "pillars": Pillar.objects.kings_fund(),
            "priorities": Priority.objects.current().select_related("version"),
            "returns_asked": ProgressReport.objects.filter(
                requested_of__user=request.user.pk,
                status__in=ProgressReport.AWAITED,
            ).count()
            if request.user.is_authenticated
            else 0,
        },
    )


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
