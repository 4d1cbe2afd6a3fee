import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken

from hwbb import notify
from hwbb.permissions import (
    AUTHOR,
    CHAIR,
    OFFICER,
    can_update_action,
    has_role,
    role_required,
)
from meetings import pack, resolutions, services
from meetings.api import exports
from meetings.forms import (
    ActionForm,
    ActionLogFilter,
    ActionUpdateForm,
    AgendaItemForm,
    AttendanceForm,
    AttendeeForm,
    CancelForm,
    ConsiderationForm,
    DecisionFilter,
    DeclarationForm,
    DocumentForm,
    InterestForm,
    MeetingForm,
    MinuteAmendmentForm,
    MinuteForm,
    MinutesApproveForm,
    PlannedItemForm,
    PublishForm,
    ReportForm,
    ReportReviewForm,
    RescheduleForm,
    ResolutionForm,
)
from meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    AgendaPack,
    Attendance,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    PlannedItem,
    Report,
    Resolution,
    ResolutionClause,
    municipal_year_of,
)
from strategy.models import TAG_PREFETCH


def _posted(request):
    """The POST data to bind a form to, even when empty (an empty form posted
    must show its errors, not a fresh form)."""
    return request.POST if request.method == "POST" else None


def _get_meeting_for_user(request, pk):
    meetings = Meeting.objects.visible_to(request.user).select_related(
        "body", "contact_officer", "minutes_approved_at__body"
    )
    return get_object_or_404(meetings, pk=pk)


def _get_body_for_user(request, slug):
    return get_object_or_404(Body.objects.visible_to(request.user), slug=slug)


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
        .with_readable_report(request.user)
        .filter(meeting=meeting)
        .select_related("section", "primary_pillar__framework")
        .prefetch_related(*TAG_PREFETCH)
    )
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
        {"meeting": meeting, "items": items, "arising": arising, "previous": previous},
    )


def _minutes_context(request, pk):
    """Everything the minutes show, read through the visibility rules."""
    return pack.minutes_context(_get_meeting_for_user(request, pk), request.user)


def meeting_minutes(request, pk):
    return render(
        request, "meetings/meeting_minutes.html", _minutes_context(request, pk)
    )


def minutes_pdf(request, pk):
    """The minutes as a PDF laid out like the council's printed minutes."""
    context = _minutes_context(request, pk)
    if not context["minutes"]:
        raise Http404("The minutes have not been published.")
    pdf = pack.render("meetings/minutes_pdf.html", context)
    meeting = context["meeting"]
    name = f"{meeting.body.slug}-minutes-{timezone.localdate(meeting.start)}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@role_required()
@require_POST
def calendar_token_renew(request):
    """A new private address for the person's actions calendar; the old one stops."""
    person = _person_of(request)
    person.calendar_token = uuid.uuid4()
    person.save(update_fields=["calendar_token"])
    messages.success(
        request, "Your actions calendar has a new address; the old one no longer works."
    )
    return redirect("meetings:my_actions")


NEW_API_TOKEN = "new_api_token"  # the session key that carries it to one page


@role_required()
@require_POST
def api_token_renew(request):
    """A new API token for updating one's actions, or none ("revoke"); either
    way the old one stops working. Only the token's hash is kept, so the new
    token is shown once, on the next page, and never again."""
    AuthToken.objects.filter(user=request.user).delete()
    if "revoke" in request.POST:
        messages.success(request, "Your API token no longer works.")
    else:
        _record, token = AuthToken.objects.create(user=request.user)
        request.session[NEW_API_TOKEN] = token
    return redirect("meetings:my_actions")


