"""The agenda pack: the front sheet as the council prints it, then each report
and its appendices in agenda order, page numbers stamped on every page.

One list, read once: `inputs(meeting, audience)` reads every row the pack
prints for its audience ("public" or "members", the AgendaPack kinds) through
the models' querysets. `fingerprint(inputs)` digests those rows, with no
rendering; `build(inputs)` renders them and reads nothing else (it runs no
query). So the stored pack is current exactly when its fingerprint matches.

WeasyPrint renders only what has no PDF of its own (the front sheet, a report
written on the template, a placeholder for a Word or Excel appendix, the
minutes to agree, and the page numbers); the PDFs are merged with pikepdf
(qpdf's C++), which is fast. The front sheet's page ranges are computed from
the parts and checked against the merged pack.
"""

import datetime
import decimal
import hashlib
import io
import math
import threading
from collections import defaultdict
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property

import pikepdf
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone
from pikepdf import Array, Dictionary, Name, String
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from hwbb import pdftags, uploads
from meetings.models import (
    AgendaItem,
    AgendaPack,
    Attendance,
    Declaration,
    Document,
    Meeting,
    Membership,
    MinutesSignature,
    PublicQuestion,
    Report,
    ResolutionClause,
)


@dataclass
class Paper:
    """One item's papers, as its audience reads them, in the order printed:
    the minutes it asks the meeting to agree, then its report and documents."""

    item: AgendaItem
    report: Report | None = None
    documents: list = field(default_factory=list)
    minutes: dict | None = None  # minutes_context() of the minutes to agree


@dataclass
class Inputs:
    """Everything one audience's pack prints, as rows read from the database."""

    audience: str
    meeting: Meeting
    items: list  # the agenda as the audience reads it: the front sheet's rows
    empty_private_sections: list
    membership: list
    papers: list  # public items' papers first, so their page numbers never move
    questions: list = field(default_factory=list)  # the public's, once accepted
    council_name: str = ""
    site_url: str = ""

    @property
    def members(self):
        return self.audience == AgendaPack.Kind.MEMBERS


def page_count(pdf):
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return len(opened.pages)


# Every PDF HWBB writes is tagged for assistive technology as PDF/UA-1 asks:
# a structure tree (headings, lists, tables with their header cells), the
# document's language from <html lang> and its title from <title>, shown
# as the window's title.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}
LANGUAGE = "en-GB"


def render(template, context):
    """The template as a tagged PDF: WeasyPrint's, its structure tree
    rewritten (hwbb/pdftags.py) so that the page numbers it prints in the
    margin are artifacts rather than text no element holds."""
    pdf = _open(_layout(render_to_string(template, context)).write_pdf(**PDF_OPTIONS))
    return _written(_tagged(pdf), pdf)


def _tagged(pdf):
    """WeasyPrint's PDF with its tree rewritten and its title and language
    set, as a pikepdf.Pdf: the pack merges it as it is, rather than write it
    out and parse it again."""
    tagged = pdftags.merge([(pdf, True)])
    _title_and_language(tagged, pdftags.title_of(pdf))
    return tagged


def _written(pdf, *sources):
    """The PDF's bytes, its header's version the newest of its sources' (qpdf
    would write its new document's own, 1.3)."""
    version = max((source.pdf_version for source in sources), key=_version)
    out = io.BytesIO()
    pdf.save(out, min_version=version)
    return out.getvalue()


def _version(text):
    return tuple(int(n) for n in text.split(".") if n.isdigit())


_fonts = threading.local()


def _layout(html):
    """The HTML laid out as pages by WeasyPrint, not yet written as PDF.

    Fonts are loaded once per thread, not once per document: a fresh font
    configuration makes Pango load and shape every glyph again, a quarter of
    a front sheet's time. (Pango's font maps are not shared between threads.)
    """
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.render(font_config=_fonts.config)


