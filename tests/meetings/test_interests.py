"""The register of interests, its annual review, and the declarations checklist
that suggests items concerning an organisation in the register."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Declaration, Interest
from tests import factories


@pytest.fixture
def meeting(hwb):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=10),
        status="scheduled",
        agenda_status="published",
        minutes_status="none",
    )
    factories.AgendaItemFactory(
        meeting=meeting,
        number=6,
        title="Housing and Homelessness One Coventry Approach",
    )
    factories.AgendaItemFactory(
        meeting=meeting,
        number=9,
        title="Coventry and Warwickshire Place Forum and Year of Wellbeing 2019 Update",
        presenter="Report of Liz Gaulton, Director of Public Health and Wellbeing",
    )
    mcn = factories.AgendaItemFactory(
        meeting=meeting,
        number=10,
        title="Multiple Complex Needs Evaluation and Future Governance",
    )
    police = factories.OrganisationFactory(name="West Midlands Police", kind="police")
    mcn.organisations.add(police)
    return meeting


def test_checklist_suggests_items_that_concern_a_registered_organisation(
    meeting, member
):
    police = factories.OrganisationFactory(name="West Midlands Police")
    uhcw = factories.OrganisationFactory(
        name="Coventry and Warwickshire Place Forum", aliases=["Place Forum"]
    )
    Interest.objects.create(
        person=member.person,
        kind="employment",
        organisation=police,
        description="Chief Superintendent",
    )
    Interest.objects.create(
        person=member.person,
        kind="membership",
        organisation=uhcw,
        description="Member of the Place Forum",
    )
    checklist = services.declarations_checklist(meeting=meeting, person=member.person)
    flagged = {
        item.number: [i.organisation.name for i in found] for item, found in checklist
    }
    assert flagged[6] == []
    assert flagged[9] == ["Coventry and Warwickshire Place Forum"]  # named in the title
    assert flagged[10] == ["West Midlands Police"]  # tagged on the item


def test_declaring_twice_records_once_and_shows_in_the_checklist(
    client, meeting, member
):
    client.force_login(member)
    item = meeting.agenda_items.get(number=10)
    url = reverse("meetings:declarations", args=[meeting.pk])
    data = {
        "agenda_item": item.pk,
        "kind": "registrable",
        "text": "Trustee of a charity funded by the programme",
        "withdrew": "on",
    }
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "Already declared." in response.content.decode()
    declaration = Declaration.objects.get()
    assert declaration.withdrew and declaration.person == member.person


def test_declaration_without_a_kind_or_text_is_explained(client, meeting, member):
    client.force_login(member)
    html = client.post(reverse("meetings:declarations", args=[meeting.pk]), {}).content
    assert b"Choose the kind of interest" in html
    assert b"Describe the interest you are declaring" in html
    assert not Declaration.objects.exists()


def test_annual_review(client, member):
    interest = Interest.objects.create(
        person=member.person,
        kind="gift",
        description="Hospitality at a conference",
        reviewed_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    assert interest.review_overdue
    client.force_login(member)
    assert "Review due" in client.get(reverse("meetings:interests")).content.decode()
    client.post(reverse("meetings:interests"), {"reviewed": "1"})
    interest.refresh_from_db()
    assert interest.reviewed_on == timezone.localdate() and not interest.review_overdue


def test_a_start_date_in_the_future_is_refused(client, member):
    client.force_login(member)
    later = timezone.localdate() + datetime.timedelta(days=30)
    html = client.post(
        reverse("meetings:interests"),
        {
            "kind": "employment",
            "description": "Non-executive director",
            "start_0": later.day,
            "start_1": later.month,
            "start_2": later.year,
        },
    ).content.decode()
    assert "The start date cannot be in the future" in html
    assert "Non-executive director" in html
    assert not Interest.objects.exists()


def test_declarations_page_does_not_show_a_draft_agenda(client, member, hwb):
    draft = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=40),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=draft, title="Draft: restructuring proposals")
    client.force_login(member)
    html = client.get(
        reverse("meetings:declarations", args=[draft.pk])
    ).content.decode()
    assert "Draft: restructuring proposals" not in html
    assert "The agenda has not been published yet" in html
