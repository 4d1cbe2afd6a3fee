"""Owners record progress on their own actions through the API with a token;
nobody else may, and bad input is refused with the form's own messages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from meetings.models import Action, ActionUpdate
from tests import factories

PROGRESS = {
    "status": "at_risk",
    "percent_complete": 40,
    "narrative": "Youth Violence Reduction Board terms of reference drafted.",
}


@pytest.fixture
def owned(member):
    return factories.ActionFactory(owner_person=member.person)


def _api_with(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def _api(user=None):
    api = APIClient()
    if user is not None:
        _record, token = AuthToken.objects.create(user=user)
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def test_owner_updates_own_action_with_a_token(member, owned):
    response = _api(member).patch(f"/api/actions/{owned.pk}/", PROGRESS, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["percent_complete"]) == (
        "at_risk",
        40,
    )
    owned.refresh_from_db()
    assert (owned.status, owned.percent_complete) == ("at_risk", 40)
    update = ActionUpdate.objects.get(action=owned)
    assert update.author == member and update.narrative == PROGRESS["narrative"]


def test_the_same_update_sent_twice_is_recorded_once(member, owned):
    api = _api(member)
    for _ in range(2):
        response = api.patch(f"/api/actions/{owned.pk}/", PROGRESS, format="json")
        assert response.status_code == 200
    assert ActionUpdate.objects.filter(action=owned).count() == 1


def test_someone_elses_action_is_refused(author, owned):
    response = _api(author).patch(f"/api/actions/{owned.pk}/", PROGRESS, format="json")
    # The author may see the action (its minute is public) but not change it.
    assert response.status_code == 403
    assert "owner" in response.json()["detail"]
    owned.refresh_from_db()
    assert owned.status == Action.Status.ON_TRACK


def test_officer_and_chair_may_update_any_action(officer, chair, owned):
    for user in (officer, chair):
        body = {**PROGRESS, "narrative": f"Checked by {user.username}"}
        response = _api(user).patch(f"/api/actions/{owned.pk}/", body, format="json")
        assert response.status_code == 200


def test_without_a_token_nothing_changes(owned):
    response = _api().patch(f"/api/actions/{owned.pk}/", PROGRESS, format="json")
    assert response.status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert bad.patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 401
    assert not ActionUpdate.objects.exists()


def test_an_action_the_user_may_not_see_is_not_found(member, hwb):
    hidden = factories.ActionFactory(
        minute__is_exempt=True,
        minute__exempt_paragraph=1,
        minute__meeting=factories.MeetingFactory(
            body=factories.BodyFactory(slug="cabinet", name="Cabinet")
        ),
        owner_person=factories.PersonFactory(),
    )
    response = _api(member).patch(f"/api/actions/{hidden.pk}/", PROGRESS, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"percent_complete": 140}, "percent_complete", "less than or equal to 100"),
        ({"status": "finished"}, "status", "not a valid choice"),
        ({"narrative": ""}, "narrative", "may not be blank"),
        ({"narrative": "x" * 5001}, "narrative", "no more than 5000"),
        ({"date": "2099-01-01"}, "date", "cannot be in the future"),
        ({"status": "done", "percent_complete": 80}, "percent_complete", "100%"),
        ({"status": "dropped", "percent_complete": 0}, "closing_note", "Say what"),
        ({"date": "1900-01-01"}, "date", "before the action was agreed"),
        ({"title": "Renamed"}, "title", "An update cannot change 'title'"),
    ],
)
def test_bad_updates_are_refused_with_a_message(member, owned, change, field, message):
    """Every error is a list of messages in words, whether REST framework or
    the action page's form found it."""
    body = {**PROGRESS, **change}
    response = _api(member).patch(f"/api/actions/{owned.pk}/", body, format="json")
    assert response.status_code == 400
    errors = response.json()[field]
    assert all(isinstance(e, str) for e in errors), errors
    assert message in " ".join(errors), errors
    assert not ActionUpdate.objects.exists()


