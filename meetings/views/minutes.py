from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb import audit, paging
from hwbb.pagecache import public_page
from hwbb.permissions import CHAIR, OFFICER, has_role, role_required
from meetings import pack, resolutions, services, signing
from meetings.api import exports
from meetings.forms import (
    AttendanceForm,
    DecisionFilter,
    MinuteAmendmentForm,
    MinuteForm,
    MinutesApproveForm,
    MinuteTakingForm,
    ResolutionForm,
)
from meetings.models import Minute, Person, Resolution, UrgentDecision
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_officer,
    _get_meeting_for_user,
    _is_chair_of,
    _members_at,
    _posted,
)
from strategy.models import TAG_PREFETCH


def _minutes_context(request, pk):
    """Everything the minutes show, read through the visibility rules."""
    return pack.minutes_context(_get_meeting_for_user(request, pk), request.user)


@public_page
def meeting_minutes(request, pk):
    context = _minutes_context(request, pk)
    # whose page the reader may open, of those the attendance names
    context["people_linked"] = set(
        Person.objects.visible_to(request.user)
        .filter(attendances__meeting=context["meeting"])
        .values_list("pk", flat=True)
    )
    response = render(request, "meetings/meeting_minutes.html", context)
    if _has_exempt_minutes(context):
        audit.viewed_exempt(request, context["meeting"], "Exempt minutes, on the page")
    return response


def _has_exempt_minutes(context):
    """Whether the minutes as read (already fetched to show them) open any
    exempt minute to the reader."""
    return any(m.is_exempt and m.is_readable for m in context["minutes"])


