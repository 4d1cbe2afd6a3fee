"""Open Civic Data events and Popolo people, organisations and memberships.

Each is built from the models' `visible_to(user)` rules, as the pages are, so
an exempt item is its open title here too. A list of events is read in a fixed
number of queries, however many meetings it holds.
"""

import uuid
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    AgendaPack,
    Attendance,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
    Report,
    agenda_order,
)
from strategy.models import TAG_PREFETCH

OCD_STATUS = {
    Meeting.Status.CANCELLED: "cancelled",
    Meeting.Status.HELD: "passed",
}
ATTENDED = ("present", "substitute")


def ocd_id(meeting):
    """A stable Open Civic Data id: the same meeting always has the same one."""
    name = f"{settings.SITE_URL}/meetings/{meeting.pk}/"
    return f"ocd-event/{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def ocd_events(meetings, *, user, request):
    """The meetings (already visible to the user) as Open Civic Data events."""
    meetings = list(meetings)
    parts = _event_parts(meetings, user)
    return [_event(m, parts, request) for m in meetings]


def _event_parts(meetings, user):
    """Everything the events show, each read once for all the meetings."""
    items = (
        AgendaItem.objects.visible_to(user)
        .filter(meeting__in=meetings)
        .select_related("section", "primary_pillar")
        .prefetch_related(*TAG_PREFETCH, "organisations")
        .in_agenda_order()
    )
    minutes = (
        Minute.objects.visible_to(user)
        .filter(meeting__in=meetings)
        .select_related("resolution")
    )
    documents = (
        Document.objects.visible_to(user)
        .current()
        .filter(report__agenda_item__meeting__in=meetings)
        .select_related("report__agenda_item")
        .in_reading_order(*agenda_order("report__agenda_item__"))
    )
    packs = AgendaPack.objects.filter(
        meeting__in=[m for m in meetings if m.agenda_is_public],
        kind=AgendaPack.Kind.PUBLIC,
    )
    reports = Report.objects.visible_to(user).filter(agenda_item__meeting__in=meetings)
    readable = {report.agenda_item_id: report for report in reports}
    parts = defaultdict(lambda: defaultdict(list))
    for item in items:
        item.readable_report = readable.get(item.pk)
        parts[item.meeting_id]["items"].append(item)
    for minute in minutes:
        parts[minute.meeting_id]["minutes"].append(minute)
    for document in documents:
        parts[document.report.agenda_item.meeting_id]["documents"].append(document)
    for pack in packs:
        parts[pack.meeting_id]["packs"].append(pack)
    with_minutes = [m.pk for m in meetings if parts[m.pk]["minutes"]]
    attendances = Attendance.objects.filter(
        meeting__in=with_minutes, status__in=ATTENDED
    ).select_related("person", "substitute_for")
    for attendance in attendances:
        parts[attendance.meeting_id]["attendance"].append(attendance)
    return parts


def _url(request, path):
    return request.build_absolute_uri(path)


