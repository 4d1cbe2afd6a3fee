"""Strategy pages, and the golden thread: what the board decided about a
priority or pillar, what is being done, and whether outcomes move."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Window
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb.pagecache import public_page
from hwbb.permissions import OFFICER, has_role, role_required
from indicators import summary
from indicators.models import Indicator
from meetings import connections, pack, services, tagging
from meetings.models import (
    Action,
    AgendaSection,
    Body,
    Meeting,
    Person,
    PlannedItem,
    TaggedBusiness,
)
from strategy import dashboards, progress
from strategy.forms import (
    FrameworkForm,
    ProgressRequestForm,
    ProgressReturnForm,
    ProgressReviewForm,
    ScheduleForm,
    TagCorrectionForm,
    pillar_formset,
)
from strategy.models import (
    TAG_PREFETCH,
    Framework,
    Pillar,
    Priority,
    ProgressReport,
    ReportingSchedule,
)

# A priority not discussed for longer than this is flagged as a gap.
NOT_DISCUSSED_AFTER = datetime.timedelta(days=183)


@public_page
def overview(request):
    return render(
        request, "strategy/strategy_overview.html", dashboards.overview(request.user)
    )


def _public_pdf(template, context, filename):
    """A PDF as the public sees it, so it may go into a published pack
    whoever makes it."""
    context = {
        **context,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "made_at": timezone.now(),
    }
    response = HttpResponse(
        pack.render(template, context), content_type="application/pdf"
    )
    day = timezone.localdate()
    response["Content-Disposition"] = (
        f'inline; filename="{filename}-{day:%Y-%m-%d}.pdf"'
    )
    return response


def overview_pdf(request):
    return _public_pdf(
        "strategy/strategy_overview_pdf.html",
        dashboards.overview(AnonymousUser()),
        "strategy-overview",
    )


TIMELINE_MEETINGS_PER_PAGE = 10
OPEN_ACTIONS_SHOWN = 10


def _thread(request, *, tag, lineage=(), indicators, reports):
    """Everything tagged to one pillar or priority (and to the priorities it
    was carried forward from, marked as such), in a fixed number of queries
    however much there is: the timeline is paged by meeting, and the actions
    are counted by status with only the next few due listed."""
    user = request.user
    business = TaggedBusiness(user, **tag)
    items, resolutions = business.items, business.resolutions
    page, met = _timeline_page(request, Meeting.objects.filter(business.meetings()))
    on_page = [m.pk for m in page]
    page_items = _marked(
        items.filter(meeting__in=on_page)
        .select_related("primary_pillar")
        .in_agenda_order(),
        lineage,
    )
    page_resolutions = _marked(
        resolutions.filter(minute__meeting__in=on_page)
        .select_related("minute")
        .prefetch_related("clauses")
        .order_by("minute__number"),
        lineage,
    )
    timeline = [
        (
            meeting,
            meeting.was_held,
            [i for i in page_items if i.meeting_id == meeting.pk],
            [r for r in page_resolutions if r.minute.meeting_id == meeting.pk],
        )
        for meeting in page
    ]
    actions = Action.objects.visible_to(user).tagged(**tag)
    counts = {status: (n, overdue) for status, n, overdue in actions.by_status()}
    status_counts = [
        (label, counts[value][0])
        for value, label in Action.Status.choices
        if value in counts
    ]
    return {
        "since": dashboards.last_board_meeting(),
        "timeline": timeline,
        "page": page,
        "held_count": met["held"],
        "open_actions": _marked(actions.next_due(OPEN_ACTIONS_SHOWN), lineage),
        "action_total": sum(n for n, _ in counts.values()),
        "status_counts": status_counts,
        "overdue_count": sum(overdue for _, overdue in counts.values()),
        "last_discussed": met["last"],
        "indicator_rows": summary.comparisons(indicators),
        **reports,
        "earlier": lineage[1:],
    }


def _timeline_page(request, discussed):
    """The page of the meetings asked for (newest first), and how many there
    are in all, how many were held and when the last was: in one query, the
    counts taken over every meeting (window aggregates) beside the page's
    rows. Each of those counts reads the tagged business of every year (4,800
    buffers at ten years for a priority), so it is read once, not for the
    counts and again for the page. A page past the end, or a thread with no
    meeting, is counted first and paged as Django pages it."""
    held = Q(pk__in=Meeting.objects.held().values("pk"))
    meetings = (
        discussed.annotate(
            was_held=Exists(Meeting.objects.held().filter(pk=OuterRef("pk")))
        )
        .select_related("body")
        .order_by("-start")
    )
    paginator = Paginator(meetings, TIMELINE_MEETINGS_PER_PAGE)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    rows = []
    # A page number whose rows would start past any the database can count
    # (an offset beyond a bigint) is past the end: paged below as Django does.
    if 1 <= number and number * paginator.per_page < 2**63:
        bottom = (number - 1) * paginator.per_page
        rows = list(
            meetings.annotate(
                total=Window(Count("pk")),
                held_total=Window(Count("pk", filter=held)),
                last_held=Window(Max("start", filter=held)),
            )[bottom : bottom + paginator.per_page]
        )
    if rows:
        met = {
            "total": rows[0].total,
            "held": rows[0].held_total,
            "last": rows[0].last_held,
        }
        paginator.count = met["total"]
        page = paginator.page(number)
        page.object_list = rows
        return page, met
    met = discussed.aggregate(
        total=Count("pk"),
        held=Count("pk", filter=held),
        last=Max("start", filter=held),
    )
    paginator.count = met["total"]  # known: the paginator need not count again
    page = paginator.get_page(request.GET.get("page"))
    if not met["total"]:
        page.object_list = []
    return page, met


def _marked(rows, lineage):
    """The rows, each marked with the earlier priority it was tagged under
    (`carried_from`) when the page's priority was carried forward."""
    rows = list(rows)
    if rows and lineage:
        type(rows[0]).mark_carried_forward(rows, lineage)
    return rows


