"""Reading a ModernGov web service into HWBB's import shape.

The fixtures (tests/fixtures/moderngov/README.md) follow real responses of the
service. The HTTP source is tested against a real HTTP server on loopback that
serves them under a path ending in mgWebService.asmx. None of these tests has
database access: pytest-django refuses it unless asked, so the reader and the
command are shown to read only.
"""

import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from meetings.importers import moderngov

ROOT = Path(__file__).resolve().parents[2]
COUNCIL = ROOT / "tests" / "fixtures" / "moderngov" / "council"
TODAY = dt.date(2025, 9, 1)
BOARDS = ["412", "389"]


def _read(source=None, **kwargs):
    kwargs.setdefault("committees", BOARDS)
    kwargs.setdefault("today", TODAY)
    return moderngov.read(source or moderngov.FolderSource(COUNCIL), **kwargs)


@pytest.fixture(scope="module")
def reading():
    return _read()


def _meeting(reading, external_id):
    (meeting,) = [m for m in reading["meetings"] if m["external_id"] == external_id]
    return meeting


def _item(meeting, external_id):
    (item,) = [i for i in meeting["agenda"]["items"] if i["external_id"] == external_id]
    return item


def _messages(problems):
    return [p["message"] for p in problems]


# A real HTTP server ----------------------------------------------------------


