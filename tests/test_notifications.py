"""Notifications: queued once by their key, sent once, held for a digest or
not sent as each person chooses (never for statutory notices), unsubscribed
in one click, retried and then logged as failed, and never lost when the task
queue is down."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification, Preference
from hwbb.tasks import (
    deliver_notification,
    deliver_notifications,
    plan_notifications,
)
from meetings.views.notifications import CHOOSABLE
from tests import factories

Status = Notification.Status


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingOneBackend(BaseEmailBackend):
    """Refuses mail to refused@example.org; sends the rest to the outbox."""

    def send_messages(self, messages):
        if any("refused@example.org" in m.to for m in messages):
            raise smtplib.SMTPRecipientsRefused({"refused@example.org": (550, b"")})
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def overdue(db):
    action = factories.ActionFactory(
        title="Review governance of the Youth Violence Reduction Board",
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        owner_person__email="owner@example.org",
    )
    return action


def _queue(action, key="k1", kind="action_overdue"):
    return notify.queue(
        kind=kind, person=action.owner_person, target=action, key=key, about="x"
    )


def test_a_key_is_queued_and_sent_once(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = _queue(overdue)
        again, created_again = _queue(overdue)  # a retry, a second worker
    assert created and not created_again and again.pk == first.pk
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert first.status == Status.SENT and first.sent_at and first.attempts == 1
    assert deliver_notification(first.pk) == "not pending"  # a second delivery
    assert len(mail.outbox) == 1


def test_the_beat_task_logs_each_reminder(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_notifications() == 1
    [row] = Notification.objects.all()
    assert (row.kind, row.status, row.email) == (
        "action_overdue",
        "sent",
        "owner@example.org",
    )
    assert mail.outbox[0].subject.startswith("Overdue action:")


def test_digest_and_none_are_respected_but_not_for_statutory_notices(
    overdue, django_capture_on_commit_callbacks
):
    person = overdue.owner_person
    Preference.objects.create(person=person, kind="action_overdue", mode="digest")
    Preference.objects.create(person=person, kind="action_due_soon", mode="none")
    Preference.objects.create(person=person, kind="agenda_published", mode="none")
    with django_capture_on_commit_callbacks(execute=True):
        held, _ = _queue(overdue, "a")
        off, _ = _queue(overdue, "b", kind="action_due_soon")
        notice, _ = notify.queue(
            kind="agenda_published",
            person=person,
            target=factories.MeetingFactory(),
            key="c",
            about="Health and Wellbeing Board",
        )
    assert (held.status, off.status) == (Status.HELD, Status.SUPPRESSED)
    notice.refresh_from_db()
    assert notice.status == Status.SENT  # the law requires it
    assert len(mail.outbox) == 1


def test_work_done_before_delivery_sends_nothing(
    overdue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row, _ = _queue(overdue)
    overdue.status = "done"
    overdue.save()
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.status == Status.NOT_NEEDED
    assert mail.outbox == []


def test_a_refusing_mail_server_is_retried_then_logged_as_failed(
    overdue, settings, client, officer, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=False):
        row, _ = _queue(overdue)
    # Eagerly, each retry runs at once instead of after its back-off.
    conf = deliver_notification.app.conf
    conf.update(task_eager_propagates=False)
    try:
        result = deliver_notification.apply(args=[row.pk])
    finally:
        conf.update(task_eager_propagates=True)
    assert result.get() == "failed"
    row.refresh_from_db()
    assert row.status == Status.FAILED
    assert row.attempts == 6  # the first try and five retries
    assert "SMTPServerDisconnected" in row.last_error
    client.force_login(officer)
    page = client.get(reverse("notifications:log") + "?status=failed")
    assert "1 failed" in page.text
    assert "Connection unexpectedly closed" in page.text


def test_a_mail_error_in_a_batch_sends_the_rest_and_retries_the_one(
    overdue, settings, django_capture_on_commit_callbacks
):
    """Reminders go to the worker fifty to a task; one the mail server
    refuses does not hold up the others, and is retried on its own."""
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingOneBackend"
    refused = factories.ActionFactory(
        due_date=overdue.due_date, owner_person__email="refused@example.org"
    )
    with django_capture_on_commit_callbacks(execute=False):
        rows = [_queue(overdue, key="a")[0], _queue(refused, key="b")[0]]
        rows.append(_queue(overdue, key="c")[0])
    conf = deliver_notification.app.conf
    conf.update(task_eager_propagates=False)
    try:
        deliver_notifications.apply(args=[[row.pk for row in rows]])
    finally:
        conf.update(task_eager_propagates=True)
    for row in rows:
        row.refresh_from_db()
    assert [row.status for row in rows] == [Status.SENT, Status.FAILED, Status.SENT]
    assert [row.attempts for row in rows] == [1, 6, 1]  # as deliver_notification's
    assert len(mail.outbox) == 2
    deliver_notifications.apply(args=[[row.pk for row in rows]])  # again: nothing
    assert len(mail.outbox) == 2


def _delivered_in_queries(count, overdue):
    actions = [
        factories.ActionFactory(
            due_date=overdue.due_date, owner_person=overdue.owner_person
        )
        for _ in range(count)
    ]
    rows = [_queue(action, key=f"{count}-{action.pk}")[0] for action in actions]
    with CaptureQueriesContext(connection) as queries:
        deliver_notifications.apply(args=[[row.pk for row in rows]])
    assert (
        Notification.objects.filter(
            pk__in=[r.pk for r in rows], status=Status.SENT
        ).count()
        == count
    )
    return len(queries)


def test_a_batch_reads_its_rows_and_their_objects_at_once(
    overdue, django_capture_on_commit_callbacks
):
    """Each notification of a batch costs its claim and its record of being
    sent; its row, person, action and the action's board are read with the
    others'."""
    with django_capture_on_commit_callbacks(execute=False):
        few, more = (
            _delivered_in_queries(5, overdue),
            _delivered_in_queries(15, overdue),
        )
    assert more - few == 2 * 10


