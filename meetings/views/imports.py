"""The governance officer's agenda pack importer: upload a pack; a worker
reads it while its page shows how far it has got; the officer checks what was
read and what it matches, corrects who the printed names are, and confirms."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hwbb import notify
from hwbb.permissions import OFFICER, role_required
from meetings import services, tasks
from meetings.forms import NameChoicesForm, PackUploadForm
from meetings.models import Meeting, PackImport
from meetings.services.imports import HOW
from meetings.views._common import _posted

Status = PackImport.Status


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def pack_upload(request):
    """Upload a pack; it is read in the background and its page follows."""
    form = PackUploadForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pack = _pack_saved(form.cleaned_data["file"], request.user)
        handed = []
        transaction.on_commit(
            lambda: handed.append(notify.to_queue(tasks.read_pack_import, pack.pk))
        )
        if handed == [False]:
            messages.warning(
                request,
                "The reader's queue cannot be reached just now. The file is saved, "
                "and it will be read automatically once the queue is back.",
            )
        return redirect("meetings:pack_import", pack.pk)
    packs = PackImport.objects.select_related("uploaded_by")[:10]
    return render(
        request,
        "meetings/pack_import_upload.html",
        {
            "form": form,
            "packs": packs,
            "limit_mb": settings.MAX_UPLOAD_BYTES // 1_048_576,
        },
    )


def _pack_saved(upload, user):
    is_pdf = upload.read(5) == b"%PDF-"
    upload.seek(0)
    pack = PackImport(name=upload.name[:255], uploaded_by=user)
    pack.file.save("pack.pdf" if is_pdf else "pack.txt", upload, save=False)
    pack.save()
    return pack


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def pack_import(request, pk):
    """One uploaded pack: its progress, why it could not be read, the preview
    to check, correct and confirm, or what was imported, by its status."""
    pack = get_object_or_404(
        PackImport.objects.select_related("uploaded_by", "saved_by"), pk=pk
    )
    if request.GET.get("format") == "json":
        return JsonResponse(_progress(pack))
    if pack.status == Status.READ:
        return _preview(request, pack)
    if request.method == "POST":
        messages.info(request, _why_not_now(pack))
        return redirect("meetings:pack_import", pack.pk)
    if pack.status == Status.SAVED:
        return render(request, "meetings/pack_import_result.html", _result(pack))
    return render(request, "meetings/pack_import_status.html", {"pack": pack})


def _progress(pack):
    return {
        "status": pack.status,
        "status_text": pack.get_status_display(),
        "pages_done": pack.pages_done,
        "pages_total": pack.pages_total,
        "percent": pack.progress,
        "progress_text": pack.progress_in_words,
        "finished": not pack.is_active,
    }


def _why_not_now(pack):
    if pack.status == Status.SAVED:
        return _already_saved(pack)
    if pack.status == Status.FAILED:
        return "This pack could not be read, so there is nothing to import."
    return "This pack is still being read: check it once the reader has finished."


def _already_saved(pack):
    who = ""
    if pack.saved_by:
        who = f" by {pack.saved_by.get_full_name() or pack.saved_by.username}"
    when = timezone.localtime(pack.saved_at)
    return (
        f"This pack was already imported{who} at {when:%H:%M} on "
        f"{when.day} {when:%B %Y}: nothing was imported again."
    )


def _preview(request, pack):
    reading, left_out = services.pack_import_parts(pack.reading)
    plan = services.import_plan(reading, choices=pack.choices)
    form = NameChoicesForm(_posted(request), plan=plan, chosen=pack.choices)
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST:
            return _confirm(request, pack, form.choices())
        if services.pack_import_choose(pk=pack.pk, choices=form.choices()):
            messages.success(request, "Your corrections are applied: check them.")
        else:
            pack.refresh_from_db()
            messages.info(request, _why_not_now(pack))
        return redirect("meetings:pack_import", pack.pk)
    return render(
        request,
        "meetings/pack_import_preview.html",
        {
            "pack": pack,
            "parts": _parts(reading, plan),
            "left_out": left_out,
            "problems": reading.get("problems") or [],
            "form": form,
            "names": [(name, HOW[name["how"]], field) for name, field in form.rows()],
            "to_choose": sum(1 for n in plan["names"] if n["how"] == "ambiguous"),
        },
    )


def _confirm(request, pack, choices):
    try:
        pack, saved_now = services.pack_import_save(
            pk=pack.pk, by=request.user, choices=choices
        )
    except ValidationError as error:
        messages.error(request, "Nothing was imported: " + " ".join(error.messages))
        return redirect("meetings:pack_import", pack.pk)
    if not saved_now:  # the result page says a fresh import is done
        messages.info(request, _already_saved(pack))
    return redirect("meetings:pack_import", pack.pk)


def _day(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def _parts(reading, plan):
    """What was read, meeting by meeting, beside what it matches (the plan
    lists the agenda first, then each set of minutes, as the reading does)."""
    read = ([("agenda", reading["agenda"])] if reading.get("agenda") else []) + [
        ("minutes", m) for m in reading.get("minutes") or []
    ]
    found = Meeting.objects.select_related("body").in_bulk(
        [row["meeting_found"] for row in plan["meetings"] if row["meeting_found"]]
    )
    parts = []
    for (kind, part), row in zip(read, plan["meetings"], strict=True):
        parts.append(
            {
                "kind": kind,
                "part": part,
                "day": _day(part.get("date")),
                "plan": row,
                "meeting": found.get(row["meeting_found"]),
                "rows": _items(part) if kind == "agenda" else _minutes(part),
                "attendance": _attendance(part) if kind == "minutes" else None,
            }
        )
    return parts


def _items(agenda):
    return [
        {
            "label": it["number"] + (f"({it['sub']})" if it.get("sub") else ""),
            "title": it["title"],
            "detail": it.get("section") or "",
            "exempt": it.get("exempt"),
        }
        for it in agenda["items"]
    ]


def _clauses(rows):
    return sum(1 + _clauses(r.get("children") or []) for r in rows)


def _minutes(part):
    return [
        {
            "label": it["number"],
            "title": it["title"],
            "detail": _clause_words(_clauses(it.get("resolutions") or [])),
            "exempt": it.get("exempt"),
        }
        for it in part.get("items") or []
    ]


def _clause_words(n):
    return f"{n} resolution clause{'s' if n != 1 else ''}" if n else "No resolution"


ATTENDANCE = (
    ("present_members", "Members present"),
    ("other_representatives", "Other representatives"),
    ("employees", "Officers"),
    ("apologies_detail", "Apologies"),
    ("substitutes", "Substitutes"),
)


def _attendance(part):
    att = part.get("attendance") or {}
    return [(label, len(att.get(key) or [])) for key, label in ATTENDANCE]


def _result(pack):
    pks = list(dict.fromkeys(pack.result.get("meetings") or []))
    meetings = Meeting.objects.select_related("body").in_bulk(pks)
    return {
        "pack": pack,
        "counts": sorted((pack.result.get("counts") or {}).items()),
        "left_out": pack.result.get("left_out") or [],
        "meetings": [meetings[pk] for pk in pks if pk in meetings],
    }
