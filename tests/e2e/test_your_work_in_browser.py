"""Each role signs in through the page in Chromium and lands on its own work;
every page the work leads to that this cycle of work added (the body's hub,
the next-step panel, the confirmation pages, "My actions" with the
organisation's list, decisions between meetings) passes axe-core at a desktop
and a phone width with nothing overflowing sideways."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Report, UrgentDecision
from strategy.models import Pillar
from tests.e2e.browser import check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _lands_on_your_work(page, live_server, username):
    with page.expect_navigation():
        sign_in(page, live_server, username)
    page.wait_for_load_state()
    assert page.url == live_server.url + "/your-work/", page.url
    assert page.inner_text("h1") == "Your work"
    check_at_widths(page, f"your-work-{username}")
    return page.inner_text("main")


def _visit(page, live_server, path, name, expect):
    response = page.goto(live_server.url + path)
    assert response.ok, (path, response.status)
    assert expect in page.inner_text("main"), (path, expect)
    check_at_widths(page, name)


def _next_meeting():
    return (
        Meeting.objects.filter(body__slug="hwb", start__gte=timezone.now())
        .order_by("start")
        .first()
    )


def test_the_officers_work_and_back_office(live_server, demo_world, page):
    work = _lands_on_your_work(page, live_server, "officer")
    assert "to build and sign off by" in work
    meeting = _next_meeting()
    _visit(page, live_server, "/meetings/bodies/hwb/", "body-hub", "Schedule a meeting")
    _visit(page, live_server, f"/meetings/{meeting.pk}/", "next-step", "Next step")
    _visit(
        page,
        live_server,
        f"/meetings/{meeting.pk}/cancel/",
        "cancel-confirm",
        "This cannot be undone",
    )
    _visit(
        page,
        live_server,
        "/meetings/between-meetings/hwb/",
        "urgent-list",
        "between meetings",
    )
    _visit(
        page,
        live_server,
        "/meetings/between-meetings/hwb/new/",
        "urgent-new",
        "Why it cannot wait",
    )
    _visit(
        page,
        live_server,
        "/meetings/attendance/hwb/?year=2018",
        "attendance-stats",
        "By organisation",
    )
    _visit(page, live_server, "/meetings/forward-plan/hwb/", "forward-plan", "plan")
    decision = UrgentDecision.objects.first()
    _visit(page, live_server, decision.get_absolute_url(), "urgent", decision.title)
    # nothing was cancelled by looking
    meeting.refresh_from_db()
    assert meeting.status != Meeting.Status.CANCELLED


def test_the_chairs_work(live_server, demo_world, page):
    work = _lands_on_your_work(page, live_server, "chair")
    assert "Agenda to sign off" in work
    page.click("main a:has-text('Agenda to sign off')")
    page.wait_for_load_state()
    check_at_widths(page, "chair-agenda-from-work")


def test_the_authors_work(live_server, demo_world, page):
    author = User.objects.get(username="author")
    meeting = _next_meeting()
    report = Report.objects.create(
        title="Housing and health: a returned draft",
        body=meeting.body,
        meeting=meeting,
        purpose="To note.",
        recommendations="Note the report.",
        primary_pillar=Pillar.objects.filter(framework__slug="kings-fund").first(),
    )
    report.authors.add(author.person)
    report.priorities.add(demo_world["priority"])
    services.report_submit(report=report, user=author)
    officer = User.objects.get(username="officer")
    services.report_return(
        report=report, user=officer, comments="Add the costs of the scheme."
    )
    work = _lands_on_your_work(page, live_server, "author")
    assert "1 report returned with comments" in work
    page.click("main a:has-text('report returned with comments')")
    page.wait_for_load_state()
    assert "Add the costs of the scheme." in page.inner_text("main")
    check_at_widths(page, "returned-report")


@pytest.mark.parametrize("username", ["member", "lead"])
def test_a_members_and_a_leads_actions(live_server, demo_world, page, username):
    work = _lands_on_your_work(page, live_server, username)
    assert "actions" in work
    expect = "My organisation's actions" if username == "lead" else "Your actions"
    mine = "/meetings/actions/mine/"
    _visit(page, live_server, mine, f"my-actions-{username}", expect)


OFFICERS_PAGES = [
    "/notifications/log/",
    "/audit/",
    "/strategy/progress/",
    "/strategy/interconnections/",
    "/indicators/",
    "/indicators/watchlist/",
    "/indicators/import/",
    "/meetings/actions/log/hwb/",
    "/meetings/reports/",
    "/meetings/imports/",
    "/meetings/decisions/",
    "/admin/",
]


def test_no_page_an_officer_works_on_overflows_a_phone(live_server, demo_world, page):
    """Wide tables scroll inside their own region, or stack; the page itself
    is never wider than the phone."""
    sign_in(page, live_server, "officer")
    page.wait_for_load_state()
    page.set_viewport_size({"width": 390, "height": 844})
    wide = {}
    for path in OFFICERS_PAGES:
        assert page.goto(live_server.url + path).ok, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert not wide, f"wider than 390 px: {wide}"
