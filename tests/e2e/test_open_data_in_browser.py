"""The API's browsable docs and the API token on My actions, in real Chromium:
the docs load from this server's files and pass axe-core's WCAG 2.2 AA checks,
open or closed, and the token made on the page works for an update, which then
shows on the action's page."""

import json
from urllib.request import Request, urlopen

import pytest
from axe_playwright_python.sync_playwright import Axe

from meetings.models import Action
from tests.e2e.browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_vendored_files(live_server, page, db):
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector("text=/api/actions/{id}/")
    assert "Health and Wellbeing Board open data API" in page.inner_text("body")
    check(page, "api-docs")
    _no_findings_at_all(page)
    page.click(
        "#operations-actions-actions_partial_update button.opblock-summary-control"
    )
    page.click("text=Try it out")
    page.wait_for_selector("text=Request body")
    check(page, "api-docs-action-update")
    _no_findings_at_all(page)
    assert outside == []


def _no_findings_at_all(page):
    """Beyond WCAG's own rules, axe-core's best practice too (headings in
    order, everything in a landmark), which Swagger UI's markup missed until
    static/js/api-docs.js mended it."""
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["nodes"][0]["html"]) for v in violations]


def test_member_makes_a_token_and_updates_an_action_with_it(
    live_server, page, demo_world
):
    sign_in(page, live_server, "member")
    page.goto(live_server.url + "/meetings/actions/mine/")
    page.click("text=Make an API token")
    assert "it will not be shown again" in page.inner_text("main")
    check(page, "api-token")
    token = page.inner_text("#api-token").strip()
    action = Action.objects.filter(
        owner_person__user__username="member", status="not_started"
    ).first()
    body = {
        "status": "on_track",
        "percent_complete": 20,
        "narrative": "Physical Activity Framework delivery plan drafted with partners.",
    }
    request = Request(
        f"{live_server.url}/api/actions/{action.pk}/",
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    with urlopen(request) as response:
        assert json.load(response)["status"] == "on_track"
    page.goto(f"{live_server.url}/meetings/actions/{action.pk}/")
    assert "delivery plan drafted with partners" in page.inner_text("main")
