"""Owners are emailed before an action's due date and once when it is overdue,
each reminder kept once by its notification key so it is never sent twice."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from hwbb import notify, workdays
from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from meetings import deadlines, services
from tests import factories


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _due(now):
    return [(n["target"].pk, n["kind"]) for n in deadlines.actions(now)]


@pytest.fixture
def action(db):
    # Due on Friday 8 May 2026: the Monday before is the early May bank holiday.
    return factories.ActionFactory(
        due_date=datetime.date(2026, 5, 8), owner_person__email="owner@example.org"
    )


def test_first_reminder_is_five_working_days_before_skipping_bank_holidays(action):
    # 8 May back five working days, not counting Monday 4 May: Thursday 30 April.
    assert _due(_at(datetime.date(2026, 4, 30), hour=8)) == []
    assert _due(_at(datetime.date(2026, 4, 30))) == [(action.pk, "action_due_soon")]
    assert workdays.is_working_day(datetime.date(2026, 5, 4)) is False


def test_due_soon_then_overdue_each_sent_once(action):
    assert notify.plan(now=_at(datetime.date(2026, 4, 29))) == 0
    assert notify.plan(now=_at(datetime.date(2026, 4, 30))) == 1
    assert notify.plan(now=_at(datetime.date(2026, 5, 1))) == 0

    assert notify.plan(now=_at(datetime.date(2026, 5, 9))) == 1
    assert notify.plan(now=_at(datetime.date(2026, 5, 11))) == 0
    rows = Notification.objects.filter(object_id=action.pk).order_by("pk")
    assert list(rows.values_list("kind", flat=True)) == [
        "action_due_soon",
        "action_overdue",
    ]


def test_beat_task_emails_the_owner_with_a_link(
    action, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: _at(datetime.date(2026, 5, 11)))
    with django_capture_on_commit_callbacks(execute=True):
        sent = plan_notifications()
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
    assert _due(_at(datetime.date(2026, 4, 30))) == []
    assert notify.plan(now=_at(datetime.date(2026, 5, 11))) == 0


def test_no_reminder_without_an_owner_email(db):
    action = factories.ActionFactory(
        owner_person=None, owner_organisation=factories.OrganisationFactory()
    )
    assert _due(_at(action.due_date + datetime.timedelta(days=2))) == []
    nobody = factories.ActionFactory(owner_person__email="")
    assert _due(_at(nobody.due_date + datetime.timedelta(days=2))) == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_planning_at_once_send_once(action):
    """Two threads, two database connections, one due reminder: one queues it."""
    now = _at(datetime.date(2026, 4, 30))
    barrier, results = threading.Barrier(2), []

    def plan():
        barrier.wait()
        try:
            results.append(notify.plan(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0, 1]
    assert Notification.objects.filter(object_id=action.pk).count() == 1
