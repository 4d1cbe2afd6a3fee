"""The meetings calendar, a month at a time: day by day, cancelled meetings
marked so, and only the meetings the reader may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from tests import factories

pytestmark = pytest.mark.django_db


def _month(client, year=2030, month=1):
    response = client.get(reverse("meetings:calendar_month", args=[year, month]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_month_lists_its_meetings_day_by_day(client, hwb):
    factories.MeetingFactory(
        body=hwb, start=factories.london(2030, 1, 7, 14), status="scheduled"
    )
    factories.MeetingFactory(
        body=factories.BodyFactory(name="Cabinet", slug="cabinet"),
        start=factories.london(2030, 1, 7, 10),
        status="scheduled",
    )
    factories.MeetingFactory(body=hwb, start=factories.london(2030, 2, 4, 14))
    html = _month(client)
    assert '<h1 class="govuk-heading-xl">January 2030</h1>' in html
    assert html.count("Monday 7 January") == 1
    assert html.index("Cabinet") < html.index("Coventry Health and Well-being Board")
    assert "4 February" not in html
    assert reverse("meetings:calendar_month", args=[2029, 12]) in html
    assert reverse("meetings:calendar_month", args=[2030, 2]) in html
    assert "No meetings in March 2030." in _month(client, 2030, 3)


def test_a_cancelled_meeting_is_shown_as_cancelled(client, hwb):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2030, 1, 7, 14),
        status="scheduled",
        minutes_status="none",
    )
    services.meeting_cancel(meeting=meeting, reason="Not quorate.")
    html = _month(client)
    assert meeting.get_absolute_url() in html
    assert '<strong class="govuk-tag govuk-tag--grey">Cancelled</strong>' in html
    assert "Not quorate." in html


def test_the_current_month_without_arguments(client):
    assert client.get(reverse("meetings:calendar_month")).status_code == 200


@pytest.mark.parametrize("year, month", [(2030, 13), (2030, 0), (1, 1), (99999, 1)])
def test_no_such_month_is_not_found(client, year, month):
    url = reverse("meetings:calendar_month", args=[year, month])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("reader", ["anonymous", "member", "officer", "insider"])
def test_a_private_bodys_meetings_only_for_those_who_may_see_them(
    client, request, reader
):
    private = factories.BodyFactory(
        name="Coventry Multiple Complex Needs Board", slug="mcn", meets_in_public=False
    )
    factories.MeetingFactory(body=private, start=factories.london(2030, 1, 9, 10))
    if reader == "insider":
        user = factories.UserFactory()
        factories.MembershipFactory(
            body=private, person=factories.PersonFactory(user=user)
        )
    else:
        user = request.getfixturevalue(reader)
    if user:
        client.force_login(user)
    shown = "Multiple Complex Needs" in _month(client)
    assert shown == (reader in ("officer", "insider"))


def test_query_budget_does_not_grow_with_the_meetings(client, member, hwb):
    def grow(n):
        for day in range(1, n + 1):
            factories.MeetingFactory(body=hwb, start=factories.london(2030, 1, day, 14))

    client.force_login(member)
    grow(2)
    with CaptureQueriesContext(connection) as small:
        _month(client)
    grow(20)
    with CaptureQueriesContext(connection) as large:
        html = _month(client)
    assert len(large) == len(small)
    assert html.count("govuk-link govuk-!-font-weight-bold") == 22