class _Service(BaseHTTPRequestHandler):
    """Serves a folder of saved responses as ModernGov does, at
    /<mode>/mgWebService.asmx/<call>?<params>. The mode breaks it on purpose:
    ok, broken (HTTP 500), slow (answers late), html (an error page), and
    flaky (HTTP 500 for meeting 5004 only)."""

    def do_GET(self):
        url = urlsplit(self.path)
        self.server.seen.append(self.path)
        mode, _, rest = url.path.strip("/").partition("/")
        service, _, call = rest.rpartition("/")
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        if service != "mgWebService.asmx" or mode == "broken":
            return self._answer(500, b"Server Error")
        if mode == "flaky" and params.get("lMeetingId") == "5004":
            return self._answer(500, b"Server Error")
        if mode == "slow":
            time.sleep(1.5)
        if mode == "html":
            return self._answer(200, b"<html><body><p>Runtime Error<br></body>")
        file = self.server.folder / _file_for(call, params)
        if not file.is_file():
            return self._answer(404, b"Not Found")
        self._answer(200, file.read_bytes(), "text/xml; charset=utf-8")

    def _answer(self, status, body, kind="text/html"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except ConnectionError:
            pass  # the client gave up waiting (the slow mode)

    def log_message(self, *args):
        pass


def _file_for(call, params):
    if call == "GetMeetings":
        return f"GetMeetings-{params.get('lCommitteeId')}.xml"
    if call == "GetMeeting":
        return f"GetMeeting-{params.get('lMeetingId')}.xml"
    return f"{call}.xml"


@pytest.fixture
def service():
    """A factory: service(folder, mode) -> the base URL of a live server."""
    servers = []

    def start(folder=COUNCIL, mode="ok"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
        server.folder, server.seen = Path(folder), []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        host, port = server.server_address
        return f"http://{host}:{port}/{mode}", server.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Bodies and meetings ---------------------------------------------------------


def test_bodies_are_the_committees_asked_for_in_that_order(reading):
    assert reading["bodies"] == [
        {"name": "Health and Wellbeing Board", "external_id": "412"},
        {"name": "Health and Adult Social Care Scrutiny Board", "external_id": "389"},
    ]
    assert reading["source"] == str(COUNCIL)


def test_a_held_meeting_is_read_field_by_field(reading):
    meeting = _meeting(reading, "5002")
    header = {k: v for k, v in meeting.items() if k not in ("agenda", "attendance")}
    assert header == {
        "body": "Health and Wellbeing Board",
        "external_id": "5002",
        "date": "2025-03-13",
        "time": "14:00",
        "place": "Committee Room 3, Council House",
        "status": "held",
        "problems": [
            {
                "where": "GetMeeting-5002.xml",
                "message": "agenda item 9009: a restricted document left out",
            }
        ],
    }
    agenda = {k: v for k, v in meeting["agenda"].items() if k != "items"}
    assert agenda == {
        "body": "Health and Wellbeing Board",
        "date": "2025-03-13",
        "time": "14:00",
        "place": "Committee Room 3, Council House",
    }


def test_the_planned_finish_time_is_not_taken_for_an_end(reading):
    """GetMeeting-5002 says meetingplannedfinishtime 4.00 pm: a plan, not
    when the meeting ended, so the reading has no end at all."""
    meeting = _meeting(reading, "5002")
    assert "16:00" not in json.dumps(meeting)
    assert set(meeting) == {
        "body",
        "external_id",
        "date",
        "time",
        "place",
        "status",
        "agenda",
        "attendance",
        "problems",
    }


def test_meetings_come_in_date_order_across_bodies(reading):
    assert [(m["date"], m["external_id"]) for m in reading["meetings"]] == [
        ("2025-01-09", "5001"),
        ("2025-03-13", "5002"),
        ("2025-05-21", "6001"),
        ("2025-09-17", "6002"),
        ("2025-10-08", "5004"),
    ]


def test_a_cancelled_meeting_is_cancelled_whatever_its_date(reading):
    assert _meeting(reading, "5001")["status"] == "cancelled"
    later = _read(today=dt.date(2024, 1, 1))
    assert _meeting(later, "5001")["status"] == "cancelled"


def test_a_confirmed_meeting_is_held_before_today_and_scheduled_from_today(reading):
    assert _meeting(reading, "5002")["status"] == "held"
    assert _meeting(reading, "5004")["status"] == "scheduled"
    on_the_day = _read(today=dt.date(2025, 3, 13))
    assert _meeting(on_the_day, "5002")["status"] == "scheduled"
    assert _meeting(_read(today=dt.date(2025, 3, 14)), "5002")["status"] == "held"


@pytest.mark.parametrize(
    "raw, date, status",
    [
        ("Cancelled", dt.date(2025, 1, 9), "cancelled"),
        ("Confirmed; Budget Council", dt.date(2025, 3, 4), "held"),
        ("Confirmed", dt.date(2025, 9, 1), "scheduled"),
        ("Provisional", dt.date(2025, 9, 17), "scheduled"),
        ("Provisional", dt.date(2025, 8, 31), None),
        ("", dt.date(2025, 8, 31), None),
        ("Postponed", dt.date(2025, 8, 31), None),
        ("Postponed", dt.date(2025, 10, 1), None),
    ],
)
def test_status_is_decided_from_the_status_word_and_the_date(raw, date, status):
    assert moderngov.read_status(raw, date, TODAY) == status


def test_a_past_meeting_not_confirmed_is_left_out_with_a_problem(tmp_path):
    """The scrutiny meeting of 17 September is Provisional: read after that
    day, nothing says whether it took place, so it is not called held."""
    after = _read(today=dt.date(2025, 10, 1))
    assert "6002" not in [m["external_id"] for m in after["meetings"]]
    assert {
        "where": "GetMeeting-6002.xml",
        "message": "meeting 6002 of 2025-09-17 has status 'Provisional', "
        "which does not say whether it took place; left out",
    } in after["problems"]


# Agenda items ----------------------------------------------------------------


def test_agenda_items_are_read_field_by_field(reading):
    items = _meeting(reading, "5002")["agenda"]["items"]
    rows = [
        (i["number"], i["sub"], i["title"], i["exempt"], i["exempt_paragraph"])
        for i in items
    ]
    assert rows == [
        ("1", None, "Apologies for Absence and Substitutions", False, None),
        ("2", None, "Declarations of Interest", False, None),
        ("3", None, "Minutes", False, None),
        (
            "3",
            "a",
            "To agree the minutes of the meeting held on 14 November 2024",
            False,
            None,
        ),
        ("3", "b", "Matters Arising", False, None),
        ("4", None, "Joint Local Health & Wellbeing Strategy 2025-2030", False, None),
        ("5", None, "Better Care Fund 2024/25 Quarter 3 Return", False, None),
        ("6", None, "Exclusion of the Press and Public", False, None),
        ("7", None, "Integrated Sexual Health Services - Contract Award", True, 3),
    ]
    assert [i["external_id"] for i in items] == [str(n) for n in range(9001, 9010)]
    assert {i["section"] for i in items} == {None}


def test_the_printed_number_is_taken_not_the_internal_order(reading):
    """agendaitemnumber of item 9001 is 3 (an internal order, as in the
    service's real responses); fulldisplaynumberformat prints 1."""
    assert _item(_meeting(reading, "5002"), "9001")["number"] == "1"


@pytest.mark.parametrize(
    "printed, number, sub",
    [
        ("3.", "3", None),
        ("3a.", "3", "a"),
        ("3(b)", "3", "b"),
        ("3.1", "3", "1"),
        ("12", "12", None),
        ("A1.", "A1", None),
        ("", None, None),
    ],
)
def test_printed_numbers_split_into_number_and_sub(printed, number, sub):
    assert moderngov.read_number(printed) == (number, sub)


def test_an_exempt_item_carries_the_paragraph_its_text_cites(reading):
    meeting = _meeting(reading, "5002")
    exempt = _item(meeting, "9009")
    assert (exempt["exempt"], exempt["exempt_paragraph"]) == (True, 3)
    # The exclusion item cites paragraph 3 too, but is not itself exempt.
    exclusion = _item(meeting, "9008")
    assert (exclusion["exempt"], exclusion["exempt_paragraph"]) == (False, None)


def test_an_exempt_item_citing_two_paragraphs_gets_none_and_a_problem(reading):
    meeting = _meeting(reading, "6001")
    item = _item(meeting, "9305")
    assert (item["exempt"], item["exempt_paragraph"]) == (True, None)
    assert (
        "agenda item 9305 is exempt under paragraph(s) 3, 5: not one paragraph "
        "of 1-7; exempt_paragraph left empty"
    ) in _messages(meeting["problems"])


@pytest.mark.parametrize(
    "text, cited",
    [
        ("exempt as defined in Paragraph 3 of Part 1 of Schedule 12A", [3]),
        ("by virtue of paragraphs 3 and 5 of Schedule 12A", [3, 5]),
        ("see paragraph 3.2 of the report (Schedule 12A)", []),
        ("paragraph 3 of the report", []),
    ],
)
def test_paragraphs_are_read_only_where_schedule_12a_is_cited(text, cited):
    assert moderngov.read_paragraphs(text) == cited


def test_an_item_with_two_documents_lists_each_once_in_order(reading):
    item = _item(_meeting(reading, "5002"), "9006")
    base = "https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID="
    assert item["documents"] == [
        {"title": "JLHWS 2025-2030 - covering report", "url": f"{base}71230"},
        {"title": "Appendix 1 - Draft Strategy & Action Plan", "url": f"{base}71231"},
    ]


def test_restricted_and_addressless_documents_are_left_out_and_reported(reading):
    assert _item(_meeting(reading, "5002"), "9009")["documents"] == []
    scrutiny = _meeting(reading, "6001")
    assert [d["title"] for d in _item(scrutiny, "9304")["documents"]] == [
        "ASC Market Position Statement briefing note"
    ]
    assert (
        "agenda item 9304: document 'Market Position Statement slides' has no "
        "web address; left out"
    ) in _messages(scrutiny["problems"])


def test_untitled_and_hidden_items_are_left_out_and_reported(reading):
    scrutiny = _meeting(reading, "6001")
    assert [i["number"] for i in scrutiny["agenda"]["items"]] == ["1", "4", "5", "6"]
    messages = _messages(scrutiny["problems"])
    assert "agenda item 9302 has no title; left out" in messages
    assert "agenda item 9303 is hidden on the council's site; left out" in messages
    # The hidden item's title is not repeated in the problem either.
    assert "day opportunities" not in json.dumps(reading)


@pytest.mark.parametrize(
    "raw, text",
    [
        (
            "Joint Local Health &amp; Wellbeing Strategy",
            "Joint Local Health & Wellbeing Strategy",
        ),
        ("<strong>Better Care Fund</strong> Q3", "Better Care Fund Q3"),
        ("Item one<br/>and two", "Item one and two"),
        (
            "Children’s Services – 0-19 (Health Visiting)",
            "Children’s Services – 0-19 (Health Visiting)",
        ),
        ("  Council Chamber,   Council House ", "Council Chamber, Council House"),
    ],
)
def test_titles_lose_escaping_and_markup_and_nothing_else(raw, text):
    assert moderngov.clean(raw) == text


# Times -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, time",
    [
        ("2.00 pm", "14:00"),
        ("10.00 am", "10:00"),
        ("12.30 pm", "12:30"),
        ("12.00 am", "00:00"),
        ("5pm", "17:00"),
        ("18:30", "18:30"),
        ("12 noon", "12:00"),
        ("TBC", None),
        ("10", None),
        ("13.00 pm", None),
        ("25:00", None),
    ],
)
def test_meeting_times_become_24_hour_clock_times(raw, time):
    assert moderngov.read_time(raw) == time


# Attendance ------------------------------------------------------------------


def test_each_attendance_kind_goes_to_its_place(reading):
    assert _meeting(reading, "5002")["attendance"] == {
        "present_members": [
            {
                "name": "Councillor Amrit Dhaliwal",
                "role": "Chair",
                "organisation": None,
            },
            {"name": "Dr Helen Marsh", "role": "Vice-Chair", "organisation": None},
            {
                "name": "Mark Denton",
                "role": "Healthwatch representative",
                "organisation": None,
            },
        ],
        "apologies": ["Councillor Peter Blake", "Councillor Joanne Rees"],
        "apologies_detail": [
            {
                "name": "Councillor Peter Blake",
                "role": "Board Member",
                "sent_substitute": False,
            },
            {
                "name": "Councillor Joanne Rees",
                "role": "Board Member",
                "sent_substitute": True,
            },
        ],
        "substitutes": [
            {"name": "Councillor Tom Okafor", "for": None, "role": "Substitute Member"}
        ],
        "other_representatives": [
            {
                "name": "Sue Whitfield",
                "role": "Director of Public Health",
                "organisation": None,
            }
        ],
        "employees": [],
        "absent": ["Councillor Lin Cheng"],
    }


def test_expected_attendance_records_nobody(reading):
    for external_id in ("5001", "5004", "6002"):
        attendance = _meeting(reading, external_id)["attendance"]
        assert not any(attendance.values()), external_id


def test_a_held_meeting_with_attendance_still_expected_says_so():
    """6001 was held with one attendee still Expected; read after its date,
    5004 is held with nobody recorded. Neither is taken as absence."""
    after = _read(today=dt.date(2025, 11, 1))
    note = "held, but 1 attendee(s) still 'Expected': not recorded"
    for external_id in ("6001", "5004"):
        assert note in _messages(_meeting(after, external_id)["problems"])
    assert not any(_meeting(after, "5004")["attendance"].values())
    assert note not in json.dumps(_meeting(after, "5001"))  # cancelled


def test_an_unknown_attendance_kind_and_a_nameless_attendee_are_problems(reading):
    meeting = _meeting(reading, "6001")
    named = [p["name"] for p in meeting["attendance"]["present_members"]]
    assert named == ["Councillor Grace Adeyemi"]
    assert meeting["attendance"]["apologies"] == ["Councillor Ann Lucas"]
    messages = _messages(meeting["problems"])
    assert (
        "attendance 'Present (part of meeting)' of Councillor David Price is not "
        "a kind HWBB knows; left out"
    ) in messages
    assert "an attendee without a name; left out" in messages


# Problems, and nothing guessed -----------------------------------------------


def test_a_malformed_response_is_reported_and_its_meeting_left_out(reading):
    assert "5003" not in [m["external_id"] for m in reading["meetings"]]
    (problem,) = [p for p in reading["problems"] if p["where"] == "GetMeeting-5003.xml"]
    assert problem["message"].startswith("not well-formed XML")
    assert problem["message"].endswith("meeting 5003 is left out")


def test_a_meeting_without_a_date_is_left_out_not_dated(reading):
    assert "5005" not in [m["external_id"] for m in reading["meetings"]]
    assert {
        "where": "GetMeeting-5005.xml",
        "message": "meeting 5005 has no date; left out",
    } in reading["problems"]


def test_values_the_xml_does_not_give_stay_empty(reading):
    meeting = _meeting(reading, "6002")
    assert (meeting["time"], meeting["place"]) == (None, None)
    assert (meeting["agenda"]["time"], meeting["agenda"]["place"]) == (None, None)
    assert meeting["problems"] == [
        {
            "where": "GetMeeting-6002.xml",
            "message": "meeting time 'TBC' is not a time; left empty",
        }
    ]
    for item in (i for m in reading["meetings"] for i in m["agenda"]["items"]):
        assert item["section"] is None
        assert item["exempt_paragraph"] is None or item["exempt"]


def test_the_reading_problems_are_exactly_these(reading):
    assert reading["problems"] == [
        {
            "where": "GetMeeting-5003.xml",
            "message": "not well-formed XML (no element found: line 18, column 50); "
            "meeting 5003 is left out",
        },
        {
            "where": "GetMeeting-5005.xml",
            "message": "meeting 5005 has no date; left out",
        },
    ]


def test_every_committee_neither_deleted_nor_expired_is_read_by_default():
    everything = _read(committees=None)
    assert [b["external_id"] for b in everything["bodies"]] == ["120", "389", "412"]
    assert {
        "where": "GetMeetings-120.xml",
        "message": "no saved response in the folder; the meetings of Cabinet are "
        "left out",
    } in everything["problems"]


def test_an_unlisted_committee_is_reported():
    reading = _read(committees=["412", "999"])
    assert [b["external_id"] for b in reading["bodies"]] == ["412"]
    assert {
        "where": "GetCommittees.xml",
        "message": "committee 999 is not listed; left out",
    } in reading["problems"]


def test_since_and_until_keep_the_meetings_between_them():
    reading = _read(since=dt.date(2025, 3, 13), until=dt.date(2025, 9, 17))
    assert [m["external_id"] for m in reading["meetings"]] == ["5002", "6001", "6002"]


def test_reading_again_gives_identical_json():
    first = json.dumps(_read(), sort_keys=True)
    again = json.dumps(_read(), sort_keys=True)
    assert first == again
    # The order of the committees asked for does not change the meetings.
    other = _read(committees=["389", "412"])
    assert json.dumps(other["meetings"]) == json.dumps(_read()["meetings"])


# XML safety and wrapping -----------------------------------------------------


def _committees_xml(title):
    return (
        "<committees><committee><committeeid>412</committeeid>"
        f"<committeetitle>{title}</committeetitle></committee></committees>"
    )


def test_an_xxe_payload_is_refused_and_the_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("NHS-NUMBER-4857773456")
    payload = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE committees [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        + _committees_xml("&xxe;")
    )
    (tmp_path / "GetCommittees.xml").write_text(payload)
    with pytest.raises(moderngov.SourceError) as refused:
        _read(moderngov.FolderSource(tmp_path))
    assert "refused" in str(refused.value)
    assert "NHS-NUMBER" not in str(refused.value)


def test_an_entity_expansion_bomb_in_one_meeting_is_refused_as_a_problem(tmp_path):
    for name in ("GetCommittees.xml", "GetMeetings-412.xml", "GetMeeting-5002.xml"):
        (tmp_path / name).write_bytes((COUNCIL / name).read_bytes())
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 or "")) * 10}">' for n in range(1, 9)
    )
    bomb = f"<!DOCTYPE meeting [{laughs}]><meeting><meetingid>5001</meetingid>"
    bomb += "<meetinglocation>&lol8;</meetinglocation></meeting>"
    (tmp_path / "GetMeeting-5001.xml").write_text(bomb)
    reading = _read(moderngov.FolderSource(tmp_path), committees=["412"])
    assert [m["external_id"] for m in reading["meetings"]] == ["5002"]
    (problem,) = [p for p in reading["problems"] if p["where"] == "GetMeeting-5001.xml"]
    assert problem["message"].startswith("refused: the XML has a DTD")


