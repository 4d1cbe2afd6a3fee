"""The meetings calendar by month and the upcoming lists, with a cancelled
meeting, in real Chromium: axe-core's WCAG 2.2 AA checks at a desktop and a
phone width, nothing wider than the phone, "Cancelled" in words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from tests import factories
from tests.e2e.browser import check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cancelled(db):
    hwb = factories.BodyFactory()
    start = timezone.localtime() + datetime.timedelta(days=3)
    start = start.replace(hour=14, minute=0, second=0, microsecond=0)
    factories.MeetingFactory(
        body=hwb, start=start + datetime.timedelta(days=1), status="scheduled"
    )
    meeting = factories.MeetingFactory(
        body=factories.BodyFactory(
            name="Coventry Health and Wellbeing Board Executive", slug="hwb-exec"
        ),
        start=start,
        status="scheduled",
        minutes_status="none",
    )
    services.meeting_cancel(
        meeting=meeting, reason="Not quorate: the meeting will be rearranged."
    )
    return meeting


@pytest.mark.parametrize("username", [None, "member"])
def test_month_view_and_upcoming_lists_pass_axe(
    live_server, page, cancelled, username, request
):
    if username:
        user = request.getfixturevalue(username)
        sign_in(page, live_server, user.username)
    day = timezone.localdate(cancelled.start)
    month = reverse("meetings:calendar_month", args=[day.year, day.month])
    pages = {
        "calendar-month": month,
        "home-upcoming": reverse("home"),
        "meetings-list": reverse("meetings:list"),
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert "Cancelled" in page.inner_text("main")
        check_at_widths(page, f"{name}-{username or 'public'}")