@role_required()
def my_actions(request):
    actions = (
        Action.objects.owned_by(request.user).for_list().order_by("status", "due_date")
    )
    actions = sorted(actions, key=lambda a: (a.is_closed, not a.is_overdue, a.pk))
    person = getattr(request.user, "person", None)
    token = person.calendar_token if person else None
    calendar_url = (
        request.build_absolute_uri(reverse("meetings:actions_ics", args=[token]))
        if token
        else ""
    )
    api_token = AuthToken.objects.filter(user=request.user).order_by("-created").first()
    return render(
        request,
        "meetings/action_mine.html",
        {
            "actions": actions,
            "person": person,
            "calendar_url": calendar_url,
            "new_api_token": request.session.pop(NEW_API_TOKEN, ""),
            "api_token": api_token,
            "api_token_expired": bool(api_token and api_token.expiry <= timezone.now()),
            "api_example": actions[0] if actions else None,
        },
    )


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
        form = ActionUpdateForm(_posted(request), initial=initial, action=action)
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
    form = ActionForm(_posted(request), initial=initial)
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


# -- Officers: the agenda builder and publication -----------------------------


def _get_meeting_for_officer(pk):
    meetings = Meeting.objects.select_related("body", "contact_officer")
    return get_object_or_404(meetings, pk=pk)


def _is_chair_of(user, body):
    return body.memberships.filter(
        person__user=user,
        role__in=[Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR],
    ).exists()


