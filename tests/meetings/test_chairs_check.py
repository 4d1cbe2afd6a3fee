# ruff: noqa: E501
"""The chair reads the whole draft, comments beside it, and sends it back or
says it is checked; the officer sees the comments in the editor."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hwbb.models import Notification
from meetings import services
from meetings.models import Meeting, Minute, MinutesComment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(hwb, officer):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() - datetime.timedelta(days=3),
        minutes_status=Meeting.MinutesStatus.DRAFT,
        contact_officer=officer.person,
    )
    minute = services.minute_create(
        minute=Minute(
            meeting=meeting,
            title="Young People and Violence",
            narrative="<p>The Board considered a report on knife crime.</p>",
        ),
        user=None,
    )
    return meeting, minute


def test_the_chair_reads_the_whole_draft(draft, chair, client):
    meeting, minute = draft
    client.force_login(chair)
    page = client.get(reverse("meetings:minutes_review", args=[meeting.pk]))
    html = page.content.decode()
    assert "The Board considered a report on knife crime." in html
    assert "Send back with my comments" in html and "I have checked the draft" in html


def test_sent_back_with_comments_the_officer_is_told_and_sees_them(
    draft, chair, officer, client, settings
):
    meeting, minute = draft
    client.force_login(chair)
    response = client.post(
        reverse("meetings:minutes_review", args=[meeting.pk]),
        {
            f"comment-{minute.pk}": "Say which report: the Youth Violence one.",
            "comment-overall": "Add the apologies.",
            "answer": "send_back",
        },
        follow=True,
    )
    assert "gone back to the governance officer" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    assert {(c.minute_id, c.text) for c in MinutesComment.objects.all()} == {
        (minute.pk, "Say which report: the Youth Violence one."),
        (None, "Add the apologies."),
    }
    told = Notification.objects.get(kind="minutes_returned")
    assert told.email == officer.person.email
    client.force_login(officer)
    editor = client.get(
        reverse("meetings:minutes_manage", args=[meeting.pk])
    ).content.decode()
    assert "Say which report: the Youth Violence one." in editor
    assert "Minute " + str(minute.number) in editor


def test_sending_back_without_a_comment_is_refused_and_nothing_is_lost(
    draft, chair, client
):
    meeting, minute = draft
    client.force_login(chair)
    page = client.post(
        reverse("meetings:minutes_review", args=[meeting.pk]),
        {f"comment-{minute.pk}": "   ", "answer": "send_back"},
    )
    assert "Write at least one comment" in page.content.decode()
    assert not MinutesComment.objects.exists()


def test_checked_with_a_comment_keeps_who_and_when(draft, chair, client):
    meeting, minute = draft
    client.force_login(chair)
    client.post(
        reverse("meetings:minutes_review", args=[meeting.pk]),
        {"comment-overall": "Fine.", "answer": "checked"},
    )
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.CHECKED
    latest = meeting.history.first()
    assert (latest.minutes_status, latest.history_user) == ("checked", chair)
    assert MinutesComment.objects.get().text == "Fine."


def test_only_the_officer_and_the_bodys_chair_may_read_the_draft(draft, member, client):
    meeting, _ = draft
    client.force_login(member)
    assert (
        client.get(reverse("meetings:minutes_review", args=[meeting.pk])).status_code
        == 403
    )
    client.logout()
    assert (
        client.get(reverse("meetings:minutes_review", args=[meeting.pk])).status_code
        == 302
    )


def test_the_chairs_email_opens_the_draft_to_check(draft):
    meeting, _ = draft
    from meetings.notices import _minutes_ready

    assert _minutes_ready(None, meeting)["link"] == reverse(
        "meetings:minutes_review", args=[meeting.pk]
    )
