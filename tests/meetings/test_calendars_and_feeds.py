"""iCalendar per meeting, per body and for all; RSS of publications; schema.org
JSON-LD on the meeting page; the body page. All through the visibility rule."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import rfc2822_date
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting
from tests import factories

DOMAIN = "hwbb.coventry.gov.uk"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = f"https://{DOMAIN}"


@pytest.fixture
def meeting(hwb):
    return factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 7, 8, 14),
        minutes_status="published_draft",
        agenda_published_at=factories.london(2019, 6, 28, 9),
        minutes_published_at=factories.london(2019, 7, 12, 9),
    )


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_meeting_ics_is_rfc5545(client, meeting):
    (event,) = _events(client, reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert str(event["UID"]) == f"meeting-{meeting.pk}@hwbb.coventry.gov.uk"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").hour == 14  # 2 pm, British Summer Time
    assert str(event["LOCATION"]) == "Committee Room 3 - Council House"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTEND" not in event and "DURATION" not in event  # none recorded
    assert "DTSTAMP" in event and "LAST-MODIFIED" in event


def test_calendar_carries_its_timezone(client, meeting):
    response = client.get(reverse("meetings:calendar_all"))
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    (london,) = calendar.walk("VTIMEZONE")
    assert str(london["TZID"]) == "Europe/London"
    assert {c.name for c in london.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_uid_stays_and_sequence_rises_on_a_change(client, hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2030, 1, 7, 14), status="scheduled"
    )
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    (before,) = _events(client, url)
    services.meeting_reschedule(
        meeting=meeting, start=factories.london(2030, 1, 14, 14)
    )
    (after,) = _events(client, url)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert "Rescheduled from Monday 7 January 2030" in str(after["DESCRIPTION"])
    services.meeting_cancel(meeting=meeting, reason="Not quorate.")
    (cancelled,) = _events(client, url)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(after["SEQUENCE"])


def test_private_body_stays_out_of_public_calendars_and_feeds(client, officer, meeting):
    private = factories.BodyFactory(
        name="Coventry Multiple Complex Needs Board", slug="mcn", meets_in_public=False
    )
    hidden = factories.MeetingFactory(
        body=private,
        start=timezone.now() + datetime.timedelta(days=9),
        agenda_published_at=factories.london(2019, 7, 1, 9),
    )
    public = factories.MeetingFactory(
        body=meeting.body, start=timezone.now() + datetime.timedelta(days=8)
    )
    uids = {str(e["UID"]) for e in _events(client, reverse("meetings:calendar_all"))}
    assert f"meeting-{hidden.pk}@hwbb.coventry.gov.uk" not in uids
    assert f"meeting-{public.pk}@hwbb.coventry.gov.uk" in uids
    assert (
        client.get(reverse("meetings:meeting_ics", args=[hidden.pk])).status_code == 404
    )
    assert b"Multiple Complex Needs" not in client.get(reverse("meetings:feed")).content
    for name in ("meetings:calendar_body", "meetings:body"):
        assert client.get(reverse(name, args=["mcn"])).status_code == 404
    client.force_login(officer)
    assert (
        client.get(reverse("meetings:meeting_ics", args=[hidden.pk])).status_code == 200
    )
    uids = {str(e["UID"]) for e in _events(client, reverse("meetings:calendar_all"))}
    assert f"meeting-{hidden.pk}@hwbb.coventry.gov.uk" in uids
    assert client.get(reverse("meetings:body", args=["mcn"])).status_code == 200


def test_body_calendar_lists_only_that_body(client, hwb):
    soon = timezone.now() + datetime.timedelta(days=3)
    factories.MeetingFactory(body=hwb, start=soon)
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    factories.MeetingFactory(body=cabinet, start=soon)
    events = _events(client, reverse("meetings:calendar_body", args=["hwb"]))
    assert [str(e["SUMMARY"]) for e in events] == [
        "Coventry Health and Well-being Board"
    ]


@pytest.mark.parametrize(
    "name, args", [("meetings:calendar_all", []), ("meetings:calendar_body", ["hwb"])]
)
def test_calendars_hold_the_past_year_and_all_to_come(client, hwb, name, args):
    now = timezone.now()
    kept = [
        factories.MeetingFactory(body=hwb, start=now + datetime.timedelta(days=d))
        for d in (-360, -1, 1, 800)
    ]
    old = factories.MeetingFactory(body=hwb, start=now - datetime.timedelta(days=370))
    uids = {str(e["UID"]) for e in _events(client, reverse(name, args=args))}
    assert uids == {f"meeting-{m.pk}@hwbb.coventry.gov.uk" for m in kept}
    assert f"meeting-{old.pk}@hwbb.coventry.gov.uk" not in uids


def test_rss_has_agendas_and_minutes(client, meeting):
    response = client.get(reverse("meetings:feed"))
    titles = [t.text for t in ET.fromstring(response.content).iter("title")]
    assert (
        "Agenda published: Coventry Health and Well-being Board, 8 July 2019" in titles
    )
    assert (
        "Minutes published: Coventry Health and Well-being Board, 8 July 2019" in titles
    )


def _json_ld(client, meeting):
    html = client.get(meeting.get_absolute_url()).content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return html, json.loads(found.group(1))


def test_json_ld_and_alternate_links_on_the_meeting_page(client, hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2030, 1, 7, 14), status="scheduled"
    )
    html, data = _json_ld(client, meeting)
    assert data["@type"] == "Event" and data["eventStatus"].endswith("EventScheduled")
    assert data["startDate"] == "2030-01-07T14:00:00+00:00"
    ics = reverse("meetings:meeting_ics", args=[meeting.pk])
    body_ics = reverse("meetings:calendar_body", args=["hwb"])
    alternates = re.findall(r'rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"', html)
    assert ("text/calendar", ics) in alternates
    assert ("text/calendar", body_ics) in alternates
    assert ("application/rss+xml", reverse("meetings:feed")) in alternates
    assert f'href="{ics}">Add to calendar</a>' in html
    services.meeting_reschedule(
        meeting=meeting, start=factories.london(2030, 1, 14, 14)
    )
    _, data = _json_ld(client, Meeting.objects.get(pk=meeting.pk))
    assert data["eventStatus"].endswith("EventRescheduled")
    assert data["previousStartDate"] == "2030-01-07T14:00:00+00:00"
    services.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), reason="")
    _, data = _json_ld(client, Meeting.objects.get(pk=meeting.pk))
    assert data["eventStatus"].endswith("EventCancelled")


def test_body_page_lists_members_with_a_fixed_query_budget(client, hwb):
    ccg = factories.OrganisationFactory(name="Coventry and Rugby CCG")

    def grow(n):
        for _ in range(n):
            factories.MembershipFactory(body=hwb, on_behalf_of=ccg)
            factories.MeetingFactory(body=hwb, start=factories.london(2019, 1, 14, 14))

    url = reverse("meetings:body", args=["hwb"])
    grow(2)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(20)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert len(large) == len(small)
    assert "Coventry and Rugby CCG" in html


def test_body_page_lists_only_current_members(client, hwb):
    council = factories.OrganisationFactory(name="Coventry City Council")
    factories.MembershipFactory(
        body=hwb,
        person__display_name="Councillor Kamran Caan",
        role="chair",
        on_behalf_of=council,
    )
    factories.MembershipFactory(
        body=hwb,
        person__display_name="Dr Adrian Canale-Parola",
        on_behalf_of=factories.OrganisationFactory(name="Coventry and Rugby CCG"),
        end=datetime.date(2019, 5, 1),
    )
    html = client.get(reverse("meetings:body", args=["hwb"])).content.decode()
    assert "Councillor Kamran Caan" in html and "Coventry City Council" in html
    assert "Canale-Parola" not in html
    assert reverse("meetings:calendar_body", args=["hwb"]) in html


def test_officer_sees_a_private_body_with_no_meetings(client, officer):
    factories.BodyFactory(
        name="Coventry Multiple Complex Needs Board", slug="mcn", meets_in_public=False
    )
    assert client.get(reverse("meetings:body", args=["mcn"])).status_code == 404
    assert (
        client.get(reverse("meetings:calendar_body", args=["mcn"])).status_code == 404
    )
    client.force_login(officer)
    assert client.get(reverse("meetings:body", args=["mcn"])).status_code == 200
    assert (
        client.get(reverse("meetings:calendar_body", args=["mcn"])).status_code == 200
    )


def test_rss_dates_minutes_by_their_publication(client, chair, officer, hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status="checked"
    )
    services.minutes_publish(meeting=meeting)
    meeting.refresh_from_db()
    published = meeting.minutes_published_at
    services.meeting_cancel(meeting=meeting, reason="")  # a later change to the meeting
    xml = client.get(reverse("meetings:feed")).content.decode()
    assert (
        "Minutes published: Coventry Health and Well-being Board, 8 April 2019" in xml
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at == published


@pytest.mark.parametrize(
    "name",
    ["meetings:forward_plan", "meetings:attendance_stats", "meetings:action_log"],
)
def test_a_private_bodys_pages_are_for_those_who_may_see_it(client, officer, name):
    factories.BodyFactory(
        name="Coventry Multiple Complex Needs Board", slug="mcn", meets_in_public=False
    )
    assert client.get(reverse(name, args=["mcn"])).status_code == 404
    client.force_login(officer)
    assert client.get(reverse(name, args=["mcn"])).status_code == 200


def test_uids_name_the_domain_of_site_url(client, settings, meeting):
    settings.SITE_URL = "https://democracy.example.gov.uk:8443/hwbb/"
    (event,) = _events(client, reverse("meetings:meeting_ics", args=[meeting.pk]))
    assert str(event["UID"]) == f"meeting-{meeting.pk}@democracy.example.gov.uk"


def test_an_end_is_given_only_when_one_is_known(client, hwb):
    known = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2030, 1, 7, 14),
        end=factories.london(2030, 1, 7, 16, 30),
    )
    (event,) = _events(client, reverse("meetings:meeting_ics", args=[known.pk]))
    assert event.decoded("DTEND").hour == 16 and event.decoded("DTEND").minute == 30
    _, data = _json_ld(client, known)
    assert data["endDate"] == "2030-01-07T16:30:00+00:00"
    unknown = factories.MeetingFactory(body=hwb, start=factories.london(2030, 2, 4, 14))
    _, data = _json_ld(client, unknown)
    assert "endDate" not in data


def _rss(client):
    response = client.get(reverse("meetings:feed"))
    assert response.status_code == 200
    return [
        {child.tag: child.text for child in item}
        for item in ET.fromstring(response.content).iter("item")
    ]


def test_rss_lists_supplements_and_cancellations_when_they_happened(
    client, officer, hwb
):
    soon = timezone.now() + datetime.timedelta(days=20)
    meeting = factories.MeetingFactory(
        body=hwb,
        start=soon,
        status="scheduled",
        minutes_status="none",
        agenda_published_at=timezone.now() - datetime.timedelta(days=2),
    )
    supplement = services.agenda_supplement_publish(
        meeting=meeting, user=officer, changes="Item 6 added: the JSNA refresh."
    )
    meeting, _ = services.meeting_cancel(meeting=meeting, reason="Not quorate.")
    items = {item["guid"]: item for item in _rss(client)}
    day = f"{timezone.localdate(soon):%-d %B %Y}"
    added = items[f"supplement-{supplement.pk}@{DOMAIN}"]
    assert added["title"] == (
        f"Supplement 1 to the agenda: Coventry Health and Well-being Board, {day}"
    )
    assert "Item 6 added: the JSNA refresh." in added["description"]
    cancelled = items[f"cancelled-{meeting.pk}@{DOMAIN}"]
    assert cancelled["title"] == (
        f"Meeting cancelled: Coventry Health and Well-being Board, {day}"
    )
    assert "Not quorate." in cancelled["description"]
    assert cancelled["pubDate"] == rfc2822_date(meeting.cancelled_at)
    assert added["pubDate"] == rfc2822_date(supplement.published_at)


def test_rss_lists_minutes_only_once_they_are_published(client, hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status="draft"
    )
    guid = f"minutes-{meeting.pk}@{DOMAIN}"
    assert guid not in {item["guid"] for item in _rss(client)}
    services.minutes_check(meeting=meeting)
    assert guid not in {item["guid"] for item in _rss(client)}
    services.minutes_publish(meeting=Meeting.objects.get(pk=meeting.pk))
    meeting.refresh_from_db()
    (item,) = [item for item in _rss(client) if item["guid"] == guid]
    assert item["pubDate"] == rfc2822_date(meeting.minutes_published_at)


def test_cancelled_meeting_stays_in_upcoming_lists_and_calendars_as_cancelled(
    client, hwb
):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=10),
        status="scheduled",
        minutes_status="none",
    )
    services.meeting_cancel(meeting=meeting, reason="Not quorate.")
    lists = [reverse("home"), reverse("meetings:list")]
    for url in [*lists, reverse("meetings:body", args=["hwb"])]:
        html = client.get(url).content.decode()
        assert meeting.get_absolute_url() in html
        assert '<strong class="govuk-tag govuk-tag--grey">Cancelled</strong>' in html
    (event,) = [
        e
        for e in _events(client, reverse("meetings:calendar_all"))
        if str(e["UID"]) == f"meeting-{meeting.pk}@{DOMAIN}"
    ]
    assert str(event["STATUS"]) == "CANCELLED"
    assert "(cancelled)" in str(event["SUMMARY"])
    # what reminders and the choice of a next meeting count on leaves it out
    assert meeting not in Meeting.objects.upcoming()