def _form_errors_from(form, error):
    """Put a service's ValidationError onto the form, field by field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = MeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(meeting=form.save(commit=False))
        messages.success(request, "Meeting created with the board's standing items.")
        return redirect("meetings:agenda", meeting.pk)
    return render(
        request, "meetings/form_page.html", {"form": form, "heading": "New meeting"}
    )


@role_required(OFFICER, CHAIR)
def agenda_builder(request, pk):
    meeting = _get_meeting_for_officer(pk)
    is_officer = has_role(request.user, OFFICER)
    if not is_officer and not _is_chair_of(request.user, meeting.body):
        raise PermissionDenied
    items = meeting.agenda_items.select_related("section").order_by(
        "number", "sub_letter"
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
            "can_sign_off": _is_chair_of(request.user, meeting.body),
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk, item_pk=None):
    meeting = _get_meeting_for_officer(pk)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk) if item_pk else None
    form = AgendaItemForm(_posted(request), instance=item, meeting=meeting)
    if meeting.is_cancelled:
        form.add_error(None, "This meeting has been cancelled: its agenda is closed.")
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
    meeting = _get_meeting_for_officer(pk)
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"])
        messages.success(request, "Meeting cancelled; the members are being told.")
        return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "meeting": meeting, "heading": "Cancel the meeting"},
    )


# -- Forward plan ---------------------------------------------------------------


def forward_plan(request, slug):
    body = _get_body_for_user(request, slug)
    this_year = municipal_year_of(timezone.localdate())
    year = _int_or(request.GET.get("year"), this_year)
    start = timezone.make_aware(datetime.datetime(year, 5, 1))
    meetings = (
        Meeting.objects.visible_to(request.user)
        .filter(body=body, start__gte=start, start__lt=start.replace(year=year + 1))
        .order_by("start")
        .prefetch_related(
            Prefetch(
                "planned_items",
                queryset=PlannedItem.objects.select_related(
                    "report_author", "agenda_item"
                ),
            )
        )
    )
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "body": body,
            "year": year,
            "meetings": meetings,
            "duties": body.recurring_items.select_related("default_author"),
            "years": [year - 1, year + 1],
        },
    )


def _int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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


# -- Attendance -----------------------------------------------------------------


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def attendance_edit(request, pk):
    meeting = _get_meeting_for_officer(pk)
    day = timezone.localdate(meeting.start)
    members = [
        ms.person
        for ms in Membership.objects.current_on(day)
        .filter(body=meeting.body)
        .select_related("person")
        .order_by("person__family_name")
    ]
    members = list({p.pk: p for p in members}.values())
    adding_other = "add_other" in request.POST
    form = AttendanceForm(
        None if adding_other else _posted(request), meeting=meeting, members=members
    )
    other = AttendeeForm(_posted(request) if adding_other else None)
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
    year = _int_or(request.GET.get("year"), municipal_year_of(timezone.localdate()))
    since = timezone.make_aware(datetime.datetime(year, 5, 1))
    members, organisations = services.attendance_statistics(
        body=body, since=since, until=since.replace(year=year + 1)
    )
    return render(
        request,
        "meetings/attendance_stats.html",
        {
            "body": body,
            "year": year,
            "members": members,
            "organisations": organisations,
            "years": [year - 1, year + 1],
        },
    )


# -- Reports and documents -------------------------------------------------------


def _may_edit_report(user, report):
    if has_role(user, OFFICER):
        return True
    authors = report.authors.filter(user=user).exists()
    return authors or report.created_by_id == user.pk


def _get_report_for_user(request, pk):
    reports = Report.objects.visible_to(request.user).select_related(
        "body", "meeting__body", "agenda_item", "primary_pillar__framework"
    )
    return get_object_or_404(reports, pk=pk)


@role_required(OFFICER, AUTHOR)
def report_list(request):
    reports = Report.objects.visible_to(request.user).select_related(
        "body", "meeting__body"
    )
    if not has_role(request.user, OFFICER):
        reports = reports.filter(
            Q(authors__user=request.user) | Q(created_by=request.user)
        )
    return render(request, "meetings/report_list.html", {"reports": reports.distinct()})


@role_required(OFFICER, AUTHOR)
@require_http_methods(["GET", "POST"])
def report_edit(request, pk=None):
    report = _get_report_for_user(request, pk) if pk else None
    if report and not _may_edit_report(request.user, report):
        raise PermissionDenied
    editable = report is None or report.status in (
        Report.Status.DRAFT,
        Report.Status.RETURNED,
    )
    form = ReportForm(_posted(request), instance=report)
    if not editable:
        form.add_error(None, "Only a draft or returned report can be changed.")
    elif request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        if report.pk is None:
            report.created_by = request.user
        report.save()
        form.save_m2m()
        messages.success(request, "Report saved as a draft.")
        return redirect(report)
    heading = f"Edit: {report.title}" if report else "Write a report"
    return render(
        request, "meetings/form_page.html", {"form": form, "heading": heading}
    )


def report_detail(request, pk):
    report = _get_report_for_user(request, pk)
    documents = Document.objects.visible_to(request.user).filter(report=report)
    current = list(documents.current().in_reading_order())
    user = request.user
    may_edit = user.is_authenticated and _may_edit_report(user, report)
    return render(
        request,
        "meetings/report_detail.html",
        {
            "report": report,
            "documents": current,
            # A report uploaded as a paper rather than written on the template.
            "report_paper": next(
                (d for d in current if d.kind == Document.Kind.REPORT), None
            ),
            "history": documents.filter(replaced_by__isnull=False),
            "reviews": report.reviews.select_related("by") if may_edit else [],
            "considerations": report.considerations.select_related("body", "meeting"),
            "may_edit": may_edit,
            "missing": services.report_missing(report) if may_edit else [],
        },
    )


@role_required(OFFICER, AUTHOR)
@require_POST
def report_submit(request, pk):
    report = _get_report_for_user(request, pk)
    if not _may_edit_report(request.user, report):
        raise PermissionDenied
    try:
        _, submitted = services.report_submit(report=report, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        text = "Report submitted to the governance officer."
        messages.success(request, text if submitted else "Already submitted.")
    return redirect(report)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def report_review(request, pk):
    report = _get_report_for_user(request, pk)
    form = ReportReviewForm(_posted(request), report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "return":
                services.report_return(
                    report=report, user=request.user, comments=data["comments"]
                )
            else:
                services.report_accept(
                    report=report,
                    user=request.user,
                    section=data["section"],
                    urgency_reason=data["urgency_reason"],
                )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, "Decision recorded.")
            return redirect(report)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": f"Review: {report.title}", "intro": report.purpose},
    )


@role_required(OFFICER, AUTHOR)
@require_POST
def report_withdraw(request, pk):
    report = _get_report_for_user(request, pk)
    if not _may_edit_report(request.user, report):
        raise PermissionDenied
    services.report_withdraw(report=report, user=request.user)
    messages.success(request, "Report withdrawn.")
    return redirect(report)


@role_required(OFFICER, AUTHOR)
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    report = _get_report_for_user(request, pk)
    if not _may_edit_report(request.user, report):
        raise PermissionDenied
    replaces = report.documents.filter(pk=request.GET.get("replaces")).first()
    initial = {"title": replaces.title, "kind": replaces.kind} if replaces else {}
    form = DocumentForm(_posted(request), request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                report=report,
                user=request.user,
                replaces=replaces,
                uploaded=data["file"],
                title=data["title"],
                kind=data["kind"],
                is_exempt=data["is_exempt"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"Uploaded: {data['title']}")
            return redirect(report)
    heading = f"New version of {replaces.title}" if replaces else "Upload a document"
    return render(
        request, "meetings/form_page.html", {"form": form, "heading": heading}
    )


def document_download(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    filename = f"{slugify(document.title)}-v{document.version}.{document.file_type}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)


# -- Agenda packs ----------------------------------------------------------------


def agenda_pack(request, pk, kind="public"):
    """The public pack for anyone who may see the published agenda; the
    members' pack only for officers and the body's members."""
    meeting = _get_meeting_for_user(request, pk)
    if kind == AgendaPack.Kind.MEMBERS:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        may_see = (
            has_role(request.user, OFFICER)
            or meeting.body.memberships.filter(person__user=request.user).exists()
        )
        if not may_see:
            raise PermissionDenied
    elif not (meeting.agenda_is_public or has_role(request.user, OFFICER)):
        raise Http404("The agenda has not been published.")
    record = get_object_or_404(meeting.packs, kind=kind)
    filename = f"{meeting.body.slug}-agenda-{timezone.localdate(meeting.start)}.pdf"
    return FileResponse(
        record.file.open("rb"), content_type="application/pdf", filename=filename
    )


# -- Interests and declarations ------------------------------------------------------


def _person_of(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied("Your account is not linked to a person.")
    return person


@role_required()
@require_http_methods(["GET", "POST"])
def my_interests(request):
    person = _person_of(request)
    form = InterestForm(_posted(request))
    if request.method == "POST":
        if "reviewed" in request.POST:
            services.interests_reviewed(person=person)
            messages.success(request, "Thank you: your register is marked as reviewed.")
            return redirect("meetings:interests")
        if form.is_valid():
            interest = form.save(commit=False)
            interest.person = person
            interest.save()
            messages.success(request, "Added to your register of interests.")
            return redirect("meetings:interests")
    interests = person.interests.current().select_related("organisation")
    return render(
        request,
        "meetings/interest_list.html",
        {"form": form, "interests": interests, "person": person},
    )


@role_required()
@require_http_methods(["GET", "POST"])
def declarations(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    person = _person_of(request)
    items = AgendaItem.objects.visible_to(request.user).filter(meeting=meeting)
    form = DeclarationForm(_posted(request), items=items, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            _, created = services.declaration_make(
                meeting=meeting, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Declaration recorded." if created else "Already declared."
            messages.success(request, text)
            return redirect("meetings:declarations", meeting.pk)
    visible = {item.pk: item for item in items}
    checklist = [
        (visible[item.pk], interests)
        for item, interests in services.declarations_checklist(
            meeting=meeting, person=person
        )
        if item.pk in visible
    ]
    made = meeting.declarations.filter(person=person).select_related("agenda_item")
    return render(
        request,
        "meetings/declaration_form.html",
        {"meeting": meeting, "form": form, "checklist": checklist, "made": made},
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def report_route(request, pk):
    """Record the next body a report goes to (the HWB, then Cabinet, then Council)."""
    report = _get_report_for_user(request, pk)
    form = ConsiderationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        stop = form.save(commit=False)
        stop.report = report
        stop.order = report.considerations.count() + 1
        stop.save()
        messages.success(request, f"Added to the route: {stop.body}")
        return redirect(report)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": f"Route of {report.title}"},
    )


# -- Bodies ----------------------------------------------------------------------


def body_detail(request, slug):
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
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "members": sorted(members, key=lambda m: _ROLE_ORDER.get(m.role, 9)),
            "upcoming": meetings.upcoming()[:10],
            "past": meetings.filter(start__lt=timezone.now()).order_by("-start")[:10],
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
    closed = item.is_exempt and not item.show_closed
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
        Minute.objects.visible_to(request.user)
        .filter(agenda_item=item)
        .filter(Q(is_exempt=False) | Q(show_closed=True))
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
            "declarations": item.declarations.select_related("person"),
        },
    )


@role_required(OFFICER)
@require_POST
def planned_to_agenda(request, pk):
    planned = get_object_or_404(
        PlannedItem.objects.select_related("meeting__body"), pk=pk
    )
    try:
        item, _ = services.planned_item_to_agenda(planned=planned, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:forward_plan", planned.meeting.body.slug)
    messages.success(request, f"On the agenda as item {item.reference}.")
    return redirect("meetings:agenda", planned.meeting_id)


# -- Minutes editor ------------------------------------------------------------------


def _may_manage_minutes(user, meeting):
    return has_role(user, OFFICER) or _is_chair_of(user, meeting.body)


@role_required(OFFICER, CHAIR)
def minutes_manage(request, pk):
    meeting = _get_meeting_for_officer(pk)
    if not _may_manage_minutes(request.user, meeting):
        raise PermissionDenied
    minutes = meeting.minutes.select_related("agenda_item").prefetch_related(
        "amendments"
    )
    approvable = MinutesApproveForm(meeting=meeting)
    return render(
        request,
        "meetings/minutes_manage.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "approve_form": approvable,
            "can_edit": has_role(request.user, OFFICER),
            "can_check": _is_chair_of(request.user, meeting.body),
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def minute_edit(request, pk, minute_pk=None):
    meeting = _get_meeting_for_officer(pk)
    minute = get_object_or_404(meeting.minutes, pk=minute_pk) if minute_pk else None
    initial = {"version": minute.version, "number": minute.number} if minute else {}
    form = MinuteForm(
        _posted(request), instance=minute, meeting=meeting, initial=initial
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if minute is None:
                new = form.save(commit=False)
                new.meeting = meeting
                new.number = data["number"]  # empty: the next in the year
                minute = services.minute_create(minute=new, user=request.user)
            else:
                changes = {f: data[f] for f in form.Meta.fields}
                changes["number"] = data["number"] or minute.number
                minute = services.minute_update(
                    minute_pk=minute.pk,
                    expected_version=data["version"],
                    user=request.user,
                    changes=changes,
                )
        except services.MinuteConflict as error:
            conflict = error.current
            form.add_error(
                None,
                f"{conflict.updated_by or 'Another officer'} saved this minute at "
                f"{timezone.localtime(conflict.updated_at):%H:%M} while you were "
                "editing. Your text is kept below; their version is shown beside it. "
                "Merge the two and save again.",
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Minute {minute.reference} saved.")
            return redirect("meetings:minutes_manage", meeting.pk)
    heading = f"Minute {minute.reference}" if minute else "New minute"
    return render(
        request,
        "meetings/minute_form.html",
        {"form": form, "meeting": meeting, "heading": heading, "conflict": conflict},
    )


def _minutes_step_view(request, pk, step, done):
    meeting = _get_meeting_for_officer(pk)
    if not _may_manage_minutes(request.user, meeting):
        raise PermissionDenied
    try:
        step(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("meetings:minutes_manage", meeting.pk)


@role_required(OFFICER)
@require_POST
def minutes_ready(request, pk):
    meeting = _get_meeting_for_officer(pk)
    try:
        told = services.minutes_ready_for_chair(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if told:
            messages.success(request, "The chair has been told the draft is ready.")
        else:
            messages.error(request, "The board has no chair with an email address.")
    return redirect("meetings:minutes_manage", meeting.pk)


@role_required(CHAIR)
@require_POST
def minutes_check(request, pk):
    meeting = _get_meeting_for_officer(pk)
    if not _is_chair_of(request.user, meeting.body):
        raise PermissionDenied
    return _minutes_step_view(
        request, pk, services.minutes_check, "Draft minutes checked."
    )


@role_required(OFFICER)
@require_POST
def minutes_publish(request, pk):
    return _minutes_step_view(
        request,
        pk,
        services.minutes_publish,
        "Minutes published, marked subject to approval.",
    )


@role_required(OFFICER)
@require_POST
def minutes_approve(request, pk):
    meeting = _get_meeting_for_officer(pk)
    form = MinutesApproveForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.minutes_approve(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Minutes approved as a true record.")
    else:
        messages.error(request, "Choose the meeting that approved the minutes.")
    return redirect("meetings:minutes_manage", meeting.pk)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def minute_amend(request, pk, minute_pk):
    meeting = _get_meeting_for_officer(pk)
    minute = get_object_or_404(meeting.minutes, pk=minute_pk)
    form = MinuteAmendmentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.minute_amend(minute=minute, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request, f"Amendment to minute {minute.reference} recorded."
            )
            return redirect("meetings:minutes_manage", meeting.pk)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": f"Amend minute {minute.reference}",
            "intro": "Approved minutes are not edited: the amendment is recorded "
            "and shown with the minute.",
        },
    )


def minute_reference(request, slug, number, year):
    """Follow a citation such as "Minute 31/18" to the minute."""
    minutes = Minute.objects.visible_to(request.user).filter(
        meeting__body__slug=slug,
        number=number,
        municipal_year__in=[2000 + year, 1900 + year],
    )
    minute = minutes.select_related("meeting").first()
    if minute is None:
        raise Http404("That minute is not published.")
    return redirect(minute)


# -- Action log ----------------------------------------------------------------------


def action_log(request, slug):
    body = _get_body_for_user(request, slug)
    visible = Action.objects.visible_to(request.user).filter(body=body)
    filters = ActionLogFilter(request.GET, actions=visible)
    actions = filters.apply(
        visible.for_list()
        .select_related("primary_pillar")
        .prefetch_related("priorities")
        .order_by("due_date", "pk")
    )
    if request.GET.get("format") == "csv":
        return exports.csv_response(
            f"{body.slug}-actions.csv",
            exports.ACTION_COLUMNS,
            exports.action_rows(request, actions),
        )
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "meetings/action_log.html",
        {
            "body": body,
            "filters": filters,
            "actions": actions,
            "csv_query": query.urlencode(),
        },
    )


def decisions(request):
    """The decisions register: every resolution the user may read, newest first."""
    filters = DecisionFilter(request.GET)
    resolutions = filters.apply(
        Resolution.objects.visible_to(request.user)
        .select_related("minute__meeting__body", "primary_pillar")
        .prefetch_related("clauses")
        .order_by("-minute__meeting__start", "-minute__number")
    )
    if request.GET.get("format") == "csv":
        verb = filters.cleaned_data.get("verb", "") if filters.is_valid() else ""
        resolutions = resolutions.prefetch_related(
            *TAG_PREFETCH, "clauses__recommended_to"
        )
        rows = exports.decision_rows(request, resolutions, verb=verb)
        return exports.csv_response("decisions.csv", exports.DECISION_COLUMNS, rows)
    page = Paginator(resolutions, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    return render(
        request,
        "meetings/decision_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "csv_query": csv_query.urlencode(),
        },
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def resolution_edit(request, pk, minute_pk):
    meeting = _get_meeting_for_officer(pk)
    minute = get_object_or_404(meeting.minutes.select_related("meeting"), pk=minute_pk)
    existing = Resolution.objects.filter(minute=minute).first()
    initial = (
        {"preamble": existing.preamble, "clauses": resolutions.as_text(existing)}
        if existing
        else {}
    )
    form = ResolutionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.resolution_save(
                minute=minute,
                preamble=form.cleaned_data["preamble"],
                clauses=form.cleaned_data["clauses"],
                user=request.user,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Resolution of minute {minute.reference} saved.")
            return redirect("meetings:minutes_manage", meeting.pk)
    return render(
        request,
        "meetings/form_page.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": f"Resolution of minute {minute.reference}: {minute.title}",
            "intro": "Each clause's verb (noted, endorsed, approved, agreed, "
            "requested, delegated, recommended) is read from its wording.",
        },
    )