def test_a_soap_response_reads_like_a_plain_one():
    plain = _committees_xml("Health &amp;amp; Wellbeing Board")
    soap = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        "<soap:Header/><soap:Body>"
        '<GetCommitteesResponse xmlns="http://moderngov.co.uk/namespaces">'
        f"<GetCommitteesResult>{plain}</GetCommitteesResult>"
        "</GetCommitteesResponse></soap:Body></soap:Envelope>"
    )
    escaped = plain.replace("&", "&amp;").replace("<", "&lt;")
    asmx = f'<string xmlns="http://moderngov.co.uk/namespaces">{escaped}</string>'
    for text in (plain, soap, asmx):
        root = moderngov.parse(text.encode(), "GetCommittees")
        assert root.tag == "committees"
        assert moderngov.clean(root.find("committee/committeetitle").text) == (
            "Health & Wellbeing Board"
        )


def test_a_response_of_the_wrong_kind_is_refused():
    with pytest.raises(moderngov.ResponseError, match="root element is <committees>"):
        moderngov.parse(_committees_xml("x").encode(), "GetMeeting")


# The live source -------------------------------------------------------------


def test_the_http_source_reads_what_the_folder_holds(service):
    url, seen = service()
    live = _read(
        moderngov.HttpSource(f"{url}/mgWebService.asmx"),
        since=dt.date(2024, 9, 1),
        until=dt.date(2026, 9, 1),
    )
    saved = _read(since=dt.date(2024, 9, 1), until=dt.date(2026, 9, 1))
    for meeting in live["meetings"] + saved["meetings"]:
        for problem in meeting["problems"]:
            problem.pop("where")
    assert live["meetings"] == saved["meetings"]
    assert live["source"] == f"{url}/mgWebService.asmx"
    assert "/ok/mgWebService.asmx/GetCommittees?lDummy=0" in seen
    assert (
        "/ok/mgWebService.asmx/GetMeetings?lCommitteeId=412"
        "&sFromDate=01/09/2024&sToDate=01/09/2026"
    ) in seen
    assert "/ok/mgWebService.asmx/GetMeeting?lMeetingId=5002" in seen


