"""Attendance prints as recorded: a substitute as "substitute for" the member
they stood in for, who is shown under apologies as substituted; absent members,
other representatives and officers under headings of their own. The minutes
page, the minutes PDF and the next meeting's pack print the same lines. The
form shows what was recorded, and saving it again unchanged writes nothing."""

import html
import io
import re
import threading
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from meetings import services
from meetings.forms import AttendanceForm
from meetings.importers.pack import read_pack
from meetings.importers.source import lines_from_text
from meetings.models import Attendance, Membership
from tests import factories

HEADINGS = (
    "Board members",
    "Other representatives",
    "Employees and officers in attendance",
    "Apologies",
    "Absent",
)


def _printed(substitute):
    """What the minutes print for the board, in every medium: heading -> lines,
    each list in family-name order."""
    members = [(substitute.family_name, f"{substitute} (substitute for B Jones)")]
    members.append(("Caan", "Councillor Caan"))
    return {
        "Board members": [line for _, line in sorted(members)],
        "Other representatives": ["R Bayat, Positive Youth Foundation"],
        "Employees and officers in attendance": ["S C Lam"],
        "Apologies": [f"B Jones (substituted by {substitute})", "Dr S Raistrick"],
        "Absent": ["S Ogle"],
    }


def _person(name, family, job_title=""):
    return factories.PersonFactory(
        display_name=name, family_name=family, job_title=job_title, organisation=None
    )


@pytest.fixture
def board(hwb):
    """8 April 2019 (minutes out in draft) and 8 July 2019, which agrees them.
    Four members, a named substitute of the CCG's, an outside representative
    and an officer."""
    ccg = factories.OrganisationFactory(name="Coventry and Rugby CCG", kind="ccg")
    council = factories.OrganisationFactory(name="Coventry City Council")
    people = {
        "caan": _person("Councillor Caan", "Caan"),
        "jones": _person("B Jones", "Jones"),
        "ogle": _person("S Ogle", "Ogle"),
        "raistrick": _person("Dr S Raistrick", "Raistrick"),
        "smith": _person("Dr A Smith", "Smith"),
        "brown": _person("C Brown", "Brown"),
        "bayat": _person("R Bayat", "Bayat", "Positive Youth Foundation"),
        "lam": _person("S C Lam", "Lam"),
    }
    seats = [("caan", council), ("jones", ccg), ("ogle", council)]
    seats.append(("raistrick", ccg))
    for key, org in seats:
        factories.MembershipFactory(
            body=hwb, person=people[key], on_behalf_of=org, start=None
        )
    factories.MembershipFactory(
        body=hwb,
        person=people["smith"],
        on_behalf_of=ccg,
        role=Membership.Role.SUBSTITUTE,
        start=None,
    )
    april = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 4, 8, 14),
        minutes_status="published_draft",
    )
    factories.MinuteFactory(meeting=april, title="Young People and Violence")
    july = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 8, 14), minutes_status="none"
    )
    factories.AgendaItemFactory(
        meeting=july, number=3, title="Minutes of Previous Meeting", kind="minutes"
    )
    return {**people, "april": april, "july": july, "ccg": ccg}


def _form_url(meeting):
    return reverse("meetings:attendance", args=[meeting.pk])


def _record(client, board, substitute="smith"):
    """As the officer does it: the members' form, then the two others."""
    b = board
    url = _form_url(b["april"])
    response = client.post(
        url,
        {
            f"status_{b['caan'].pk}": "present",
            f"status_{b['jones'].pk}": "substitute",
            f"substitute_{b['jones'].pk}": b[substitute].pk,
            f"status_{b['raistrick'].pk}": "apologies",
            f"status_{b['ogle'].pk}": "absent",
        },
    )
    assert response.status_code == 302, response.content.decode()
    for key, capacity in (("bayat", "other_representative"), ("lam", "officer")):
        posted = {"add_other": "1", "other-person": b[key].pk}
        response = client.post(url, {**posted, "other-capacity": capacity})
        assert response.status_code == 302


def _rows():
    return list(Attendance.objects.order_by("pk").values())


