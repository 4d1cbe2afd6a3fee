"""The officer's agenda pages: bad input gets a clear message and loses nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from tests import factories


def _date_fields(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def meeting(hwb):
    return factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=3),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )


def test_officer_creates_a_meeting(client, officer, hwb):
    client.force_login(officer)
    day = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        reverse("meetings:create"),
        {
            "body": hwb.pk,
            "start_time": "14:00",
            "venue": "Committee Room 3 - Council House",
            **_date_fields("date", day),
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(meeting.start).hour == 14


def test_meeting_in_the_past_is_refused_and_input_kept(client, officer, hwb):
    client.force_login(officer)
    day = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("meetings:create"),
        {
            "body": hwb.pk,
            "start_time": "14:00",
            "venue": "Diamond Room 1",
            **_date_fields("date", day),
        },
    )
    html = response.content.decode()
    assert "The meeting must be in the future" in html
    assert 'value="Diamond Room 1"' in html
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            {"is_exempt": "on", "open_title": "Contract award"},
            "Choose the Schedule 12A paragraph that makes the item exempt",
        ),
        (
            {"is_exempt": "on", "exempt_paragraph": "3"},
            "Give an open title the public may see",
        ),
        ({"is_urgent": "on"}, "Give the reason the item is urgent"),
        ({}, "This item is late: it can be added only as urgent"),
        (
            {
                "page_start": "20",
                "page_end": "5",
                "is_urgent": "on",
                "urgency_reason": "Deadline",
            },
            "The last page cannot come before the first",
        ),
    ],
)
def test_item_form_explains_what_is_wrong(client, officer, meeting, extra, message):
    client.force_login(officer)
    data = {"title": "Better Care Fund 2019/20 plan", "kind": "report", **extra}
    response = client.post(reverse("meetings:item_add", args=[meeting.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Better Care Fund 2019/20 plan"' in html
    assert not AgendaItem.objects.exists()


def test_no_item_can_be_added_to_a_cancelled_meeting(client, officer, meeting):
    meeting.status = "cancelled"
    meeting.save()
    client.force_login(officer)
    data = {
        "title": "Late paper",
        "kind": "report",
        "is_urgent": "on",
        "urgency_reason": "Deadline",
    }
    html = client.post(
        reverse("meetings:item_add", args=[meeting.pk]), data
    ).content.decode()
    assert "This meeting has been cancelled: its agenda is closed." in html
    assert not AgendaItem.objects.exists()


def test_chair_signs_off_and_officer_publishes_late_with_a_reason(
    client, chair, officer, member, meeting, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    assert (
        client.post(reverse("meetings:sign_off", args=[meeting.pk])).status_code == 302
    )
    client.force_login(officer)
    url = reverse("meetings:publish", args=[meeting.pk])
    html = client.post(url, {"late_reason": ""}).content.decode()
    assert "This agenda is late" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"late_reason": "Urgent Better Care Fund sign-off."}
        )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Urgent Better Care Fund sign-off." in page
    assert len(mail.outbox) == 2  # the chair and the member


def test_a_member_of_another_body_cannot_sign_off(client, meeting):
    from django.contrib.auth.models import Group

    outsider_chair = factories.UserFactory()
    outsider_chair.groups.add(Group.objects.get_or_create(name="Chair")[0])
    client.force_login(outsider_chair)
    response = client.post(reverse("meetings:sign_off", args=[meeting.pk]))
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.agenda_status == "draft"


def test_cancel_needs_a_reason_and_shows_it(client, officer, meeting):
    client.force_login(officer)
    url = reverse("meetings:cancel", args=[meeting.pk])
    assert (
        "Give the reason the meeting is cancelled"
        in client.post(url, {}).content.decode()
    )
    client.post(url, {"reason": "Not quorate."})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting has been cancelled." in page
    assert "Not quorate." in page


def test_a_pillar_cannot_be_both_primary_and_secondary(client, officer, meeting):
    pillar = factories.PillarFactory()
    client.force_login(officer)
    data = {
        "title": "Draft strategy",
        "kind": "report",
        "is_urgent": "on",
        "urgency_reason": "Deadline",
        "primary_pillar": pillar.pk,
        "secondary_pillars": [pillar.pk],
    }
    html = client.post(reverse("meetings:item_add", args=[meeting.pk]), data).content
    assert b"A secondary pillar cannot also be the primary pillar" in html
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("name", ["meetings:item_add", "meetings:item_edit"])
def test_a_cancelled_meetings_item_pages_say_the_agenda_is_closed(
    client, officer, meeting, name
):
    item = factories.AgendaItemFactory(meeting=meeting)
    meeting.status = "cancelled"
    meeting.save()
    client.force_login(officer)
    args = [meeting.pk, item.pk] if name == "meetings:item_edit" else [meeting.pk]
    response = client.get(reverse(name, args=args), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "meetings:agenda", args=[meeting.pk]
    )
    assert "This meeting has been cancelled: its agenda is closed." in response.text
