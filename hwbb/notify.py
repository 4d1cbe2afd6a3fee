"""Queue a notification once, deliver it once, and never lose it.

`plan()` (a beat task) asks the apps' planners which notices are due from
their rows, and queues each: its key, naming the occasion, is the one guard
that makes a notice go once however often the planners find it due.
`queue()` writes the notification row in the caller's transaction: its unique
key makes a second request for the same notice (a retry, a second worker, a
double submit) find the first. After the commit it is handed to Celery; if the
broker is down the row stays pending, and `sweep()` (a beat task) hands it
over again once the broker is back, as it does for a row whose worker died
while sending. The delivery task claims the row with a conditional UPDATE, so
only one worker ever sends it.
"""

import datetime
import itertools
import logging

from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from hwbb import notices
from hwbb.models import Notification, Preference

log = logging.getLogger(__name__)
Status = Notification.Status
MODE_STATUS = {
    Preference.Mode.IMMEDIATE: Status.PENDING,
    Preference.Mode.DIGEST: Status.HELD,
    Preference.Mode.NONE: Status.SUPPRESSED,
}
# A row handed over this long ago and still pending was lost on the way (the
# broker lost it, or is behind by more than this); one claimed this long ago
# and not sent lost its worker.
RESEND_PENDING_AFTER = datetime.timedelta(minutes=15)
RECLAIM_SENDING_AFTER = datetime.timedelta(minutes=10)
UNSUBSCRIBE_SALT = "hwbb.unsubscribe"
# Email alerts (subscriptions with no account): one subscription's one-click
# unsubscribe, and an address's page of its subscriptions.
ALERT_UNSUBSCRIBE_SALT = "hwbb.alerts.unsubscribe"
ALERT_MANAGE_SALT = "hwbb.alerts.manage"
PLAN_BATCH = 500
# Notifications handed to the queue as one task (deliver_notifications): a
# task's own cost (the broker's round trip, the worker's bookkeeping) is
# shared, while a second worker still finds work to take.
HAND_OVER_BATCH = 50


def mode_for(person, kind, subscription=None):
    if subscription is not None and not notices.is_statutory(kind):
        return subscription.mode  # an alert: as its subscriber chose
    if notices.is_statutory(kind) or person is None:
        return Preference.Mode.IMMEDIATE
    chosen = Preference.objects.filter(person=person, kind=kind).first()
    return chosen.mode if chosen else Preference.Mode.IMMEDIATE


def queue(
    *,
    kind,
    person,
    target,
    key,
    about,
    extra=None,
    subscription=None,
    mode=None,
    email="",
):
    """The notification for `key`, created once; (notification, created).
    None when the person has no email address. An email alert names its
    subscription instead of a person, and goes to the subscription's address.
    `email`, with neither, is the address of someone with no account (a
    resident who sent a question): they have chosen nothing, so it goes
    straight away. `mode` overrides the choice (an alert's confirmation goes
    straight away)."""
    status = MODE_STATUS[mode or mode_for(person, kind, subscription)]
    notification, created = _record(
        kind=kind,
        person=person,
        target=target,
        key=key,
        about=about,
        extra=extra,
        status=status,
        subscription=subscription,
        email=email,
    )
    if created and notification.status == Status.PENDING:
        transaction.on_commit(lambda: hand_over(notification.pk))
    return notification, created


def settle(*, kind, person, target, key, about, extra=None):
    """Record a notice as not needed, sending nothing: its occasion passed
    before the app held the row (the demo's history). Its key keeps it from
    ever being queued. None when the person has no email address."""
    return _record(
        kind=kind,
        person=person,
        target=target,
        key=key,
        about=about,
        extra=extra,
        status=Status.NOT_NEEDED,
    )[0]


def _record(
    *, kind, person, target, key, about, extra, status, subscription=None, email=""
):
    """The row for `key`, made once with this status; (None, False) when the
    person has no email address (nor is one given for someone with none)."""
    email = _address(person, subscription) or email
    if not email:
        return None, False
    return Notification.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "person": person,
            "subscription": subscription,
            "email": email,
            "target": target,
            "about": about[:300],
            "extra": extra or {},
            "status": status,
        },
    )


def _address(person, subscription):
    if subscription is not None:
        return subscription.email
    return getattr(person, "email", "")


def notice(kind, person, target, occasion, about):
    """A notice as `queue()` takes it, its key made of its kind, its object,
    its occasion and its person."""
    key = f"{kind}:{target._meta.model_name}-{target.pk}:{occasion}:person-{person.pk}"
    return {
        "kind": kind,
        "person": person,
        "target": target,
        "key": key,
        "about": about,
    }