def test_the_http_source_names_each_call_where_a_problem_was(service):
    url, _seen = service()
    reading = _read(moderngov.HttpSource(url))
    assert reading["problems"][0]["where"] == "GetMeeting?lMeetingId=5003"


def test_a_site_address_gains_the_service_path():
    assert moderngov.service_url("https://democracy.example.gov.uk/") == (
        "https://democracy.example.gov.uk/mgWebService.asmx"
    )
    assert moderngov.service_url("https://x.example/mgwebservice.asmx") == (
        "https://x.example/mgwebservice.asmx"
    )
    with pytest.raises(moderngov.SourceError):
        moderngov.service_url("file:///etc/passwd")


def test_one_meeting_answering_500_is_a_problem_not_a_failure(service):
    url, _seen = service(mode="flaky")
    reading = _read(moderngov.HttpSource(url))
    assert "5004" not in [m["external_id"] for m in reading["meetings"]]
    assert {
        "where": "GetMeeting?lMeetingId=5004",
        "message": "the service answered HTTP 500; meeting 5004 is left out",
    } in reading["problems"]


def test_a_service_answering_500_is_a_source_error(service):
    url, _seen = service(mode="broken")
    with pytest.raises(moderngov.SourceError, match="HTTP 500"):
        _read(moderngov.HttpSource(url))