def test_a_late_record_of_an_earlier_update_keeps_the_current_status(member, owned):
    """An update dated before the newest one goes in the history; the action
    keeps the newest update's status."""
    api = _api(member)
    today = timezone.localdate()
    newest = {**PROGRESS, "status": "off_track", "percent_complete": 60}
    earlier = {
        **PROGRESS,
        "status": "on_track",
        "percent_complete": 10,
        "narrative": "Terms of reference first discussed.",
        "date": (today - datetime.timedelta(days=1)).isoformat(),
    }
    response = api.patch(f"/api/actions/{owned.pk}/", newest, format="json")
    assert response.status_code == 200
    response = api.patch(f"/api/actions/{owned.pk}/", earlier, format="json")
    assert response.status_code == 200
    owned.refresh_from_db()
    assert (owned.status, owned.percent_complete) == ("off_track", 60)
    assert owned.updates.count() == 2
    closing = {**earlier, "status": "done", "percent_complete": 100}
    closing["closing_note"] = "Terms of reference agreed."
    response = api.patch(f"/api/actions/{owned.pk}/", closing, format="json")
    assert response.status_code == 400
    assert "on or after its newest update" in response.json()["date"][0]
    owned.refresh_from_db()
    assert owned.status == "off_track" and owned.updates.count() == 2


def test_malformed_json_is_a_400(member, owned):
    response = _api(member).patch(
        f"/api/actions/{owned.pk}/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_replacing_or_deleting_an_action_is_not_offered(member, owned):
    api = _api(member)
    assert api.put(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 405
    assert api.delete(f"/api/actions/{owned.pk}/").status_code == 405
    assert api.post("/api/actions/", PROGRESS).status_code == 405


def test_the_public_api_is_read_only(member):
    meeting = factories.MeetingFactory()
    response = _api(member).patch(f"/api/meetings/{meeting.pk}/", {"venue": "x"})
    assert response.status_code == 405


def test_session_writes_need_the_csrf_token(member, owned):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(member)
    response = api.patch(f"/api/actions/{owned.pk}/", PROGRESS, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def _new_token(client):
    """Make a token on My actions and read it off the page that shows it once."""
    page = client.post(reverse("meetings:api_token_renew"), follow=True)
    match = re.search(r'<code id="api-token">(hwbb_[0-9a-f]+)</code>', page.text)
    assert match, "the new token is shown"
    return match.group(1)


def test_my_actions_page_shows_a_new_token_once_and_renews_it(client, member, owned):
    client.force_login(member)
    first = _new_token(client)
    assert (
        _api_with(first).patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 200
    )
    again = client.get(reverse("meetings:my_actions")).text
    assert first not in again and "cannot be shown again" in again
    [record] = AuthToken.objects.filter(user=member)
    assert first not in (record.digest, record.token_key)  # only a hash is kept
    second = _new_token(client)
    assert second != first
    assert (
        _api_with(first).patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 401
    )
    assert (
        _api_with(second).patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code
        == 200
    )


def test_a_revoked_token_stops_working(client, member, owned):
    client.force_login(member)
    token = _new_token(client)
    page = client.post(
        reverse("meetings:api_token_renew"), {"revoke": "1"}, follow=True
    ).text
    assert "Your API token no longer works" in page and "You have no API token" in page
    assert (
        _api_with(token).patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 401
    )


def test_a_token_stops_working_when_it_expires(client, member, owned):
    client.force_login(member)
    token = _new_token(client)
    AuthToken.objects.filter(user=member).update(
        expiry=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert "stopped working on" in client.get(reverse("meetings:my_actions")).text
    assert (
        _api_with(token).patch(f"/api/actions/{owned.pk}/", PROGRESS).status_code == 401
    )


def test_a_huge_update_is_refused_not_a_500(member, owned):
    body = {**PROGRESS, "narrative": "x" * 3_000_000}
    response = _api(member).patch(f"/api/actions/{owned.pk}/", body, format="json")
    assert response.status_code == 413
    assert "larger than the 2.5\xa0MB" in response.json()["detail"]
    assert not ActionUpdate.objects.exists()
