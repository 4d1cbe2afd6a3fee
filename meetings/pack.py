"""The agenda pack: the front sheet as the council prints it, then each report
and its appendices in agenda order, page numbers stamped on every page.

WeasyPrint renders only what has no PDF of its own (the front sheet, a report
written on the template, a placeholder for a Word or Excel appendix, and the page
numbers); uploaded PDFs are merged with pypdf, which is fast. The front sheet's
page ranges are computed from the parts and checked against the merged pack.
"""

import hashlib
import io
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint import HTML

from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    ResolutionClause,
)


@dataclass
class Part:
    item: AgendaItem
    pdfs: list = field(default_factory=list)  # bytes of each PDF, in order

    @cached_property
    def pages(self):
        return sum(page_count(pdf) for pdf in self.pdfs)


def page_count(pdf):
    return len(PdfReader(io.BytesIO(pdf)).pages)


def render(template, context):
    return _pdf(render_to_string(template, context))


def _pdf(html):
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def minutes_context(meeting, user):
    """Everything a meeting's minutes show the user, read through the
    visibility rules: the minutes page, their PDF and the next meeting's pack."""
    minutes = (
        Minute.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("agenda_item", "resolution", "meeting__body")
        .prefetch_related("amendments")
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
    return {
        "meeting": meeting,
        "minutes": minutes,
        "attendance": _attendance_block(attendances),
        "declarations": Declaration.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("person", "agenda_item"),
        "COUNCIL_NAME": settings.COUNCIL_NAME,
    }


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


def minutes_to_agree(meeting):
    """The earlier meeting whose minutes this one is asked to agree: the one it
    approved, or else the body's previous meeting (cancelled ones skipped) if
    its draft minutes are out for approval."""
    approved = meeting.minutes_approved.order_by("-start").first()
    if approved is not None:
        return approved
    previous = meeting.previous_meeting()
    if (
        previous is not None
        and previous.minutes_status == Meeting.MinutesStatus.PUBLISHED_DRAFT
        and previous.minutes_approved_at_id is None
    ):
        return previous
    return None


def _minutes_html(meeting):
    """The minutes as the public reads them (exempt minutes as their open
    title and paragraph), in both packs; "" if none is published."""
    context = minutes_context(meeting, AnonymousUser())
    if not context["minutes"]:
        return ""
    # The pack stamps its own page numbers: the minutes' own would be a second.
    return render_to_string("meetings/minutes_pdf.html", {**context, "in_pack": True})


def _minutes_pdf(meeting):
    html = _minutes_html(meeting)
    return _pdf(html) if html else None


def _report_of(item):
    try:
        return item.report
    except ObjectDoesNotExist:
        return None


def _documents(report, members):
    documents = report.documents.current().in_reading_order()
    if not members:
        documents = documents.filter(is_exempt=False)
    return list(documents)


def _part(item, members):
    report = _report_of(item)
    if report is None or (report.is_exempt and not members):
        return None
    part = Part(item)
    documents = _documents(report, members)
    if not any(
        d.kind == Document.Kind.REPORT and d.file_type == "pdf" for d in documents
    ):
        part.pdfs.append(render("meetings/pack_report.html", {"report": report}))
    for document in documents:
        if document.file_type == "pdf":
            with document.file.open("rb") as f:
                part.pdfs.append(f.read())
        else:
            context = {"document": document, "SITE_URL": settings.SITE_URL}
            part.pdfs.append(render("meetings/pack_placeholder.html", context))
    return part


def _items(meeting, members):
    """The agenda as the pack's audience reads it."""
    items = meeting.agenda_items.for_audience(members=members)
    return items.select_related("report", "section").order_by("number", "sub_letter")


def parts_of(meeting, *, members):
    items = _items(meeting, members).readable()
    # Public papers first: exempt ones follow, so public page numbers never move.
    items = sorted(items, key=lambda i: i.is_exempt)
    parts = [p for p in (_part(item, members) for item in items) if p is not None]
    return _with_minutes_to_agree(meeting, items, parts)


def _with_minutes_to_agree(meeting, items, parts):
    """The minutes the meeting is asked to agree, printed under its first
    public "minutes of the previous meeting" item, as the council's packs do."""
    item = next(
        (i for i in items if i.kind == AgendaItem.Kind.MINUTES and not i.is_exempt),
        None,
    )
    earlier = minutes_to_agree(meeting) if item else None
    pdf = _minutes_pdf(earlier) if earlier else None
    if pdf is None:
        return parts
    part = next((p for p in parts if p.item == item), None)
    if part is None:
        part = Part(item)
        parts.append(part)
        parts.sort(key=lambda p: items.index(p.item))
    part.pdfs.insert(0, pdf)
    return parts


def _ranges(front_pages, parts):
    ranges, page = {}, front_pages + 1
    for part in parts:
        if part.pages:
            ranges[part.item.pk] = (page, page + part.pages - 1)
            page += part.pages
    return ranges


def _front_sheet(meeting, ranges, members):
    day = timezone.localdate(meeting.start)
    membership = (
        Membership.objects.current_on(day)
        .filter(body=meeting.body)
        .select_related("person")
        .order_by("person__family_name")
    )
    items = _items(meeting, members)
    rows = [(item, ranges.get(item.pk)) for item in items]
    used = {item.section_id for item in items}
    private = meeting.body.sections.filter(is_private=True).exclude(pk__in=used)
    context = {
        "empty_private_sections": private,
        "meeting": meeting,
        "rows": rows,
        "members_pack": members,
        "membership": membership,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
    }
    return render("meetings/pack_front_sheet.html", context)


def _stamp(writer):
    """Write "Page N" at the foot of every page, straight into its content stream.

    Each page's own content is wrapped in q/Q so its graphics state cannot move
    the number; the number uses a standard PDF font, so nothing is embedded.
    """
    # pypdf has no public call to add an indirect object; content streams must be.
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    save = writer._add_object(_stream(b"q\n"))
    for number, page in enumerate(writer.pages, start=1):
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject())
        resources = resources.get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject())
        fonts.get_object()[NameObject("/HwbbPageNumber")] = font
        box = page.mediabox
        x = float(box.left) + float(box.width) / 2 - 14
        y = float(box.bottom) + 20
        label = (
            f"Q q BT /HwbbPageNumber 9 Tf {x:.1f} {y:.1f} Td (Page {number}) Tj ET Q"
        )
        contents = page.get("/Contents")
        existing = [] if contents is None else contents.get_object()
        if not isinstance(existing, ArrayObject):
            existing = [contents]
        number_stream = writer._add_object(_stream(label.encode()))
        page[NameObject("/Contents")] = ArrayObject([save, *existing, number_stream])


