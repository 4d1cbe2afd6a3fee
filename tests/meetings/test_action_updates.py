"""Only the owner, an officer or the chair may update an action (and an
organisation's nominated leads: tests/meetings/test_organisation_leads.py);
bad input gets a clear message and loses nothing; a double submit records one
update."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hwbb import reminders, workdays
from meetings import deadlines
from meetings.models import Action, ActionUpdate
from tests import factories

MAY_UPDATE = {"officer", "chair", "owner"}


def _form(**overrides):
    today = timezone.localdate()
    data = {
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "status": "at_risk",
        "percent_complete": "40",
        "narrative": "Governance options drafted; YVRB terms of reference awaited.",
    }
    return {**data, **overrides}


@pytest.fixture
def owner(db):
    return factories.UserFactory(username="owner")


@pytest.fixture
def action(owner, hwb):
    person = factories.PersonFactory(user=owner)
    return factories.ActionFactory(body=hwb, owner_person=person)


@pytest.mark.parametrize(
    "role", ["officer", "chair", "owner", "member", "author", "outsider", "anonymous"]
)
def test_who_may_add_an_update(role, request, client, action):
    user = request.getfixturevalue(role)
    if user:
        client.force_login(user)
    url = reverse("meetings:action", args=[action.pk])
    page = client.get(url).content.decode()
    assert ("Add an update" in page) == (role in MAY_UPDATE)
    response = client.post(url, _form())
    assert response.status_code == (302 if role in MAY_UPDATE else 403)
    assert ActionUpdate.objects.count() == (1 if role in MAY_UPDATE else 0)


def test_update_carries_status_onto_the_action(client, owner, action):
    client.force_login(owner)
    client.post(reverse("meetings:action", args=[action.pk]), _form())
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("at_risk", 40)
    assert action.updates.get().author_person == owner.person


def test_double_submit_records_one_update(client, owner, action):
    client.force_login(owner)
    url = reverse("meetings:action", args=[action.pk])
    client.post(url, _form())
    response = client.post(url, _form(), follow=True)
    assert "That update was already saved." in response.content.decode()
    assert action.updates.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"percent_complete": "140"}, "Percent complete must be 100 or less"),
        ({"percent_complete": "lots"}, "Enter percent complete as a whole number"),
        (
            {"status": "done", "percent_complete": "80"},
            "An action that is done must be 100% complete",
        ),
        ({"narrative": ""}, "Describe the progress made"),
        ({"status": ""}, "Select the action&#x27;s status"),
        (
            {"date_2": str(timezone.localdate().year + 1)},
            "The date of an update cannot be in the future",
        ),
        ({"date_0": "31", "date_1": "2"}, "Enter a real date, for example 27 3 2026"),
        (
            {"date_0": "1", "date_1": "1", "date_2": "2019"},
            "cannot be before the action was agreed, on 8 July 2019",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    client, owner, action, overrides, message
):
    client.force_login(owner)
    data = _form(**overrides)
    response = client.post(reverse("meetings:action", args=[action.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    if data["narrative"]:
        assert data["narrative"] in html  # nothing typed is lost
    assert action.updates.count() == 0


def test_officer_creates_an_action_from_a_clause(client, officer):
    clause = factories.ClauseFactory()
    client.force_login(officer)
    url = reverse("meetings:action_create") + f"?clause={clause.pk}"
    page = client.get(url).content.decode()
    assert "Youth Violence Reduction Board" in page  # prefilled from the clause
    due = timezone.localdate() + datetime.timedelta(days=60)
    owner = factories.PersonFactory()
    data = {
        "body": clause.resolution.minute.meeting.body_id,
        "title": "Report back on YVRB governance",
        "owner_person": owner.pk,
        "due_date_0": due.day,
        "due_date_1": due.month,
        "due_date_2": due.year,
        "due_text": "autumn",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    again = client.post(url, data, follow=True)  # a double submit
    assert "That action was already created" in again.content.decode()
    action = Action.objects.get(title="Report back on YVRB governance")
    assert action.resolution_clause == clause
    assert action.minute == clause.resolution.minute
    soon = reminders.at_reminder_hour(workdays.subtract_working_days(due, 5))
    assert [n["key"] for n in deadlines.actions(soon)] == [
        f"action_due_soon:action-{action.pk}:due-{due}"
    ]


@pytest.mark.parametrize("clause", ["abc", "-5", "9" * 30, "0", "987654321"])
def test_a_clause_the_address_names_but_cannot_be_found_is_said(
    client, officer, clause
):
    client.force_login(officer)
    url = reverse("meetings:action_create")
    response = client.get(url, {"clause": clause})
    assert response.status_code == 200
    assert "The resolution clause in the address could not be found" in response.text
    assert response.context["clause"] is None


def test_action_form_refuses_a_past_due_date_and_no_owner(client, officer, hwb):
    client.force_login(officer)
    past = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("meetings:action_create"),
        {
            "body": hwb.pk,
            "title": "Late action",
            "due_date_0": past.day,
            "due_date_1": past.month,
            "due_date_2": past.year,
        },
    )
    html = response.content.decode()
    assert "The due date must be today or in the future" in html
    assert "Choose an owner: a person, an organisation or both" in html
    assert 'value="Late action"' in html
    assert not Action.objects.filter(title="Late action").exists()


def test_closing_an_action_needs_a_closing_note(client, owner, action):
    client.force_login(owner)
    url = reverse("meetings:action", args=[action.pk])
    data = _form(status="done", percent_complete="100")
    html = client.post(url, data).content.decode()
    assert "Say what closed the action" in html
    client.post(url, {**data, "closing_note": "Strategy endorsed on 8 July 2019."})
    action.refresh_from_db()
    assert action.status == "done" and action.closing_note.startswith("Strategy")


def test_officer_words_for_a_due_date_are_read_and_kept(client, officer, hwb):
    client.force_login(officer)
    owner = factories.PersonFactory()
    year = timezone.localdate().year + 1
    response = client.post(
        reverse("meetings:action_create"),
        {
            "body": hwb.pk,
            "title": "Rough Sleeping Strategy",
            "owner_person": owner.pk,
            "due_text": f"Q3 {year}/{(year + 1) % 100:02d}",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Rough Sleeping Strategy")
    assert action.due_date == datetime.date(year, 12, 31)
    assert action.due_text == f"Q3 {year}/{(year + 1) % 100:02d}"
    html = client.post(
        reverse("meetings:action_create"),
        {
            "body": hwb.pk,
            "title": "Something",
            "owner_person": owner.pk,
            "due_text": "as appropriate",
        },
    ).content.decode()
    assert "names no date we can read: enter the date as well" in html
