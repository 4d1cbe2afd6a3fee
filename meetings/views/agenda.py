from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb import notify
from hwbb.permissions import CHAIR, OFFICER, has_role, role_required
from meetings import pack, services
from meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    CancelForm,
    MeetingForm,
    PlannedItemForm,
    PlannedToAgendaForm,
    PublishForm,
    RescheduleForm,
)
from meetings.models import (
    Attendance,
    Body,
    Meeting,
    PlannedItem,
    UrgentDecision,
    municipal_year_span,
)
from meetings.views._common import (
    _form_errors_from,
    _get_body_for_user,
    _get_meeting_for_officer,
    _is_chair_of,
    _members_at,
    _municipal_year,
    _other_years,
    _posted,
)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(_posted(request), initial=_new_meeting_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(meeting=form.save(commit=False))
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request, "Meeting created with the board's standing items."
            )
            return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": "Schedule a meeting"},
    )


def _new_meeting_initial(request):
    """A body's page schedules its meeting (`?body=<slug>`); the officer
    scheduling it is its contact officer unless changed."""
    initial = {"contact_officer": getattr(request.user, "person", None)}
    slug = request.GET.get("body", "")[:100]
    if slug:
        initial["body"] = Body.objects.filter(slug=slug).first()
    return initial


@role_required(OFFICER, CHAIR)
def agenda_builder(request, pk):
    meeting = _get_meeting_for_officer(pk)
    is_officer = has_role(request.user, OFFICER)
    if not is_officer and not _is_chair_of(request.user, meeting.body):
        raise PermissionDenied
    items = _with_moves(
        meeting.agenda_items.select_related("section").in_agenda_order()
    )
    today = timezone.localdate()
    return render(
        request,
        "meetings/agenda_builder.html",
        {
            "meeting": meeting,
            "items": items,
            "deadline": meeting.publication_deadline(),
            "late": meeting.is_late_to_publish(today),
            "supplements": meeting.supplements.all(),
            "can_edit": is_officer,
            "editing": is_officer and not meeting.is_cancelled,
            "can_sign_off": _is_chair_of(request.user, meeting.body),
        },
    )


def _with_moves(items):
    """The items, each head of a group told whether it can move up or down:
    only within its own run of the agenda (AgendaItem.place)."""
    items = list(items)
    heads = [i for i in items if not i.sub_letter]
    befores, afters = [None, *heads][:-1], [*heads, None][1:]
    for before, item, after in zip(befores, heads, afters, strict=True):
        item.can_move_up = before is not None and before.place == item.place
        item.can_move_down = after is not None and after.place == item.place
    return items


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk, item_pk=None):
    meeting = _get_meeting_for_officer(pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk) if item_pk else None
    if meeting.is_cancelled and request.method == "GET":
        messages.error(request, services.AGENDA_CLOSED)
        return redirect("meetings:agenda", meeting.pk)
    form = AgendaItemForm(_posted(request), instance=item, meeting=meeting)
    if meeting.is_cancelled:  # a form posted before the meeting was cancelled
        form.add_error(None, services.AGENDA_CLOSED)
    elif request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.meeting = meeting
        try:
            if item_pk:
                services.agenda_item_update(
                    item=item, user=request.user, changed=form.changed_data
                )
            else:
                services.agenda_item_add(item=item, user=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            form.save_m2m()
            messages.success(request, f"Item {item.reference} saved.")
            return redirect("meetings:agenda", meeting.pk)
    heading = f"Edit item {item.reference}" if item else "Add an item"
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "meeting": meeting, "heading": heading},
    )


