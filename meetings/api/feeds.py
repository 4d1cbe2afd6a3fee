"""Calendars and feeds: iCalendar (RFC 5545) per meeting, per body and for all
bodies; RSS of what happened (agendas, supplements and minutes published,
meetings cancelled, decisions taken); schema.org Event JSON-LD.

Every one reads meetings through `Meeting.objects.visible_to`.
"""

import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, Todo

from hwbb.pagecache import keep_out, public_page
from meetings.models import (
    Action,
    AgendaSupplement,
    Body,
    Meeting,
    Person,
    UrgentDecision,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
# The body and all-bodies calendars hold the past year and everything to come:
# what a subscriber's calendar shows, and a size that does not grow with the
# years the board has held (the meeting pages and the API keep the rest).
CALENDAR_BACK = datetime.timedelta(days=365)


def _domain():
    """The site's own host name, from SITE_URL: identifiers made here are
    unique in the world only if they name a domain the council holds."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _uid(kind, pk):
    return f"{kind}-{pk}@{_domain()}"


def _event(meeting, request):
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event = Event()
    event.add("uid", _uid("meeting", meeting.pk))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start.astimezone(LONDON))
    # No end recorded: none is made up. A DTSTART alone is a valid event
    # (RFC 5545, 3.6.1); calendars show it at its start time.
    if meeting.end:
        event.add("dtend", meeting.end.astimezone(LONDON))
    event.add("summary", meeting.body.name + (" (cancelled)" if cancelled else ""))
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
    event.add("description", _description(meeting))
    event.add("sequence", meeting.sequence)
    event.add("last-modified", meeting.updated_at)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _description(meeting):
    lines = [f"Agenda: {meeting.get_agenda_status_display().lower()}."]
    if meeting.previous_start:
        when = timezone.localtime(meeting.previous_start)
        lines.append(f"Rescheduled from {when:%A %-d %B %Y, %H:%M}.")
    if meeting.cancellation_reason:
        lines.append(f"Cancelled: {meeting.cancellation_reason}")
    return "\n".join(lines)


def _calendar(name, meetings, request, filename):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COUNCIL_NAME}//HWBB//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    meetings = list(meetings)
    calendar.add_component(_london(meetings))
    for meeting in meetings:
        calendar.add_component(_event(meeting, request))
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _london(meetings):
    """Europe/London over the whole years the calendar's meetings fall in, so it
    always has both GMT and BST. The library's default span (1970 to 2038)
    lists every clock change in it and ends in 2038."""
    years = [timezone.localdate(m.start).year for m in meetings]
    years = years or [timezone.localdate().year]
    return Timezone.from_tzid(
        "Europe/London",
        first_date=datetime.date(min(years), 1, 1),
        last_date=datetime.date(max(years) + 1, 1, 1),
    )


def _visible(request):
    return Meeting.objects.visible_to(request.user).select_related("body")


def _window(meetings):
    """The meetings a subscribed calendar holds: from a year ago onwards."""
    return meetings.filter(start__gte=timezone.now() - CALENDAR_BACK)


@public_page
def meeting_ics(request, pk):
    meeting = get_object_or_404(_visible(request), pk=pk)
    name = f"{meeting.body.name}, {timezone.localdate(meeting.start):%-d %B %Y}"
    filename = f"{meeting.body.slug}-{timezone.localdate(meeting.start)}.ics"
    return _calendar(name, [meeting], request, filename)


@public_page
def body_ics(request, slug):
    body = get_object_or_404(Body.objects.visible_to(request.user), slug=slug)
    meetings = _window(_visible(request).filter(body=body)).order_by("start")
    return _calendar(body.name, meetings, request, f"{body.slug}.ics")


@public_page
def all_ics(request):
    meetings = _window(_visible(request)).order_by("start")
    name = f"{settings.COUNCIL_NAME}: Health and Wellbeing Board and partners"
    return _calendar(name, meetings, request, "meetings.ics")


class PublicationFeed(Feed):
    """What happened, newest first, each item dated when it happened: agendas,
    supplements and minutes made public, meetings cancelled, and decisions
    taken between meetings. Public content only: what an anonymous reader
    may see (`visible_to`), and minutes only once they are published."""

    title = "Agendas, minutes and decisions published"
    description = (
        "New agendas, supplements and minutes of the Health and Wellbeing Board "
        "and its partners, meetings cancelled, and the decisions they take "
        "between meetings."
    )
    LENGTH = 50

    def link(self):
        return reverse("meetings:list")

    def items(self):
        public = AnonymousUser()
        meetings = Meeting.objects.visible_to(public).select_related("body")
        rows = [
            *self._agendas(meetings),
            *self._supplements(meetings),
            *self._minutes(meetings),
            *self._cancellations(meetings),
            *self._decisions(public),
        ]
        return sorted(rows, key=lambda row: row[2], reverse=True)[: self.LENGTH]

    def _agendas(self, meetings):
        published = meetings.filter(
            agenda_status=Meeting.AgendaStatus.PUBLISHED
        ).exclude(agenda_published_at=None)
        return [
            ("agenda", m, m.agenda_published_at)
            for m in published.order_by("-agenda_published_at")[: self.LENGTH]
        ]

    def _supplements(self, meetings):
        """Supplements to agendas the public may read (the meeting page shows
        them with a published agenda, and only then)."""
        supplements = AgendaSupplement.objects.filter(
            meeting__in=meetings.filter(agenda_status=Meeting.AgendaStatus.PUBLISHED)
        ).select_related("meeting__body")
        return [
            ("supplement", s, s.published_at)
            for s in supplements.order_by("-published_at")[: self.LENGTH]
        ]

    def _minutes(self, meetings):
        published = meetings.filter(minutes_status__in=Meeting.PUBLIC_MINUTES).exclude(
            minutes_published_at=None
        )
        return [
            ("minutes", m, m.minutes_published_at)
            for m in published.order_by("-minutes_published_at")[: self.LENGTH]
        ]

    def _cancellations(self, meetings):
        cancelled = meetings.filter(status=Meeting.Status.CANCELLED).exclude(
            cancelled_at=None
        )
        return [
            ("cancelled", m, m.cancelled_at)
            for m in cancelled.order_by("-cancelled_at")[: self.LENGTH]
        ]

    def _decisions(self, public):
        decided = (
            UrgentDecision.objects.visible_to(public)
            .filter(status__in=UrgentDecision.DECIDED)
            .select_related("body")
        )
        return [
            ("decision", d, _start_of(d.taken_on))
            for d in decided.order_by("-taken_on", "-pk")[: self.LENGTH]
        ]

    def item_title(self, item):
        kind, row, _ = item
        if kind == "decision":
            return f"Decision taken between meetings: {row.public_title}"
        if kind == "supplement":
            return (
                f"Supplement {row.number} to the agenda: {_meeting_name(row.meeting)}"
            )
        if kind == "cancelled":
            return f"Meeting cancelled: {_meeting_name(row)}"
        what = "Agenda" if kind == "agenda" else "Minutes"
        return f"{what} published: {_meeting_name(row)}"

    def item_description(self, item):
        kind, row, _ = item
        if kind == "decision":
            return (
                f"{row.get_kind_display()}, {row.body.name}, taken on "
                f"{row.taken_on:%-d %B %Y}: {row.get_status_display().lower()}."
            )
        if kind == "supplement":
            return row.changes + (f" Reason: {row.reason}" if row.reason else "")
        if kind == "cancelled":
            when = f"{timezone.localtime(row.start):%A %-d %B %Y, %H:%M}"
            reason = f" {row.cancellation_reason}" if row.cancellation_reason else ""
            return f"The meeting on {when} is cancelled.{reason}"
        if kind == "minutes":
            return f"Minutes: {row.get_minutes_status_display()}."
        return f"Agenda for {timezone.localtime(row.start):%A %-d %B %Y, %H:%M}."

    def item_link(self, item):
        kind, row, _ = item
        if kind == "minutes":
            return reverse("meetings:minutes", args=[row.pk])
        if kind == "supplement":
            return row.meeting.get_absolute_url()
        return row.get_absolute_url()

    def item_guid(self, item):
        kind, row, _ = item
        return _uid(kind, row.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[2]


# Public content alone, whoever reads it: every reader shares the public's copy.
publication_feed = public_page(PublicationFeed(), same_for_all=True)


def _meeting_name(meeting):
    return f"{meeting.body.name}, {timezone.localdate(meeting.start):%-d %B %Y}"


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def meeting_json_ld(meeting, request):
    """schema.org Event for a meeting page, as a dict for json_script."""
    status = {
        Meeting.Status.CANCELLED: "EventCancelled",
        Meeting.Status.RESCHEDULED: "EventRescheduled",
    }.get(meeting.status, "EventScheduled")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{meeting.body.name} meeting",
        "startDate": meeting.start.astimezone(LONDON).isoformat(),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": meeting.venue or "Council House",
            "address": settings.COUNCIL_ADDRESS,
        },
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "organizer": {"@type": "Organization", "name": settings.COUNCIL_NAME},
    }
    if meeting.end:  # none made up when none is known
        data["endDate"] = meeting.end.astimezone(LONDON).isoformat()
    if meeting.previous_start:
        data["previousStartDate"] = meeting.previous_start.astimezone(
            LONDON
        ).isoformat()
    return data


ACTION_STATUS = {
    Action.Status.NOT_STARTED: "NEEDS-ACTION",
    Action.Status.ON_TRACK: "IN-PROCESS",
    Action.Status.AT_RISK: "IN-PROCESS",
    Action.Status.OFF_TRACK: "IN-PROCESS",
    Action.Status.DONE: "COMPLETED",
    Action.Status.DROPPED: "CANCELLED",
}


def _todo(action, request):
    todo = Todo()
    todo.add("uid", _uid("action", action.pk))
    todo.add("dtstamp", timezone.now())
    todo.add("sequence", action.sequence)
    todo.add("summary", action.title)
    if action.due_date:
        todo.add("due", action.due_date)
    todo.add("status", ACTION_STATUS[action.status])
    todo.add("percent-complete", action.percent_complete)
    todo.add("url", request.build_absolute_uri(action.get_absolute_url()))
    words = [action.description, f"Due: {action.due_text}" if action.due_text else ""]
    todo.add("description", "\n".join(w for w in words if w) or action.title)
    if action.minute_id:
        todo.add("related-to", _uid("meeting", action.minute.meeting_id))
    return todo


@public_page(same_for_all=True)  # the token, in the address, says whose
def actions_ics(request, token):
    """A person's actions as VTODOs, at a private address that a new token revokes."""
    person = get_object_or_404(Person, calendar_token=token)
    # The calendar is the person's own "my actions", read as they would read it.
    reader = person.user if person.user_id else AnonymousUser()
    actions = (
        Action.objects.visible_to(reader)
        .owned_by_person(person)
        .select_related("minute", "resolution_clause__resolution__minute")
        .annotate(sequence=_changes(Action))
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COUNCIL_NAME}//HWBB//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Actions: {person}")
    for action in actions:
        if action.is_exempt_business:  # kept in no cache
            keep_out(request)
        calendar.add_component(_todo(action, request))
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def _changes(model):
    """How many times each row has changed since it was made: its history
    records but the first. An iCalendar SEQUENCE that rises with every saved
    change, so calendar apps take the new version (RFC 5545, 3.8.7.4)."""
    records = (
        model.history.model.objects.filter(id=OuterRef("pk"))
        .order_by()
        .values("id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(records, output_field=IntegerField()), 1) - 1
