"""An officer records a substitute in Chromium on the demo's 8 April 2019
meeting: the form shows it again when reopened, and the minutes print the
substitute "substitute for" the member, who is under apologies. axe-core on
the form and the minutes; screenshots at a desktop and a phone width."""

import pytest

from meetings.models import Attendance, Meeting, Membership, Person
from tests.e2e.browser import ARTIFACTS, check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page):
    """Press Save and wait for the page it leads to."""
    with page.expect_navigation():
        page.click("text=Save attendance")
    assert "Attendance saved." in page.inner_text("main")


def _seat_and_substitute(meeting):
    seats = Membership.objects.current_on(meeting.start.date()).seats()
    seat = seats.filter(body=meeting.body).order_by("person__family_name").first()
    outsider = Person.objects.exclude(memberships__body=meeting.body)
    return seat.person, outsider.order_by("family_name").first()


def test_officer_records_a_substitute_and_the_minutes_print_it(
    live_server, demo_world, page
):
    april = demo_world["minutes"]
    # attendance is recorded before the minutes are approved: once they are
    # signed it is part of the signed record and the form is closed
    Meeting.objects.filter(pk=april.pk).update(
        minutes_status=Meeting.MinutesStatus.PUBLISHED_DRAFT
    )
    member, substitute = _seat_and_substitute(april)
    sign_in(page, live_server, "officer")
    form = f"{live_server.url}/meetings/{april.pk}/attendance/"
    page.goto(form)
    # the imported attendance, saved unchanged, stays as it is
    rows = list(Attendance.objects.order_by("pk").values())
    history = Attendance.history.count()
    _save(page)
    assert list(Attendance.objects.order_by("pk").values()) == rows
    assert Attendance.history.count() == history

    page.select_option(f"#id_status_{member.pk}", "substitute")
    page.select_option(f"#id_substitute_{member.pk}", str(substitute.pk))
    _save(page)

    page.goto(form)
    assert page.input_value(f"#id_status_{member.pk}") == "substitute"
    assert page.input_value(f"#id_substitute_{member.pk}") == str(substitute.pk)
    history = Attendance.history.count()
    _save(page)
    assert Attendance.history.count() == history
    check_at_widths(page, "attendance-form")

    page.goto(f"{live_server.url}/meetings/{april.pk}/minutes/")
    main = page.inner_text("main")
    assert f"(substitute for {member})" in main
    assert f"(substituted by {substitute})" in main
    check_at_widths(page, "attendance-minutes")
    pdf = page.request.get(f"{live_server.url}/meetings/{april.pk}/minutes.pdf")
    assert pdf.ok
    (ARTIFACTS / "attendance-minutes.pdf").write_bytes(pdf.body())