def test_a_slow_service_times_out(service):
    url, _seen = service(mode="slow")
    started = time.monotonic()
    with pytest.raises(moderngov.SourceError, match="did not answer within 0.3 s"):
        _read(moderngov.HttpSource(url, timeout=0.3))
    assert time.monotonic() - started < 1.4


def test_an_unreachable_service_is_a_source_error():
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(moderngov.SourceError, match="Could not reach"):
        _read(moderngov.HttpSource(url, timeout=2))


def test_an_xxe_payload_served_over_http_is_refused(service, tmp_path):
    payload = '<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    (tmp_path / "GetCommittees.xml").write_text(payload + _committees_xml("&xxe;"))
    url, _seen = service(folder=tmp_path)
    with pytest.raises(moderngov.SourceError, match="refused"):
        _read(moderngov.HttpSource(url))


# The command -----------------------------------------------------------------


def _command(*args):
    out = io.StringIO()
    call_command("import_moderngov", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_reading_as_json(tmp_path):
    out = tmp_path / "reading.json"
    said = _command(
        "--folder",
        str(COUNCIL),
        "--committee",
        "412",
        "--committee",
        "389",
        "--json",
        str(out),
    )
    written = json.loads(out.read_text())
    expected = moderngov.read(moderngov.FolderSource(COUNCIL), committees=BOARDS)
    assert written == json.loads(json.dumps(expected))
    count = len(expected["problems"]) + sum(
        len(m["problems"]) for m in expected["meetings"]
    )
    assert (
        said.strip()
        == f"Wrote {out}: {len(expected['meetings'])} meetings, {count} problems."
    )


def test_the_command_writes_json_to_standard_output():
    text = _command("--folder", str(COUNCIL), "--committee", "412", "--json", "-")
    reading = json.loads(text)
    assert [b["external_id"] for b in reading["bodies"]] == ["412"]


@pytest.mark.django_db
def test_the_command_previews_bodies_meetings_items_and_problems():
    text = _command("--folder", str(COUNCIL), "--committee", "412")
    assert "     412  Health and Wellbeing Board" in text
    assert "2025-01-09 14:00  Health and Wellbeing Board  [cancelled]" in text
    assert "3a    To agree the minutes of the meeting held on 14 November 2024" in text
    assert (
        "7     Integrated Sexual Health Services - Contract Award  "
        "(exempt, paragraph 3)"
    ) in text
    assert (
        "attendance: 3 present, 1 substitutes, 2 apologies, 1 in attendance, 1 absent"
    ) in text
    assert "Problems (2):" in text
    assert "GetMeeting-5003.xml: not well-formed XML" in text


def test_the_command_reads_a_live_service(service):
    url, _seen = service()
    text = _command(
        "--url",
        url,
        "--committee",
        "389",
        "--since",
        "2025-01-01",
        "--until",
        "2025-06-30",
        "--json",
        "-",
    )
    assert [m["external_id"] for m in json.loads(text)["meetings"]] == ["6001"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--folder", "/no/such/folder"], "There is no folder at /no/such/folder."),
        (["--url", "ftp://example.gov.uk"], "is not the http(s) address of a site"),
        (["--folder", str(COUNCIL), "--since", "13/03/2025"], "is not a date"),
        (
            [
                "--folder",
                str(COUNCIL),
                "--since",
                "2025-09-01",
                "--until",
                "2025-01-01",
            ],
            "--since is after --until",
        ),
        (
            ["--folder", str(COUNCIL), "--committee", "../etc"],
            "committee id is a number",
        ),
        (["--folder", str(COUNCIL), "--json", "/no/such/dir/out.json"], "Cannot write"),
        (["--folder", str(COUNCIL), "--url", "https://x.example"], "not allowed with"),
        ([], "one of the arguments --url --folder is required"),
    ],
)
def test_bad_input_gives_a_clear_command_error(args, message):
    with pytest.raises(CommandError) as error:
        _command(*args)
    assert message in str(error.value)


@pytest.mark.parametrize(
    "mode, message",
    [
        ("broken", "GetCommittees?lDummy=0: the service answered HTTP 500"),
        ("html", "GetCommittees?lDummy=0: not well-formed XML"),
        ("slow", "did not answer within 0.3 seconds"),
    ],
)
def test_a_failing_service_gives_a_clear_command_error(service, mode, message):
    url, _seen = service(mode=mode)
    with pytest.raises(CommandError) as error:
        _command("--url", url, "--timeout", "0.3")
    assert message in str(error.value)


def test_an_unreachable_service_gives_a_clear_command_error():
    with pytest.raises(CommandError, match="Could not reach http://127.0.0.1"):
        _command("--url", f"http://127.0.0.1:{_closed_port()}")


def test_from_the_shell_an_error_is_one_line_and_no_traceback(tmp_path):
    (tmp_path / "GetCommittees.xml").write_text("<html><body>Runtime Error")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "django", "import_moderngov", "--folder", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        "CommandError: GetCommittees.xml: not well-formed XML "
        "(no element found: line 1, column 25)"
    )
