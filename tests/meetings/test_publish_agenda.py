"""The chair signs off, the officer publishes with five clear working days'
notice (England's bank holidays do not count), members are emailed, and a
change to a published agenda goes out as a supplement."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting
from tests import factories


def _at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_deadline_is_five_clear_working_days_before():
    # 8 July 2019: published Friday 28 June, five clear days (1-5 July).
    meeting = Meeting(start=_at(2019, 7, 8, 14))
    assert meeting.publication_deadline() == datetime.date(2019, 6, 30)
    assert not meeting.is_late_to_publish(datetime.date(2019, 6, 28))
    assert meeting.is_late_to_publish(datetime.date(2019, 7, 1))


def test_bank_holidays_do_not_count():
    # Tuesday 6 May 2025 after the early May bank holiday (Monday 5 May): the five
    # clear working days are 28 April to 2 May, so publish by Sunday 27 April.
    meeting = Meeting(start=_at(2025, 5, 6, 14))
    assert meeting.publication_deadline() == datetime.date(2025, 4, 27)


@pytest.fixture
def meeting(hwb, member):
    start = timezone.now() + datetime.timedelta(days=30)
    meeting = factories.MeetingFactory(
        body=hwb,
        start=start,
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=meeting, number=1)
    return meeting


@pytest.fixture
def soon(hwb, member):
    """A meeting in three days: too soon to publish without a reason."""
    start = timezone.now() + datetime.timedelta(days=3)
    return factories.MeetingFactory(
        body=hwb,
        start=start,
        status="scheduled",
        agenda_status="signed_off",
        minutes_status="none",
    )


def test_publishing_needs_the_chairs_sign_off(meeting, officer):
    with pytest.raises(ValidationError, match="sign the agenda off"):
        services.agenda_publish(meeting=meeting, user=officer)


def test_publish_emails_each_member_once(
    meeting, chair, officer, member, django_capture_on_commit_callbacks
):
    services.agenda_sign_off(meeting=meeting, user=chair)
    with django_capture_on_commit_callbacks(execute=True):
        meeting, published = services.agenda_publish(meeting=meeting, user=officer)
    assert published and meeting.agenda_is_public
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([member.person.email, chair.person.email])
    assert mail.outbox[0].subject.startswith("Agenda published:")
    assert meeting.get_absolute_url() in mail.outbox[0].body
    assert f"/meetings/{meeting.pk}/agenda-members.pdf" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        _, again = services.agenda_publish(meeting=meeting, user=officer)
    assert again is False  # a double submit sends nothing more
    assert len(mail.outbox) == 2


def test_late_publication_needs_a_reason_which_is_kept(soon, officer):
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=soon, user=officer)
    assert "five clear working days" in str(error.value)
    soon.refresh_from_db()
    assert soon.agenda_status == "signed_off"  # nothing was published
    meeting, _ = services.agenda_publish(
        meeting=soon,
        user=officer,
        late_reason="Better Care Fund return due to NHS England on 30 August.",
    )
    assert meeting.late_publication_reason.startswith("Better Care Fund return")


def test_late_item_only_as_urgent_with_a_reason(soon, officer):
    item = AgendaItem(
        meeting=soon, title="Better Care Fund 2019/20 plan", kind="report"
    )
    with pytest.raises(ValidationError, match="only as urgent"):
        services.agenda_item_add(item=item, user=officer)
    item.is_urgent, item.urgency_reason = True, "NHS England deadline of 27 September."
    services.agenda_item_add(item=item, user=officer)
    assert item.pk and item.is_urgent


def test_change_to_published_agenda_is_a_supplement_sent_to_members(
    meeting, chair, officer, django_capture_on_commit_callbacks
):
    services.agenda_sign_off(meeting=meeting, user=chair)
    services.agenda_publish(meeting=meeting, user=officer)
    sequence = Meeting.objects.get(pk=meeting.pk).sequence
    item = AgendaItem(
        meeting=meeting,
        section=meeting.body.sections.get(),  # the body has sections: choose one
        title="Winter pressures",
        kind="report",
        is_urgent=True,
        urgency_reason="Pressures on hospital discharge this week.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_add(item=item, user=officer)
    supplement = meeting.supplements.get()
    assert supplement.number == 1
    assert "Winter pressures" in supplement.changes
    assert {m.subject.split(":")[0] for m in mail.outbox} == {"Agenda supplement 1"}
    assert Meeting.objects.get(pk=meeting.pk).sequence > sequence


def test_no_items_on_a_cancelled_meeting(meeting, officer):
    services.meeting_cancel(meeting=meeting, reason="Not quorate.")
    with pytest.raises(ValidationError, match="cancelled"):
        services.agenda_item_add(
            item=AgendaItem(meeting=meeting, title="Late paper"), user=officer
        )


def test_reschedule_keeps_the_previous_date_and_raises_the_sequence(meeting):
    original, sequence = meeting.start, meeting.sequence
    services.meeting_reschedule(
        meeting=meeting, start=original + datetime.timedelta(days=7)
    )
    meeting.refresh_from_db()
    assert meeting.previous_start == original
    assert meeting.status == "rescheduled"
    assert meeting.sequence == sequence + 1
    with pytest.raises(ValidationError, match="future"):
        services.meeting_reschedule(meeting=meeting, start=timezone.now())