def minutes_context(meeting, user, *, checking=False):
    """Everything a meeting's minutes show the user, read through the
    visibility rules: the minutes page, their PDF and the next meeting's pack;
    `checking`, the draft as the chair checks it (the view lets only the
    officer and the body's chair ask)."""
    # through the meeting's own manager, so every minute shares this meeting
    # object (and what is worked out once on it: its body's minute numbers)
    rows = (
        meeting.minutes.for_checking(user, meeting)
        if checking
        else meeting.minutes.visible_to(user)
    )
    minutes = (
        rows.select_related("agenda_item", "resolution")
        .prefetch_related("amendments")
        .prefetch_related(
            Prefetch(
                "resolution__clauses",
                queryset=ResolutionClause.objects.select_related("recommended_to"),
            )
        )
    )
    return {
        "meeting": meeting,
        "signature": MinutesSignature.objects.filter(meeting=meeting)
        .select_related("signed_by", "signed_at_meeting")
        .first(),
        "minutes": minutes,
        "attendance": attendance_as_minuted(meeting),
        "declarations": Declaration.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("person", "agenda_item"),
        "public_questions": PublicQuestion.objects.visible_to(user)
        .filter(meeting=meeting, status=PublicQuestion.Status.ACCEPTED)
        .select_related("agenda_item")
        .order_by("submitted_at", "pk"),
        "COUNCIL_NAME": settings.COUNCIL_NAME,
    }


ATTENDANCE_HEADINGS = [
    (Attendance.Capacity.MEMBER, "Board members"),
    (Attendance.Capacity.OTHER_REPRESENTATIVE, "Other representatives"),
    (Attendance.Capacity.OFFICER, "Employees and officers in attendance"),
]
ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE)


class MinutedLine(str):
    """A line of the attendance as the minutes print it, which knows whose it
    is: the minutes page links it to the person's page."""

    def __new__(cls, text, person_id):
        line = super().__new__(cls, text)
        line.person_id = person_id
        return line


def attendance_as_minuted(meeting):
    """[(heading, [line])] in the order council minutes print them: who was
    there by capacity (a substitute among the members, "substitute for" the
    member), then apologies (a member whose seat a substitute took says by
    whom), then the absent. The page, the PDF, the pack and the attendance
    form of approved minutes print these lines."""
    attendances = list(
        meeting.attendances.select_related(
            "person__organisation", "substitute_for"
        ).order_by("capacity", "person__family_name", "person__given_names")
    )
    seats = {a.substitute_for_id: a for a in attendances if a.substitute_for_id}

    def lines(rows):
        return [
            MinutedLine(a.minuted(substitute=seats.get(a.person_id)), a.person_id)
            for a in rows
        ]

    there = [a for a in attendances if a.status in ATTENDED]
    block = [
        (heading, lines(a for a in there if a.capacity == capacity))
        for capacity, heading in ATTENDANCE_HEADINGS
    ]
    for status, heading in (
        (Attendance.Status.APOLOGIES, "Apologies"),
        (Attendance.Status.ABSENT, "Absent"),
    ):
        block.append((heading, lines(a for a in attendances if a.status == status)))
    return [(heading, rows) for heading, rows in block if rows]


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


# -- The inputs: one list per audience ------------------------------------------


def inputs(meeting, audience):
    """Every row the audience's pack prints, read through the models' querysets:
    the meeting and its membership (the front sheet), the agenda as the
    audience reads it, and each readable item's papers as the audience may
    read them, with the minutes to agree under the minutes item."""
    members = AgendaPack.Kind(audience) == AgendaPack.Kind.MEMBERS
    meeting = Meeting.objects.select_related("body", "contact_officer").get(
        pk=meeting.pk
    )
    items = list(
        meeting.agenda_items.for_audience(members=members)
        .select_related("section")
        .in_agenda_order()
    )
    used = {item.section_id for item in items}
    private = meeting.body.sections.filter(is_private=True).exclude(pk__in=used)
    membership = (
        Membership.objects.current_on(timezone.localdate(meeting.start))
        .filter(body=meeting.body)
        .select_related("person")
        .order_by("person__family_name", "pk")
    )
    return Inputs(
        audience=audience,
        meeting=meeting,
        items=items,
        empty_private_sections=list(private.order_by("order", "pk")),
        membership=list(membership),
        papers=_papers(meeting, items, members),
        questions=list(
            PublicQuestion.objects.visible_to(AnonymousUser())
            .filter(meeting=meeting)
            .order_by("submitted_at", "pk")
        ),
        council_name=settings.COUNCIL_NAME,
        site_url=settings.SITE_URL,
    )


