"""Cancelling a meeting and withdrawing a report each ask on a page of their
own, which says what will happen; only the confirmation posted acts, once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Report
from tests import factories


@pytest.fixture
def ahead(hwb, member):
    return factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )


def test_the_cancel_page_says_what_happens_and_changes_nothing(client, officer, ahead):
    client.force_login(officer)
    url = reverse("meetings:cancel", args=[ahead.pk])
    page = client.get(url).content.decode()
    assert "Cancel this meeting?" in page
    assert "1 member with an email address is emailed" in page
    assert "the agenda is closed" in page
    assert "This cannot be undone" in page
    assert "Yes, cancel this meeting" in page
    assert "No, keep the meeting" in page
    assert Meeting.objects.get(pk=ahead.pk).status == "scheduled"


def test_cancelling_needs_the_reason_then_cancels_once(
    client, officer, ahead, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    url = reverse("meetings:cancel", args=[ahead.pk])
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert "Give the reason the meeting is cancelled" in refused.text
    assert Meeting.objects.get(pk=ahead.pk).status == "scheduled"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "Not quorate"}, follow=True)
        again = client.post(url, {"reason": "Not quorate"}, follow=True)
    assert "Meeting cancelled; the members are being told." in done.text
    assert "already cancelled" in again.text
    meeting = Meeting.objects.get(pk=ahead.pk)
    assert meeting.status == "cancelled"
    assert meeting.cancellation_reason == "Not quorate"
    assert len(mail.outbox) == 1  # the member, once


def test_a_meeting_with_minutes_cannot_be_cancelled(client, officer, hwb):
    held = factories.MeetingFactory(body=hwb, minutes_status="draft")
    assert not held.may_be_cancelled
    client.force_login(officer)
    url = reverse("meetings:cancel", args=[held.pk])
    for response in (client.get(url), client.post(url, {"reason": "Oops"})):
        assert response.status_code == 302
    said = [str(m) for m in client.get(held.get_absolute_url()).context["messages"]]
    assert said == [Meeting.NOT_CANCELLABLE] * 2
    assert Meeting.objects.get(pk=held.pk).status == "held"


@pytest.fixture
def draft(hwb, ahead, author):
    report = Report.objects.create(
        title="Better Care Fund 2019/20 plan", body=hwb, meeting=ahead
    )
    report.authors.add(author.person)
    return report


def test_the_withdraw_page_says_what_happens_and_changes_nothing(
    client, author, draft, ahead
):
    client.force_login(author)
    detail = client.get(draft.get_absolute_url()).content.decode()
    url = reverse("meetings:report_withdraw", args=[draft.pk])
    assert f'href="{url}"' in detail
    assert "govuk-button--warning" not in detail  # no red button beside Submit
    page = client.get(url).content.decode()
    assert "Withdraw this report?" in page
    assert f"it does not go to the {draft.body.name} on" in page
    assert "write a new report" in page
    assert Report.objects.get(pk=draft.pk).status == "draft"


def test_withdrawing_keeps_the_reason_and_happens_once(client, author, draft):
    client.force_login(author)
    url = reverse("meetings:report_withdraw", args=[draft.pk])
    assert "Give the reason" in client.post(url, {"reason": ""}).text
    first = client.post(url, {"reason": "Superseded by the June plan"}, follow=True)
    second = client.post(url, {"reason": "Superseded by the June plan"}, follow=True)
    assert "Report withdrawn." in first.text
    assert "already withdrawn" in second.text
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    reviews = list(draft.reviews.values_list("status", "comments"))
    assert reviews == [("withdrawn", "Superseded by the June plan")]


def test_an_accepted_report_is_not_withdrawn(client, author, draft):
    Report.objects.filter(pk=draft.pk).update(status="accepted")
    with pytest.raises(ValidationError, match="accepted onto the agenda"):
        services.report_withdraw(report=draft, user=None, reason="x")
    client.force_login(author)
    url = reverse("meetings:report_withdraw", args=[draft.pk])
    assert f'href="{url}"' not in client.get(draft.get_absolute_url()).text
    response = client.post(url, {"reason": "Changed my mind"}, follow=True)
    assert "can no longer be withdrawn" in response.text
    assert Report.objects.get(pk=draft.pk).status == "accepted"


def test_someone_elses_report_is_not_theirs_to_withdraw(client, member, draft):
    client.force_login(member)
    url = reverse("meetings:report_withdraw", args=[draft.pk])
    assert client.get(url).status_code in (403, 404)
    client.post(url, {"reason": "x"})
    assert Report.objects.get(pk=draft.pk).status == "draft"
