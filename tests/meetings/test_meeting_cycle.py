"""A meeting's next step, worked out from its state in the order of the
cycle, and the panel that gives it to the body's officers and chair; the
body's page as the officers' hub."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hwbb import notify
from meetings import cycle, services
from meetings.models import Attendance
from tests import factories

AHEAD = datetime.timedelta(days=30)
NO_FACTS = {"attendance": False, "sign_off_asked": False, "minutes_told": False}


def _meeting(hwb, when=AHEAD, **state):
    fields = {
        "status": "scheduled",
        "agenda_status": "draft",
        "minutes_status": "none",
        **state,
    }
    return factories.MeetingFactory(body=hwb, start=timezone.now() + when, **fields)


def _next(meeting, **facts):
    return cycle.meeting_steps(meeting, {**NO_FACTS, **facts}).current


# Each state of a meeting and the step it asks for next.
STATES = [
    (AHEAD, {}, {}, "build"),
    (AHEAD, {}, {"sign_off_asked": True}, "sign_off"),
    (AHEAD, {"agenda_status": "signed_off"}, {}, "publish"),
    (AHEAD, {"agenda_status": "published"}, {}, None),
    (-AHEAD, {"agenda_status": "published"}, {}, "attendance"),
    (-AHEAD, {"agenda_status": "published"}, {"attendance": True}, "minutes"),
    (
        -AHEAD,
        {"agenda_status": "published", "minutes_status": "draft"},
        {"attendance": True},
        "minutes",
    ),
    (
        -AHEAD,
        {"agenda_status": "published", "minutes_status": "draft"},
        {"attendance": True, "minutes_told": True},
        "check",
    ),
    (
        -AHEAD,
        {"agenda_status": "published", "minutes_status": "checked"},
        {"attendance": True},
        "publish_minutes",
    ),
    (
        -AHEAD,
        {"agenda_status": "published", "minutes_status": "published_draft"},
        {"attendance": True},
        "approve",
    ),
    (
        -AHEAD,
        {"agenda_status": "published", "minutes_status": "approved"},
        {"attendance": True},
        None,
    ),
]


@pytest.mark.parametrize("when, state, facts, expected", STATES)
def test_the_next_step_follows_the_cycle(hwb, when, state, facts, expected):
    step = _next(_meeting(hwb, when, **state), **facts)
    assert (step.key if step else None) == expected


def test_a_published_agenda_waits_for_the_meeting(hwb):
    """Before the meeting, nothing after the agenda is the next step."""
    steps = cycle.meeting_steps(_meeting(hwb, agenda_status="published"), NO_FACTS)
    assert [s.state for s in steps.steps] == ["done"] * 3 + ["later"] * 5
    assert not steps.is_complete


def test_agenda_steps_a_past_meeting_never_had_are_said_missed(hwb):
    steps = cycle.meeting_steps(_meeting(hwb, -AHEAD), NO_FACTS).steps
    assert [s.state for s in steps[:4]] == ["missed"] * 3 + ["now"]


def test_a_cancelled_meeting_has_no_steps(hwb):
    steps = cycle.meeting_steps(_meeting(hwb, status="cancelled"), NO_FACTS)
    assert steps.steps == () and steps.current is None


def test_the_facts_come_from_the_rows(hwb, chair):
    """Asking the chair, recording attendance and telling the chair the
    minutes are ready are read from the notices and rows they leave."""
    ahead = _meeting(hwb)
    factories.AgendaItemFactory(meeting=ahead)
    held = _meeting(hwb, -AHEAD, agenda_status="published", minutes_status="draft")
    assert cycle.meeting_cycle(ahead).current.key == "build"
    services.agenda_ask_sign_off(meeting=ahead)
    assert cycle.meeting_cycle(ahead).current.key == "sign_off"
    assert cycle.meeting_cycle(held).current.key == "attendance"
    Attendance.objects.create(meeting=held, person=chair.person)
    assert cycle.meeting_cycle(held).current.key == "minutes"
    services.minutes_ready_for_chair(meeting=held)
    assert cycle.meeting_cycle(held).current.key == "check"


def test_many_meetings_cost_three_queries(hwb, django_assert_num_queries):
    meetings = [_meeting(hwb, AHEAD * n) for n in range(1, 6)]
    with django_assert_num_queries(3):
        cycles = cycle.meeting_cycles(meetings)
    assert {c.current.key for c in cycles.values()} == {"build"}


def test_working_days_to_publish_count_today_and_the_deadline(hwb):
    meeting = _meeting(hwb)
    deadline = meeting.publication_deadline()
    assert cycle.working_days_to_publish(meeting, today=deadline) == 1
    late = deadline + datetime.timedelta(days=1)
    assert cycle.working_days_to_publish(meeting, today=late) == 0


# -- The panel on the meeting's page -----------------------------------------


def _page(client, user, meeting):
    if user is not None:
        client.force_login(user)
    return client.get(meeting.get_absolute_url()).content.decode()


def test_the_officer_is_given_the_next_step_with_its_button(client, officer, hwb):
    meeting = _meeting(hwb, agenda_status="signed_off")
    page = _page(client, officer, meeting)
    assert "Next step: publish the agenda" in page
    assert reverse("meetings:publish", args=[meeting.pk]) in page
    deadline = meeting.publication_deadline()
    assert f"{deadline:%A %-d %B %Y}" in page
    assert "working days left" in page
    # the whole cycle, in order, in words
    assert page.index("Build the agenda") < page.index("Record attendance")
    assert page.index("Record attendance") < page.index("Approve and sign")


def test_the_chair_is_given_their_step(client, chair, hwb):
    meeting = _meeting(hwb, -AHEAD, agenda_status="published", minutes_status="draft")
    services.minutes_ready_for_chair(meeting=meeting)
    Attendance.objects.create(meeting=meeting, person=chair.person)
    page = _page(client, chair, meeting)
    assert "Next step: the chair checks the draft minutes" in page
    assert reverse("meetings:minutes_review", args=[meeting.pk]) in page


@pytest.mark.parametrize("who", ["member", "author", "outsider", "anonymous"])
def test_no_one_else_sees_the_panel(client, request, hwb, who):
    meeting = _meeting(hwb, agenda_status="published")
    page = _page(client, request.getfixturevalue(who), meeting)
    assert "Next step" not in page
    assert reverse("meetings:agenda", args=[meeting.pk]) not in page
    assert reverse("meetings:cancel", args=[meeting.pk]) not in page


def test_cancelling_is_a_link_apart_from_the_everyday_buttons(client, officer, hwb):
    meeting = _meeting(hwb)
    cancel = reverse("meetings:cancel", args=[meeting.pk])
    client.force_login(officer)
    for url in (
        meeting.get_absolute_url(),
        reverse("meetings:agenda", args=[meeting.pk]),
    ):
        page = client.get(url).content.decode()
        assert f'<a class="govuk-link" href="{cancel}">Cancel this meeting</a>' in page
        assert "govuk-button--warning" not in page


def test_a_meeting_with_minutes_offers_no_cancel(client, officer, hwb):
    meeting = _meeting(hwb, -AHEAD, agenda_status="published", minutes_status="draft")
    page = _page(client, officer, meeting)
    assert reverse("meetings:cancel", args=[meeting.pk]) not in page


# -- The body's page as the officers' hub --------------------------------------


def test_the_body_page_is_the_officers_hub(client, officer, hwb):
    _meeting(hwb, agenda_status="signed_off")
    client.force_login(officer)
    page = client.get(reverse("meetings:body", args=[hwb.slug])).content.decode()
    assert f"{reverse('meetings:create')}?body={hwb.slug}" in page
    assert "Schedule a meeting" in page
    for name in ("forward_plan", "action_log", "attendance_stats", "calendar_body"):
        assert reverse(f"meetings:{name}", args=[hwb.slug]) in page, name
    assert f"{reverse('meetings:decisions')}?body={hwb.slug}" in page
    assert reverse("meetings:planned_add", args=[hwb.slug]) in page
    # each coming meeting with its next step
    assert "Publish the agenda" in page


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_the_public_sees_the_public_parts_only(client, request, hwb, who):
    _meeting(hwb, agenda_status="signed_off")
    user = request.getfixturevalue(who)
    if user:
        client.force_login(user)
    page = client.get(reverse("meetings:body", args=[hwb.slug])).content.decode()
    assert reverse("meetings:forward_plan", args=[hwb.slug]) in page
    assert f"{reverse('meetings:decisions')}?body={hwb.slug}" in page
    assert "Schedule a meeting" not in page
    assert reverse("meetings:create") not in page
    assert reverse("meetings:planned_add", args=[hwb.slug]) not in page
    assert "Publish the agenda" not in page and "reference data" not in page


def test_past_meetings_are_paged(client, hwb):
    for n in range(12):
        factories.MeetingFactory(
            body=hwb, start=factories.london(2019, 1, 1, 14) - AHEAD * n
        )
    url = reverse("meetings:body", args=[hwb.slug])
    first = client.get(url).content.decode()
    assert first.count("1 January 2019") == 1 and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert client.get(url, {"page": "abc"}).status_code == 200


def test_the_hub_does_not_grow_its_queries_with_meetings(
    client, officer, hwb, django_assert_max_num_queries
):
    client.force_login(officer)
    url = reverse("meetings:body", args=[hwb.slug])
    for n in range(1, 4):
        _meeting(hwb, AHEAD * n)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(4, 10):
        _meeting(hwb, AHEAD * n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_schedule_a_meeting_comes_with_its_body(client, officer, hwb):
    client.force_login(officer)
    page = client.get(reverse("meetings:create"), {"body": hwb.slug}).content.decode()
    assert f'<option value="{hwb.pk}" selected>' in page
    assert (
        client.get(reverse("meetings:create"), {"body": "no-such"}).status_code == 200
    )
    listing = client.get(reverse("meetings:list")).content.decode()
    assert "Schedule a meeting" in listing


def test_the_meetings_list_offers_scheduling_to_officers_only(client, member):
    client.force_login(member)
    assert "Schedule a meeting" not in client.get(reverse("meetings:list")).text


def test_a_notice_to_the_chair_is_what_moves_build_to_sign_off(hwb, chair):
    """The build step is done by sending the agenda to the chair: the notice
    the button leaves, not any other notice about the meeting."""
    meeting = _meeting(hwb)
    notify.queue(**notify.notice("meeting_cancelled", chair.person, meeting, "x", "y"))
    assert cycle.meeting_cycle(meeting).current.key == "build"