def _papers(meeting, items, members):
    """The papers of the items the audience may read, exempt items last."""
    readable = sorted((i for i in items if i.is_readable), key=lambda i: i.is_exempt)
    documents = (
        Document.objects.for_audience(members=members)
        .current()
        .in_reading_order()
        .defer("extracted_text")  # the checksum stands for the file
    )
    reports = (
        Report.objects.for_audience(members=members)
        .filter(agenda_item__meeting=meeting)
        .select_related("body", "meeting")
        .prefetch_related("authors", Prefetch("documents", queryset=documents))
    )
    by_item = {report.agenda_item_id: report for report in reports}
    papers = [
        Paper(item, by_item[item.pk], list(by_item[item.pk].documents.all()))
        for item in readable
        if item.pk in by_item
    ]
    return _with_minutes_to_agree(meeting, readable, papers)


def _with_minutes_to_agree(meeting, items, papers):
    """The minutes the meeting is asked to agree, printed under its first
    public "minutes of the previous meeting" item, as the council's packs do."""
    item = next(
        (i for i in items if i.kind == AgendaItem.Kind.MINUTES and not i.is_exempt),
        None,
    )
    minutes = _minutes_to_print(meeting) if item else None
    if minutes is None:
        return papers
    paper = next((p for p in papers if p.item == item), None)
    if paper is None:
        paper = Paper(item)
        papers.append(paper)
        papers.sort(key=lambda p: items.index(p.item))
    paper.minutes = minutes
    return papers


def _minutes_to_print(meeting):
    """The minutes to agree as the public reads them (an exempt minute as its
    number and paragraph), in both packs; None if none is published."""
    earlier = minutes_to_agree(meeting)
    if earlier is None:
        return None
    earlier = Meeting.objects.select_related("body").get(pk=earlier.pk)
    context = minutes_context(earlier, AnonymousUser())
    context = {
        key: list(value) if isinstance(value, models.QuerySet) else value
        for key, value in context.items()
    }
    return context if context["minutes"] else None


# -- The fingerprint: a digest of the inputs' rows ------------------------------

# Fields the build writes itself, or that change on every save without
# changing what is printed, are left out; everything else loaded is digested.
_NOT_PRINTED = {
    AgendaItem._meta.get_field("page_start"),  # the pack's own page ranges
    AgendaItem._meta.get_field("page_end"),
}