def test_the_beat_queues_a_batch_one_by_one_if_another_run_made_a_key(
    overdue, monkeypatch, django_capture_on_commit_callbacks
):
    """Two beat runs at once: the later INSERT meets a key the other made and
    goes one by one, each key finding its row; nothing is queued twice."""
    other = factories.ActionFactory(
        due_date=overdue.due_date, owner_person=overdue.owner_person
    )
    real = notify.notices.due

    def due_as_another_run_queues_one(now):
        found = list(real(now))
        notify.queue(**found[0])  # the other run, between the look-up and ours
        return iter(found)

    monkeypatch.setattr(
        Notification.objects, "filter", _without_keys(Notification.objects.filter)
    )
    monkeypatch.setattr(notify.notices, "due", due_as_another_run_queues_one)
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_notifications() == 1
    assert Notification.objects.count() == 2
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Overdue action: {a.title}" for a in (overdue, other)
    )


def _without_keys(filter):
    """Notification.objects.filter as the beat's look-up of known keys ran
    before the other run made its row: it finds none."""

    def wrapped(*args, **kwargs):
        if "key__in" in kwargs:
            return Notification.objects.none()
        return filter(*args, **kwargs)

    return wrapped


def test_one_click_unsubscribe(overdue, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue(overdue)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://127.0.0.1:8000")
    assert "Stop these emails" in client.get(path).text
    response = client.post(path)  # as a mail client does: no cookie, no CSRF token
    assert "You are unsubscribed" in response.text
    pref = Preference.objects.get(person=overdue.owner_person)
    assert (pref.kind, pref.mode) == ("action_overdue", "none")
    with django_capture_on_commit_callbacks(execute=True):
        row, _ = _queue(overdue, "next")
    assert row.status == Status.SUPPRESSED and len(mail.outbox) == 1


def test_a_forged_or_statutory_unsubscribe_link_is_refused(client, overdue):
    person = overdue.owner_person
    forged = reverse("notifications:unsubscribe", args=["not-a-token"])
    assert client.post(forged).status_code == 404
    statutory = notify.unsubscribe_token(person, "agenda_published")
    url = reverse("notifications:unsubscribe", args=[statutory])
    assert client.post(url).status_code == 404
    assert not Preference.objects.exists()


def test_settings_choose_per_kind(client, member):
    client.force_login(member)
    page = client.get(reverse("notifications:settings"))
    assert "agenda published" in page.text  # named as always sent
    data = {kind: "immediate" for kind, _ in CHOOSABLE}
    data["action_due_soon"] = "digest"
    response = client.post(reverse("notifications:settings"), data, follow=True)
    assert "were saved" in response.text
    assert Preference.objects.get(kind="action_due_soon").mode == "digest"
    bad = client.post(
        reverse("notifications:settings"), {**data, "action_overdue": "x"}
    )
    assert bad.status_code == 200
    assert Preference.objects.get(kind="action_overdue").mode == "immediate"


@pytest.mark.parametrize("sent", ["x", "", "<script>alert(1)</script>", "a\x00b"])
def test_a_setting_not_offered_is_refused_in_words(client, member, sent):
    client.force_login(member)
    data = {kind: "immediate" for kind, _ in CHOOSABLE}
    data["action_overdue"] = sent
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert (
        "Action overdue: choose straight away, a weekly digest or no email"
        in response.text
    )
    assert "<script>alert(1)</script>" not in response.text
    assert not Preference.objects.exists()


def test_the_sweep_hands_over_what_the_queue_lost(overdue):
    row = Notification.objects.create(
        key="lost",
        kind="action_overdue",
        person=overdue.owner_person,
        email="owner@example.org",
        target=overdue,
        about="x",
    )  # pending and never handed over: the broker was down
    stuck = Notification.objects.create(
        key="stuck",
        kind="action_overdue",
        person=overdue.owner_person,
        email="owner@example.org",
        target=overdue,
        about="x",
        status=Status.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(hours=1),
    )  # its worker died while sending
    assert notify.sweep() == 2
    row.refresh_from_db()
    stuck.refresh_from_db()
    assert row.status == stuck.status == Status.SENT
    assert notify.sweep() == 0
    assert len(mail.outbox) == 2


def test_the_log_keeps_its_query_count(
    client, officer, overdue, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            Notification.objects.create(
                key=f"log-{Notification.objects.count()}-{i}",
                kind="action_overdue",
                person=overdue.owner_person,
                email="owner@example.org",
                target=overdue,
                about=overdue.title,
            )

    client.force_login(officer)
    add(3)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("notifications:log"))
    add(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:log"))
    assert "63 notifications" in response.text


@pytest.mark.django_db(transaction=True)  # so on_commit runs within the request
def test_an_upload_made_while_the_queue_is_down_is_imported_later(
    client, officer, monkeypatch
):
    from kombu.exceptions import OperationalError

    from indicators import fingertips
    from indicators import tasks as import_tasks
    from indicators.models import ImportJob
    from tests import files
    from tests.helpers import FINGERTIPS_ROWS, fingertips_csv

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

    client.force_login(officer)
    data = fingertips_csv(fingertips.HEADER, FINGERTIPS_ROWS).getvalue().encode()
    with monkeypatch.context() as patched:
        patched.setattr(import_tasks.run_import, "apply_async", down)
        response = client.post(
            reverse("indicators:import"),
            {"file": files.upload("hle.csv", data)},
            follow=True,
        )
    assert "The import queue cannot be reached just now" in response.text
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED  # saved, nothing lost
    assert import_tasks.requeue_waiting() == 0  # not yet: it may still be taken
    later = timezone.now() + datetime.timedelta(minutes=20)
    assert import_tasks.requeue_waiting(now=later) == 1  # the queue is back
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
