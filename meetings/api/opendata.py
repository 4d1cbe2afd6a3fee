"""Open Civic Data events and Popolo people, organisations, posts and
memberships.

Each is built from the models' `visible_to(user)` rules, as the pages are, so
an exempt item is its open title here too, with none of the decisions taken
on it or the actions that came of them. A list of events is read in a fixed
number of queries, however many meetings, decisions and actions it holds.

Open Civic Data (OCDEP 4) gives a document a `note`, `url` and `media_type`;
the Open States scrapers (pupa) and opencivicdata-django keep a document's
formats in `links`. Each document here has both: its `url` and `media_type`
are its first link's, the web page where there is one (the accessible
format, always there), then the PDF. OCDEP 4's related entities are bills,
vote events, people and organisations; a board's resolution is none of them
(it records no vote), so the decisions on an item and the actions that came
of them are in the item's `extras`, where the standard keeps what it does not
define.
"""

import uuid
from collections import defaultdict

from django.conf import settings
from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from hwbb import licence
from meetings.models import (
    Action,
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
    Resolution,
    ResolutionClause,
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
    """Everything the events show, each read once for all the meetings.

    Each read is bounded by the page: its meetings, then the items, minutes
    and reports already read for them, so that it checks visibility for the
    page's rows and not for every row held (a page's events cost the same at
    ten years as at one)."""
    items = list(
        AgendaItem.objects.visible_to(user)
        .filter(meeting__in=meetings)
        .select_related("section", "primary_pillar")
        .prefetch_related(*TAG_PREFETCH, "organisations")
        .in_agenda_order()
    )
    # Which meetings have minutes the reader may see, and their keys: the
    # decisions are read by minute.
    minutes = Minute.objects.visible_to(user).filter(meeting__in=meetings)
    minuted = dict(minutes.values_list("pk", "meeting_id"))
    reports = (
        Report.objects.visible_to(user)
        .filter(agenda_item__meeting__in=meetings)
        .only("pk", "title", "is_exempt", "agenda_item_id")
    )
    reports = list(reports)
    readable = {report.agenda_item_id: report for report in reports}
    documents = (
        Document.objects.visible_to(user)
        .current()
        .filter(report__in=reports)
        .select_related("report__agenda_item")
        .in_reading_order(*agenda_order("report__agenda_item__"))
    )
    packs = AgendaPack.objects.filter(
        meeting__in=[m for m in meetings if m.agenda_is_public],
        kind=AgendaPack.Kind.PUBLIC,
    )
    decisions = _decisions_by_item(minuted, user)
    actions = _actions_by_item(meetings, user)
    parts = defaultdict(lambda: defaultdict(list))
    for item in items:
        item.readable_report = readable.get(item.pk)
        item.decisions = decisions[item.meeting_id, item.pk]
        item.actions = actions[item.meeting_id, item.pk]
        parts[item.meeting_id]["items"].append(item)
    for meeting in meetings:
        # Minutes taken under no agenda item (a welcome; a board's history
        # brought in from its minutes alone) still decided things.
        parts[meeting.pk]["decisions"] = decisions[meeting.pk, None]
        parts[meeting.pk]["actions"] = actions[meeting.pk, None]
    for minute_pk, meeting_pk in minuted.items():
        parts[meeting_pk]["minutes"].append(minute_pk)
    for document in documents:
        parts[document.report.agenda_item.meeting_id]["documents"].append(document)
    for pack in packs:
        parts[pack.meeting_id]["packs"].append(pack)
    attendances = Attendance.objects.filter(
        meeting__in=set(minuted.values()), status__in=ATTENDED
    ).select_related("person", "substitute_for")
    for attendance in attendances:
        parts[attendance.meeting_id]["attendance"].append(attendance)
    return parts


def _decisions_by_item(minuted, user):
    """The resolutions the reader may read, by (meeting, agenda item minuted,
    or None), of the minutes given (those the reader may see on the page):
    two queries (resolutions, then their clauses) for every meeting at once."""
    resolutions = (
        Resolution.objects.visible_to(user)
        .filter(minute__in=list(minuted))
        .select_related("minute__meeting")
        .prefetch_related(
            Prefetch(
                "clauses", ResolutionClause.objects.select_related("recommended_to")
            )
        )
        .order_by("minute__number", "pk")
    )
    by_item = defaultdict(list)
    for resolution in resolutions:
        minute = resolution.minute
        by_item[minute.meeting_id, minute.agenda_item_id].append(resolution)
    return by_item


def _actions_by_item(meetings, user):
    """The actions the reader may see that came of each item's minute (or of
    a clause of its resolution), by (meeting, item or None), in two queries."""
    clause_minute = "resolution_clause__resolution__minute__"

    def minuted(field):
        return Coalesce(F(f"minute__{field}"), F(f"{clause_minute}{field}"))

    # The keys of the page's actions the reader may see first, each way
    # through its own index: one query joining both ways with an OR read
    # every action held (70 ms at ten years, growing with them). Then their
    # rows by key, with what they show: the visibility rule's joins and the
    # rows' in one query took longer to plan than to run.
    here = Action.objects.visible_to(user).order_by().values_list("pk", flat=True)
    keys = here.filter(minute__meeting__in=meetings).union(
        here.filter(**{f"{clause_minute}meeting__in": meetings})
    )
    actions = (
        Action.objects.filter(pk__in=list(keys))
        .annotate(meeting_pk=minuted("meeting"), agenda_item_pk=minuted("agenda_item"))
        .select_related(
            "owner_person",
            "owner_organisation",
            "minute",
            "resolution_clause__parent",
            "resolution_clause__resolution__minute",
        )
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    by_item = defaultdict(list)
    for action in actions:
        by_item[action.meeting_pk, action.agenda_item_pk].append(action)
    return by_item


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
            "decisions_without_item": _decisions(mine["decisions"], request),
            "actions_without_item": _actions(mine["actions"], request),
            "license": licence.LICENSE,
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
            "decisions": [] if closed else _decisions(item.decisions, request),
            "actions": [] if closed else _actions(item.actions, request),
        },
    }


