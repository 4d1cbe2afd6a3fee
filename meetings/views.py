from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hwbb.permissions import OFFICER, can_update_action, role_required
from meetings import services
from meetings.forms import ActionForm, ActionUpdateForm
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Meeting,
    Minute,
    ResolutionClause,
)

TAGS = ("secondary_pillars__framework", "priorities")


def _get_meeting_for_user(request, pk):
    meetings = Meeting.objects.visible_to(request.user).select_related(
        "body", "contact_officer", "minutes_approved_at__body"
    )
    return get_object_or_404(meetings, pk=pk)


def _get_action_for_user(request, pk):
    actions = Action.objects.visible_to(request.user).for_list()
    return get_object_or_404(actions, pk=pk)


def meeting_list(request):
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    past = meetings.filter(start__lt=timezone.now()).order_by("-start")
    page = Paginator(past, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "page": page},
    )


def meeting_detail(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    items = (
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("section", "primary_pillar__framework")
        .prefetch_related(*TAGS)
    )
    return render(
        request, "meetings/meeting_detail.html", {"meeting": meeting, "items": items}
    )


def meeting_minutes(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    minutes = (
        Minute.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("agenda_item", "resolution")
        .prefetch_related(
            Prefetch(
                "resolution__clauses",
                queryset=ResolutionClause.objects.select_related("recommended_to"),
            )
        )
    )
    attendances = meeting.attendances.select_related(
        "person__organisation", "substitute_for"
    )
    return render(
        request,
        "meetings/meeting_minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "attendance": _attendance_block(attendances),
        },
    )


ATTENDANCE_HEADINGS = [
    (Attendance.Capacity.MEMBER, "Board members"),
    (Attendance.Capacity.OTHER_REPRESENTATIVE, "Other representatives"),
    (Attendance.Capacity.OFFICER, "Employees and officers in attendance"),
]


def _attendance_block(attendances):
    """[(heading, [attendance])] in the order council minutes print them."""
    attendances = list(attendances)
    present = [a for a in attendances if a.status != Attendance.Status.APOLOGIES]
    block = [
        (heading, [a for a in present if a.capacity == capacity])
        for capacity, heading in ATTENDANCE_HEADINGS
    ]
    apologies = [a for a in attendances if a.status == Attendance.Status.APOLOGIES]
    return [(h, rows) for h, rows in [*block, ("Apologies", apologies)] if rows]


@role_required()
def my_actions(request):
    actions = (
        Action.objects.owned_by(request.user).for_list().order_by("status", "due_date")
    )
    actions = sorted(actions, key=lambda a: (a.is_closed, not a.is_overdue, a.pk))
    return render(request, "meetings/action_mine.html", {"actions": actions})


@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = _get_action_for_user(request, pk)
    may_update = can_update_action(request.user, action)
    form = None
    if may_update:
        initial = {
            "date": timezone.localdate(),
            "status": action.status,
            "percent_complete": action.percent_complete,
        }
        form = ActionUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if form.is_valid():
            _, created = services.action_add_update(
                action=action, user=request.user, **form.cleaned_data
            )
            text = "Update saved." if created else "That update was already saved."
            messages.success(request, text)
            return redirect(action)
    updates = ActionUpdate.objects.filter(action=action).select_related(
        "author", "author_person"
    )
    return render(
        request,
        "meetings/action_detail.html",
        {"action": action, "form": form, "updates": updates},
    )


def _action_initial_from_clause(request):
    clause = (
        ResolutionClause.objects.filter(pk=request.GET.get("clause"))
        .select_related("resolution__minute__meeting")
        .first()
    )
    if clause is None:
        return None, {}
    resolution = clause.resolution
    initial = {
        "body": resolution.minute.meeting.body_id,
        "title": clause.text[:300],
        "description": clause.text,
        "primary_pillar": resolution.primary_pillar_id,
        "secondary_pillars": list(resolution.secondary_pillars.all()),
        "priorities": list(resolution.priorities.all()),
    }
    return clause, initial


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def action_create(request):
    clause, initial = _action_initial_from_clause(request)
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        if clause is not None:
            action.resolution_clause = clause
            action.minute = clause.resolution.minute
        action, created = services.action_create(
            action=action,
            secondary_pillars=form.cleaned_data["secondary_pillars"],
            priorities=form.cleaned_data["priorities"],
        )
        done = "Action created" if created else "That action was already created"
        messages.success(request, f"{done}: {action.title}")
        return redirect(action)
    return render(
        request, "meetings/action_form.html", {"form": form, "clause": clause}
    )
