"""An action's RAG is worked out from its due date and progress, and said in
words: an overdue action is red unless it is done, whatever its owner last
said; an officer may set it with a reason, which is shown beside it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Action
from tests import factories


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    "status, percent, due, rag, label",
    [
        ("on_track", 30, -2555, "red", "Red: overdue"),  # seven years late
        ("not_started", 0, -1, "red", "Red: overdue"),
        ("at_risk", 50, -1, "red", "Red: overdue"),
        ("off_track", 60, 90, "red", "Red: off track"),
        ("at_risk", 60, 90, "amber", "Amber: at risk"),
        ("on_track", 20, 10, "amber", "Amber: due soon, little progress"),
        ("not_started", 0, 0, "amber", "Amber: due soon, little progress"),
        ("on_track", 80, 10, "green", "Green: on track"),
        ("on_track", 20, 60, "green", "Green: on track"),
        ("not_started", 0, None, "green", "Green: not started"),
        ("done", 100, -400, "complete", "Done"),
        ("dropped", 10, -400, "", "Dropped"),
    ],
)
def test_rag_follows_the_due_date_and_progress(status, percent, due, rag, label):
    action = Action(
        status=status,
        percent_complete=percent,
        due_date=None if due is None else _days(due),
    )
    assert (action.rag, action.rag_label) == (rag, label)


def test_the_action_page_never_says_on_track_and_overdue_in_green(client, db):
    action = factories.ActionFactory(
        due_date=datetime.date(2019, 8, 31), status="on_track", percent_complete=50
    )
    html = client.get(reverse("meetings:action", args=[action.pk])).text
    assert "Red: overdue" in html
    assert "app-rag--red" in html
    assert "RAG: green" not in html and "On track" not in html.split("<h2")[0]


@pytest.fixture
def overdue(hwb):
    return factories.ActionFactory(body=hwb, due_date=_days(-20), status="on_track")


def _set(client, action, rag, reason):
    url = reverse("meetings:action_rag", args=[action.pk])
    return client.post(url, {"rag": rag, "reason": reason}, follow=True)


def test_an_officer_sets_the_rag_with_a_reason_shown_beside_it(
    client, officer, overdue
):
    client.force_login(officer)
    reason = "The Board agreed a new date of March on 8 July"
    response = _set(client, overdue, "green", reason)
    assert "RAG status saved." in response.text
    assert f"Green (set by an officer: {reason})" in response.text
    overdue.refresh_from_db()
    assert overdue.rag == "green"
    assert overdue.rag_label == f"Green (set by an officer: {reason})"
    api = client.get(f"/api/actions/{overdue.pk}/").json()
    assert (api["rag"], api["rag_set_by_officer"]) == ("green", True)
    assert reason in api["rag_label"]
    # handed back to the due date and progress
    _set(client, overdue, "", "")
    overdue.refresh_from_db()
    assert (overdue.rag, overdue.rag_override_reason) == ("red", "")


def test_a_rag_without_a_reason_is_refused_and_keeps_the_choice(
    client, officer, overdue
):
    client.force_login(officer)
    response = _set(client, overdue, "amber", "   ")
    assert response.status_code == 200
    assert "Say why you are setting the RAG status" in response.text
    assert re.search(r'<input[^>]*value="amber"[^>]*checked', response.text)
    overdue.refresh_from_db()
    assert overdue.rag_override == ""


def test_a_done_action_is_done_whatever_the_officer_set(officer, overdue):
    services.action_set_rag(action=overdue, rag="red", reason="No progress seen")
    overdue.refresh_from_db()
    overdue.status, overdue.percent_complete = "done", 100
    assert (overdue.rag, overdue.rag_label) == ("complete", "Done")


@pytest.mark.parametrize("role", ["member", "author", "chair"])
def test_only_officers_set_the_rag(request, client, role, overdue):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("meetings:action", args=[overdue.pk])).text
    assert "Set the RAG status yourself" not in page
    response = _set(client, overdue, "green", "Looks fine to me")
    assert response.status_code == 403
    overdue.refresh_from_db()
    assert overdue.rag_override == ""


def test_the_officer_form_is_on_the_action_page(client, officer, overdue):
    client.force_login(officer)
    page = client.get(reverse("meetings:action", args=[overdue.pk])).text
    assert "Set the RAG status yourself" in page
    assert reverse("meetings:action_rag", args=[overdue.pk]) in page
