"""The forward plan: statutory recurring business placed on the year's meetings,
with report authors and deadlines, on a public page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import PlannedItem, RecurringItem, municipal_year_of
from tests import factories


@pytest.fixture
def year(hwb):
    """Quarterly meetings over the next year."""
    today = timezone.localdate()
    meetings = [
        factories.MeetingFactory(
            body=hwb,
            status="scheduled",
            agenda_status="draft",
            minutes_status="none",
            start=timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=30 + 91 * n), datetime.time(14)
                )
            ),
        )
        for n in range(4)
    ]
    return hwb, meetings


def test_recurring_items_are_placed_once_on_the_first_meeting_due(year):
    body, meetings = year
    today = timezone.localdate()
    RecurringItem.objects.create(
        body=body,
        title="Better Care Fund quarterly return",
        every_months=3,
        next_due=today,
    )
    RecurringItem.objects.create(
        body=body,
        title="Pharmaceutical Needs Assessment",
        every_months=36,
        next_due=today + datetime.timedelta(days=100),
    )
    until = today + datetime.timedelta(days=365)
    services.forward_plan_schedule(body=body, until=until)
    services.forward_plan_schedule(body=body, until=until)  # again: no repeats
    bcf = PlannedItem.objects.filter(title__startswith="Better Care Fund")
    assert bcf.count() == 4
    pna = PlannedItem.objects.get(title="Pharmaceutical Needs Assessment")
    assert pna.meeting == meetings[1]  # the first meeting on or after its due date
    assert pna.report_deadline < pna.meeting.publication_deadline()
    assert (
        RecurringItem.objects.get(title__startswith="Pharm").next_due.year
        >= today.year + 3
    )


def test_forward_plan_page_is_public(client, year):
    body, meetings = year
    author = factories.PersonFactory(display_name="Liz Gaulton")
    PlannedItem.objects.create(
        meeting=meetings[0],
        title="Joint Strategic Needs Assessment",
        report_author=author,
        report_deadline=timezone.localdate(),
    )
    url = reverse("meetings:forward_plan", args=[body.slug])
    html = client.get(url, {"year": meetings[0].municipal_year}).content.decode()
    assert "Joint Strategic Needs Assessment" in html
    assert "Liz Gaulton" in html


def test_planned_item_deadline_in_the_past_is_refused(client, officer, year):
    body, meetings = year
    client.force_login(officer)
    past = timezone.localdate() - datetime.timedelta(days=2)
    response = client.post(
        reverse("meetings:planned_add", args=[body.slug]),
        {
            "meeting": meetings[0].pk,
            "title": "Better Care Fund plan",
            "report_deadline_0": past.day,
            "report_deadline_1": past.month,
            "report_deadline_2": past.year,
        },
    )
    html = response.content.decode()
    assert "The report deadline cannot be in the past" in html
    assert 'value="Better Care Fund plan"' in html
    assert not PlannedItem.objects.exists()


def test_planned_item_goes_on_the_agenda_once(client, officer, year):
    body, meetings = year
    author = factories.PersonFactory(display_name="Liz Gaulton")
    planned = PlannedItem.objects.create(
        meeting=meetings[1],
        title="Joint Strategic Needs Assessment",
        report_author=author,
    )
    client.force_login(officer)
    url = reverse("meetings:planned_to_agenda", args=[planned.pk])
    client.post(url)
    client.post(url)  # a double submit
    planned.refresh_from_db()
    item = planned.agenda_item
    assert item.title == "Joint Strategic Needs Assessment"
    assert item.presenter == "Report of Liz Gaulton"
    assert meetings[1].agenda_items.filter(title=item.title).count() == 1


@pytest.mark.parametrize(
    "asked", ["0", "-5", "99999", "9999", "abc", "2019.5", "9" * 30, "1" * 5000]
)
def test_a_year_that_cannot_be_shown_gives_this_year_and_says_so(client, hwb, asked):
    this_year = municipal_year_of(timezone.localdate())
    url = reverse("meetings:forward_plan", args=[hwb.slug])
    response = client.get(url, {"year": asked})
    assert response.status_code == 200
    assert response.context["year"] == this_year
    assert "There is no municipal year" in response.text
    assert "choose one from 1900 to 2100" in response.text


def test_the_first_and_last_years_have_no_link_beyond(client, hwb):
    url = reverse("meetings:forward_plan", args=[hwb.slug])
    first = client.get(url, {"year": "1900"}).text
    assert "?year=1899" not in first and "?year=1901" in first
    last = client.get(url, {"year": "2100"}).text
    assert "?year=2101" not in last and "?year=2099" in last
    assert "There is no municipal year" not in first + last
