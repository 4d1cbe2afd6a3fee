"""An organisation names its leads; they may update its actions, on the
action's page and through the API, with the same service and rules as an
owner; a colleague who is not a lead, or whose nomination has ended, may not.
The rule is Action.may_update, asked by both."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from meetings.models import Action, ActionUpdate, OrganisationLead
from tests import factories

PROGRESS = {
    "status": "at_risk",
    "percent_complete": 40,
    "narrative": "Two of the three locality reports are drafted.",
}


def _form():
    today = timezone.localdate()
    return {
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        **PROGRESS,
    }


def _api(user):
    _record, token = AuthToken.objects.create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


@pytest.fixture
def healthwatch(db):
    return factories.OrganisationFactory(
        name="Healthwatch Coventry", kind="healthwatch"
    )


@pytest.fixture
def action(hwb, healthwatch):
    """An action Healthwatch owns, naming no person."""
    return factories.ActionFactory(
        body=hwb,
        owner_person=None,
        owner_organisation=healthwatch,
        title="Survey members on the 'I' statements",
    )


@pytest.fixture
def lead(author, healthwatch):
    OrganisationLead.objects.create(organisation=healthwatch, person=author.person)
    return author


@pytest.fixture
def colleague(member, healthwatch):
    """Works for Healthwatch, and is not its lead."""
    member.person.organisation = healthwatch
    member.person.save()
    return member


def test_a_lead_may_update_the_organisations_action_on_its_page(client, lead, action):
    client.force_login(lead)
    url = reverse("meetings:action", args=[action.pk])
    page = client.get(url).text
    assert "Add an update" in page
    assert "its nominated leads" in page
    assert client.post(url, _form()).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("at_risk", 40)
    assert action.updates.get().author_person == lead.person


def test_a_colleague_who_is_not_a_lead_may_not(client, colleague, action):
    client.force_login(colleague)
    url = reverse("meetings:action", args=[action.pk])
    assert "Add an update" not in client.get(url).text
    assert client.post(url, _form()).status_code == 403
    assert not ActionUpdate.objects.exists()


def test_a_lead_whose_nomination_ended_may_not(client, author, healthwatch, action):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    OrganisationLead.objects.create(
        organisation=healthwatch, person=author.person, until=yesterday
    )
    assert not action.may_update(author)
    client.force_login(author)
    response = client.post(reverse("meetings:action", args=[action.pk]), _form())
    assert response.status_code == 403


def test_a_lead_of_another_organisation_may_not(client, author, action):
    other = factories.OrganisationFactory(name="West Midlands Police")
    OrganisationLead.objects.create(organisation=other, person=author.person)
    assert not action.may_update(author)


def test_a_lead_may_update_through_the_api(lead, action):
    response = _api(lead).patch(f"/api/actions/{action.pk}/", PROGRESS, format="json")
    assert response.status_code == 200, response.content
    action.refresh_from_db()
    assert action.status == "at_risk"


def test_a_non_lead_is_refused_by_the_api(colleague, action):
    response = _api(colleague).patch(
        f"/api/actions/{action.pk}/", PROGRESS, format="json"
    )
    assert response.status_code == 403
    assert "nominated lead" in response.json()["detail"]
    action.refresh_from_db()
    assert action.status == Action.Status.ON_TRACK


def test_a_lead_also_updates_an_action_naming_a_person_of_the_organisation(
    lead, healthwatch
):
    named = factories.ActionFactory(owner_organisation=healthwatch)
    assert named.may_update(lead)


def test_a_nomination_cannot_end_before_it_starts(author, healthwatch):
    lead = OrganisationLead(
        organisation=healthwatch,
        person=author.person,
        since=datetime.date(2026, 5, 1),
        until=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError, match="cannot be before its start"):
        lead.full_clean()


def test_officers_name_leads_in_the_admin(client, officer, healthwatch, author):
    client.force_login(officer)
    url = reverse("admin:meetings_organisation_change", args=[healthwatch.pk])
    page = client.get(url)
    assert "Nominated leads" in page.text
    response = client.post(
        url,
        {
            "name": healthwatch.name,
            "kind": "healthwatch",
            "aliases": "[]",
            "lead_roles-TOTAL_FORMS": "1",
            "lead_roles-INITIAL_FORMS": "0",
            "lead_roles-0-person": author.person.pk,
            "lead_roles-0-since": "2026-04-01",
        },
    )
    assert response.status_code == 302, response.content
    assert list(healthwatch.leads.all()) == [author.person]
