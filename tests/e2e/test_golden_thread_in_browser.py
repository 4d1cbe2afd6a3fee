"""Sign in, open a meeting and a priority page in real Chromium, take
screenshots, and run axe-core on each page: no serious or critical violation."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.db import connections
from playwright.sync_api import sync_playwright

from hwbb import demo
from meetings.models import Meeting
from strategy.models import Priority

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
}
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def page(chromium_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser.new_page(viewport={"width": 1100, "height": 900})
        browser.close()
        # Inside Playwright's event loop the ORM keys its connection on the loop's
        # context, so the test's queries used a connection of their own: close it,
        # or the test database cannot be dropped at the end of the run.
        connections.close_all()


@pytest.fixture
def demo_world(db):
    demo.load()
    member = User.objects.get(username="member")
    member.set_password(PASSWORD)
    member.save()
    return {
        "meeting": Meeting.objects.get(start__date="2019-07-08", body__slug="hwb"),
        "minutes": Meeting.objects.get(start__date="2019-04-08", body__slug="hwb"),
        "priority": Priority.objects.get(slug__startswith="2019-p2"),
    }


def _check(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    results = Axe().run(page, options=WCAG)
    serious = [
        v
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, results.generate_report()


def test_member_follows_the_golden_thread(live_server, page, demo_world):
    page.goto(live_server.url + "/")
    assert "Coventry Health and Wellbeing Board" in page.inner_text("h1")
    _check(page, "home")

    page.click("text=Sign in")
    _check(page, "login")
    page.fill("#id_username", "member")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    assert "Signed in as Liz Gaulton" in page.inner_text("header")

    page.goto(live_server.url + demo_world["meeting"].get_absolute_url())
    assert "Housing and Homelessness One Coventry Approach" in page.content()
    _check(page, "meeting")

    page.goto(live_server.url + f"/meetings/{demo_world['minutes'].pk}/minutes/")
    assert "RESOLVED that" in page.content()
    _check(page, "minutes")

    page.goto(live_server.url + demo_world["priority"].get_absolute_url())
    body = page.inner_text("main")
    for heading in ("Indicators: are outcomes moving?", "Decisions", "Actions"):
        assert heading in body
    assert "Minute 44/18: Young People and Violence" in body
    _check(page, "priority")

    page.click("header >> text=My actions")
    assert page.locator("table tbody tr").count() > 0
    _check(page, "my-actions")


def test_officer_turns_a_resolution_clause_into_an_action(
    live_server, page, demo_world
):
    officer = User.objects.get(username="officer")
    officer.set_password(PASSWORD)
    officer.save()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server.url + f"/meetings/{demo_world['minutes'].pk}/minutes/")
    page.click("#minute-44 >> text=Create an action from clause (2)")
    assert "Youth Violence Reduction Board" in page.input_value("#id_title")
    page.click("text=Create action")  # no owner, no date: a clear error
    assert "There is a problem" in page.inner_text("main")
    assert "Choose an owner" in page.inner_text(".govuk-error-summary")
    _check(page, "action-form-errors")

    page.select_option("#id_owner_person", label="Liz Gaulton")
    page.fill("#id_due_date_0", "1")
    page.fill("#id_due_date_1", "4")
    page.fill("#id_due_date_2", "2027")
    page.click("text=Create action")
    assert "Action created" in page.inner_text("main")
    assert "1 April 2027" in page.inner_text("main")
    _check(page, "action")