def _decisions(resolutions, request):
    """Each clause of the item's resolutions in the order the minutes print
    them, numbered as they cite them: minute 44/18, clause 2, sub-clause
    2(i)."""
    decisions = []
    for resolution in resolutions:
        minute = resolution.minute
        url = _url(request, minute.get_absolute_url())
        for clause, subclauses in resolution.clause_tree():
            decisions.append(_decision(minute, clause, clause.label, url))
            for sub in subclauses:
                number = _clause_number(sub.label, clause.label)
                decisions.append(_decision(minute, sub, number, url))
    return decisions


def _clause_number(label, parent_label=None):
    """ "2", or "2(i)" for a sub-clause; blank for an unnumbered resolution."""
    if parent_label:
        return f"{parent_label}({label})"
    return label


def _decision(minute, clause, number, url):
    recommended_to = clause.recommended_to
    return {
        "minute": minute.reference,
        "minute_title": minute.title,
        "clause": number,
        "text": clause.text,
        "verb": clause.get_verb_display(),
        "kind": clause.get_kind_display(),
        "recommended_to": recommended_to.name if recommended_to else None,
        "status": minute.meeting.get_minutes_status_display(),
        "url": url,
    }


def _actions(actions, request):
    """The actions that came of the item, each with its owner, due date and
    status in words (and the RAG, as the action log shows it)."""
    return [
        {
            "id": action.pk,
            "title": action.title,
            "owner": action.owner_label,
            "due_date": _day(action.due_date),
            "due_text": action.due_text,
            "status": action.get_status_display(),
            "rag": action.rag_label,
            "percent_complete": action.percent_complete,
            "decision": _decided_by(action),
            "url": _url(request, action.get_absolute_url()),
        }
        for action in actions
    ]


