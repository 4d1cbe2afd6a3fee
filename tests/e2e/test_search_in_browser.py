"""Search in real Chromium, with axe-core on the results and on a mistake."""

import pytest

from tests.e2e.browser import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_searches_and_sees_the_words_highlighted(live_server, page, demo_world):
    page.goto(live_server.url + "/")
    page.click("header >> text=Search")
    page.fill("#id_q", "homelessness")
    page.select_option("#id_body", "hwb")
    page.click("main button:has-text('Search')")
    main = page.inner_text("main")
    assert "results" in main
    assert "Housing and Homelessness" in main
    assert page.locator("main ol mark").count() > 0
    page.screenshot(path="/tmp/search.png", full_page=True)
    check(page, "search-results")
    page.locator("main ol h2 a").first.click()
    assert "Homelessness" in page.inner_text("main")


def test_a_mistake_in_a_filter_is_explained(live_server, page, demo_world):
    page.goto(live_server.url + "/search/?q=health&since=8+April")
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter the date like 2019-04-08" in summary
    page.screenshot(path="/tmp/search-error.png", full_page=True)
    check(page, "search-error")