def _gaps(thread):
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
    # Every awaited return is among those shown, so every missing one is here.
    for report in thread["progress_reports"]:
        if report.is_missing:
            gaps.append(
                f"A progress report is missing: it was due on "
                f"{report.due_date:%-d %B %Y}."
            )
    if not thread["progress_reports_published"]:
        gaps.append("No progress report has been received.")
    return gaps


PROGRESS_REPORTS_SHOWN = 5


def _progress_reports(request, rows):
    """The progress reports a golden thread shows: every one awaited (so a
    missing one is never out of sight) and the latest few others, or all of
    them when the reader asks (`?reports=all`); with how many there are and
    how many were received. A priority gathers a return a quarter or so:
    listed whole, they were half the growth of its page over ten years."""
    reports = (
        ProgressReport.objects.visible_to(request.user)
        .filter(pk__in=rows.values("pk"))
        .select_related("priority__version", "requested_of", "agenda_item__meeting")
        .order_by("-date", "-pk")
    )
    held = reports.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status__in=ProgressReport.PUBLISHED)),
    )
    if request.GET.get("reports") != "all":
        awaited = Q(status__in=ProgressReport.AWAITED)
        latest = reports.exclude(awaited).values("pk")[:PROGRESS_REPORTS_SHOWN]
        reports = reports.filter(awaited | Q(pk__in=latest))
    return {
        "progress_reports": list(reports),
        "progress_reports_total": held["total"],
        "progress_reports_published": held["published"],
    }


def _get_priority_for_user(request, slug):
    rows = Priority.objects.for_reader(request.user).select_related(
        "version__successor", "predecessor"
    )
    return get_object_or_404(rows, slug=slug)


@public_page
def priority_detail(request, slug):
    priority = _get_priority_for_user(request, slug)
    lineage = Priority.objects.lineage_of(priority)
    reports = _progress_reports(
        request, ProgressReport.objects.filter(priority__in=lineage)
    )
    for report in reports["progress_reports"]:  # one on an earlier priority
        report.carried_from = report.priority if report.priority != priority else None
    thread = _thread(
        request,
        tag={"priorities": lineage},
        lineage=lineage,
        indicators=priority.indicators.all(),
        reports=reports,
    )
    context = {
        "priority": priority,
        "leads": priority.leads.all(),
        "pillars": priority.pillars.select_related("framework"),
        "successors": priority.successors.select_related("version"),
        "schedule": ReportingSchedule.objects.filter(priority=priority)
        .select_related("lead", "body")
        .first(),
        "gaps": _gaps(thread),
        "action_filter": f"priority={priority.pk}",
        **thread,
    }
    return render(request, "strategy/priority_detail.html", context)