def _local(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _status(meeting):
    """Open Civic Data's status: a meeting under way is still "confirmed"."""
    status = OCD_STATUS.get(meeting.status, "confirmed")
    if status == "confirmed" and (meeting.end or meeting.start) < timezone.now():
        return "passed"
    return status


def _location(meeting):
    """Where the meeting is; Open Civic Data needs a name, and the minutes of
    some meetings (8 April 2019) never gave one."""
    if meeting.venue:
        name, note = meeting.venue, "In person"
    elif meeting.online_link:
        name, note = "Online", "Online meeting"
    else:
        name, note = "Venue not recorded", "The agenda and minutes give no venue."
    return {
        "name": name,
        "note": note,
        "url": meeting.online_link or None,
        "coordinates": None,
    }


def _event(meeting, parts, request):
    mine = parts[meeting.pk]
    page = _url(request, meeting.get_absolute_url())
    return {
        "_type": "event",
        "id": ocd_id(meeting),
        "name": meeting.body.name,
        "description": str(meeting),
        "classification": "committee-meeting",
        "start_date": _local(meeting.start),
        "end_date": _local(meeting.end) or "",
        "timezone": settings.TIME_ZONE,
        "all_day": False,
        "status": _status(meeting),
        "location": _location(meeting),
        "participants": _participants(meeting, mine["attendance"]),
        "agenda": [_agenda_item(item, request) for item in mine["items"]],
        "documents": _documents(meeting, mine, request),
        "links": [
            {"note": "Meeting page", "url": page},
            {
                "note": "Add to calendar (iCalendar)",
                "url": _url(
                    request, reverse("meetings:meeting_ics", args=[meeting.pk])
                ),
            },
        ],
        "media": [],
        "sources": [{"url": page, "note": "HWBB"}],
        "updated_at": _local(meeting.updated_at),
        "extras": {
            "hwbb_id": meeting.pk,
            "body": meeting.body.slug,
            "meeting_status": meeting.status,
            "previous_start_date": _local(meeting.previous_start),
            "agenda_status": meeting.agenda_status,
            "minutes_status": meeting.minutes_status,
            "minutes_status_label": meeting.get_minutes_status_display(),
        },
    }


def _participants(meeting, attendances):
    host = {
        "entity_type": "organization",
        "id": f"body/{meeting.body.slug}",
        "name": meeting.body.name,
        "note": "host",
    }
    people = [
        {
            "entity_type": "person",
            "id": f"person/{a.person_id}",
            "name": str(a.person),
            "note": a.office or _attending_as(a),
        }
        for a in attendances
    ]
    return [host, *people]


def _attending_as(attendance):
    """As the minutes say it: "Substitute for B Jones", or the capacity."""
    if attendance.status == Attendance.Status.SUBSTITUTE:
        seat = attendance.substitute_for
        return f"Substitute for {seat}" if seat else "Substitute"
    return attendance.get_capacity_display()


def _subjects(item):
    """The item's pillar and priority names, each once."""
    pillars = [item.primary_pillar, *item.secondary_pillars.all()]
    names = [p.name for p in pillars if p] + [p.title for p in item.priorities.all()]
    return list(dict.fromkeys(names))


def _agenda_item(item, request):
    """One agenda item; an exempt item closed to the reader is its open title
    and Schedule 12A paragraph only: no tags, notes, organisations or report."""
    closed = item.closed
    report = None if closed else item.readable_report
    related = []
    if not closed:
        related = [
            {
                "entity_type": "organization",
                "id": f"organisation/{o.pk}",
                "name": o.name,
                "note": "concerned",
            }
            for o in item.organisations.all()
        ]
    return {
        "description": item.public_title if closed else item.title,
        "order": item.dotted_order,
        "classification": [item.get_kind_display()],
        "subjects": [] if closed else _subjects(item),
        "notes": [] if closed or not item.description else [item.description],
        "related_entities": related,
        "media": [],
        "extras": {
            "reference": item.reference,
            "section": item.section.name if item.section else "",
            "is_exempt": item.is_exempt,
            "exempt_paragraph": item.get_exempt_paragraph_display(),
            "report": report.title if report else None,
            "presenter": "" if closed else item.presenter,
            "web_url": _url(request, item.get_absolute_url()),
        },
    }


def _documents(meeting, mine, request):
    documents = []
    if meeting.agenda_is_public or mine["items"]:
        links = [
            {
                "media_type": "text/html",
                "url": _url(request, meeting.get_absolute_url()),
            }
        ]
        if mine["packs"]:
            pack_url = reverse("meetings:pack", args=[meeting.pk])
            links.append(
                {"media_type": "application/pdf", "url": _url(request, pack_url)}
            )
        documents.append(
            _document("Agenda", "agenda", meeting.agenda_published_at, links)
        )
    for paper in mine["documents"]:
        link = _url(request, reverse("meetings:document", args=[paper.pk]))
        documents.append(
            _document(
                f"Item {paper.report.agenda_item.reference}: {paper.title}",
                "agenda",
                paper.uploaded_at,
                [{"media_type": _media_type(paper), "url": link}],
            )
        )
    if mine["minutes"]:
        minutes = reverse("meetings:minutes", args=[meeting.pk])
        pdf = reverse("meetings:minutes_pdf", args=[meeting.pk])
        links = [
            {"media_type": "text/html", "url": _url(request, minutes)},
            {"media_type": "application/pdf", "url": _url(request, pdf)},
        ]
        note = f"Minutes ({meeting.get_minutes_status_display()})"
        documents.append(
            _document(note, "minutes", meeting.minutes_published_at, links)
        )
    return documents


def _document(note, classification, date, links):
    day = timezone.localdate(date).isoformat() if date else ""
    return {"note": note, "classification": classification, "date": day, "links": links}


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _media_type(document):
    return MEDIA_TYPES.get(document.file_type.lower(), "application/octet-stream")


# -- Popolo ---------------------------------------------------------------------------


def popolo(*, user):
    """People, organisations (partners and the bodies) and memberships."""
    people = Person.objects.visible_to(user)
    bodies = list(Body.objects.visible_to(user).select_related("parent"))
    shown = {b.pk for b in bodies}
    memberships = Membership.objects.visible_to(user).select_related("body")
    return {
        "persons": [_popolo_person(p) for p in people],
        "organizations": [_popolo_body(b, shown) for b in bodies]
        + [_popolo_organisation(o) for o in Organisation.objects.all()],
        "memberships": [_popolo_membership(m) for m in memberships],
    }


def _other_names(aliases):
    return [{"name": alias} for alias in aliases]


def _popolo_person(person):
    return {
        "id": f"person/{person.pk}",
        "name": person.display_name,
        "given_name": person.given_names,
        "family_name": person.family_name,
        "honorific_prefix": person.honorific,
        "other_names": _other_names(person.aliases),
        "summary": person.job_title,
    }


def _popolo_body(body, shown):
    """A board or committee; its parent only if the reader may see that too."""
    parent = body.parent if body.parent_id in shown else None
    return {
        "id": f"body/{body.slug}",
        "name": body.name,
        "classification": body.kind,
        "other_names": _other_names(body.aliases),
        "parent_id": f"body/{parent.slug}" if parent else None,
    }


def _popolo_organisation(organisation):
    return {
        "id": f"organisation/{organisation.pk}",
        "name": organisation.name,
        "classification": organisation.kind,
        "other_names": _other_names(organisation.aliases),
        "parent_id": _organisation_id(organisation.parent_id),
        "founding_date": _day(organisation.active_from),
        "dissolution_date": _day(organisation.active_to),
        "successor_id": _organisation_id(organisation.successor_id),
    }


def _popolo_membership(membership):
    return {
        "id": f"membership/{membership.pk}",
        "person_id": f"person/{membership.person_id}",
        "organization_id": f"body/{membership.body.slug}",
        "on_behalf_of_id": _organisation_id(membership.on_behalf_of_id),
        "role": membership.get_role_display(),
        "label": f"{membership.get_role_display()}, {membership.body.name}",
        "start_date": _day(membership.start),
        "end_date": _day(membership.end),
    }


def _organisation_id(pk):
    return f"organisation/{pk}" if pk else None


def _day(value):
    return value.isoformat() if value else None
