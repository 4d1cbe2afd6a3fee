"""A published agenda's alert, through Redis and a real Celery worker, goes
to a confirmed subscriber exactly once: though the officer publishes twice,
the planner runs twice and the row is handed to the queue again."""

import datetime
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from hwbb import notify
from hwbb.models import Notification
from hwbb.tasks import plan_notifications
from meetings import alerts, services
from tests import factories
from tests.factories import Closed
from tests.helpers import wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ADDRESS = "resident@example.net"


def _confirmed(**topic):
    subscription = services.subscription_request(
        email=ADDRESS, frequency="immediate", **topic
    )
    services.subscription_confirm(token=alerts.confirm_token(subscription))
    return subscription


def test_a_published_agendas_alert_reaches_a_subscriber_exactly_once(
    redis_app, hwb, officer, chair, exempt
):
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        _confirmed(body=hwb)
        _confirmed(pillar=exempt["pillar"])  # the same occasion: still one email
        # The confirmations: each found confirmed already, or sent.
        assert wait_for(
            lambda: (
                not Notification.objects.filter(
                    status__in=["pending", "sending"]
                ).exists()
            ),
            timeout=60,
        )
        mail.outbox.clear()
        meeting = factories.MeetingFactory(
            body=hwb,
            start=timezone.now() + datetime.timedelta(days=30),
            status="scheduled",
            agenda_status="draft",
            minutes_status="none",
        )
        factories.AgendaItemFactory(
            meeting=meeting,
            number=1,
            title="Healthy Coventry: active travel",
            primary_pillar=exempt["pillar"],
        )
        factories.AgendaItemFactory(
            meeting=meeting,
            number=2,
            title=Closed.TITLE,
            open_title=Closed.OPEN_TITLE,
            is_exempt=True,
            exempt_paragraph=3,
        )
        services.agenda_sign_off(meeting=meeting, user=chair)
        services.agenda_publish(meeting=meeting, user=officer)
        services.agenda_publish(meeting=meeting, user=officer)  # a double submit
        plan_notifications()  # the beat finds the alert queued already
        plan_notifications()
        row = Notification.objects.get(kind=alerts.AGENDA)  # one row, one address
        notify.hand_over(row.pk)  # handed over twice
        assert wait_for(
            lambda: Notification.objects.filter(
                kind=alerts.AGENDA, status="sent"
            ).exists(),
            timeout=60,
        )
        time.sleep(1)  # any duplicate delivery must send nothing
    received = [m for m in mail.outbox if m.to == [ADDRESS]]
    assert len(received) == 1
    message = received[0]
    assert message.subject.startswith("Agenda published: ")
    assert "Healthy Coventry: active travel" in message.body
    for secret in Closed.SECRETS:
        assert secret not in message.body + message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert Notification.objects.get(kind=alerts.AGENDA).attempts == 1
    keep = os.environ.get("ALERT_AS_RECEIVED")
    if keep:  # the alert as a mail server receives it, for the record
        with open(keep, "w") as out:
            out.write(message.message().as_string())
