"""The strategy's working pages in real Chromium, with axe-core on each: the
progress-report cycle from the lead's banner to the agenda, the tagging
coverage and a tag correction, the interconnections matrix, frameworks and the
overview."""

import pytest

from strategy.models import ProgressReport
from tests.e2e.browser import check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_writes_a_return_and_the_officer_puts_it_on_the_agenda(
    live_server, page, demo_world
):
    sign_in(page, live_server, "member")
    # signing in lands on "Your work", which names the return asked of her
    assert page.url.endswith("/your-work/")
    assert "1 progress return asked of you" in page.inner_text("main")
    check(page, "your-work-with-return-asked")
    page.goto(live_server.url + "/")
    banner = page.locator(".govuk-notification-banner")
    assert "asked you for 1 progress report" in banner.inner_text()
    check(page, "home-with-return-asked")
    banner.locator("text=Write it").click()
    check(page, "progress-mine")
    page.click("main table >> text=Improving mental health for all")
    page.click("text=Write the progress report")
    page.check("input[value=amber]")
    page.fill("#id_progress", "Kooth went live in Coventry on 12 April 2021.")
    page.fill("#id_deliverables", "Suicide prevention plan refreshed.")
    page.fill("#id_next_steps", "Align with the Coventry and Warwickshire plan.")
    page.click("text=Submit the progress report")
    assert "Say why the status is amber" in page.inner_text(".govuk-error-summary")
    check(page, "progress-submit-error")
    page.fill("#id_rag_narrative", "Waiting times for CAMHS remain long.")
    page.click("text=Submit the progress report")
    assert "Your progress report was submitted" in page.inner_text("main")
    page.click("text=Sign out")

    sign_in(page, live_server, "officer")
    page.goto(live_server.url + "/strategy/progress/")
    assert "Submitted: to review" in page.inner_text("main")
    check(page, "progress-list")
    page.click("main table >> text=Improving mental health for all")
    page.check("input[value=accept]")
    page.select_option("#id_meeting", index=1)
    page.select_option("#id_section", index=1)  # the body has sections: choose one
    check(page, "progress-review")
    page.click("text=Save the review")
    main = page.inner_text("main")
    assert "was accepted and put on the agenda" in main
    assert "RAG: Amber" in main
    report = ProgressReport.objects.get(status="on_agenda")
    assert (
        report.agenda_item.title == "Progress report: Improving mental health for all"
    )


def test_officer_tags_an_item_from_the_coverage_page(live_server, page, demo_world):
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + "/strategy/coverage/")
    check(page, "coverage")
    page.locator("main table >> text=Tag it").first.click()
    check(page, "tags-edit")
    page.select_option("#id_primary_pillar", index=1)
    page.locator("input[name=priorities]").first.check()
    page.fill("#id_reason", "Tagged at the coverage review")
    page.click("text=Save the tags")
    main = page.inner_text("main")
    assert "The tags were corrected" in main
    assert "Tagged at the coverage review" in main
    check(page, "tags-history")


def test_anyone_reads_the_interconnections_frameworks_and_overview(
    live_server, page, demo_world
):
    page.goto(live_server.url + "/strategy/interconnections/")
    check(page, "interconnections")
    page.locator(".app-matrix a").first.click()
    assert "Tagged to" in page.inner_text("main")
    check(page, "interconnections-items")
    page.goto(live_server.url + "/strategy/frameworks/")
    assert "Marmot's eight principles" in page.inner_text("main")
    check(page, "frameworks")
    page.goto(live_server.url + "/strategy/")
    assert "How the priorities changed between versions" in page.inner_text("main")
    check(page, "strategy-overview")


def test_officer_opens_the_new_framework_form(live_server, page, demo_world):
    sign_in(page, live_server, "officer")
    page.goto(live_server.url + "/strategy/frameworks/new/")
    page.click("text=Save the framework")
    assert "There is a problem" in page.inner_text("main")
    check(page, "framework-form-errors")
