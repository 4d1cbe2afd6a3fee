"""Owners (or, for an action that names only an organisation, its nominated
leads) are emailed before an action's due date, once when it is overdue and
each month while it stays overdue, each reminder kept once by its
notification key so it is never sent twice."""

import datetime
import functools
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from hwbb import notify, workdays
from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from meetings import deadlines, demo, services
from meetings.models import Action, OrganisationLead, Person
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


# -- Every open action has someone to remind ---------------------------------


@pytest.fixture
def organisation_action(db):
    """Due on Friday 8 May 2026, owned by Healthwatch alone: its current
    nominated lead with an email is reminded; a former lead, and a lead with
    no email, are not."""
    healthwatch = factories.OrganisationFactory(name="Healthwatch Coventry")
    action = factories.ActionFactory(
        owner_person=None,
        owner_organisation=healthwatch,
        due_date=datetime.date(2026, 5, 8),
    )
    for family_name, email, until in (
        ("Linnell", "stuart.linnell@example.org", None),
        ("Light", "", None),
        ("Former", "former@example.org", datetime.date(2026, 1, 31)),
    ):
        OrganisationLead.objects.create(
            organisation=healthwatch,
            person=factories.PersonFactory(family_name=family_name, email=email),
            until=until,
        )
    return action


def test_an_organisations_action_reminds_its_current_leads_once(
    organisation_action, django_capture_on_commit_callbacks, monkeypatch
):
    for day, queued in (
        (datetime.date(2026, 4, 30), 1),  # due soon
        (datetime.date(2026, 5, 1), 0),
        (datetime.date(2026, 5, 9), 1),  # overdue
        (datetime.date(2026, 5, 11), 0),
    ):
        monkeypatch.setattr(timezone, "now", functools.partial(_at, day))
        with django_capture_on_commit_callbacks(execute=True):
            assert plan_notifications() == queued, day
    assert [m.to for m in mail.outbox] == [["stuart.linnell@example.org"]] * 2
    assert "names you as a lead" in mail.outbox[-1].body
    assert f"/meetings/actions/{organisation_action.pk}/" in mail.outbox[-1].body


def test_an_overdue_action_reminds_its_owner_each_month_until_done(action):
    plans = {
        datetime.date(2026, 5, 9): 1,  # the morning after: overdue
        datetime.date(2026, 6, 5): 0,
        datetime.date(2026, 6, 8): 1,  # a month on: still overdue
        datetime.date(2026, 6, 20): 0,
        datetime.date(2026, 7, 8): 1,  # two months on
    }
    for day, queued in plans.items():
        assert notify.plan(now=_at(day)) == queued, day
    assert notify.plan(now=_at(datetime.date(2026, 8, 8), hour=8)) == 0  # too early
    rows = Notification.objects.filter(object_id=action.pk).order_by("pk")
    assert list(rows.values_list("kind", flat=True)) == [
        "action_overdue",
        "action_still_overdue",
        "action_still_overdue",
    ]
    action.status, action.percent_complete = "done", 100
    action.closing_note = "Reported to the Board."
    action.save()
    assert notify.plan(now=_at(datetime.date(2026, 9, 8))) == 0


def test_an_action_first_seen_long_overdue_gets_one_reminder_not_two(action):
    assert _due(_at(datetime.date(2026, 8, 20))) == [
        (action.pk, "action_still_overdue")
    ]


def test_the_still_overdue_email_asks_for_an_update(
    action, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: _at(datetime.date(2026, 6, 9)))
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_notifications() == 1
    [message] = mail.outbox
    assert message.subject == f"Action still overdue: {action.title}"
    assert "Red: overdue" in message.body
    assert "Add a progress update" in message.body


def test_the_demos_overdue_actions_are_reminded_when_the_planner_runs(
    db, django_capture_on_commit_callbacks
):
    """The demo settles the reminders that went at the time; its actions
    still open and overdue today are reminded to those who answer for them,
    the police's organisation-only one to its lead."""
    demo.load(papers=False)
    overdue = Action.objects.overdue()
    assert overdue.filter(owner_person__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        notify.plan()
        assert notify.plan() == 0  # once
    reminded = Notification.objects.filter(kind="action_still_overdue")
    for action in overdue:
        people = set(reminded.filter(object_id=action.pk).values_list("person"))
        if action.owner_person_id:
            assert people == {(action.owner_person_id,)}, action
        else:
            leads = action.owner_organisation.leads.values_list("pk")
            assert people == set(leads) and people, action
    lead = Person.objects.get(user__username="lead")
    assert reminded.filter(person=lead, status="sent").exists()
