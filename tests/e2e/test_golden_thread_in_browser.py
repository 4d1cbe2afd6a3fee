"""Sign in, open a meeting and a priority page in real Chromium, take
screenshots, and run axe-core on each page: no serious or critical violation."""

import pytest
from django.contrib.auth.models import User

from tests.e2e.browser import PASSWORD, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_follows_the_golden_thread(live_server, page, demo_world):
    page.goto(live_server.url + "/")
    assert "Coventry Health and Wellbeing Board" in page.inner_text("h1")
    check(page, "home")

    page.click("text=Sign in")
    check(page, "login")
    page.fill("#id_login", "member")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert "Signed in as Liz Gaulton" in page.inner_text("header")

    page.goto(live_server.url + demo_world["meeting"].get_absolute_url())
    assert "Housing and Homelessness One Coventry Approach" in page.content()
    check(page, "meeting")

    page.goto(live_server.url + f"/meetings/{demo_world['minutes'].pk}/minutes/")
    assert "RESOLVED that" in page.content()
    check(page, "minutes")

    page.goto(live_server.url + demo_world["priority"].get_absolute_url())
    body = page.inner_text("main")
    headings = ("Indicators: are outcomes moving?", "Progress reports", "Timeline")
    for heading in (*headings, "Actions"):
        assert heading in body
    assert "Minute 44/18: Young People and Violence" in body
    check(page, "priority")

    page.click("header >> text=My actions")
    assert page.locator("table tbody tr").count() > 0
    check(page, "my-actions")


def test_officer_turns_a_resolution_clause_into_an_action(
    live_server, page, demo_world
):
    officer = User.objects.get(username="officer")
    officer.set_password(PASSWORD)
    officer.save()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_login", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server.url + f"/meetings/{demo_world['minutes'].pk}/minutes/")
    page.click("#minute-44 >> text=Create an action from clause (2)")
    assert "Youth Violence Reduction Board" in page.input_value("#id_title")
    page.click("text=Create action")  # no owner, no date: a clear error
    assert "There is a problem" in page.inner_text("main")
    assert "Choose an owner" in page.inner_text(".govuk-error-summary")
    check(page, "action-form-errors")

    page.select_option("#id_owner_person", label="Liz Gaulton")
    page.fill("#id_due_date_0", "1")
    page.fill("#id_due_date_1", "4")
    page.fill("#id_due_date_2", "2027")
    page.click("text=Create action")
    assert "Action created" in page.inner_text("main")
    assert "1 April 2027" in page.inner_text("main")
    check(page, "action")