@role_required(OFFICER)
@require_POST
def agenda_item_move(request, pk, item_pk):
    meeting = _get_meeting_for_officer(pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    try:
        services.agenda_item_move(item=item, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("meetings:agenda", meeting.pk)


@role_required(OFFICER)
@require_POST
def agenda_ask_sign_off(request, pk):
    meeting = _get_meeting_for_officer(pk)
    try:
        told = services.agenda_ask_sign_off(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Sent to the chair for sign-off: {told} "
            f"{'person' if told == 1 else 'people'} emailed (once a day at most).",
        )
    return redirect("meetings:agenda", meeting.pk)


@role_required(CHAIR)
@require_POST
def agenda_sign_off(request, pk):
    meeting = _get_meeting_for_officer(pk)
    if not _is_chair_of(request.user, meeting.body):
        raise PermissionDenied
    try:
        services.agenda_sign_off(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Agenda signed off. The officer can now publish it.")
    return redirect("meetings:agenda", meeting.pk)


def _say_if_notices_wait(request, meeting):
    waiting = notify.waiting_for_queue(meeting)
    if waiting:
        messages.warning(
            request,
            f"The mail queue cannot be reached just now: {waiting} notice(s) to "
            "members are waiting and will be sent automatically when it is back. "
            "The notification log shows them.",
        )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def agenda_publish(request, pk):
    meeting = _get_meeting_for_officer(pk)
    form = PublishForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting, published = services.agenda_publish(
                meeting=meeting, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Agenda published; the members are being emailed."
            messages.success(request, text if published else "Already published.")
            _say_if_notices_wait(request, meeting)
            return redirect(meeting)
    return render(
        request,
        "meetings/agenda_publish.html",
        {
            "form": form,
            "meeting": meeting,
            "deadline": meeting.publication_deadline(),
            "late": meeting.is_late_to_publish(timezone.localdate()),
            "heading": "Publish the agenda",
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk):
    meeting = _get_meeting_for_officer(pk)
    form = RescheduleForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_reschedule(
                meeting=meeting, start=form.cleaned_data["start"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request, "Meeting rescheduled; the members are being told."
            )
            _say_if_notices_wait(request, meeting)
            return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "meeting": meeting, "heading": "Reschedule the meeting"},
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    """A page of its own that says what cancelling does, and asks for the
    reason before it is done."""
    meeting = _get_meeting_for_officer(pk)
    if meeting.is_cancelled:
        messages.info(request, "This meeting is already cancelled.")
        return redirect(meeting)
    if not meeting.may_be_cancelled:
        messages.error(request, Meeting.NOT_CANCELLABLE)
        return redirect(meeting)
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            _, cancelled = services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Meeting cancelled; the members are being told."
            messages.success(request, text if cancelled else "Already cancelled.")
            _say_if_notices_wait(request, meeting)
            return redirect(meeting)
    day = timezone.localtime(meeting.start)
    return render(
        request,
        "meetings/confirm_page.html",
        {
            "form": form,
            "heading": "Cancel this meeting?",
            "caption": f"{meeting.body.name}, {day:%-d %B %Y}",
            "consequences": _cancel_consequences(meeting),
            "back_url": meeting.get_absolute_url(),
            "back_text": "No, keep the meeting",
        },
    )


def _cancel_consequences(meeting):
    told = services.members_told_of(meeting)
    people = f"{told} member{'' if told == 1 else 's'}"
    verb = "is" if told == 1 else "are"
    return [
        f"the {people} with an email address {verb} emailed that the meeting is "
        "cancelled, with your reason",
        "the agenda is closed: no item can be added or changed, and it cannot be "
        "signed off or published",
        "the meeting stays listed, marked cancelled with your reason, and "
        "calendars that subscribe to it show it cancelled",
        "attendance statistics leave it out",
    ]


# -- Forward plan ---------------------------------------------------------------


def forward_plan(request, slug):
    body = _get_body_for_user(request, slug)
    year = _municipal_year(request)
    start, end = municipal_year_span(year)
    meetings = (
        Meeting.objects.visible_to(request.user)
        .filter(body=body, start__gte=start, start__lt=end)
        .order_by("start")
        .prefetch_related(
            Prefetch(
                "planned_items",
                queryset=PlannedItem.objects.select_related(
                    "report_author", "agenda_item", "consideration"
                ),
            )
        )
    )
    next_meeting = (
        Meeting.objects.visible_to(request.user).filter(body=body).upcoming().first()
    )
    # newest last, so each row keeps its newest decision
    decisions = list(
        UrgentDecision.objects.visible_to(request.user)
        .filter(body=body)
        .order_by("proposed_at", "pk")
    )
    rows = [p for meeting in meetings for p in meeting.planned_items.all()]
    duties = list(body.recurring_items.select_related("default_author"))
    _deadlines(rows, next_meeting, {d.planned_item_id: d for d in decisions})
    _deadlines(duties, next_meeting, {d.recurring_id: d for d in decisions})
    unscheduled = (
        PlannedItem.objects.visible_to(request.user)
        .unscheduled(body)
        .select_related("report_author", "consideration")
    )
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "body": body,
            "year": year,
            "meetings": meetings,
            "unscheduled": unscheduled,
            "duties": duties,
            "years": _other_years(year),
        },
    )


def _deadlines(rows, next_meeting, decisions):
    """Tell each forward plan row (a planned item, or a duty) in words whether
    its deadline falls before the meeting that would consider it, and which
    decision between meetings, if any, was started from it."""
    today = timezone.localdate()
    for row in rows:
        row.warning = row.deadline_warning(next_meeting, today)
        row.decision = decisions.get(row.pk)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def planned_item_add(request, slug):
    body = _get_body_for_user(request, slug)
    form = PlannedItemForm(_posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        planned = form.save()
        messages.success(request, f"Added to the forward plan: {planned.title}")
        return redirect("meetings:forward_plan", body.slug)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": f"Plan an item: {body.name}"},
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def planned_edit(request, pk):
    """Change a planned item: above all, give a report sent on from another
    body the meeting it goes to."""
    planned = get_object_or_404(
        PlannedItem.objects.select_related("meeting__body", "body"), pk=pk
    )
    body = planned.plan_body
    if planned.agenda_item_id:
        messages.info(request, "It is on the agenda already: change it there.")
        return redirect("meetings:forward_plan", body.slug)
    form = PlannedItemForm(_posted(request), instance=planned, body=body)
    if request.method == "POST" and form.is_valid():
        planned = form.save()
        messages.success(request, f"Forward plan changed: {planned.title}")
        return redirect("meetings:forward_plan", body.slug)
    none_yet = not form.fields["meeting"].queryset.exists()
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "heading": f"Plan an item: {body.name}",
            "intro": f"The {body.name} has no meeting ahead yet: schedule one "
            "first, from its page."
            if none_yet
            else "",
        },
    )


# -- Attendance -----------------------------------------------------------------


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    meeting = _get_meeting_for_officer(pk)
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        return render(
            request,
            "meetings/attendance_signed.html",
            {"meeting": meeting, "attendance": pack.attendance_as_minuted(meeting)},
        )
    members = _members_at(meeting)
    adding_other = "add_other" in request.POST
    form = AttendanceForm(
        None if adding_other else _posted(request),
        meeting=meeting,
        members=members,
        user=request.user,
    )
    other = AttendeeForm(_posted(request) if adding_other else None, user=request.user)
    if adding_other and other.is_valid():
        try:
            services.attendee_add(meeting=meeting, **other.cleaned_data)
        except ValidationError as error:
            _form_errors_from(other, error)
        else:
            messages.success(request, f"Added: {other.cleaned_data['person']}")
            return redirect("meetings:attendance", meeting.pk)
    elif request.method == "POST" and not adding_other and form.is_valid():
        try:
            services.attendance_record(meeting=meeting, rows=form.cleaned_rows())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect("meetings:attendance", meeting.pk)
    others = meeting.attendances.exclude(
        capacity=Attendance.Capacity.MEMBER
    ).select_related("person")
    return render(
        request,
        "meetings/attendance_form.html",
        {"form": form, "other": other, "others": others, "meeting": meeting},
    )


def attendance_stats(request, slug):
    body = _get_body_for_user(request, slug)
    year = _municipal_year(request)
    since, until = municipal_year_span(year)
    members, organisations = services.attendance_statistics(
        body=body, since=since, until=until
    )
    return render(
        request,
        "meetings/attendance_stats.html",
        {
            "body": body,
            "year": year,
            "members": members,
            "organisations": organisations,
            "years": _other_years(year),
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def planned_to_agenda(request, pk):
    planned = get_object_or_404(
        PlannedItem.objects.select_related("meeting__body", "agenda_item"), pk=pk
    )
    meeting = planned.meeting
    if planned.agenda_item_id:
        messages.info(request, f"Already item {planned.agenda_item.reference}.")
        return redirect("meetings:agenda", meeting.pk)
    if meeting is None:
        messages.info(request, "Choose the meeting it goes to first.")
        return redirect("meetings:planned_edit", planned.pk)
    form = PlannedToAgendaForm(_posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            item, _ = services.planned_item_to_agenda(
                planned=planned, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"On the agenda as item {item.reference}.")
            return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": f"Put on the agenda: {planned.title}",
        },
    )