@public_page
def pillar_detail(request, framework, code):
    pillar = get_object_or_404(
        Pillar.objects.select_related("framework"), framework__slug=framework, code=code
    )
    indicators = Indicator.objects.filter(
        Q(priorities__pillars=pillar) | Q(pillars=pillar)
    ).distinct()
    reports = _progress_reports(
        request,
        ProgressReport.objects.filter(
            Q(pk__in=ProgressReport.objects.tagged(pillar=pillar).values("pk"))
            | Q(priority__pillars=pillar)
        ),
    )
    thread = _thread(
        request, tag={"pillar": pillar}, indicators=indicators, reports=reports
    )
    context = {
        "pillar": pillar,
        "priorities": pillar.priorities.select_related("version"),
        "gaps": _gaps(thread),
        "action_filter": f"pillar={pillar.pk}",
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


@public_page
def board_dashboard(request):
    return render(
        request, "strategy/board_dashboard.html", dashboards.board(request.user)
    )


def board_dashboard_pdf(request):
    """The board dashboard for the agenda pack, as the public sees it."""
    return _public_pdf(
        "strategy/board_dashboard_pdf.html",
        dashboards.board(AnonymousUser()),
        "board-dashboard",
    )


@public_page
def priority_dashboard(request, slug):
    priority = _get_priority_for_user(request, slug)
    lineage = Priority.objects.lineage_of(priority)
    context = {
        "priority": priority,
        "leads": priority.leads.all(),
        **dashboards.priority(request.user, priority, lineage),
    }
    return render(request, "strategy/priority_dashboard.html", context)


@role_required(OFFICER)
def tags_edit(request, kind, pk):
    """Correct an object's tags, with the reason; every change is kept."""
    if kind not in tagging.KINDS:
        raise Http404("No such kind of item")
    found = tagging.KINDS[kind]
    rows = found.model.objects.visible_to(request.user).select_related(*found.select)
    obj = get_object_or_404(rows, pk=pk)
    primary, secondary, priorities = tagging.tags_of(obj)
    form = TagCorrectionForm(
        request.POST or None,
        initial={
            "primary_pillar": primary,
            "secondary_pillars": list(secondary),
            "priorities": list(priorities),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = tagging.tags_correct(
                obj=obj,
                primary_pillar=data["primary_pillar"],
                secondary_pillars=list(data["secondary_pillars"]),
                priorities=list(data["priorities"]),
                user=request.user,
                reason=data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, "The tags were corrected.")
            else:
                messages.info(request, "The tags were already as chosen.")
            return redirect("strategy:tags", kind, obj.pk)
    return render(
        request,
        "strategy/tags_edit.html",
        {
            "form": form,
            "obj": obj,
            "kind": found,
            "title": tagging.title_of(obj),
            "history": tagging.tag_history(obj),
        },
    )


@role_required(OFFICER)
def coverage(request):
    """The board's business with no primary pillar or no priority."""
    rows = tagging.coverage()
    chosen = request.GET.get("kind")
    if chosen not in tagging.KINDS:
        chosen = next((k.slug for k, _, missing, _ in rows if missing), "report")
    kind = tagging.KINDS[chosen]
    untagged = (
        kind.model.objects.visible_to(request.user)
        .filter(pk__in=tagging.untagged(kind).values("pk"))
        .select_related("primary_pillar", *kind.select)
        .annotate(priority_count=Count("priorities"))
        .order_by("-pk")
    )
    page = Paginator(untagged, 50).get_page(request.GET.get("page"))
    for obj in page:
        obj.coverage_title = tagging.title_of(obj)
    return render(
        request,
        "strategy/coverage.html",
        {"rows": rows, "kind": kind, "page": page, "query": f"kind={chosen}"},
    )


# -- The progress-report cycle ---------------------------------------------------


def _progress_rows():
    return ProgressReport.objects.select_related(
        "priority__version", "requested_of", "body", "agenda_item__meeting"
    )


@role_required(OFFICER)
def progress_list(request):
    """Returns awaited (missing ones first), to review, and the schedules."""
    rows = _progress_rows()
    awaited = rows.filter(status__in=ProgressReport.AWAITED).order_by("due_date")
    context = {
        "awaited": awaited,
        "to_review": rows.filter(status=ProgressReport.Status.SUBMITTED).order_by(
            "submitted_at"
        ),
        "accepted": rows.filter(status__in=ProgressReport.PUBLISHED).order_by("-date")[
            :20
        ],
        "schedules": ReportingSchedule.objects.select_related(
            "priority__version", "lead", "body"
        ).order_by("next_request_on"),
        "unscheduled": Priority.objects.current().filter(schedule__isnull=True),
    }
    return render(request, "strategy/progress_list.html", context)


@role_required()
def progress_mine(request):
    rows = _progress_rows().filter(requested_of__user=request.user)
    return render(
        request,
        "strategy/progress_mine.html",
        {
            "awaited": rows.filter(status__in=ProgressReport.AWAITED),
            "done": rows.exclude(status__in=ProgressReport.AWAITED)[:20],
        },
    )


def _get_progress_for_user(request, pk):
    rows = _progress_rows().filter(
        pk__in=ProgressReport.objects.visible_to(request.user).values("pk")
    )
    return get_object_or_404(rows.prefetch_related(*TAG_PREFETCH), pk=pk)


def progress_detail(request, pk):
    report = _get_progress_for_user(request, pk)
    is_officer = has_role(request.user, OFFICER)
    review = None
    if is_officer and report.status in (
        ProgressReport.Status.SUBMITTED,
        ProgressReport.Status.ACCEPTED,
    ):
        review = _review_form(report)
    return render(
        request,
        "strategy/progress_detail.html",
        {
            "report": report,
            "obj": report,
            "may_submit": report.is_awaited
            and progress.may_submit(request.user, report),
            "review_form": review,
        },
    )


@require_http_methods(["GET", "POST"])
def progress_submit(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = _get_progress_for_user(request, pk)
    if not progress.may_submit(request.user, report):
        raise PermissionDenied
    if not report.is_awaited:
        messages.info(request, "This progress report has already been submitted.")
        return redirect(report)
    form = ProgressReturnForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        fields = ProgressReturnForm.Meta.fields
        try:
            progress.submit(
                report=report,
                user=request.user,
                data={f: form.cleaned_data[f] for f in fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your progress report was submitted.")
            return redirect(report)
    return render(
        request,
        "strategy/progress_submit.html",
        {"form": form, "report": report},
    )


def _review_form(report, data=None):
    """The review, offering the upcoming agendas of the return's board."""
    meetings = Meeting.objects.upcoming().select_related("body")
    if report.body is not None:
        meetings = meetings.filter(body=report.body)
    sections = AgendaSection.objects.filter(
        body__in=meetings.values("body")
    ).select_related("body")
    return ProgressReviewForm(data, meetings=meetings, sections=sections)


def _accept(report, user, data):
    """Accept a return; onto the chosen meeting's agenda if one was chosen."""
    if data["meeting"] is None:
        return progress.accept(report=report, user=user)
    return services.progress_report_accept(
        report=report,
        user=user,
        meeting=data["meeting"],
        section=data["section"],
        urgency_reason=data["urgency_reason"],
    )


@role_required(OFFICER)
@require_POST
def progress_review(request, pk):
    report = get_object_or_404(_progress_rows(), pk=pk)
    form = _review_form(report, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == form.SEND_BACK:
                progress.send_back(
                    report=report, user=request.user, comments=data["comments"]
                )
                messages.success(request, "The return was sent back to the lead.")
            else:
                _, changed = _accept(report, request.user, data)
                text = "The return was accepted"
                if data["meeting"]:
                    text += f" and put on the agenda of {data['meeting']}"
                messages.success(request, text + "." if changed else "Already done.")
            return redirect(report)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    report = _get_progress_for_user(request, pk)
    return render(
        request,
        "strategy/progress_detail.html",
        {"report": report, "obj": report, "review_form": form},
        status=400,
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def progress_request(request):
    initial = {"body": Body.objects.filter(slug=settings.HOME_BODY_SLUG).first()}
    if request.GET.get("priority"):
        initial["priority"] = request.GET["priority"]
    form = ProgressRequestForm(
        request.POST or None,
        initial=initial,
        people=Person.objects.all(),
        bodies=Body.objects.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report, created = progress.request(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if created:
                messages.success(request, f"{report.requested_of} was asked.")
            else:
                messages.info(request, "A return on this priority is already awaited.")
            return redirect(report)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "heading": "Ask for a progress report",
            "intro": "The lead is emailed a link to the return form, and reminded "
            "before the due date and once it has passed.",
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def schedule_edit(request, slug):
    priority = get_object_or_404(Priority, slug=slug)
    schedule = ReportingSchedule.objects.filter(priority=priority).first()
    initial = {"body": Body.objects.filter(slug=settings.HOME_BODY_SLUG).first()}
    form = ScheduleForm(request.POST or None, instance=schedule, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.priority = priority
        form.save()
        messages.success(request, "The reporting schedule was saved.")
        return redirect("strategy:progress")
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "heading": f"Reporting schedule: {priority.title}",
            "intro": "Requests go to the lead on the next request date, and then "
            "every so many months.",
        },
    )


def interconnections(request):
    """A pillar-by-pillar matrix of the business that spans pillars, with the
    items behind a count listed when it is chosen."""
    frameworks = list(Framework.objects.order_by("name"))
    framework = next(
        (f for f in frameworks if f.slug == request.GET.get("framework")),
        next((f for f in frameworks if f.slug == "kings-fund"), None),
    )
    if framework is None:
        raise Http404("No framework")
    pillars = list(framework.pillars.order_by("order", "code"))
    by_code = {p.code: p for p in pillars}
    sets = connections.pillar_sets(request.user, framework)
    a, b = by_code.get(request.GET.get("a")), by_code.get(request.GET.get("b"))
    page = None
    if a and b:
        keys = connections.spanning(sets, a, b)
        page = Paginator(keys, 25).get_page(request.GET.get("page"))
        page.rows = [
            (kind, obj, tagging.title_of(obj))
            for kind, obj in connections.fetch(request.user, list(page))
        ]
    return render(
        request,
        "strategy/interconnections.html",
        {
            "frameworks": frameworks,
            "framework": framework,
            "matrix": connections.matrix(pillars, sets),
            "spanning": sum(len(ids) > 1 for ids in sets.values()),
            "tagged": len(sets),
            "a": a,
            "b": b,
            "page": page,
            "query": f"framework={framework.slug}&a={a.code}&b={b.code}"
            if a and b
            else "",
        },
    )


# -- Frameworks as data -------------------------------------------------------


def frameworks(request):
    rows = Framework.objects.prefetch_related(
        Prefetch("pillars", queryset=Pillar.objects.order_by("order", "code"))
    ).order_by("name")
    return render(request, "strategy/framework_list.html", {"frameworks": rows})


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def framework_edit(request, slug=None):
    """Add a framework (Marmot's eight objectives, say) or change one: its
    pillars, their codes, descriptions and the other names they go by."""
    framework = get_object_or_404(Framework, slug=slug) if slug else Framework()
    form = FrameworkForm(request.POST or None, instance=framework)
    formset = pillar_formset(extra=2 if slug else 8)(
        request.POST or None, instance=framework, prefix="pillars"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            framework = form.save()
            formset.instance = framework
            pillars = formset.save(commit=False)
            for order, pillar in enumerate(pillars, start=framework.pillars.count()):
                if pillar.pk is None:
                    pillar.order = order
                pillar.save()
        messages.success(request, f"{framework.name} was saved.")
        return redirect("strategy:frameworks")
    if request.method == "POST":
        # One error summary for the page: the formset's errors join the form's.
        for error in formset.non_form_errors():
            form.add_error(None, error)
        for number, pillar_form in enumerate(formset, start=1):
            name = pillar_form.instance.name if pillar_form.instance.pk else ""
            for errors in pillar_form.errors.values():
                for error in errors:
                    where = name or f"New pillar or objective {number}"
                    form.add_error(None, f"{where}: {error}")
    return render(
        request,
        "strategy/framework_form.html",
        {"form": form, "formset": formset, "framework": framework},
    )
