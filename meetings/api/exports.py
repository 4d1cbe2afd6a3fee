"""CSV exports of meetings, decisions, actions and the register of interests.

The column names are a published interface (README, "Open data"): add new
columns at the end, never rename or reorder one.
"""

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from hwbb import audit, licence
from hwbb.spreadsheets import csv_lines

MEETING_COLUMNS = [
    "id",
    "body",
    "name",
    "start",
    "end",
    "status",
    "venue",
    "agenda_status",
    "minutes_status",
    "url",
]

DECISION_COLUMNS = [
    "resolution_id",
    "clause_id",
    "meeting_id",
    "meeting_date",
    "body",
    "minute",
    "minute_title",
    "clause",
    "verb",
    "kind",
    "recommended_to",
    "text",
    "primary_pillar",
    "secondary_pillars",
    "priorities",
    "url",
]

ACTION_COLUMNS = [
    "id",
    "title",
    "body",
    "minute",
    "owner_person",
    "owner_organisation",
    "due_date",
    "due_text",
    "status",
    "percent_complete",
    "rag",
    "overdue",
    "primary_pillar",
    "priorities",
    "url",
]

INTEREST_COLUMNS = [
    "id",
    "person_id",
    "person",
    "kind",
    "organisation",
    "description",
    "start",
    "end",
    "reviewed_on",
    "withdrawn_from_public_on",
    "url",
]


# Rows read from the database at a time (and their prefetches with them).
CHUNK = 500


def csv_response(filename, columns, rows, *, request):
    """Every row, sent as it is made: a body's ten years of actions are never
    held whole, in memory or in one query's results. A signed-in reader's
    download is recorded in the audit log, with the filters asked for. The
    licence goes in a Link header: a line of it in the file would break the
    parsers reading it."""
    asked = request.GET.urlencode()
    audit.exported(request, f"{filename}{f' ({asked})' if asked else ''}")
    response = StreamingHttpResponse(
        csv_lines(_with_header(columns, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return licence.add_link(response)


def _with_header(columns, rows):
    yield columns
    yield from rows


def _chunked(rows):
    """A queryset read CHUNK rows at a time, prefetches and all."""
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK)
    return rows


def _day(value):
    return value.isoformat() if value else ""


def _local(moment):
    return timezone.localtime(moment).isoformat() if moment else ""


def meeting_rows(request, meetings):
    for m in _chunked(meetings):
        yield [
            m.pk,
            m.body.name,
            str(m),
            _local(m.start),
            _local(m.end),
            m.get_status_display(),
            m.venue,
            m.get_agenda_status_display(),
            m.get_minutes_status_display(),
            request.build_absolute_uri(m.get_absolute_url()),
        ]


def _names(rows, attribute):
    return "; ".join(getattr(row, attribute) for row in rows)


def decision_rows(request, resolutions, verb=""):
    """One row per clause: a decision, or a recommendation to another body;
    only the clauses with the verb, when one is asked for."""
    for r in _chunked(resolutions):
        minute, meeting = r.minute, r.minute.meeting
        tags = [
            r.primary_pillar or "",
            _names(r.secondary_pillars.all(), "name"),
            _names(r.priorities.all(), "title"),
            request.build_absolute_uri(r.get_absolute_url()),
        ]
        for c in r.clauses.all():
            if verb and c.verb != verb:
                continue
            yield [
                r.pk,
                c.pk,
                meeting.pk,
                _day(timezone.localdate(meeting.start)),
                meeting.body.name,
                minute.reference,
                minute.title,
                c.label,
                c.get_verb_display(),
                c.get_kind_display(),
                c.recommended_to or "",
                c.text,
                *tags,
            ]


def action_rows(request, actions):
    for a in _chunked(actions):
        yield [
            a.pk,
            a.title,
            a.body.name,
            a.minute.reference if a.minute else "",
            a.owner_person or "",
            a.owner_organisation or "",
            _day(a.due_date),
            a.due_text,
            a.get_status_display(),
            a.percent_complete,
            a.rag,
            "yes" if a.is_overdue else "no",
            a.primary_pillar or "",
            _names(a.priorities.all(), "title"),
            request.build_absolute_uri(a.get_absolute_url()),
        ]


def interest_rows(request, interests):
    """The register as the reader may see it (Interest.visible_to): the
    public never gets an entry the retention schedule has withdrawn."""
    for i in _chunked(interests):
        url = reverse("meetings:person_interests", args=[i.person_id])
        yield [
            i.pk,
            i.person_id,
            i.person.display_name,
            i.get_kind_display(),
            i.organisation.name if i.organisation else "",
            i.description,
            _day(i.start),
            _day(i.end),
            _day(i.reviewed_on),
            _day(i.withdrawn_from_public_on),
            request.build_absolute_uri(url),
        ]
