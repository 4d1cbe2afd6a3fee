"""Owners are emailed before an action's due date and once when it is overdue,
each reminder claimed on the row so it is never sent twice."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from hwbb import workdays
from meetings import services, tasks
from meetings.models import Action
from tests import factories


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def action(db):
    # Due on Friday 8 May 2026: the Monday before is the early May bank holiday.
    action = factories.ActionFactory(
        due_date=datetime.date(2026, 5, 8), owner_person__email="owner@example.org"
    )
    action.schedule_reminder()
    action.save()
    return action


def test_first_reminder_is_five_working_days_before_skipping_bank_holidays(action):
    # 8 May back five working days, not counting Monday 4 May: Thursday 30 April.
    assert action.next_reminder_at == _at(datetime.date(2026, 4, 30))
    assert workdays.is_working_day(datetime.date(2026, 5, 4)) is False


def test_due_soon_then_overdue_each_sent_once(action):
    assert services.action_reminders_claim(now=_at(datetime.date(2026, 4, 29))) == []
    claimed = services.action_reminders_claim(now=_at(datetime.date(2026, 4, 30)))
    assert claimed == [(action.pk, "due_soon")]
    assert services.action_reminders_claim(now=_at(datetime.date(2026, 5, 1))) == []

    claimed = services.action_reminders_claim(now=_at(datetime.date(2026, 5, 9)))
    assert claimed == [(action.pk, "overdue")]
    action.refresh_from_db()
    assert action.next_reminder_at is None
    assert action.reminders_sent == 2


def test_beat_task_emails_the_owner_with_a_link(
    action, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: _at(datetime.date(2026, 5, 11)))
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.send_due_action_reminders()
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert message.subject.startswith("Overdue action:")
    assert f"/meetings/actions/{action.pk}/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_no_reminder_for_a_done_action(action):
    services.action_add_update(
        action=action,
        user=None,
        date=datetime.date(2026, 4, 1),
        status="done",
        percent_complete=100,
        narrative="Report considered by the Board.",
        closing_note="The Board noted the report.",
    )
    action.refresh_from_db()
    assert action.next_reminder_at is None
    assert services.action_reminders_claim(now=_at(datetime.date(2026, 5, 11))) == []


def test_no_reminder_without_an_owner_email(db):
    action = factories.ActionFactory(
        owner_person=None, owner_organisation=factories.OrganisationFactory()
    )
    action.schedule_reminder()
    assert action.next_reminder_at is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_once_send_once(action):
    """Two threads, two database connections, one due row: one claim wins."""
    now = _at(datetime.date(2026, 4, 30))
    barrier, results = threading.Barrier(2), []

    def claim():
        barrier.wait()
        try:
            results.append(services.action_reminders_claim(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 1]
    assert Action.objects.get(pk=action.pk).reminders_sent == 1