def fingerprint(inputs):
    """A digest of every row the pack prints: unchanged means no rebuild.

    Each row is digested whole, with the rows loaded with it (its
    select_related and prefetched rows): what the build reads is what was
    loaded, so nothing the pack prints can change unseen. A closed item on the
    public front sheet is digested whole too: a change to its exempt words
    rebuilds the public pack needlessly but never reaches its print."""
    digest = hashlib.sha256()
    for fact in _facts(inputs, seen=set()):
        digest.update(fact.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def _facts(value, seen):
    if isinstance(value, models.Model):
        yield from _row_facts(value, seen)
    elif is_dataclass(value):
        for f in fields(value):
            yield f.name
            yield from _facts(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for key in sorted(value):
            yield key
            yield from _facts(value[key], seen)
    elif isinstance(value, list | tuple):
        yield f"[{len(value)}"
        for each in value:
            yield from _facts(each, seen)
    elif isinstance(value, datetime.datetime):
        # The instant, not its printing: the same start read back in UTC and
        # held in London time must give the same digest.
        yield repr(value.timestamp())
    elif isinstance(value, FieldFile):
        yield value.name or ""
    elif value is None or isinstance(
        value, str | int | float | decimal.Decimal | datetime.date | datetime.time
    ):
        yield repr(value)
    else:
        raise TypeError(f"The pack's fingerprint cannot digest {type(value)}")


def _row_facts(row, seen):
    key = (row._meta.label, row.pk)
    yield f"{row._meta.label}:{row.pk}"
    if key in seen:
        return
    seen.add(key)
    deferred = row.get_deferred_fields()
    for f in row._meta.concrete_fields:
        if f.attname in deferred or f in _NOT_PRINTED or getattr(f, "auto_now", False):
            continue
        yield f.attname
        yield from _facts(getattr(row, f.attname), seen)
    related = row._state.fields_cache  # the rows select_related loaded with it
    for name in sorted(related):
        yield name
        yield from _facts(related[name], seen)
    prefetched = getattr(row, "_prefetched_objects_cache", {})
    for name in sorted(prefetched):
        yield name
        yield from _facts(list(prefetched[name]), seen)


# -- The build: the inputs rendered ------------------------------------------------


@dataclass
class Part:
    item: AgendaItem
    # (a pikepdf.Pdf of each PDF, whether HWBB made it and so tagged it), in order
    pdfs: list = field(default_factory=list)

    @cached_property
    def pages(self):
        return sum(len(pdf.pages) for pdf, _ in self.pdfs)


def _open(pdf):
    """Each PDF is parsed once: its page count and the merge read the same."""
    return pikepdf.open(io.BytesIO(pdf))


def _generated(template, context):
    pdf = _layout(render_to_string(template, context)).write_pdf(**PDF_OPTIONS)
    return _tagged(_open(pdf)), True


def _part(paper, inputs):
    part = Part(paper.item)
    if paper.minutes:
        # The pack stamps its own page numbers: the minutes' own would be a second.
        context = {**paper.minutes, "in_pack": True}
        part.pdfs.append(_generated("meetings/minutes_pdf.html", context))
    if paper.report is None:
        return part
    documents = paper.documents
    if not any(
        d.kind == Document.Kind.REPORT and d.file_type == "pdf" for d in documents
    ):
        context = {"report": paper.report}
        part.pdfs.append(_generated("meetings/pack_report.html", context))
    for document in documents:
        if document.file_type == "pdf":
            with document.file.open("rb") as f:
                part.pdfs.append((_open(f.read()), False))
        else:
            context = {"document": document, "SITE_URL": inputs.site_url}
            part.pdfs.append(_generated("meetings/pack_placeholder.html", context))
    return part


def _ranges(front_pages, parts):
    ranges, page = {}, front_pages + 1
    for part in parts:
        if part.pages:
            ranges[part.item.pk] = (page, page + part.pages - 1)
            page += part.pages
    return ranges


def _front_sheet(inputs, ranges):
    """The agenda's first pages; each accepted public question is printed
    under its item, or after the agenda when it names none."""
    by_item = defaultdict(list)
    for question in inputs.questions:
        by_item[question.agenda_item_id].append(question)
    listed = {item.pk for item in inputs.items}
    context = {
        "empty_private_sections": inputs.empty_private_sections,
        "meeting": inputs.meeting,
        "rows": [
            (item, ranges.get(item.pk), by_item.get(item.pk, []))
            for item in inputs.items
        ],
        "general_questions": [
            q for q in inputs.questions if q.agenda_item_id not in listed
        ],
        "members_pack": inputs.members,
        "membership": inputs.membership,
        "COUNCIL_NAME": inputs.council_name,
    }
    return _layout(render_to_string("meetings/pack_front_sheet.html", context))


def _stamp(pdf):
    """Write "Page N" at the foot of every page, straight into its content stream.

    Each page's own content is wrapped in q/Q so its graphics state cannot move
    the number; the number uses a standard PDF font, so nothing is embedded.
    """
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    save = pdf.make_stream(b"q\n")
    for number, page in enumerate(pdf.pages, start=1):
        _fonts_of(page.obj).HwbbPageNumber = font
        box = pikepdf.Rectangle(page.mediabox)
        x = box.llx + box.width / 2 - 14
        y = box.lly + 20
        # Marked as an artifact: a screen reader skips it, as it skips the
        # page numbers WeasyPrint prints.
        label = (
            "Q q /Artifact <</Type /Pagination /Subtype /Footer>> BDC "
            f"BT /HwbbPageNumber 9 Tf {x:.1f} {y:.1f} Td (Page {number}) Tj ET EMC Q"
        )
        contents = page.obj.get("/Contents")
        existing = [] if contents is None else contents
        if not isinstance(existing, Array):
            existing = [contents]
        number_stream = pdf.make_stream(label.encode())
        page.obj.Contents = Array([save, *existing, number_stream])


def _fonts_of(page):
    if "/Resources" not in page:
        page.Resources = Dictionary()
    if "/Font" not in page.Resources:
        page.Resources.Font = Dictionary()
    return page.Resources.Font


# The front sheet's type (meetings/_pack_style.html: 11 pt at 1.4 on A4 within
# 20 and 22 mm margins) holds about 48 lines of 90 characters a page; its
# heading, time, place, contact and notes take about 20. Measured on laid-out
# front sheets of 0 to 30 items; only for a first guess at its length.
FRONT_LINE = 90
FRONT_LINES_PER_PAGE = 48
FRONT_FIXED_LINES = 20


def _front_pages_guess(inputs):
    """How many pages the front sheet will take: as many as when the pack
    was last built (the first page range the agenda records), or else as its
    lines suggest. Only a first guess: the build checks it, so a wrong one
    costs a second layout, never a wrong page number."""
    starts = [item.page_start for item in inputs.items if item.page_start]
    if starts:
        return max(1, min(starts) - 1)
    members = ", ".join(str(m.person) for m in inputs.membership)
    headings = {item.section_id for item in inputs.items}
    lines = FRONT_FIXED_LINES + _lines(members)
    lines += 2 * (len(headings) + len(inputs.empty_private_sections))
    for item in inputs.items:
        lines += 0.6 + _lines(f"{item.number}. {item.shown_title} (Pages 10 - 20)")
        if item.is_readable:
            lines += bool(item.presenter) + _lines(item.description)
    lines += sum(1 + _lines(q.text) for q in inputs.questions)
    return max(1, math.ceil(lines / FRONT_LINES_PER_PAGE))


def _lines(text):
    return math.ceil(len(text or "") / FRONT_LINE)


def _title_and_language(pdf, title):
    """A PDF's title (a pack's is its front sheet's) and language, and the
    title shown in a reader's window rather than the file's name."""
    pdf.docinfo["/Title"] = String(title)
    pdf.Root.Lang = String(LANGUAGE)
    if "/ViewerPreferences" not in pdf.Root:
        pdf.Root.ViewerPreferences = Dictionary()
    pdf.Root.ViewerPreferences.DisplayDocTitle = True


def build(inputs):
    """The pack as PDF bytes, with the page range of each item's papers.

    The front sheet's own length depends on what it lists, so it is laid out
    until its page count settles, starting from a guess at its length
    (`_front_pages_guess`): once, nearly always. Only the last layout is
    written as PDF.
    """
    parts = [_part(paper, inputs) for paper in inputs.papers]
    front_pages = _front_pages_guess(inputs)
    for _ in range(4):
        ranges = _ranges(front_pages, parts)
        front = _front_sheet(inputs, ranges)
        if len(front.pages) == front_pages:
            break
        front_pages = len(front.pages)
    front_pdf = _open(front.write_pdf(**PDF_OPTIONS))
    # The pages HWBB made keep their tags; uploaded papers' pages are merged
    # as they are (hwbb/pdftags.py).
    sources = [(front_pdf, True), *(pdf for p in parts for pdf in p.pdfs)]
    pdf = pdftags.merge(sources)
    _title_and_language(pdf, pdftags.title_of(front_pdf))
    # Uploads with active content are refused, but a paper stored before that
    # rule may hold some, and a merge carries pages' actions and annotations.
    uploads.strip_active_content(pdf)
    _stamp(pdf)
    return _written(pdf, *(source for source, _ in sources)), ranges
