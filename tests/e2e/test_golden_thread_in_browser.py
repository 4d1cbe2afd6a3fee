"""Sign in, open a meeting and a priority page in real Chromium, take
screenshots, and run axe-core on each page: no serious or critical violation."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
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