def _stream(data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def build(meeting, *, members):
    """The pack as PDF bytes, with the page range of each item's papers.

    The front sheet's own length depends on what it lists, so it is rendered
    until its page count settles (twice, nearly always).
    """
    parts = parts_of(meeting, members=members)
    front_pages, front = 1, b""
    for _ in range(4):
        ranges = _ranges(front_pages, parts)
        front = _front_sheet(meeting, ranges, members)
        if page_count(front) == front_pages:
            break
        front_pages = page_count(front)
    writer = PdfWriter()
    for pdf in [front, *(pdf for part in parts for pdf in part.pdfs)]:
        writer.append(io.BytesIO(pdf))
    _stamp(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), ranges


def fingerprint(meeting, *, members):
    """A digest of everything the pack shows: unchanged means no rebuild."""
    digest = hashlib.sha256()
    # The instant, not its printing: the same start read back from the database
    # in UTC and held in London time must give the same digest.
    start = meeting.start.timestamp()
    digest.update(f"{start}|{meeting.venue}|{meeting.status}".encode())
    items = _items(meeting, members)
    for item in items:
        if item.closed:
            digest.update(f"{item.reference}|{item.public_title}".encode())
            continue
        digest.update(f"{item.reference}|{item.title}|{item.presenter}".encode())
        report = _report_of(item)
        if report is not None:
            digest.update(f"{report.pk}|{report.updated_at}".encode())
            for document in _documents(report, members):
                digest.update(document.checksum.encode())
    earlier = minutes_to_agree(meeting)
    if earlier and items.filter(kind=AgendaItem.Kind.MINUTES, is_exempt=False):
        digest.update(_minutes_html(earlier).encode())
    return digest.hexdigest()