class _Selects(HTMLParser):
    """Each <select>'s name and the value a browser would submit."""

    def __init__(self):
        super().__init__()
        self.values, self.first, self.name = {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.name = attrs["name"]
        elif tag == "option" and self.name:
            self.first.setdefault(self.name, attrs.get("value", ""))
            if "selected" in attrs:
                self.values[self.name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.name = None

    def submitted(self):
        return {
            name: self.values.get(name, first) for name, first in self.first.items()
        }


def _form_as_shown(client, meeting):
    parser = _Selects()
    parser.feed(client.get(_form_url(meeting)).content.decode())
    return {k: v for k, v in parser.submitted().items() if not k.startswith("other-")}


# -- What the three prints show ---------------------------------------------------


def _sections(text):
    """{heading: [line]} from the attendance block of a printed text."""
    text = text.replace("\xa0", " ")
    block = text.split("Present", 1)[1]
    block = re.split(r"Declarations of interest|Public Business|\n\s*\d+\.\s", block)[0]
    pattern = r"^\s*(" + "|".join(re.escape(h) for h in HEADINGS) + r"):?"
    parts = re.split(pattern, block, flags=re.M)
    found = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        found[heading] = [line.strip() for line in body.splitlines() if line.strip()]
    return found


def _page_text(client, meeting):
    markup = client.get(reverse("meetings:minutes", args=[meeting.pk])).content
    markup = markup.decode().split('<h2 class="govuk-heading-m">Present', 1)[1]
    markup = markup.split("</dl>", 1)[0]
    markup = re.sub(r"</(dt|li)>", "\n", markup)
    return "Present\n" + html.unescape(re.sub(r"<[^>]+>", "", markup))


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _minutes_pdf_text(client, meeting):
    response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    return _pdf_text(response.content)


def _pack_text(meeting):
    services.agenda_pack_build(meeting=meeting)
    return _pdf_text(meeting.packs.get(kind="public").file.read())


@pytest.mark.parametrize("substitute", ["smith", "brown"])
def test_a_substitute_prints_as_substitute_for_the_member_in_every_print(
    client, officer, board, substitute
):
    """Dr A Smith is a named substitute of the board's; C Brown is nobody's."""
    client.force_login(officer)
    _record(client, board, substitute)
    client.logout()  # the public reads the draft minutes
    prints = {
        "page": _page_text(client, board["april"]),
        "pdf": _minutes_pdf_text(client, board["april"]),
        "pack": _pack_text(board["july"]),
    }
    for medium, text in prints.items():
        assert _sections(text) == _printed(board[substitute]), medium


def _linked(client, meeting):
    """{line: the address it links to} in the minutes page's attendance."""
    markup = client.get(reverse("meetings:minutes", args=[meeting.pk])).text
    block = markup.split('<h2 class="govuk-heading-m">Present', 1)[1]
    block = block.split("</dl>", 1)[0]
    return {
        html.unescape(text): href
        for href, text in re.findall(
            r'<li><a class="govuk-link" href="([^"]+)">([^<]+)</a>', block
        )
    }


def test_the_minutes_link_each_name_to_the_page_the_reader_may_open(
    client, officer, board
):
    """The board's members and its substitute sit on a body the public may
    see, so their pages open to anyone; the outside representative and the
    officer sit on none, so only an officer's minutes link them."""
    client.force_login(officer)
    _record(client, board)
    b = board
    names = {
        b["smith"]: "Dr A Smith (substitute for B Jones)",
        b["caan"]: "Councillor Caan",
        b["jones"]: "B Jones (substituted by Dr A Smith)",
        b["raistrick"]: "Dr S Raistrick",
        b["ogle"]: "S Ogle",
    }
    others = {b["bayat"]: "R Bayat, Positive Youth Foundation", b["lam"]: "S C Lam"}
    as_officer = _linked(client, b["april"])
    client.logout()
    as_public = _linked(client, b["april"])
    expected = {line: f"/meetings/people/{p.pk}/" for p, line in names.items()}
    assert as_public == expected
    assert as_officer == {
        **expected,
        **{line: f"/meetings/people/{p.pk}/" for p, line in others.items()},
    }
    for href in as_public.values():
        assert client.get(href).status_code == 200


def test_the_form_shows_the_substitute_recorded(client, officer, board):
    client.force_login(officer)
    _record(client, board)
    shown = _form_as_shown(client, board["april"])
    jones, smith = board["jones"], board["smith"]
    assert shown[f"status_{jones.pk}"] == "substitute"
    assert shown[f"substitute_{jones.pk}"] == str(smith.pk)
    assert shown[f"status_{board['ogle'].pk}"] == "absent"
    # a named substitute is not a seat of their own on the form
    assert f"status_{smith.pk}" not in shown


def test_saving_the_form_again_unchanged_changes_nothing(client, officer, board):
    client.force_login(officer)
    _record(client, board)
    rows, history = _rows(), Attendance.history.count()
    for _ in range(2):  # reopened and saved, then the button pressed again
        shown = _form_as_shown(client, board["april"])
        response = client.post(_form_url(board["april"]), shown)
        assert response.status_code == 302, response.content.decode()
    assert _rows() == rows
    assert Attendance.history.count() == history
    smith = Attendance.objects.get(person=board["smith"])
    assert (smith.status, smith.substitute_for) == ("substitute", board["jones"])


def test_a_change_is_recorded_in_the_history_by_whom(client, officer, board):
    client.force_login(officer)
    _record(client, board)
    shown = _form_as_shown(client, board["april"])
    shown[f"status_{board['ogle'].pk}"] = "apologies"
    client.post(_form_url(board["april"]), shown)
    change = Attendance.history.filter(person=board["ogle"]).latest()
    assert (change.history_type, change.status) == ("~", "apologies")
    assert change.history_user == officer


def test_another_substitute_replaces_the_first_and_present_clears_it(officer, board):
    april, jones = board["april"], board["jones"]
    services.attendance_record(
        meeting=april, rows=[(jones, "substitute", board["smith"])]
    )
    services.attendance_record(
        meeting=april, rows=[(jones, "substitute", board["brown"])]
    )
    seat = Attendance.objects.filter(meeting=april, substitute_for=jones)
    assert list(seat.values_list("person__family_name", flat=True)) == ["Brown"]
    assert not Attendance.objects.filter(person=board["smith"]).exists()
    services.attendance_record(meeting=april, rows=[(jones, "present", None)])
    assert not seat.exists()
    assert Attendance.objects.get(person=jones).status == "present"


@pytest.mark.django_db(transaction=True)
def test_two_officers_saving_at_once_leave_one_substitute_in_the_seat(officer, board):
    """Two connections, each naming a different substitute for the same
    member, released together: one seat, one substitute, whoever saved last.
    Then two identical saves at once (a double submit): nothing doubled."""
    april, jones = board["april"], board["jones"]
    caan = board["caan"]

    def at_once(*substitutes):
        barrier, errors = threading.Barrier(len(substitutes)), []

        def save(substitute):
            try:
                barrier.wait()
                services.attendance_record(
                    meeting=april,
                    rows=[(caan, "present", None), (jones, "substitute", substitute)],
                )
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=save, args=(s,)) for s in substitutes]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert errors == []

    at_once(board["smith"], board["brown"])
    assert Attendance.objects.filter(meeting=april, substitute_for=jones).count() == 1
    assert Attendance.objects.filter(meeting=april).count() == 3
    at_once(board["smith"], board["smith"])
    assert Attendance.objects.filter(meeting=april).count() == 3
    assert Attendance.objects.get(substitute_for=jones).person == board["smith"]


