from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hwbb.permissions import CHAIR, OFFICER, has_role, role_required
from meetings import pack, resolutions, services, signing
from meetings.api import exports
from meetings.forms import (
    DecisionFilter,
    MinuteAmendmentForm,
    MinuteForm,
    MinutesApproveForm,
    ResolutionForm,
)
from meetings.models import Minute, Resolution, UrgentDecision
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_officer,
    _get_meeting_for_user,
    _is_chair_of,
    _posted,
)
from strategy.models import TAG_PREFETCH


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
        return exports.csv_response("decisions.csv", exports.DECISION_COLUMNS, rows)
    page = Paginator(resolutions, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    csv_query = query.copy()
    csv_query["format"] = "csv"
    quiet = query or page.number > 1
    between = [] if quiet else list(_taken_between_meetings(request.user))
    return render(
        request,
        "meetings/decision_list.html",
        {
            "filters": filters,
            "between": between,
            "between_bodies": sorted({d.body for d in between}, key=str),
            "page": page,
            "query": query.urlencode(),
            "csv_query": csv_query.urlencode(),
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