def alert(kind, subscription, target, occasion, about):
    """An email alert as `queue()` takes it: to a subscription's address,
    its key made of its kind, its object, its occasion and its subscription,
    so that it goes once however often it is found due."""
    model = target._meta.model_name
    key = f"{kind}:{model}-{target.pk}:{occasion}:subscription-{subscription.pk}"
    return {
        "kind": kind,
        "person": None,
        "subscription": subscription,
        "target": target,
        "key": key,
        "about": about,
    }


def plan(now=None):
    """Queue every notice the planners find due at `now`; the number newly
    queued."""
    return queue_due(notices.due(now or timezone.now()))


def queue_due(due):
    """Queue each of the notices `due` yields whose key is new; the number
    newly queued. Keys already queued are looked up a batch at a time, so a
    run that finds nothing new writes nothing and reads little."""
    due = iter(due)
    queued = 0
    while batch := list(itertools.islice(due, PLAN_BATCH)):
        keys = [n["key"] for n in batch]
        known = set(
            Notification.objects.filter(key__in=keys).values_list("key", flat=True)
        )
        new = {n["key"]: n for n in batch if n["key"] not in known}
        with transaction.atomic():
            queued += _queue_all(list(new.values()))
    return queued


def _queue_all(batch):
    """queue() for each notice of a batch whose keys are new, in a few
    queries: the people's choices read at once, the rows made by one INSERT,
    handed over HAND_OVER_BATCH to a task after the commit. Should another
    run have made one of the keys meanwhile, the batch goes one by one
    through queue(), whose key finds the row made first. The number made."""
    modes = _modes(batch)
    rows = [
        Notification(
            key=n["key"],
            kind=n["kind"],
            person=n["person"],
            subscription=n.get("subscription"),
            email=_address(n["person"], n.get("subscription")),
            target=n["target"],
            about=n["about"][:300],
            extra=n.get("extra") or {},
            status=MODE_STATUS[_mode_of(n, modes)],
        )
        for n in batch
        if _address(n["person"], n.get("subscription"))
    ]
    try:
        with transaction.atomic():
            rows = Notification.objects.bulk_create(rows)
    except IntegrityError:
        return sum(queue(**n)[1] for n in batch)
    pending = [row.pk for row in rows if row.status == Status.PENDING]
    transaction.on_commit(lambda: hand_over_all(pending))
    return len(rows)


def _mode_of(n, modes):
    if n.get("mode"):
        return n["mode"]
    if n.get("subscription") is not None:
        return mode_for(None, n["kind"], n["subscription"])
    return modes[n["person"].pk, n["kind"]]


def _modes(batch):
    """{(person pk, kind): mode} for a batch of notices, in one query."""
    people = {n["person"].pk for n in batch if n["person"] is not None}
    chosen = {
        (p.person_id, p.kind): p.mode
        for p in Preference.objects.filter(person__in=people)
    }
    return {
        (n["person"].pk, n["kind"]): Preference.Mode.IMMEDIATE
        if notices.is_statutory(n["kind"])
        else chosen.get((n["person"].pk, n["kind"]), Preference.Mode.IMMEDIATE)
        for n in batch
        if n["person"] is not None
    }


def to_queue(task, *args, **options):
    """Send a task to the broker; False, logged, if the broker cannot be
    reached. No result is kept, so nothing waits on the result store either."""
    try:
        task.apply_async(args, ignore_result=True, **options)
    except (OperationalError, OSError) as exc:
        log.warning(
            "%s%s not queued: the task queue is down (%s)", task.name, args, exc
        )
        return False
    return True


def hand_over(pk):
    """Give the row to Celery; False, and the row left pending for the sweep,
    if the broker cannot be reached."""
    from hwbb.tasks import deliver_notification

    if not to_queue(deliver_notification, pk):
        return False
    Notification.objects.filter(pk=pk).update(queued_at=timezone.now())
    return True


def hand_over_all(pks):
    """hand_over() for many rows, HAND_OVER_BATCH to a task; the number of
    rows handed over (those of a task the broker refused stay pending)."""
    from hwbb.tasks import deliver_notifications

    handed = 0
    for start in range(0, len(pks), HAND_OVER_BATCH):
        batch = pks[start : start + HAND_OVER_BATCH]
        if to_queue(deliver_notifications, batch):
            Notification.objects.filter(pk__in=batch).update(queued_at=timezone.now())
            handed += len(batch)
    return handed


