"""Open Civic Data events, Popolo and the CSV exports: their shape, with the
real Coventry content, and their stable columns."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance
from tests import factories
from tests.helpers import content_of

MEETING_COLUMNS = "id,body,name,start,end,status,venue,agenda_status,minutes_status,url"
DECISION_COLUMNS = (
    "resolution_id,clause_id,meeting_id,meeting_date,body,minute,minute_title,"
    "clause,verb,kind,recommended_to,text,primary_pillar,secondary_pillars,"
    "priorities,url"
)
ACTION_COLUMNS = (
    "id,title,body,minute,owner_person,owner_organisation,due_date,due_text,"
    "status,percent_complete,rag,overdue,primary_pillar,priorities,url"
)


def _coventry_meeting(hwb):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 4, 8, 14, 0),
        end=factories.london(2019, 4, 8, 16, 0),
        minutes_status="published_draft",
    )
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory(title="Loneliness and social isolation")
    item = factories.AgendaItemFactory(
        meeting=meeting, number=5, sub_letter="a", title="Young People and Violence"
    )
    item.primary_pillar = pillar
    item.save()
    item.priorities.add(priority)
    police = factories.OrganisationFactory(name="West Midlands Police")
    item.organisations.add(police)
    chair = factories.PersonFactory(given_names="Kamran", family_name="Caan")
    Attendance.objects.create(meeting=meeting, person=chair, note="Chair")
    factories.MinuteFactory(meeting=meeting, agenda_item=item)
    return meeting, pillar, priority


def test_ocd_event_carries_the_meeting(client, hwb):
    meeting, pillar, priority = _coventry_meeting(hwb)
    event = client.get(reverse("api:ocd_event", args=[meeting.pk])).json()
    assert event["_type"] == "event" and event["id"].startswith("ocd-event/")
    assert event["start_date"] == "2019-04-08T14:00:00+01:00"
    assert event["end_date"] == "2019-04-08T16:00:00+01:00"
    assert (event["timezone"], event["status"]) == ("Europe/London", "passed")
    assert event["location"]["name"] == "Committee Room 3 - Council House"
    [item] = event["agenda"]
    assert (item["order"], item["extras"]["reference"]) == ("5.1", "5(a)")
    assert item["subjects"] == [pillar.name, "Loneliness and social isolation"]
    assert {"entity_type": "organization", "name": "West Midlands Police"}.items() <= (
        item["related_entities"][0].items()
    )
    assert [d["classification"] for d in event["documents"]] == ["agenda", "minutes"]
    assert event["extras"]["minutes_status"] == "published_draft"
    assert "Published: subject to approval" in event["documents"][1]["note"]
    host, person = event["participants"]
    assert (host["entity_type"], host["note"]) == ("organization", "host")
    assert (person["name"], person["note"]) == ("Kamran Caan", "Chair")


def test_papers_follow_the_agenda_each_report_before_its_appendices(client, hwb):
    """In the event, as the pack prints them: item 7's report, its appendices by
    title, then item 8's paper; not the order they were uploaded in."""
    from meetings.models import Report

    meeting = factories.MeetingFactory(body=hwb)

    def report_on(number, title):
        item = factories.AgendaItemFactory(meeting=meeting, number=number)
        return Report.objects.create(
            title=title, body=hwb, meeting=meeting, agenda_item=item, status="accepted"
        )

    governance = report_on(8, "Governance Arrangements")
    strategy = report_on(7, "Draft Coventry Joint Health and Wellbeing Strategy")
    factories.paper(governance, "Report", kind="report")
    factories.paper(strategy, "Appendix 2: Have your say")
    factories.paper(strategy, "Appendix 1: JSNA Citywide Profile")
    factories.paper(strategy, "Report", kind="report")
    event = client.get(reverse("api:ocd_event", args=[meeting.pk])).json()
    assert [d["note"] for d in event["documents"]] == [
        "Agenda",
        "Item 7: Report",
        "Item 7: Appendix 1: JSNA Citywide Profile",
        "Item 7: Appendix 2: Have your say",
        "Item 8: Report",
    ]
    # The item's page lists them in the same order.
    page = client.get(
        reverse("meetings:item", args=[meeting.pk, strategy.agenda_item_id])
    ).content.decode()
    listed = page.split('<ul class="govuk-list">')[-1]
    order = ('/">Report</a>', ">Appendix 1: JSNA", ">Appendix 2: Have")
    assert sorted(order, key=listed.index) == list(order)


