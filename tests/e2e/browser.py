"""What the browser tests share: Chromium's flags, the axe-core check, and
signing in through the page."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User

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


def check(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    results = Axe().run(page, options=WCAG)
    serious = [
        v
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, results.generate_report()


def check_at_widths(page, name):
    """axe-core at a desktop and at a phone width, where nothing may overflow
    sideways and the header's links, wrapped onto rows, stay 24 px targets."""
    page.set_viewport_size({"width": 1280, "height": 900})
    check(page, f"{name}-wide")
    page.set_viewport_size({"width": 390, "height": 844})
    check(page, f"{name}-narrow")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: {width} px wide at a phone's 390 px"


def sign_in(tab, live_server, username):
    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    tab.goto(live_server.url + "/accounts/login/")
    tab.fill("#id_login", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
