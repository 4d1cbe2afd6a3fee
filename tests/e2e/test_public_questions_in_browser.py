"""A resident sends a question from a meeting's page in Chromium, an officer
accepts it from the queue, and the question's page shows it: the form (with
its errors), the queue and the question's page pass axe-core at a desktop
and a phone width with nothing overflowing sideways."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting, PublicQuestion
from tests.e2e.browser import check_at_widths, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_meeting():
    """A meeting of the board to come that takes questions now."""
    for meeting in (
        Meeting.objects.filter(body__slug="hwb", start__gte=timezone.now())
        .select_related("body")
        .order_by("start")
    ):
        if meeting.questions_state() == Meeting.QUESTIONS_OPEN:
            return meeting
    previous = Meeting.objects.filter(body__slug="hwb").first()
    return Meeting.objects.create(
        body=previous.body,
        start=timezone.now() + datetime.timedelta(days=40),
        venue="Committee Room 3 - Council House",
    )


def test_a_resident_asks_and_an_officer_accepts(live_server, demo_world, page):
    meeting = _open_meeting()
    page.goto(live_server.url + meeting.get_absolute_url())
    page.click("text=Ask a question or ask to speak")
    assert page.inner_text("h1") == "Ask a question or ask to speak"
    page.click("#submit-id-submit")  # nothing filled in: the errors
    assert "There is a problem" in page.inner_text("main")
    check_at_widths(page, "question-form-errors")
    page.check("#id_kind_1")  # a question
    page.fill("#id_text", "Will the Better Care Fund plan cut delayed discharges?")
    page.fill("#id_name", "Ruth Resident")
    page.check("#id_lived_experience")
    page.fill("#id_email", "ruth@example.org")
    page.click("#submit-id-submit")
    page.wait_for_load_state()
    assert "Your question has been sent" in page.inner_text("main")
    check_at_widths(page, "question-sent")
    question = PublicQuestion.objects.get(meeting=meeting)
    assert question.status == "submitted"

    sign_in(page, live_server, "officer")
    page.wait_for_load_state()
    page.goto(live_server.url + f"/meetings/{meeting.pk}/questions/")
    assert "Waiting for a decision (1)" in page.inner_text("main")
    check_at_widths(page, "questions-review")
    with page.expect_navigation():
        page.click("button:has-text('Accept')")
    assert "Decided (1)" in page.inner_text("main")
    check_at_widths(page, "questions-review-decided")

    page.goto(live_server.url + question.get_absolute_url())
    check_at_widths(page, "question-page")
    another = PublicQuestion.objects.create(
        meeting=meeting,
        name="Sam Patel",
        organisation="Coventry Carers Centre",
        kind="speak",
        email="sam@example.org",
        text="Respite care for unpaid carers in the north of the city.",
        fingerprint="e2e",
    )
    for step, expect in (
        ("refuse", "Why is it refused?"),
        ("merge", "Merge it into which question?"),
    ):
        page.goto(live_server.url + f"/meetings/questions/{another.pk}/{step}/")
        assert expect in page.inner_text("main")
        check_at_widths(page, f"question-{step}")
    page.goto(live_server.url + f"/meetings/questions/{question.pk}/answer/")
    assert "The answer given at the meeting" in page.inner_text("main")
    check_at_widths(page, "question-answer")
    page.context.clear_cookies()
    page.goto(live_server.url + question.get_absolute_url())
    main = page.inner_text("main")
    assert "Will the Better Care Fund plan cut delayed discharges?" in main
    assert "ruth@example.org" not in page.content()
    check_at_widths(page, "question-page-public")
