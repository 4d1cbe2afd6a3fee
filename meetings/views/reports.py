from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from hwbb import audit
from hwbb.permissions import AUTHOR, OFFICER, has_role, role_required
from meetings import services
from meetings.forms import (
    ConsiderationForm,
    DocumentForm,
    ReportForm,
    ReportReviewForm,
    WithdrawForm,
)
from meetings.models import AgendaPack, Document, PlannedItem, Report
from meetings.views._common import (
    _form_errors_from,
    _get_meeting_for_user,
    _pk_in_query,
    _posted,
)

PAPER_NOT_FOUND = (
    "The paper in the address is not one of this report's: what you upload "
    "will be a new paper, not a new version."
)


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
    editable = report is None or report.is_editable
    if not editable and request.method == "GET":
        messages.error(request, Report.NOT_EDITABLE)
        return redirect(report)
    form = ReportForm(_posted(request), instance=report, user=request.user)
    if not editable:  # posted from a page opened before it was submitted
        form.add_error(None, Report.NOT_EDITABLE)
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
    if report.is_exempt:
        audit.viewed_exempt(request, report, "Exempt report's page")
    documents = Document.objects.visible_to(request.user).filter(report=report)
    current = list(documents.current().in_reading_order())
    user = request.user
    may_edit = user.is_authenticated and _may_edit_report(user, report)
    returned = None
    if may_edit and report.status == Report.Status.RETURNED:
        returned = (
            report.reviews.filter(status=Report.Status.RETURNED)
            .select_related("by")
            .last()
        )
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
            "returned": returned,
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
@require_http_methods(["GET", "POST"])
def report_withdraw(request, pk):
    """A page of its own that says what withdrawing does and asks why; the
    report is withdrawn only when that is posted."""
    report = _get_report_for_user(request, pk)
    if not _may_edit_report(request.user, report):
        raise PermissionDenied
    if report.status == Report.Status.WITHDRAWN:
        messages.info(request, "This report is already withdrawn.")
        return redirect(report)
    if not report.may_be_withdrawn:
        messages.error(request, Report.NOT_WITHDRAWABLE)
        return redirect(report)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            _, withdrawn = services.report_withdraw(
                report=report, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            text = "Report withdrawn." if withdrawn else "Already withdrawn."
            messages.success(request, text)
            return redirect(report)
    return render(
        request,
        "meetings/confirm_page.html",
        {
            "form": form,
            "heading": "Withdraw this report?",
            "caption": report.title,
            "consequences": _withdraw_consequences(report),
            "back_url": report.get_absolute_url(),
            "back_text": "No, keep the report",
        },
    )


def _withdraw_consequences(report):
    going_to = f"the {report.body.name}"
    if report.meeting:
        going_to += f" on {timezone.localtime(report.meeting.start):%-d %B %Y}"
    return [
        f"it does not go to {going_to}",
        "it can no longer be changed or submitted: to bring it back, write a new "
        "report",
        "its page and papers stay, marked withdrawn, with your reason in its "
        "history for the governance officer and its authors",
    ]


@role_required(OFFICER, AUTHOR)
@require_http_methods(["GET", "POST"])
def document_upload(request, pk):
    report = _get_report_for_user(request, pk)
    if not _may_edit_report(request.user, report):
        raise PermissionDenied
    replaces = _paper_replaced(request, report)
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


def _paper_replaced(request, report):
    """The report's paper a new version replaces (?replaces=); one the
    address names but the report does not have is said, and the upload is a
    new paper."""
    if "replaces" not in request.GET:
        return None
    paper = report.documents.filter(pk=_pk_in_query(request, "replaces")).first()
    if paper is None and request.method == "GET":
        messages.warning(request, PAPER_NOT_FOUND)
    return paper


def document_download(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    filename = f"{slugify(document.title)}-v{document.version}.{document.file_type}"
    if document.is_exempt:
        audit.viewed_exempt(request, document, f"Downloaded {filename}")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)


# -- Agenda packs ----------------------------------------------------------------


def agenda_pack(request, pk, kind="public"):
    """The public pack for anyone who may see the published agenda; the
    members' pack only for officers and the body's members.

    A published agenda's pack is checked against its inputs as they stand on
    every download and, if anything in it changed, rebuilt before it is
    served: a reader never gets a pack that leaves out what the meeting's page
    shows. The sweep usually rebuilds it first, so the download rarely waits.
    """
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
    if meeting.agenda_is_public:
        record, _ = services.agenda_pack_refresh(meeting=meeting, kind=kind)
    else:
        record = get_object_or_404(meeting.packs, kind=kind)
    filename = f"{meeting.body.slug}-agenda-{timezone.localdate(meeting.start)}.pdf"
    audit.exported(request, f"{record.get_kind_display()}: {filename}", obj=meeting)
    return FileResponse(
        record.file.open("rb"), content_type="application/pdf", filename=filename
    )


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def report_route(request, pk):
    """Record the next body a report goes to (the HWB, then Cabinet, then Council)."""
    report = _get_report_for_user(request, pk)
    form = ConsiderationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            stop = services.report_route_add(
                report=report, stop=form.save(commit=False)
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _route_added(report, stop))
            return redirect(report)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": f"Route of {report.title}"},
    )


def _route_added(report, stop):
    planned = PlannedItem.objects.filter(consideration=stop).first()
    if planned is None:
        return f"Added to the route: {stop.body}."
    if planned.meeting_id is None:
        return (
            f"Added to the route: {stop.body}. It is on the {stop.body}'s forward "
            "plan, waiting for a meeting."
        )
    day = timezone.localtime(planned.meeting.start)
    return (
        f"Added to the route: {stop.body}. It is on the {stop.body}'s forward "
        f"plan for the meeting of {day:%-d %B %Y}."
    )