def test_ocd_events_come_twenty_a_page_with_an_ocd_pagination(client, hwb):
    for day in range(1, 26):
        factories.MeetingFactory(body=hwb, start=factories.london(2019, 1, day, 14))
    first = client.get(reverse("api:ocd_events")).json()
    assert len(first["results"]) == 20 and first["count"] == 25
    assert first["pagination"] == {
        "page": 1,
        "max_page": 2,
        "per_page": 20,
        "total_items": 25,
    }
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["pagination"]["page"] == 2
    assert not {e["id"] for e in first["results"]} & {
        e["id"] for e in second["results"]
    }
    wide = client.get(reverse("api:ocd_events"), {"page_size": 100}).json()
    assert wide["pagination"]["per_page"] == 100 and len(wide["results"]) == 25
    too_wide = client.get(reverse("api:ocd_events"), {"page_size": 101})
    assert too_wide.status_code == 400


def test_ocd_id_is_stable_and_the_list_pages(client, hwb):
    meeting, *_ = _coventry_meeting(hwb)
    url = reverse("api:ocd_event", args=[meeting.pk])
    assert client.get(url).json()["id"] == client.get(url).json()["id"]
    listed = client.get(reverse("api:ocd_events"), {"body": "hwb"}).json()
    assert listed["count"] == 1 and listed["results"][0]["name"] == hwb.name
    other = factories.BodyFactory(slug="cabinet", name="Cabinet")
    assert client.get(reverse("api:ocd_events"), {"body": other.slug}).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "pagination": {"page": 1, "max_page": 1, "per_page": 20, "total_items": 0},
    }
    unknown = client.get(reverse("api:ocd_events"), {"body": "nope"})
    assert unknown.status_code == 400 and "valid choice" in unknown.json()["body"][0]


def test_cancelled_and_future_meetings_say_so(client, hwb):
    cancelled = factories.MeetingFactory(body=hwb, status="cancelled")
    future = factories.MeetingFactory(
        body=hwb, start=factories.london(2031, 1, 6, 14, 0), status="scheduled"
    )
    url = "api:ocd_event"
    assert client.get(reverse(url, args=[cancelled.pk])).json()["status"] == "cancelled"
    assert client.get(reverse(url, args=[future.pk])).json()["status"] == "confirmed"


def test_winter_times_venue_not_recorded_and_a_meeting_under_way(client, hwb):
    """GMT in winter; the 8 April 2019 minutes give no venue, and Open Civic
    Data needs a location name; a meeting under way is not yet passed."""
    winter = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 1, 14, 14, 0), end=None, venue=""
    )
    event = client.get(reverse("api:ocd_event", args=[winter.pk])).json()
    assert (event["start_date"], event["end_date"]) == ("2019-01-14T14:00:00+00:00", "")
    assert event["location"] == {
        "name": "Venue not recorded",
        "note": "The agenda and minutes give no venue.",
        "url": None,
        "coordinates": None,
    }
    now = timezone.now()
    under_way = factories.MeetingFactory(
        body=hwb,
        start=now - datetime.timedelta(minutes=30),
        end=now + datetime.timedelta(hours=1),
        status="scheduled",
    )
    event = client.get(reverse("api:ocd_event", args=[under_way.pk])).json()
    assert event["status"] == "confirmed"


def test_a_pillar_tagged_twice_is_one_subject(client, hwb):
    meeting, pillar, _ = _coventry_meeting(hwb)
    item = meeting.agenda_items.get()
    item.secondary_pillars.add(pillar)
    event = client.get(reverse("api:ocd_event", args=[meeting.pk])).json()
    assert event["agenda"][0]["subjects"].count(pillar.name) == 1


def test_popolo_has_memberships_on_behalf_of_organisations(client, hwb):
    police = factories.OrganisationFactory(name="West Midlands Police")
    person = factories.PersonFactory(
        honorific="Chief Superintendent", given_names="Mike", family_name="O'Hara"
    )
    factories.MembershipFactory(body=hwb, person=person, on_behalf_of=police)
    data = client.get(reverse("api:popolo")).json()
    [membership] = data["memberships"]
    assert membership["person_id"] == f"person/{person.pk}"
    assert membership["organization_id"] == "body/hwb"
    assert membership["on_behalf_of_id"] == f"organisation/{police.pk}"
    assert membership["label"] == f"Voting member, {hwb.name}"
    ids = {o["id"] for o in data["organizations"]}
    assert {"body/hwb", f"organisation/{police.pk}"} <= ids
    [popolo_person] = data["persons"]
    assert popolo_person["honorific_prefix"] == "Chief Superintendent"


def _csv(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(content_of(response).decode())))


def test_csv_exports_keep_their_documented_columns(client, hwb):
    factories.ClauseFactory()
    factories.ActionFactory()
    assert ",".join(_csv(client, "api:meetings_csv")[0]) == MEETING_COLUMNS
    assert ",".join(_csv(client, "api:decisions_csv")[0]) == DECISION_COLUMNS
    assert ",".join(_csv(client, "api:actions_csv")[0]) == ACTION_COLUMNS