def test_one_substitute_cannot_fill_two_seats_or_be_a_member(client, officer, board):
    client.force_login(officer)
    b = board
    response = client.post(
        _form_url(b["april"]),
        {
            f"status_{b['jones'].pk}": "substitute",
            f"substitute_{b['jones'].pk}": b["smith"].pk,
            f"status_{b['raistrick'].pk}": "substitute",
            f"substitute_{b['raistrick'].pk}": b["smith"].pk,
            f"status_{b['caan'].pk}": "substitute",
            f"substitute_{b['caan'].pk}": b["ogle"].pk,
        },
    )
    page = html.unescape(response.content.decode())
    assert "Dr A Smith cannot substitute for both" in page
    assert "S Ogle is a member: record their own attendance" in page
    assert not Attendance.objects.exists()
    response = client.post(
        _form_url(b["april"]),
        {f"status_{b['jones'].pk}": "substitute", f"substitute_{b['jones'].pk}": "x"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_substitute_choices_are_the_people_the_user_may_see(board, hwb, member):
    private = factories.BodyFactory(
        name="Safeguarding Board", slug="safeguarding", meets_in_public=False
    )
    hidden = _person("H Hidden", "Hidden")
    factories.MembershipFactory(body=private, person=hidden)
    members = [board["jones"]]
    form = AttendanceForm(meeting=board["april"], members=members, user=member)
    choices = form.fields[f"substitute_{board['jones'].pk}"].queryset
    assert board["smith"] in choices and hidden not in choices


def test_statistics_count_a_substitute_for_the_seat_not_the_member(
    client, officer, board, hwb
):
    client.force_login(officer)
    _record(client, board)
    members, organisations = services.attendance_statistics(
        body=hwb, since=factories.london(2018, 5, 1), until=factories.london(2019, 5, 1)
    )
    by_name = {str(r["person"]): r for r in members}
    jones = by_name["B Jones"]
    assert (jones["present"], jones["substitute"], jones["rate"]) == (0, 1, 0)
    assert by_name["Dr S Raistrick"]["apologies"] == 1
    assert by_name["S Ogle"]["absent"] == 1
    # a named substitute has no seat: not expected, and not counted twice
    assert "Dr A Smith" not in by_name
    ccg = next(r for r in organisations if r["organisation"] == board["ccg"])
    assert (ccg["expected"], ccg["present"], ccg["substitute"]) == (2, 0, 1)
    assert ccg["rate"] == 50  # Jones's seat filled; Raistrick's empty
    page = client.get(
        reverse("meetings:attendance_stats", args=[hwb.slug]), {"year": 2018}
    )
    assert "Dr A Smith" not in page.content.decode()


def test_open_data_names_the_substitute_and_not_the_member(client, officer, board):
    client.force_login(officer)
    _record(client, board)
    event = client.get(reverse("api:ocd_event", args=[board["april"].pk])).json()
    notes = {p["name"]: p["note"] for p in event["participants"][1:]}
    assert notes["Dr A Smith"] == "Substitute for B Jones"
    assert "B Jones" not in notes and "S Ogle" not in notes


# -- The importer records substitutes the same way ------------------------------

IMPORTED = """\
Anytown Health and Wellbeing Board

Date: Thursday 14 March 2024
Time: 10.00 am
Venue: Council Chamber

1 Minutes (Pages 1 - 6)

MINUTES of a meeting of the Anytown Health and Wellbeing Board held on Thursday, 11 January 2024 at 10.00 am

Present: Councillor A Jones (Chair), Councillor B Smith
Substitutes: Councillor E Brown for Councillor F Green
Apologies: Councillor F Green

12/24 Minutes
RESOLVED that the minutes of the meeting held on 9 November 2023 be confirmed as a correct record.

The meeting ended at 11.45 am.
"""  # noqa: E501 - printed text, line for line


def _import():
    reading = read_pack(lines_from_text(IMPORTED), source="")
    return services.import_commit(reading, by=None)


def _imported_rows():
    return {
        a.person.display_name: (a.status, str(a.substitute_for or ""))
        for a in Attendance.objects.select_related("person", "substitute_for")
    }


def test_an_imported_substitute_is_recorded_and_printed_as_the_form_records_it(
    client, db
):
    _import()
    assert _imported_rows() == {
        "Councillor A Jones": ("present", ""),
        "Councillor B Smith": ("present", ""),
        "Councillor E Brown": ("substitute", "Councillor F Green"),
        "Councillor F Green": ("apologies", ""),
    }
    rows, history = _rows(), Attendance.history.count()
    again = _import()
    assert "attendance added" not in again["counts"]
    assert (_rows(), Attendance.history.count()) == (rows, history)
    january = Attendance.objects.get(person__display_name="Councillor E Brown").meeting
    january.minutes_status = "published_draft"
    january.save()
    page = _sections(_page_text(client, january))
    assert (
        "Councillor E Brown (substitute for Councillor F Green)"
        in (page["Board members"])
    )
    assert page["Apologies"] == [
        "Councillor F Green (substituted by Councillor E Brown)"
    ]


def test_an_import_does_not_put_a_second_substitute_in_a_seat(db):
    _import()
    brown = Attendance.objects.get(person__display_name="Councillor E Brown")
    green = brown.substitute_for
    other = _person("Councillor G White", "White")
    services.attendance_record(
        meeting=brown.meeting, rows=[(green, "substitute", other)]
    )
    result = _import()
    assert any(
        "already recorded in that seat" in r["message"] for r in result["left_out"]
    )
    seat = Attendance.objects.filter(substitute_for=green)
    assert [a.person for a in seat] == [other]


def test_a_member_minuted_as_another_representative_stays_one(client, officer, board):
    """The minutes may list a member among the other representatives (seed
    000: Rachael Danter); saving the form does not move them."""
    Attendance.objects.create(
        meeting=board["april"],
        person=board["caan"],
        capacity=Attendance.Capacity.OTHER_REPRESENTATIVE,
    )
    client.force_login(officer)
    rows, history = _rows(), Attendance.history.count()
    shown = _form_as_shown(client, board["april"])
    assert shown[f"status_{board['caan'].pk}"] == "present"
    client.post(_form_url(board["april"]), shown)
    assert (_rows(), Attendance.history.count()) == (rows, history)


def test_attendance_of_approved_minutes_cannot_change(client, officer, board):
    """Once the minutes are approved and signed, the attendance they print is
    part of the signed record: the form shows it and takes no change, and the
    service refuses one from anywhere else."""
    client.force_login(officer)
    _record(client, board)
    april, ogle = board["april"], board["ogle"]
    april.minutes_status = "approved"
    april.save(update_fields=["minutes_status"])
    rows = _rows()
    page = client.get(_form_url(april)).content.decode()
    assert "approved and signed" in page
    assert "B Jones (substituted by Dr A Smith)" in page
    assert "<select" not in page
    response = client.post(_form_url(april), {f"status_{ogle.pk}": "present"})
    assert response.status_code == 200
    for attempt in (
        lambda: services.attendance_record(
            meeting=april, rows=[(ogle, "present", None)]
        ),
        lambda: services.attendee_add(
            meeting=april, person=board["brown"], capacity="officer"
        ),
    ):
        with pytest.raises(ValidationError, match="amendment"):
            attempt()
    assert _rows() == rows
