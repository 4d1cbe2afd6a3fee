"""Exempt (Part 2) content is shown only to officers and the body's own members:
on the agenda, in the minutes, on the action page and on the priority page."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests import factories

SEES_CLOSED = factories.Closed.SEES
CLOSED_TITLE = factories.Closed.TITLE
OPEN_TITLE = factories.Closed.OPEN_TITLE
CLOSED_TEXT = factories.Closed.TEXT
CLOSED_CLAUSE = factories.Closed.CLAUSE


def _page(client, name, *args):
    response = client.get(reverse(name, args=args))
    return response.status_code, response.content.decode()


def test_agenda_shows_exempt_title_only_to_members_and_officers(
    persona, client, exempt
):
    role, _ = persona
    status, html = _page(client, "meetings:detail", exempt["meeting"].pk)
    assert status == 200
    assert OPEN_TITLE in html
    assert "Paragraph 3: financial or business affairs" in html
    assert (CLOSED_TITLE in html) == (role in SEES_CLOSED)


def test_minutes_show_exempt_item_only_to_members_and_officers(persona, client, exempt):
    role, _ = persona
    status, html = _page(client, "meetings:minutes", exempt["meeting"].pk)
    assert status == 200
    assert "Paragraph 3: financial or business affairs" in html
    for secret in (CLOSED_TITLE, CLOSED_TEXT, CLOSED_CLAUSE):
        assert (secret in html) == (role in SEES_CLOSED), secret
    if role not in SEES_CLOSED:
        assert "Exempt item" in html


def test_action_from_exempt_minute_is_hidden(persona, client, exempt):
    role, _ = persona
    status, _ = _page(client, "meetings:action", exempt["action"].pk)
    assert status == (200 if role in SEES_CLOSED else 404)


def test_priority_page_does_not_leak_exempt_content(persona, client, exempt):
    role, _ = persona
    status, html = _page(client, "strategy:priority", exempt["priority"].slug)
    assert status == 200
    for secret in (CLOSED_TITLE, CLOSED_CLAUSE, factories.Closed.ACTION):
        assert (secret in html) == (role in SEES_CLOSED), secret


def test_member_of_another_body_does_not_see_exempt_content(client, exempt):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    person = factories.PersonFactory(user=factories.UserFactory())
    factories.MembershipFactory(body=cabinet, person=person)
    client.force_login(person.user)
    _, html = _page(client, "meetings:detail", exempt["meeting"].pk)
    assert CLOSED_TITLE not in html


@pytest.mark.parametrize("role", ["anonymous", "member", "officer"])
def test_draft_agenda_and_minutes_are_for_officers(role, request, client, hwb):
    meeting = factories.MeetingFactory(
        body=hwb,
        agenda_status=Meeting.AgendaStatus.DRAFT,
        minutes_status=Meeting.MinutesStatus.DRAFT,
    )
    factories.AgendaItemFactory(meeting=meeting, title="Draft item title")
    factories.MinuteFactory(meeting=meeting, title="Draft minute title")
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    _, agenda = _page(client, "meetings:detail", meeting.pk)
    _, minutes = _page(client, "meetings:minutes", meeting.pk)
    assert ("Draft item title" in agenda) == (role == "officer")
    assert ("Draft minute title" in minutes) == (role == "officer")


@pytest.mark.parametrize("role", ["anonymous", "author", "member", "officer"])
def test_action_set_without_a_minute_is_for_the_body(role, request, client, hwb):
    action = factories.ActionFactory(body=hwb, minute=None, title="Register for Thrive")
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    status, _ = _page(client, "meetings:action", action.pk)
    assert status == (200 if role in ("member", "officer") else 404)


def test_item_page_shows_exempt_title_only_to_members_and_officers(
    persona, client, exempt
):
    role, _ = persona
    item = exempt["meeting"].agenda_items.get(is_exempt=True)
    status, html = _page(client, "meetings:item", exempt["meeting"].pk, item.pk)
    assert status == 200
    assert OPEN_TITLE in html
    for secret in (CLOSED_TITLE, CLOSED_TEXT):
        assert (secret in html) == (role in SEES_CLOSED), secret


def test_minutes_pdf_shows_exempt_content_only_to_members_and_officers(
    persona, client, exempt
):
    import io

    from pypdf import PdfReader

    role, _ = persona
    response = client.get(reverse("meetings:minutes_pdf", args=[exempt["meeting"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "RESOLVED that" in text or role not in SEES_CLOSED
    for secret in (CLOSED_TEXT, CLOSED_CLAUSE):
        assert (secret in " ".join(text.split())) == (role in SEES_CLOSED), secret
    if role not in SEES_CLOSED:
        assert "Exempt item" in text
