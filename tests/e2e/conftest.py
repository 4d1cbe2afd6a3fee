import os

# Playwright's sync API runs an event loop in the test thread; the test itself
# only sets data up through the ORM before and between page loads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connections  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from meetings import demo  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from strategy.models import Priority  # noqa: E402
from tests.e2e.browser import CHROMIUM_ARGS, PASSWORD  # noqa: E402


@pytest.fixture
def page(chromium_path):
    """A Chromium tab; the test fails if the Content-Security-Policy refused
    anything on any page it opened (an inline script, a foreign file)."""
    refused = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1100, "height": 900})
        tab.on(
            "console",
            lambda m: (
                refused.append(f"{tab.url}: {m.text}")
                if "Content Security Policy" in m.text
                else None
            ),
        )
        yield tab
        browser.close()
        # Inside Playwright's event loop the ORM keys its connection on the loop's
        # context, so the test's queries used a connection of their own: close it,
        # or the test database cannot be dropped at the end of the run.
        connections.close_all()
    assert not refused, "\n".join(refused)


@pytest.fixture
def demo_world(db):
    demo.load(papers=False)
    member = User.objects.get(username="member")
    member.set_password(PASSWORD)
    member.save()
    return {
        "meeting": Meeting.objects.get(start__date="2019-07-08", body__slug="hwb"),
        "minutes": Meeting.objects.get(start__date="2019-04-08", body__slug="hwb"),
        "priority": Priority.objects.get(slug__startswith="2019-p2"),
    }
