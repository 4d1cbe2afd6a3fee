"""A report written on the council's template is printed in the agenda pack
and is also a web page: the agenda links to it beside the pack, and axe-core
finds no serious or critical violation on it, at a desktop's and a phone's
width, read by the public and by the officer who edits it."""

import pytest

from meetings import services
from meetings.models import Report
from tests.e2e.browser import check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Housing and Homelessness One Coventry Approach"


def _open_from_the_agenda(page, live_server, meeting):
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    main = page.inner_text("main")
    assert "Agenda pack (PDF" in main
    page.click(f"text=Read the report: {TITLE}")
    assert page.inner_text("h1") == TITLE


@pytest.mark.parametrize("username", [None, "officer"])
def test_a_template_report_is_a_web_page(live_server, demo_world, page, username):
    meeting = demo_world["meeting"]
    report = Report.objects.get(agenda_item__meeting=meeting, title=TITLE)
    assert report.purpose  # written on the template, not uploaded
    services.agenda_pack_build(meeting=meeting)  # the demo builds none
    if username:
        sign_in(page, live_server, username)
    _open_from_the_agenda(page, live_server, meeting)
    main = page.inner_text("main")
    assert "1. Purpose" in main and report.purpose[:60] in main
    check_at_widths(page, f"template-report-{username or 'public'}")
