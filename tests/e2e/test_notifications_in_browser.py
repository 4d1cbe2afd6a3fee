"""Email settings, the one-click unsubscribe page and the officers' email log
in real Chromium, with axe-core on each."""

import pytest

from hwbb import notify
from hwbb.models import Notification
from meetings.models import Person
from tests.e2e.browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_chooses_a_digest_and_an_officer_reads_the_log(
    live_server, page, demo_world
):
    gaulton = Person.objects.get(display_name="Liz Gaulton")
    token = notify.unsubscribe_token(gaulton, "declarations")
    page.goto(live_server.url + f"/notifications/unsubscribe/{token}/")
    check(page, "unsubscribe")
    page.click("text=Stop these emails")
    assert "You are unsubscribed" in page.inner_text("main")
    check(page, "unsubscribed")

    sign_in(page, live_server, "member")
    page.click("header >> text=Email settings")
    page.check("#id_action_due_soon_1")  # a weekly digest
    page.click("text=Save the settings")
    assert "were saved" in page.inner_text("main")
    check(page, "email-settings")
    page.click("text=Sign out")

    Notification.objects.create(
        key="e2e-failed",
        kind="action_overdue",
        person=gaulton,
        email=gaulton.email,
        target=gaulton,
        about="Review governance of the Youth Violence Reduction Board",
        status="failed",
        attempts=6,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    sign_in(page, live_server, "officer")
    page.click("header >> text=Email log")
    assert "1 failed" in page.inner_text("main")
    check(page, "email-log")