def claim_each(pks):
    """The rows of `pks` still pending, each claimed as claim() does only
    when the one before has been dealt with: a worker holds one at most, as
    it would with a task for each. The rows, their people and objects are
    read at once beforehand."""
    rows = list(
        Notification.objects.filter(pk__in=pks, status=Status.PENDING)
        .select_related("person", "subscription", "content_type")
        .order_by()
    )
    prefetch_related_objects(rows, GenericPrefetch("target", _targets(rows)))
    for row in sorted(rows, key=lambda r: pks.index(r.pk)):
        won = Notification.objects.filter(pk=row.pk, status=Status.PENDING).update(
            status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        if won:
            row.status = Status.SENDING
            yield row


def _targets(rows):
    """A queryset for each model the rows' objects are, loading with them
    the foreign keys their kinds' renderers read."""
    related = {}
    for row in rows:
        kind = notices.kind(row.kind)
        wanted = related.setdefault(row.content_type, set())
        wanted.update(kind.related if kind else ())
    return [
        content_type.model_class()._base_manager.select_related(*sorted(wanted))
        for content_type, wanted in related.items()
        if content_type.model_class() is not None
    ]


def claim(pk):
    """The row, now marked as being sent by this worker; None if another
    worker has it or it was sent already."""
    won = Notification.objects.filter(pk=pk, status=Status.PENDING).update(
        status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not won:
        return None
    return Notification.objects.select_related(
        "person", "subscription", "content_type"
    ).get(pk=pk)


def finish(notification, status, error=""):
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=status,
        sent_at=timezone.now() if status == Status.SENT else None,
        last_error=error[:2000],
    )


def sweep(now=None):
    """Hand over again what was lost: rows whose worker died while sending
    them, and pending rows the broker never took (or has held too long).
    The number handed over."""
    now = now or timezone.now()
    dead = Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - RECLAIM_SENDING_AFTER
    )
    reclaimed = list(dead.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=reclaimed, status=Status.SENDING).update(
        status=Status.PENDING
    )
    stale = Notification.objects.filter(status=Status.PENDING).filter(
        Q(pk__in=reclaimed)
        | Q(queued_at__isnull=True)
        | Q(queued_at__lt=now - RESEND_PENDING_AFTER)
    )
    return hand_over_all(list(stale.values_list("pk", flat=True)))


def unsubscribe_token(person, kind):
    return signing.dumps({"p": person.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(notification):
    if notification.subscription_id is not None:
        return alert_unsubscribe_url(notification.subscription_id)
    if notification.is_statutory or notification.person is None:
        return ""
    token = unsubscribe_token(notification.person, notification.kind)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def read_unsubscribe_token(token):
    """(person pk, kind), or None for a token that was not made here."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data["p"], data["k"]


def alert_unsubscribe_url(subscription_pk):
    """One click (RFC 8058) ends this one subscription; signed, so the link
    is the credential, with no account and no expiry."""
    token = signing.dumps({"s": subscription_pk}, salt=ALERT_UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("alerts:unsubscribe", args=[token])


def alert_unsubscribe_all_url(email):
    """One click ends every subscription of the address (a digest's header)."""
    token = signing.dumps({"e": email}, salt=ALERT_UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("alerts:unsubscribe", args=[token])


def read_alert_unsubscribe_token(token):
    """{"s": subscription pk} or {"e": address}; None for a forged token."""
    try:
        return signing.loads(token, salt=ALERT_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def alert_manage_token(email):
    return signing.dumps(email, salt=ALERT_MANAGE_SALT)


def alert_manage_url(email):
    """The page listing an address's subscriptions, reached from every alert."""
    token = alert_manage_token(email)
    return settings.SITE_URL + reverse("alerts:manage", args=[token])


def read_alert_manage_token(token):
    try:
        return signing.loads(token, salt=ALERT_MANAGE_SALT)
    except signing.BadSignature:
        return None


def waiting_for_queue(target):
    """How many of the object's notices the task queue has not taken yet."""
    from django.contrib.contenttypes.models import ContentType

    return Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=Status.PENDING,
        queued_at__isnull=True,
    ).count()


def digest_claim(person_id=None, *, email=None, frequency=None):
    """The person's held notifications, now marked as in this week's digest;
    rows another worker is taking are skipped, so none goes twice. With an
    address and a frequency instead: the address's held alerts of its
    subscriptions of that frequency (a daily or weekly digest)."""
    held = Notification.objects.filter(status=Status.HELD)
    if email is not None:
        held = held.filter(person=None, email=email, subscription__frequency=frequency)
    else:
        held = held.filter(person_id=person_id)
    with transaction.atomic():
        rows = list(
            held.select_for_update(skip_locked=True, of=("self",)).order_by(
                "created_at"
            )
        )
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=Status.IN_DIGEST, sent_at=timezone.now()
        )
    return rows


def digest_release(rows, error, status=Status.HELD):
    Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=status, sent_at=None, last_error=error[:2000]
    )
