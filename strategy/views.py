"""Strategy pages, and the golden thread: what the board decided about a
priority or pillar, what is being done, and whether outcomes move."""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hwbb.permissions import OFFICER, role_required
from indicators import summary
from indicators.models import Indicator
from meetings import pack
from meetings.models import Action, AgendaItem, Meeting, PlannedItem, Resolution
from strategy import dashboards
from strategy.models import Pillar, Priority, StrategyVersion

# A priority not discussed for longer than this is flagged as a gap.
NOT_DISCUSSED_AFTER = datetime.timedelta(days=183)


def overview(request):
    versions = StrategyVersion.objects.select_related("strategy").prefetch_related(
        "ambitions",
        Prefetch("priorities", queryset=Priority.objects.prefetch_related("pillars")),
    )
    return render(request, "strategy/strategy_overview.html", {"versions": versions})


def _thread(request, *, pillar=None, priority=None, indicators):
    """Everything tagged to one pillar or priority, each list read in a fixed
    number of queries whatever its length."""
    user, tag = request.user, {"pillar": pillar, "priority": priority}
    items = list(
        AgendaItem.objects.visible_to(user)
        .tagged(**tag)
        .select_related("meeting__body", "primary_pillar")
        .order_by("-meeting__start", "number")
    )
    resolutions = list(
        Resolution.objects.visible_to(user)
        .tagged(**tag)
        .select_related("minute__meeting__body")
        .prefetch_related("clauses")
        .order_by("-minute__meeting__start")
    )
    actions = list(
        Action.objects.visible_to(user).tagged(**tag).for_list().order_by("due_date")
    )
    dates = [i.meeting.start for i in items] + [
        r.minute.meeting.start for r in resolutions
    ]
    status_counts = Counter(a.get_status_display() for a in actions)
    return {
        "since": dashboards.last_board_meeting(),
        "items": items,
        "resolutions": resolutions,
        "actions": actions,
        "status_counts": sorted(status_counts.items()),
        "overdue_count": sum(a.is_overdue for a in actions),
        "last_discussed": max(dates) if dates else None,
        "indicator_rows": summary.comparisons(indicators),
    }


def _gaps(thread, *, progress_reports=None):
    gaps = []
    last = thread["last_discussed"]
    if last is None:
        gaps.append("Not discussed at any meeting yet.")
    elif timezone.now() - last > NOT_DISCUSSED_AFTER:
        gaps.append(
            f"Not discussed for more than six months (last on {last:%-d %B %Y})."
        )
    if not thread["indicator_rows"]:
        gaps.append("No indicator shows whether outcomes are moving.")
    if thread["overdue_count"]:
        gaps.append(f"{thread['overdue_count']} overdue action(s).")
    if progress_reports is not None and not progress_reports:
        gaps.append("No progress report has been received.")
    return gaps


def priority_detail(request, slug):
    priority = get_object_or_404(
        Priority.objects.select_related("version", "predecessor"), slug=slug
    )
    thread = _thread(request, priority=priority, indicators=priority.indicators.all())
    reports = list(priority.progress_reports.all())
    context = {
        "priority": priority,
        "leads": priority.leads.all(),
        "pillars": priority.pillars.all(),
        "successors": priority.successors.select_related("version"),
        "progress_reports": reports,
        "gaps": _gaps(thread, progress_reports=reports),
        **thread,
    }
    return render(request, "strategy/priority_detail.html", context)


def pillar_detail(request, framework, code):
    pillar = get_object_or_404(
        Pillar.objects.select_related("framework"), framework__slug=framework, code=code
    )
    indicators = Indicator.objects.filter(
        Q(priorities__pillars=pillar) | Q(pillars=pillar)
    ).distinct()
    thread = _thread(request, pillar=pillar, indicators=indicators)
    context = {
        "pillar": pillar,
        "priorities": pillar.priorities.select_related("version"),
        "gaps": _gaps(thread),
        **thread,
    }
    return render(request, "strategy/pillar_detail.html", context)


@role_required(OFFICER)
@require_POST
def watchlist_to_forward_plan(request, slug):
    """Put a watchlist indicator on the board's next meeting's forward plan."""
    indicator = get_object_or_404(Indicator, slug=slug)
    meeting = (
        Meeting.objects.filter(
            body__slug=settings.HOME_BODY_SLUG, start__gt=timezone.now()
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("start")
        .first()
    )
    if meeting is None:
        messages.error(request, "The board has no meeting ahead to plan it for.")
        return redirect("indicators:watchlist")
    planned, created = PlannedItem.objects.get_or_create(
        meeting=meeting,
        title=f"Watchlist: {indicator.name}",
        defaults={"notes": "Significantly worse than England and getting worse."},
    )
    text = "Added to the forward plan" if created else "Already on the forward plan"
    messages.success(request, f"{text} for {meeting}.")
    return redirect("meetings:forward_plan", meeting.body.slug)


def board_dashboard(request):
    return render(
        request, "strategy/board_dashboard.html", dashboards.board(request.user)
    )


def board_dashboard_pdf(request):
    """The board dashboard for the agenda pack: as the public sees it, so the
    PDF may go into the published pack whoever makes it."""
    context = {
        **dashboards.board(AnonymousUser()),
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "made_at": timezone.now(),
    }
    pdf = pack.render("strategy/board_dashboard_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate()
    response["Content-Disposition"] = (
        f'inline; filename="board-dashboard-{day:%Y-%m-%d}.pdf"'
    )
    return response


def priority_dashboard(request, slug):
    priority = get_object_or_404(Priority.objects.select_related("version"), slug=slug)
    context = {
        "priority": priority,
        "leads": priority.leads.all(),
        **dashboards.priority(request.user, priority),
    }
    return render(request, "strategy/priority_dashboard.html", context)
