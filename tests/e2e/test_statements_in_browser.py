"""The accessibility statement and the privacy notice in real Chromium: they
pass axe-core's WCAG 2.2 AA checks and fit a phone's width, since a statement
about accessibility that is not accessible itself would be no statement."""

import pytest

from tests.e2e.browser import check_at_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/"])
def test_the_statements_pass_axe_at_desktop_and_phone_widths(live_server, page, path):
    page.goto(live_server.url + path)
    assert "Coventry City Council" in page.inner_text("main")
    check_at_widths(page, "statement" + path.replace("/", "-").rstrip("-"))
    footer = page.locator("footer")
    assert footer.get_by_role("link", name="Accessibility statement").count() == 1
    assert footer.get_by_role("link", name="Privacy and cookies").count() == 1
