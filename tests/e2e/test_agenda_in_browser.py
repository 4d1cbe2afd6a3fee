"""An officer builds and publishes an agenda in Chromium; the chair signs it off;
axe-core finds no serious or critical violation on the pages they use."""

import pytest

from meetings.models import Meeting
from tests.e2e.browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_builds_and_publishes_an_agenda(live_server, demo_world, page):
    meeting = Meeting.objects.filter(status="scheduled").order_by("start").first()
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    assert "Welcome and Apologies for Absence" in page.inner_text("main")
    check(page, "agenda-builder")

    page.click("text=Add an item")
    page.select_option("#id_section", label="Delivery Items")
    page.fill("#id_title", "Better Care Fund quarterly return")
    page.fill("#id_presenter", "Report of the Director of Adult Services")
    page.click("main [type=submit]")
    assert "Item 5 saved." in page.inner_text("main")

    page.click("text=Publish")
    check(page, "publish")

    page.context.clear_cookies()
    sign_in(page, live_server, "chair")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.click("text=Sign off the agenda")
    assert "Agenda signed off" in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/publish/")
    page.click("main [type=submit]")
    assert "Agenda published" in page.inner_text("main")
    assert "Agenda pack (PDF" in page.inner_text("main")
    check(page, "published-meeting")

    page.goto(f"{live_server.url}/meetings/forward-plan/hwb/")
    assert "Better Care Fund" in page.inner_text("main")
    check(page, "forward-plan")
    page.goto(f"{live_server.url}/meetings/attendance/hwb/?year=2018")
    check(page, "attendance-stats")


def test_officer_writes_minutes_and_reads_the_logs(live_server, demo_world, page):
    # minutes are written for a meeting that has taken place: the demo's October
    # 2019 board, whose minutes are not in the seeds
    meeting = Meeting.objects.get(body__slug="hwb", start__date="2019-10-14")
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/manage/")
    check(page, "minutes-manage")
    page.click("text=Add a minute")
    page.fill("#id_title", "Declarations of Interest")
    # the rich-text editor stands in for the narrative's textarea: wait for
    # it, or the role may find the textarea the script is about to hide
    page.locator("#id_narrative-editor").wait_for()
    editor = page.get_by_role("textbox", name="Minute", exact=True)
    editor.fill("There were no declarations of interest.")
    check(page, "minute-form")
    page.click("main [type=submit]")
    assert "saved" in page.inner_text("main")
    page.click("text=Resolution")
    page.fill("#id_clauses", "The content of the report be noted.")
    page.click("main [type=submit]")
    assert "Resolution of minute" in page.inner_text("main")

    page.goto(f"{live_server.url}/meetings/actions/log/hwb/")
    assert "Action log" in page.inner_text("h1")
    check(page, "action-log")
    page.goto(f"{live_server.url}/meetings/decisions/?verb=endorsed")
    assert "Young People and Violence" in page.inner_text("main")
    check(page, "decisions")