def _decided_by(action):
    """The clause the action came from, as the minutes cite it: "44/18 (2)";
    else the minute; else nothing (set without one)."""
    clause = action.resolution_clause
    if clause is not None:
        parent = clause.parent.label if clause.parent_id else None
        reference = clause.resolution.minute.reference
        number = _clause_number(clause.label, parent)
        return f"{reference} ({number})" if number else reference
    return action.minute.reference if action.minute_id else None


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
    """OCDEP 4's document (note, url, media_type: the first format's), with
    every format in `links` as Open States gives them."""
    day = timezone.localdate(date).isoformat() if date else ""
    first = links[0]
    return {
        "note": note,
        "url": first["url"],
        "media_type": first["media_type"],
        "classification": classification,
        "date": day,
        "links": links,
    }


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _media_type(document):
    return MEDIA_TYPES.get(document.file_type.lower(), "application/octet-stream")


# -- Popolo ---------------------------------------------------------------------------


def popolo(*, user):
    """People, organisations (partners and the bodies), posts and memberships,
    with the licence in `meta` (Popolo leaves metadata to the publisher, and
    asks for Dublin Core's terms: `license`)."""
    people = Person.objects.visible_to(user)
    bodies = list(Body.objects.visible_to(user).select_related("parent"))
    shown = {b.pk for b in bodies}
    memberships = list(
        Membership.objects.visible_to(user).select_related("body", "on_behalf_of")
    )
    return {
        "meta": {"license": licence.LICENSE},
        "persons": [_popolo_person(p) for p in people],
        "organizations": [_popolo_body(b, shown) for b in bodies]
        + [_popolo_organisation(o) for o in Organisation.objects.all()],
        "posts": _popolo_posts(bodies, memberships),
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


# Posts: positions on a body that exist whoever holds them (Popolo's Post).
# Each body has a chair and a deputy chair, held or not; each organisation a
# member sits for holds a seat. A membership holds one post: the chair's
# points at the chair, though the organisation they sit for keeps its seat.
OFFICES = {
    Membership.Role.CHAIR: "chair",
    Membership.Role.DEPUTY_CHAIR: "deputy-chair",
}


def _seat_of(membership):
    """The organisation whose seat the member sits in; a named substitute
    holds no seat of their own (Membership.seats())."""
    if membership.role == Membership.Role.SUBSTITUTE:
        return None
    return membership.on_behalf_of


def _post_id(membership):
    """The post the membership holds: the chair's, the deputy chair's, or
    its organisation's seat; none for a substitute, or a member who sits for
    no organisation."""
    slug = membership.body.slug
    if membership.role in OFFICES:
        return f"post/{slug}/{OFFICES[membership.role]}"
    seat = _seat_of(membership)
    return f"post/{slug}/organisation/{seat.pk}" if seat else None


def _popolo_posts(bodies, memberships):
    seats = defaultdict(dict)
    for m in memberships:
        if seat := _seat_of(m):
            seats[m.body_id][seat.pk] = seat
    posts = []
    for body in bodies:
        for role, slug in OFFICES.items():
            label = Membership.Role(role).label
            posts.append(_post(body, slug, label))
        for organisation in sorted(seats[body.pk].values(), key=str):
            posts.append(
                _post(
                    body,
                    f"organisation/{organisation.pk}",
                    "Member",
                    label=f"Member for {organisation.name}, {body.name}",
                )
            )
    return posts


def _post(body, slug, role, label=None):
    return {
        "id": f"post/{body.slug}/{slug}",
        "label": label or f"{role}, {body.name}",
        "role": role,
        "organization_id": f"body/{body.slug}",
    }


def _popolo_membership(membership):
    return {
        "id": f"membership/{membership.pk}",
        "person_id": f"person/{membership.person_id}",
        "organization_id": f"body/{membership.body.slug}",
        "post_id": _post_id(membership),
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
