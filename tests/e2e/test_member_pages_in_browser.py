"""A member asks in Chromium for an entry in their register; an officer
approves it from the queue; the member's page and the board's register then
show it. axe-core on each page at a desktop and a phone width: the member's
register and its change form, the officers' queue and a change, the
member's page and the board's register."""

import pytest

from meetings.models import Interest, InterestChange, Person
from tests.e2e.browser import check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENTRY = "Trustee of the Coventry Carers' Centre"


def test_member_asks_officer_approves_and_the_register_shows_it(
    live_server, demo_world, page
):
    url = live_server.url
    member = Person.objects.get(user__username="member")
    sign_in(page, live_server, "member")
    page.goto(f"{url}/meetings/interests/")
    page.select_option("#id_kind", "membership")
    page.fill("#id_description", ENTRY)
    with page.expect_navigation():
        page.click("text=Ask to add to my register")
    assert "Sent for approval" in page.inner_text("main")
    assert not Interest.objects.filter(description=ENTRY).exists()
    check_at_widths(page, "register-mine")
    Interest.objects.create(person=member, kind="gift", description="Dinner")
    entry = Interest.objects.get(description="Dinner")
    page.goto(f"{url}/meetings/interests/{entry.pk}/change/")
    check_at_widths(page, "register-change-form")

    page.context.clear_cookies()
    sign_in(page, live_server, "officer")
    page.goto(f"{url}/meetings/interests/changes/")
    assert member.display_name in page.inner_text("main")
    check_at_widths(page, "register-queue")
    change = InterestChange.objects.get(description=ENTRY)
    page.goto(f"{url}/meetings/interests/changes/{change.pk}/")
    check_at_widths(page, "register-change")
    page.check("input[name=decision][value=approve]")
    with page.expect_navigation():
        page.click("text=Record the decision")
    assert "Approved" in page.inner_text("main")
    assert Interest.objects.filter(description=ENTRY, person=member).exists()

    page.context.clear_cookies()
    page.goto(f"{url}/meetings/people/{member.pk}/?year=2018")
    assert ENTRY in page.inner_text("main")
    check_at_widths(page, "member-page")
    page.goto(f"{url}/meetings/bodies/hwb/interests/")
    assert ENTRY in page.inner_text("main")
    check_at_widths(page, "body-register")
