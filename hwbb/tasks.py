import smtplib

from celery import shared_task

from hwbb import emails, notify
from hwbb.models import Notification
from hwbb.retention_apply import retention_apply


@shared_task(bind=True, max_retries=5, acks_late=True, ignore_result=True)
def deliver_notification(self, pk):
    """Send one notification, once: claimed first, retried with back-off on a
    mail server error, marked failed after the last retry."""
    notification = notify.claim(pk)
    if notification is None:
        return "not pending"
    try:
        sent = emails.send_notification(notification)
    except (smtplib.SMTPException, OSError) as exc:
        last = self.request.retries >= self.max_retries
        status = Notification.Status.FAILED if last else Notification.Status.PENDING
        notify.finish(notification, status, error=f"{type(exc).__name__}: {exc}")
        if last:
            return "failed"
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    status = Notification.Status.SENT if sent else Notification.Status.NOT_NEEDED
    notify.finish(notification, status)
    return status


@shared_task(acks_late=True, ignore_result=True)
def deliver_notifications(pks):
    """Send several notifications one after another, each claimed just before
    it is sent, as deliver_notification sends one, so none goes twice and a
    worker that dies holds one at most. One that meets a mail server error
    goes back to pending and to deliver_notification, which retries it with
    back-off."""
    for notification in notify.claim_each(pks):
        try:
            sent = emails.send_notification(notification)
        except (smtplib.SMTPException, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            notify.finish(notification, Notification.Status.PENDING, error=error)
            notify.to_queue(
                deliver_notification, notification.pk, countdown=60, retries=1
            )
            continue
        status = Notification.Status.SENT if sent else Notification.Status.NOT_NEEDED
        notify.finish(notification, status)


@shared_task
def plan_notifications():
    """Beat task: queue every notice the apps' planners find due now; each
    once, however often this runs (`notify.plan`)."""
    return notify.plan()


@shared_task
def sweep_notifications():
    """Beat task: hand over again the notifications the broker or a dead
    worker lost."""
    return notify.sweep()


@shared_task
def send_weekly_digests():
    """Beat task (Monday morning): one digest task per person with held
    notifications."""
    people = (
        Notification.objects.filter(status=Notification.Status.HELD)
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )
    return sum(notify.to_queue(send_digest, pk) for pk in people if pk)


@shared_task(bind=True, max_retries=5)
def send_digest(self, person_pk):
    rows = notify.digest_claim(person_pk)
    if not rows:
        return 0
    try:
        emails.digest(rows)
    except (smtplib.SMTPException, OSError) as exc:
        notify.digest_release(rows, f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    return len(rows)


@shared_task
def send_alert_digests(frequency):
    """Beat task (daily at 7, and weekly on Monday at 7): one digest task for
    each address with alerts held under subscriptions of this frequency."""
    addresses = (
        Notification.objects.filter(
            status=Notification.Status.HELD,
            person=None,
            subscription__frequency=frequency,
        )
        .order_by()
        .values_list("email", flat=True)
        .distinct()
    )
    return sum(notify.to_queue(send_alert_digest, e, frequency) for e in addresses)


@shared_task(bind=True, max_retries=5)
def send_alert_digest(self, email, frequency):
    rows = notify.digest_claim(email=email, frequency=frequency)
    if not rows:
        return 0
    try:
        sent = emails.alert_digest(rows, frequency)
    except (smtplib.SMTPException, OSError) as exc:
        notify.digest_release(rows, f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    if not sent:  # all withdrawn from public view since they were held
        notify.digest_release(rows, "", status=Notification.Status.NOT_NEEDED)
        return 0
    return len(rows)


@shared_task
def ping():
    """An empty task: Celery's own round trip, the baseline of
    bench/reminders.py, and a check that a worker is listening."""
    return None


@shared_task
def apply_retention():
    """Beat task (daily): apply the retention schedule, each rule once,
    each run recorded (hwbb/retention_apply.py). The number of records
    changed."""
    return sum(outcome.affected for outcome in retention_apply())