def minutes_pdf(request, pk):
    """The minutes as a PDF laid out like the council's printed minutes."""
    context = _minutes_context(request, pk)
    if not context["minutes"]:
        raise Http404("The minutes have not been published.")
    pdf = pack.render("meetings/minutes_pdf.html", context)
    meeting = context["meeting"]
    exempt = _has_exempt_minutes(context)
    detail = "Minutes PDF, with exempt minutes" if exempt else "Minutes PDF"
    audit.exported(request, detail, obj=meeting)
    name = f"{meeting.body.slug}-minutes-{timezone.localdate(meeting.start)}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


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
    approvable = MinutesApproveForm(meeting=meeting, user=request.user)
    return render(
        request,
        "meetings/minutes_manage.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "approve_form": approvable,
            "comments": meeting.minutes_comments.select_related("by", "minute"),
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
    if request.POST.get("back") == "live":  # asked from the live page
        return redirect(_live_url(meeting))
    return redirect("meetings:minutes_manage", meeting.pk)


@role_required(OFFICER, CHAIR)
@require_http_methods(["GET", "POST"])
def minutes_review(request, pk):
    """The chair's check: the whole draft as it will print, a comment box per
    minute and overall; send it back with comments, or say it is checked."""
    meeting = _get_meeting_for_officer(pk)
    if not _may_manage_minutes(request.user, meeting):
        raise PermissionDenied
    context = pack.minutes_context(meeting, request.user, checking=True)
    is_chair = _is_chair_of(request.user, meeting.body)
    if request.method == "POST":
        if not is_chair:
            raise PermissionDenied
        comments = {None: request.POST.get("comment-overall", "")[:10000]}
        for minute in context["minutes"]:
            comments[minute.pk] = request.POST.get(f"comment-{minute.pk}", "")[:10000]
        step = (
            services.minutes_send_back
            if request.POST.get("answer") == "send_back"
            else services.minutes_check_with_comments
        )
        try:
            step(meeting=meeting, by=request.user, comments=comments)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            # nothing typed is lost: the comments go back into their boxes
            for minute in context["minutes"]:
                minute.posted_comment = comments.get(minute.pk, "")
            context["overall_comment"] = comments[None]
        else:
            messages.success(
                request,
                "The draft has gone back to the governance officer with your comments."
                if step is services.minutes_send_back
                else "Draft minutes checked.",
            )
            return redirect("meetings:minutes_review", meeting.pk)
    context.update(
        {
            "is_chair": is_chair,
            "comments": meeting.minutes_comments.select_related("by", "minute"),
        }
    )
    return render(request, "meetings/minutes_review.html", context)


@role_required(OFFICER)
@require_POST
def minutes_publish(request, pk):
    return _minutes_step_view(
        request,
        pk,
        services.minutes_publish,
        "Minutes published, marked subject to approval.",
    )


@role_required(OFFICER, CHAIR)
@require_POST
def minutes_approve(request, pk):
    """Approve the minutes and record the chair's signature (the chair signs,
    or the officer records the chair's signature at the meeting)."""
    meeting = _get_meeting_for_officer(pk)
    if not _may_manage_minutes(request.user, meeting):
        raise PermissionDenied
    form = MinutesApproveForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.minutes_sign(
                meeting=meeting, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Minutes approved and signed as a correct record."
            )
    else:
        messages.error(
            request, " ".join(e for errors in form.errors.values() for e in errors)
        )
    return redirect("meetings:minutes_manage", meeting.pk)


def minutes_signature(request, pk):
    """Check the chair's signature: the minutes as they stand against the digest
    of the text signed. Anyone who may read the minutes may check."""
    meeting = _get_meeting_for_user(request, pk)
    signature = getattr(meeting, "signature", None)
    if signature is None or meeting.minutes_status != meeting.MinutesStatus.APPROVED:
        raise Http404("These minutes are not signed.")
    return render(
        request,
        "meetings/minutes_signature.html",
        {
            "meeting": meeting,
            "signature": signature,
            "check": signing.verify(signature),
        },
    )


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


@public_page
def decisions(request):
    """The decisions register: every resolution the user may read, newest first."""
    filters = DecisionFilter(request.GET, user=request.user)
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
        return exports.csv_response(
            "decisions.csv", exports.DECISION_COLUMNS, rows, request=request
        )
    page = paging.page_of(resolutions, request.GET.get("page"), per_page=25)
    links = paging.link_queries(request)
    quiet = links["query"] or page.number > 1
    between = [] if quiet else list(_taken_between_meetings(request.user))
    return render(
        request,
        "meetings/decision_list.html",
        {
            "filters": filters,
            "between": between,
            "between_bodies": sorted({d.body for d in between}, key=str),
            "page": page,
            **links,
        },
    )


def _taken_between_meetings(user):
    """The latest decisions taken between meetings, for the decisions page."""
    return (
        UrgentDecision.objects.visible_to(user)
        .filter(status__in=UrgentDecision.DECIDED)
        .select_related("body", "taken_by")
        .order_by("-taken_on", "-pk")[:10]
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


# -- Taking the minutes during the meeting -------------------------------------------


def _live_url(meeting, anchor=""):
    url = reverse("meetings:minutes_live", args=[meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def _conflict_message(current):
    at = timezone.localtime(current.updated_at)
    return (
        f"Someone else changed this minute at {at:%H:%M}: their text is shown "
        "below; nothing of yours is lost. Merge the two, then press Save."
    )


def _attendance_form(request, meeting, data=None):
    return AttendanceForm(
        data, meeting=meeting, members=_members_at(meeting), user=request.user
    )


def _live_minutes(meeting):
    """The meeting's minutes in number order (the agenda's, once prepared),
    with their items and resolutions read in a fixed number of queries."""
    return (
        meeting.minutes.select_related("agenda_item", "resolution", "updated_by")
        .prefetch_related("resolution__clauses")
        .order_by("number")
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def minutes_live(request, pk):
    """Taking the minutes during the meeting, on one page: the attendance,
    then each item's minute in agenda order, each its own form. Without
    JavaScript each minute is saved by its own button; with it, as the
    officer types (minute_autosave). The page's own form is the attendance."""
    meeting = _get_meeting_for_officer(pk)
    attendance = _attendance_form(request, meeting, _posted(request))
    if request.method == "POST" and attendance.is_valid():
        try:
            services.attendance_record(meeting=meeting, rows=attendance.cleaned_rows())
        except ValidationError as error:
            _form_errors_from(attendance, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect(_live_url(meeting, "attendance"))
    return _live_page(request, meeting, attendance=attendance)


def _live_page(request, meeting, *, attendance=None, taking=None, conflict=None):
    """The page; `taking` is the form of a minute just posted, shown as posted
    (with `conflict`, the version someone else saved first)."""
    minutes = []
    if meeting.minutes_may_be_taken:
        for minute in _live_minutes(meeting):
            posted = taking is not None and taking.instance.pk == minute.pk
            minute.form = (
                taking if posted else MinuteTakingForm(instance=minute, meeting=meeting)
            )
            minute.conflict = conflict if posted else None
            minutes.append(minute)
    minuted = meeting.minutes.exclude(agenda_item=None).values("agenda_item")
    return render(
        request,
        "meetings/minutes_live.html",
        {
            "meeting": meeting,
            "attendance": attendance or _attendance_form(request, meeting),
            "minutes": minutes,
            "taking": taking,
            "unminuted": meeting.agenda_items.exclude(pk__in=minuted).count(),
        },
    )


@role_required(OFFICER)
@require_POST
def minutes_prepare(request, pk):
    """Give each agenda item its minute, numbered in agenda order."""
    meeting = _get_meeting_for_officer(pk)
    try:
        made = services.minutes_prepare(meeting=meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Minutes {made[0].reference} to {made[-1].reference} are ready, one "
            "for each agenda item."
            if len(made) > 1
            else f"Minute {made[0].reference} is ready for the new agenda item."
            if made
            else "Every agenda item already has its minute.",
        )
    return redirect(_live_url(meeting))


def _take(request, form):
    """Save the minute's form (its resolution only if it reads)."""
    data = form.cleaned_data
    return services.minute_take(
        minute_pk=form.instance.pk,
        expected_version=data["version"] or 0,
        user=request.user,
        narrative=data["narrative"],
        taken_at=data["taken_at"],
        taken_now="taken_now" in request.POST,
        resolution=None
        if form.resolution_errors()
        else (data["preamble"], data["clauses"]),
    )


@role_required(OFFICER)
@require_POST
def minute_take(request, pk, minute_pk):
    """Save one minute from the live page, without JavaScript."""
    meeting = _get_meeting_for_officer(pk)
    minute = get_object_or_404(meeting.minutes, pk=minute_pk)
    form = MinuteTakingForm(request.POST, instance=minute, meeting=meeting)
    conflict = None
    if form.is_valid():
        try:
            minute = _take(request, form)
        except services.MinuteConflict as error:
            conflict = error.current
            form.add_error(None, _conflict_message(conflict))
            # the next save is made knowing the other version
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, f"Minute {minute.reference} saved.")
            return redirect(_live_url(meeting, f"minute-{minute.pk}"))
    return _live_page(request, meeting, taking=form, conflict=conflict)


def _not_saved(form):
    """The form's problems other than the resolution's, in words."""
    problems = []
    for name, errors in form.errors.items():
        if name in ("preamble", "clauses"):
            continue
        label = form.fields[name].label if name in form.fields else None
        problems += [f"{label}: {e}" if label else e for e in errors]
    return problems


@role_required(OFFICER)
@require_POST
def minute_autosave(request, pk, minute_pk):
    """The live page's autosave, answering in JSON: 200 with the version
    saved; 409 with the version someone else saved first (nothing of this
    one is saved); 422 saying why nothing could be saved. A resolution that
    does not read yet (half typed) is left unsaved, and said so, while the
    rest of the minute is saved."""
    meeting = _get_meeting_for_officer(pk)
    minute = get_object_or_404(meeting.minutes, pk=minute_pk)
    form = MinuteTakingForm(request.POST, instance=minute, meeting=meeting)
    form.is_valid()
    problems = _not_saved(form)
    if problems:
        return JsonResponse({"message": "Not saved: " + " ".join(problems)}, status=422)
    try:
        minute = _take(request, form)
    except services.MinuteConflict as error:
        current = error.current
        html = render_to_string(
            "meetings/_minute_conflict.html", {"conflict": current}, request
        )
        return JsonResponse(
            {
                "message": _conflict_message(current),
                "version": current.version,
                "html": html,
            },
            status=409,
        )
    except ValidationError as error:
        return JsonResponse(
            {"message": "Not saved: " + " ".join(error.messages)}, status=422
        )
    message = f"Saved at {timezone.localtime(minute.updated_at):%H:%M}"
    unread = form.resolution_errors()
    if unread:
        message += ", but not the resolution: " + " ".join(unread)
    return JsonResponse(
        {
            "message": message,
            "version": minute.version,
            "taken_at": minute.taken_time,
            "resolution_saved": not unread,
        }
    )
