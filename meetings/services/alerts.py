"""Email alerts for anyone: ask, confirm, change, end (meetings/alerts.py
says what is sent). None of these says whether an address was subscribed
already: the pages answer the same either way."""

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification
from meetings import alerts
from meetings.models import Subscription

Status = Notification.Status


def topic_of(*, body=None, pillar=None, priority=None, query=""):
    """The key of what is subscribed to: one of the four, given alone."""
    if body is not None:
        return f"body-{body.pk}"
    if pillar is not None:
        return f"pillar-{pillar.pk}"
    if priority is not None:
        return f"priority-{priority.pk}"
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"search-{digest}"


@transaction.atomic
def subscription_request(
    *, email, frequency, body=None, pillar=None, priority=None, query=""
):
    """Ask for alerts: the subscription, made unconfirmed, and its
    confirmation email queued, at most once a day however often it is asked
    for. A confirmed subscription is left as it is: whoever asks again may
    not be its owner, so nothing about it changes and nothing is sent."""
    email = email.strip().lower()
    topic = topic_of(body=body, pillar=pillar, priority=priority, query=query)
    fields = {"body": body, "pillar": pillar, "priority": priority, "query": query}
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                email=email, topic=topic, defaults={**fields, "frequency": frequency}
            )
    except IntegrityError:  # the same request, twice at once
        subscription = Subscription.objects.get(email=email, topic=topic)
    if subscription.is_confirmed:
        return subscription
    if subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    occasion = f"on-{timezone.localdate():%Y%m%d}"
    notify.queue(**alerts.confirmation(subscription, occasion))
    return subscription


@transaction.atomic
def subscription_confirm(*, token):
    """Confirm the subscription a confirmation link names; None for a forged
    or expired link, or a subscription since ended. Confirming twice is
    confirming once. A saved search starts from what it finds now."""
    data = alerts.read_confirm_token(token)
    if data is None:
        return None
    subscription = (
        Subscription.objects.select_for_update()
        .filter(pk=data["s"], email=data["e"])
        .first()
    )
    if subscription is None or subscription.is_confirmed:
        return subscription
    subscription.confirmed_at = timezone.now()
    if subscription.query:
        subscription.seen = alerts.seen_now(subscription.query)
    subscription.full_clean()
    subscription.save(update_fields=["confirmed_at", "seen"])
    return subscription


@transaction.atomic
def subscription_set_frequency(*, subscription, frequency):
    """Change how often; alerts held for a digest go now if it becomes
    straight away."""
    subscription.frequency = frequency
    subscription.full_clean()
    subscription.save(update_fields=["frequency"])
    if frequency == Subscription.Frequency.IMMEDIATE:
        held = Notification.objects.filter(
            subscription=subscription, status=Status.HELD
        )
        pks = list(held.values_list("pk", flat=True))
        held.update(status=Status.PENDING)
        transaction.on_commit(lambda: notify.hand_over_all(pks))
    return subscription


@transaction.atomic
def subscriptions_cancel(*, subscriptions):
    """End these subscriptions, and the alerts not yet sent under them; the
    number ended. The address is then forgotten but for the log of what was
    sent to it."""
    pks = [s.pk for s in subscriptions]
    Notification.objects.filter(
        subscription__in=pks, status__in=[Status.PENDING, Status.HELD]
    ).update(status=Status.NOT_NEEDED)
    return Subscription.objects.filter(pk__in=pks).delete()[0]
