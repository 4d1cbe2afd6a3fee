"""Email alerts in real Chromium: from a board's page, ask for alerts, follow
the emailed link, confirm, manage, unsubscribe; axe-core on every page, at a
desktop and a phone's width."""

import re

import pytest
from django.core import mail

from hwbb import notify
from meetings.models import Subscription
from tests.e2e.browser import check_at_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "resident@example.net"


def _path(url):
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


def test_a_resident_asks_for_confirms_and_manages_alerts(live_server, page, demo_world):
    page.goto(live_server.url + "/alerts/")
    check_at_widths(page, "alerts-index")

    page.goto(live_server.url + "/meetings/bodies/hwb/")
    page.click("text=Get email alerts")
    assert "Get email alerts" in page.inner_text("h1")
    check_at_widths(page, "alerts-subscribe")
    page.click("main form [type=submit]")  # nothing filled in
    assert "Enter your email address" in page.inner_text("main")
    check_at_widths(page, "alerts-subscribe-error")
    page.fill("#id_email", ADDRESS)
    page.check("input[name=frequency][value=weekly]")
    page.click("main form [type=submit]")
    assert "Check your email" in page.inner_text("h1")
    check_at_widths(page, "alerts-sent")

    (message,) = [m for m in mail.outbox if m.to == [ADDRESS]]
    confirm = re.search(r"https?://\S+/alerts/confirm/\S+/", message.body).group(0)
    page.goto(live_server.url + _path(confirm))
    check_at_widths(page, "alerts-confirm")
    page.click("button:has-text('Confirm the alerts')")
    assert "Your alerts are confirmed" in page.inner_text("main")
    assert Subscription.objects.get(email=ADDRESS).is_confirmed
    check_at_widths(page, "alerts-manage")

    page.goto(live_server.url + "/alerts/subscribe/search/?q=housing")
    check_at_widths(page, "alerts-subscribe-search")

    unsubscribe = notify.alert_unsubscribe_url(Subscription.objects.get().pk)
    page.goto(live_server.url + _path(unsubscribe))
    check_at_widths(page, "alerts-unsubscribe")
    page.click("button:has-text('Unsubscribe')")
    assert "You are unsubscribed" in page.inner_text("main")
    check_at_widths(page, "alerts-unsubscribed")
    assert not Subscription.objects.exists()