def test_decisions_csv_has_a_row_per_clause_and_filters(client, hwb):
    clause = factories.ClauseFactory()
    factories.ClauseFactory(
        resolution=clause.resolution, label="3", order=3, verb="noted", text="Noted."
    )
    rows = _csv(client, "api:decisions_csv")
    assert [r[7] for r in rows[1:]] == ["2", "3"]
    minute = clause.resolution.minute
    assert rows[1][8] == "Requested" and rows[1][5] == minute.reference
    assert len(_csv(client, "api:decisions_csv", verb="noted")) == 2
    assert len(_csv(client, "api:decisions_csv", since="2020-01-01")) == 1


def test_exports_refuse_a_bad_filter_in_words(client):
    response = client.get(reverse("api:actions_csv"), {"until": "31/02/2019"})
    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["field", "error"] and rows[1][0] == "until"
    assert rows[1][1].startswith("Enter a valid date")


@pytest.mark.parametrize(
    "params, field",
    [
        ({"overdue": "maybe"}, "overdue"),
        ({"colour": "red"}, "colour"),
        ({"since": "2019-07-08", "until": "2019-04-08"}, "until"),
    ],
)
def test_exports_refuse_what_they_would_otherwise_ignore(client, db, params, field):
    response = client.get(reverse("api:actions_csv"), params)
    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == field, rows


def test_an_error_echoing_the_value_is_not_a_formula(client, db):
    """The error repeats the value asked for; a quote in it cannot end the
    cell and start a formula a spreadsheet would run."""
    bad = 'x",=HYPERLINK("http://evil.example")&"'
    response = client.get(reverse("api:meetings_csv"), {"status": bad})
    assert response.status_code == 400
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [len(row) for row in rows] == [2, 2]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in rows[1])
    assert bad in rows[1][1]


def test_csv_text_a_spreadsheet_would_run_arrives_as_text(client, hwb):
    """An action title typed as a formula is not run when the export is opened
    in a spreadsheet; a plain title and the numbers are left as they are."""
    factories.ActionFactory(title='=HYPERLINK("http://evil.example","Click")')
    factories.ActionFactory(title="@SUM(A1:A9)", percent_complete=40)
    factories.ActionFactory(title="Refresh the JSNA")
    rows = _csv(client, "api:actions_csv")[1:]
    titles = sorted(r[1] for r in rows)
    assert titles == [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'@SUM(A1:A9)",
        "Refresh the JSNA",
    ]
    assert "40" in [r[9] for r in rows]


def test_people_and_organisations_in_cells_are_guarded_too(client, hwb):
    """Cells filled from a person or an organisation are text like any
    other: a name typed as a formula arrives with its apostrophe."""
    owner = factories.PersonFactory(given_names="+cmd|' /C calc'!A0", family_name="")
    organisation = factories.OrganisationFactory(name="@SUM(1+1)")
    factories.ActionFactory(owner_person=owner, owner_organisation=organisation)
    [row] = _csv(client, "api:actions_csv")[1:]
    assert row[4].startswith("'+cmd") and row[5] == "'@SUM(1+1)"


@pytest.mark.parametrize("letter", ["B", "aa", "1", "i)"])
def test_a_sub_item_is_one_lower_case_letter(hwb, letter):
    """So items sort as the agenda prints them and the events' dotted order is
    3.1, 3.2: "3(B)" sorted before "3(a)", and "3(aa)" had no number."""
    item = factories.AgendaItemFactory(meeting=factories.MeetingFactory(body=hwb))
    item.sub_letter = letter
    with pytest.raises(ValidationError, match="one lower-case letter"):
        item.full_clean()


def test_csv_exports_stream_every_row_read_a_chunk_at_a_time(client, hwb, monkeypatch):
    """Sent as made, and read from the database a chunk at a time: the last
    chunk's rows (and their tags, prefetched a chunk at a time) are all there."""
    monkeypatch.setattr("meetings.api.exports.CHUNK", 2)
    priority = factories.PriorityFactory(title="Healthy weight")
    for n in range(5):
        action = factories.ActionFactory(body=hwb, title=f"Action {n}")
        action.priorities.add(priority)
    response = client.get(reverse("api:actions_csv"))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(content_of(response).decode())))[1:]
    priorities = ACTION_COLUMNS.split(",").index("priorities")
    assert sorted(row[1] for row in rows) == [f"Action {n}" for n in range(5)]
    assert {row[priorities] for row in rows} == {"Healthy weight"}
