"""A report's route onward (to Cabinet, to Council) puts it on that body's
forward plan once the board accepts it: on the body's next open meeting, or
waiting for one; once however often it is asked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Consideration, PlannedItem, Report
from tests import factories

DAY = datetime.timedelta(days=1)


def _meeting(body, days, **state):
    fields = {
        "status": "scheduled",
        "agenda_status": "draft",
        "minutes_status": "none",
        **state,
    }
    return factories.MeetingFactory(
        body=body, start=timezone.now() + days * DAY, **fields
    )


@pytest.fixture
def cabinet(db):
    return factories.BodyFactory(name="Cabinet", slug="cabinet", short_name="")


@pytest.fixture
def council(db):
    return factories.BodyFactory(name="Council", slug="council", short_name="")


@pytest.fixture
def submitted(hwb, author):
    board = _meeting(hwb, 20)
    report = Report.objects.create(
        title="Better Care Fund 2019/20 plan",
        body=hwb,
        meeting=board,
        status=Report.Status.SUBMITTED,
        purpose="To agree the plan.",
        recommendations="Approve the plan.",
    )
    report.authors.add(author.person)
    return report


def _route(report, *bodies):
    for body in bodies:
        services.report_route_add(report=report, stop=Consideration(body=body))


def test_accepting_puts_it_on_each_onward_bodys_next_open_meeting(
    submitted, officer, cabinet, council
):
    _meeting(cabinet, 10)  # before the board meets: too early
    _meeting(cabinet, 25, agenda_status="published")  # its agenda is closed
    _meeting(cabinet, 28, status="cancelled")
    cabinet_next = _meeting(cabinet, 30)
    _meeting(council, 29)  # before Cabinet has seen it
    council_next = _meeting(council, 40)
    _route(submitted, cabinet, council)
    assert not PlannedItem.objects.exists()  # not yet accepted
    services.report_accept(report=submitted, user=officer)
    at_cabinet = PlannedItem.objects.get(body=cabinet)
    assert at_cabinet.meeting == cabinet_next
    assert at_cabinet.consideration.report == submitted
    assert at_cabinet.title == submitted.title
    assert at_cabinet.report_author == submitted.authors.get()
    assert at_cabinet.report_deadline == services.report_deadline_for(cabinet_next)
    assert "Sent on from" in at_cabinet.notes
    assert PlannedItem.objects.get(body=council).meeting == council_next
    # the board's own stop comes first on the route
    route = list(submitted.considerations.values_list("body__slug", flat=True))
    assert route == [submitted.body.slug, "cabinet", "council"]


def test_with_no_open_meeting_it_waits_on_the_bodys_forward_plan(
    client, submitted, officer, cabinet
):
    _route(submitted, cabinet)
    services.report_accept(report=submitted, user=officer)
    waiting = PlannedItem.objects.get()
    assert waiting.meeting is None and waiting.body == cabinet
    plan = reverse("meetings:forward_plan", args=[cabinet.slug])
    client.force_login(officer)
    page = client.get(plan).content.decode()
    assert "Waiting for a meeting" in page and submitted.title in page
    assert reverse("meetings:planned_edit", args=[waiting.pk]) in page
    assert reverse("meetings:report", args=[submitted.pk]) in page
    # the officer takes it up: chooses Cabinet's meeting, then the agenda
    meeting = _meeting(cabinet, 60)
    deadline = timezone.localdate() + 10 * DAY
    response = client.post(
        reverse("meetings:planned_edit", args=[waiting.pk]),
        {
            "meeting": meeting.pk,
            "title": waiting.title,
            "report_deadline_0": deadline.day,
            "report_deadline_1": deadline.month,
            "report_deadline_2": deadline.year,
        },
    )
    assert response.status_code == 302, response.content
    waiting.refresh_from_db()
    assert waiting.meeting == meeting
    item, _ = services.planned_item_to_agenda(planned=waiting, user=officer)
    assert item.meeting == meeting
    assert (
        waiting.consideration.__class__.objects.get(pk=waiting.consideration_id).meeting
        == meeting
    )


def test_the_public_sees_waiting_business_without_the_officers_links(
    client, submitted, officer, cabinet
):
    _route(submitted, cabinet)
    services.report_accept(report=submitted, user=officer)
    waiting = PlannedItem.objects.get()
    page = client.get(reverse("meetings:forward_plan", args=[cabinet.slug])).text
    assert submitted.title in page
    assert reverse("meetings:planned_edit", args=[waiting.pk]) not in page


def test_a_private_bodys_waiting_business_is_not_shown(client, submitted, officer):
    private = factories.BodyFactory(
        name="Budget panel", slug="budget-panel", meets_in_public=False
    )
    _route(submitted, private)
    services.report_accept(report=submitted, user=officer)
    assert PlannedItem.objects.visible_to(officer).count() == 1
    assert not PlannedItem.objects.visible_to(factories.UserFactory()).exists()


def test_sending_on_again_plans_nothing_twice(submitted, officer, cabinet):
    _meeting(cabinet, 30)
    _route(submitted, cabinet)
    services.report_accept(report=submitted, user=officer)
    assert services.report_send_on(report=submitted) == []
    services.report_accept(report=submitted, user=officer)  # a double submit
    assert PlannedItem.objects.count() == 1


def test_a_stop_added_after_acceptance_is_planned_at_once(
    client, submitted, officer, cabinet
):
    services.report_accept(report=submitted, user=officer)
    assert not PlannedItem.objects.exists()
    cabinet_next = _meeting(cabinet, 30)
    client.force_login(officer)
    url = reverse("meetings:report_route", args=[submitted.pk])
    response = client.post(url, {"body": cabinet.pk}, follow=True)
    said = [str(m) for m in response.context["messages"]]
    assert "on the Cabinet's forward plan for the meeting of" in said[0]
    client.post(url, {"body": cabinet.pk})  # posted twice: one stop
    assert submitted.considerations.filter(body=cabinet).count() == 1
    assert PlannedItem.objects.get().meeting == cabinet_next


def test_a_stop_already_considered_or_not_accepted_is_not_planned(
    submitted, officer, cabinet
):
    services.report_route_add(
        report=submitted,
        stop=Consideration(body=cabinet, outcome="Recommended to Council"),
    )
    assert services.report_send_on(report=submitted) == []  # not accepted
    services.report_accept(report=submitted, user=officer)
    assert not PlannedItem.objects.exists()


def test_a_stop_naming_its_meeting_is_planned_there(submitted, officer, cabinet):
    _meeting(cabinet, 30)
    named = _meeting(cabinet, 90)
    services.report_route_add(
        report=submitted, stop=Consideration(body=cabinet, meeting=named)
    )
    services.report_accept(report=submitted, user=officer)
    assert PlannedItem.objects.get().meeting == named
