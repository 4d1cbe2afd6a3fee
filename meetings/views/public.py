import datetime
import itertools
from collections import defaultdict

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from hwbb import audit
from hwbb.pagecache import public_page
from hwbb.permissions import OFFICER, has_role
from meetings import cycle
from meetings.models import (
    Action,
    AgendaItem,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    PublicQuestion,
    Report,
    UrgentDecision,
)
from meetings.views._common import (
    _get_body_for_user,
    _get_meeting_for_user,
    _is_chair_of,
)
from strategy.models import TAG_PREFETCH, Pillar, Priority, ProgressReport


@public_page
def home(request):
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    return render(
        request,
        "home.html",
        {
            "upcoming": meetings.to_come()[:5],
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


def meeting_list(request):
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    past = meetings.filter(start__lt=timezone.now()).order_by("-start")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.to_come(), "page": page},
    )


# The months the calendar pages: the years a board's records may hold.
CALENDAR_YEARS = range(1990, 2101)


def meeting_calendar(request, year=None, month=None):
    """The meetings of one month, day by day, with the months either side: a
    list rather than a grid, which reads the same on a phone and to a screen
    reader. A cancelled meeting stays, marked cancelled."""
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if year not in CALENDAR_YEARS or not 1 <= month <= 12:
        raise Http404("No calendar for that month.")
    first = datetime.date(year, month, 1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    meetings = (
        Meeting.objects.visible_to(request.user)
        .filter(start__gte=_midnight(first), start__lt=_midnight(following))
        .select_related("body")
        .order_by("start")
    )
    days = itertools.groupby(meetings, key=lambda m: timezone.localdate(m.start))
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "meetings/meeting_calendar.html",
        {
            "month": first,
            "days": [(day, list(group)) for day, group in days],
            "previous": previous if previous.year in CALENDAR_YEARS else None,
            "next": following if following.year in CALENDAR_YEARS else None,
            "today": today,
        },
    )


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


@public_page
def meeting_detail(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    items = (
        AgendaItem.objects.visible_to(request.user)
        .with_readable_report(request.user)
        .filter(meeting=meeting)
        .select_related("section", "primary_pillar__framework")
        .prefetch_related(*TAG_PREFETCH)
        .in_agenda_order()
    )
    items = list(items)
    questions = _accepted_questions(request.user, meeting, items)
    previous = meeting.previous_meeting()
    arising = []
    if previous and any(i.kind == AgendaItem.Kind.MATTERS_ARISING for i in items):
        arising = (
            Action.objects.visible_to(request.user)
            .arising_between(meeting.body, previous.start, meeting.start)
            .for_list()
        )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "arising": arising,
            "previous": previous,
            **questions,
            **_next_step_context(request.user, meeting),
        },
    )


def _accepted_questions(user, meeting, items):
    """The meeting's accepted public questions, in one query: each item is
    given its own (`accepted_questions`), to show under it; the page lists
    the rest (about no item, or one this reader's agenda does not show)."""
    questions = list(
        PublicQuestion.objects.visible_to(user)
        .filter(meeting=meeting, status=PublicQuestion.Status.ACCEPTED)
        .order_by("submitted_at", "pk")
    )
    by_item = defaultdict(list)
    for question in questions:
        by_item[question.agenda_item_id].append(question)
    for item in items:
        item.accepted_questions = by_item.get(item.pk, [])
    return {
        "public_questions": questions,
        "items_with_questions": {i.pk for i in items if i.accepted_questions},
        "questions_state": meeting.questions_state(),
    }


def _next_step_context(user, meeting):
    """The "Next step" panel's context, for the body's officers and its chair;
    nothing for anyone else."""
    is_officer = has_role(user, OFFICER)
    is_chair = user.is_authenticated and _is_chair_of(user, meeting.body)
    if not (is_officer or is_chair) or meeting.is_cancelled:
        return {}
    return {
        "cycle": cycle.meeting_cycle(meeting),
        "is_chair": is_chair,
        "has_items": meeting.agenda_items.exists(),
        "days_to_publish": cycle.working_days_to_publish(meeting),
        "next_meeting": meeting.next_meeting(),
        "approvable": Meeting.objects.approving(meeting).exists(),
    }


# -- Bodies ----------------------------------------------------------------------


def body_detail(request, slug):
    """The body's page: for the public, what it is, its members, its meetings
    and its records; for its officers, also the hub of their work on it:
    scheduling meetings, and each coming meeting's next step."""
    body = _get_body_for_user(request, slug)
    meetings = (
        Meeting.objects.visible_to(request.user)
        .filter(body=body)
        .select_related("body")
    )
    members = (
        Membership.objects.current_on(timezone.localdate())
        .filter(body=body)
        .select_related("person", "on_behalf_of")
        .order_by("role", "person__family_name")
    )
    upcoming = list(meetings.to_come()[:12])
    past = meetings.filter(start__lt=timezone.now()).order_by("-start")
    if has_role(request.user, OFFICER):
        cycles = cycle.meeting_cycles(upcoming)
        for meeting in upcoming:
            meeting.cycle = cycles[meeting.pk]
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "members": sorted(members, key=lambda m: _ROLE_ORDER.get(m.role, 9)),
            "upcoming": upcoming,
            "page": Paginator(past, 10).get_page(request.GET.get("page")),
        },
    )


_ROLE_ORDER = {Membership.Role.CHAIR: 0, Membership.Role.DEPUTY_CHAIR: 1}


def item_detail(request, pk, item_pk):
    """One agenda item: its report, papers, minutes and declarations."""
    items = (
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting_id=pk)
        .select_related("meeting__body", "section", "primary_pillar__framework")
        .prefetch_related(*TAG_PREFETCH)
    )
    item = get_object_or_404(items, pk=item_pk)
    closed = item.closed
    if item.is_exempt and item.is_readable:
        audit.viewed_exempt(request, item, "Exempt agenda item's page")
    report = (
        None
        if closed
        else Report.objects.visible_to(request.user).filter(agenda_item=item).first()
    )
    documents = (
        Document.objects.visible_to(request.user)
        .current()
        .filter(report=report)
        .in_reading_order()
        if report
        else []
    )
    minutes = (
        Minute.objects.visible_to(request.user).filter(agenda_item=item).readable()
    )
    return render(
        request,
        "meetings/item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "closed": closed,
            "report": report,
            "documents": documents,
            "minutes": minutes,
            "declarations": Declaration.objects.visible_to(request.user)
            .filter(agenda_item=item)
            .select_related("person", "agenda_item"),
            "urgent": UrgentDecision.objects.visible_to(request.user)
            .filter(ratification_item=item)
            .select_related("body", "taken_by")
            .first(),
        },
    )
