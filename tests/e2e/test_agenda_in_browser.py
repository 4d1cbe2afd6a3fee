"""An officer builds and publishes an agenda in Chromium; the chair signs it off;
axe-core finds no serious or critical violation on the pages they use."""

import pytest
from django.contrib.auth.models import User

from meetings.models import Meeting
from tests.e2e.test_golden_thread_in_browser import (  # noqa: F401
    PASSWORD,
    _check,
    demo_world,
    page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(tab, live_server, username):
    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    tab.goto(live_server.url + "/accounts/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")


def test_officer_builds_and_publishes_an_agenda(live_server, demo_world, page):  # noqa: F811
    meeting = Meeting.objects.filter(status="scheduled").order_by("start").first()
    _sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    assert "Welcome and Apologies for Absence" in page.inner_text("main")
    _check(page, "agenda-builder")

    page.click("text=Add an item")
    page.fill("#id_title", "Better Care Fund quarterly return")
    page.fill("#id_presenter", "Report of the Director of Adult Services")
    page.click("main [type=submit]")
    assert "Item 5 saved." in page.inner_text("main")

    page.click("text=Publish")
    _check(page, "publish")

    page.context.clear_cookies()
    _sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.click("text=Sign off the agenda")
    assert "Agenda signed off" in page.inner_text("main")

    page.context.clear_cookies()
    _sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/publish/")
    page.click("main [type=submit]")
    assert "Agenda published" in page.inner_text("main")
    assert "Agenda pack (PDF" in page.inner_text("main")
    _check(page, "published-meeting")

    page.goto(f"{live_server.url}/meetings/forward-plan/hwb/")
    assert "Better Care Fund" in page.inner_text("main")
    _check(page, "forward-plan")
    page.goto(f"{live_server.url}/meetings/attendance/hwb/?year=2018")
    _check(page, "attendance-stats")


def test_officer_writes_minutes_and_reads_the_logs(live_server, demo_world, page):  # noqa: F811
    meeting = Meeting.objects.filter(status="scheduled").order_by("start").first()
    _sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/manage/")
    _check(page, "minutes-manage")
    page.click("text=Add a minute")
    page.fill("#id_title", "Declarations of Interest")
    page.fill("#id_narrative", "<p>There were no declarations of interest.</p>")
    _check(page, "minute-form")
    page.click("main [type=submit]")
    assert "saved" in page.inner_text("main")
    page.click("text=Resolution")
    page.fill("#id_clauses", "The content of the report be noted.")
    page.click("main [type=submit]")
    assert "Resolution of minute" in page.inner_text("main")

    page.goto(f"{live_server.url}/meetings/actions/log/hwb/")
    assert "Action log" in page.inner_text("h1")
    _check(page, "action-log")
    page.goto(f"{live_server.url}/meetings/decisions/?verb=endorsed")
    assert "Young People and Violence" in page.inner_text("main")
    _check(page, "decisions")
