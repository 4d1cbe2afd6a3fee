"""Attendance: recorded per member, with substitutes; statistics per member and
per organisation leave cancelled meetings out."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendance, municipal_year_of
from tests import factories


@pytest.fixture
def board(hwb):
    ccc = factories.OrganisationFactory(name="Coventry City Council")
    ccg = factories.OrganisationFactory(name="Coventry and Rugby CCG", kind="ccg")
    caan = factories.PersonFactory(display_name="Councillor Kamran Caan")
    raistrick = factories.PersonFactory(display_name="Dr Sarah Raistrick")
    green = factories.PersonFactory(display_name="Andrea Green")
    start = datetime.date(2018, 5, 1)
    factories.MembershipFactory(body=hwb, person=caan, on_behalf_of=ccc, start=start)
    factories.MembershipFactory(
        body=hwb, person=raistrick, on_behalf_of=ccg, start=start
    )
    # minutes not yet approved: attendance is recorded before they are signed
    draft = {"body": hwb, "minutes_status": "draft"}
    meetings = [
        factories.MeetingFactory(**draft, start=factories.london(2019, 1, 14, 14)),
        factories.MeetingFactory(**draft, start=factories.london(2019, 4, 8, 14)),
        factories.MeetingFactory(
            **draft, start=factories.london(2019, 2, 11, 14), status="cancelled"
        ),
    ]
    return {"caan": caan, "raistrick": raistrick, "green": green, "meetings": meetings}


def test_statistics_leave_cancelled_meetings_out(board, hwb):
    january, april, cancelled = board["meetings"]
    services.attendance_record(
        meeting=january,
        rows=[
            (board["caan"], "present", None),
            (board["raistrick"], "apologies", None),
        ],
    )
    services.attendance_record(
        meeting=april,
        rows=[
            (board["caan"], "present", None),
            (board["raistrick"], "substitute", board["green"]),
        ],
    )
    Attendance.objects.create(meeting=cancelled, person=board["caan"], status="absent")
    members, organisations = services.attendance_statistics(
        body=hwb, since=factories.london(2018, 5, 1), until=factories.london(2019, 5, 1)
    )
    by_name = {str(r["person"]): r for r in members}
    assert by_name["Councillor Kamran Caan"]["expected"] == 2
    assert by_name["Councillor Kamran Caan"]["rate"] == 100
    assert by_name["Dr Sarah Raistrick"]["apologies"] == 1
    assert by_name["Dr Sarah Raistrick"]["substitute"] == 1
    ccg = next(r for r in organisations if r["organisation"].name.endswith("CCG"))
    assert (ccg["expected"], ccg["present"]) == (2, 0)
    green = Attendance.objects.get(meeting=april, person=board["green"])
    assert green.substitute_for == board["raistrick"]


def test_only_apologies_before_the_meeting_and_none_for_a_cancelled_one(board, hwb):
    future = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=5),
        status="scheduled",
        minutes_status="none",
    )
    services.attendance_record(
        meeting=future, rows=[(board["caan"], "apologies", None)]
    )
    with pytest.raises(ValidationError, match="only apologies"):
        services.attendance_record(
            meeting=future, rows=[(board["caan"], "present", None)]
        )
    with pytest.raises(ValidationError, match="cancelled"):
        services.attendance_record(
            meeting=board["meetings"][2], rows=[(board["caan"], "present", None)]
        )


def test_substitute_without_a_name_is_explained(client, officer, board):
    april = board["meetings"][1]
    client.force_login(officer)
    person = board["raistrick"]
    response = client.post(
        reverse("meetings:attendance", args=[april.pk]),
        {f"status_{person.pk}": "substitute"},
    )
    assert "Choose who substituted for Dr Sarah Raistrick" in response.content.decode()
    assert not Attendance.objects.exists()


def test_statistics_page_is_public_with_a_fixed_query_budget(
    client, board, hwb, django_assert_max_num_queries
):
    url = reverse("meetings:attendance_stats", args=[hwb.slug])
    for n in range(15):
        factories.MeetingFactory(body=hwb, start=factories.london(2018, 6, 1 + n, 14))
    with django_assert_max_num_queries(8):
        html = client.get(url, {"year": 2018}).content.decode()
    assert "Coventry and Rugby CCG" in html


def test_officers_in_attendance_are_recorded_once_the_meeting_starts(
    client, officer, board
):
    april = board["meetings"][1]
    lam = factories.PersonFactory(display_name="Si Chun Lam")
    client.force_login(officer)
    url = reverse("meetings:attendance", args=[april.pk])
    client.post(
        url, {"add_other": "1", "other-person": lam.pk, "other-capacity": "officer"}
    )
    assert Attendance.objects.get(person=lam).capacity == "officer"
    html = client.post(url, {"add_other": "1"}).content.decode()
    assert "Choose who attended" in html


def test_attendance_form_query_count_does_not_grow_with_members(
    client, officer, board, hwb
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    april = board["meetings"][1]
    url = reverse("meetings:attendance", args=[april.pk])
    client.force_login(officer)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        factories.MembershipFactory(body=hwb, start=datetime.date(2018, 5, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "asked", ["0", "-5", "99999", "9999", "abc", "2019.5", "9" * 30, "1" * 5000]
)
def test_a_year_that_cannot_be_shown_gives_this_year_and_says_so(client, hwb, asked):
    this_year = municipal_year_of(timezone.localdate())
    url = reverse("meetings:attendance_stats", args=[hwb.slug])
    response = client.get(url, {"year": asked})
    assert response.status_code == 200
    assert response.context["year"] == this_year
    assert "There is no municipal year" in response.text
    assert "choose one from 1900 to 2100" in response.text


def test_the_first_and_last_years_have_no_link_beyond(client, hwb):
    url = reverse("meetings:attendance_stats", args=[hwb.slug])
    first = client.get(url, {"year": "1900"}).text
    assert "?year=1899" not in first and "?year=1901" in first
    last = client.get(url, {"year": "2100"}).text
    assert "?year=2101" not in last and "?year=2099" in last
    assert "There is no municipal year" not in first + last
