"""A member's page and a body's register of interests: roles, attendance
as the statistics count it, the register as published, declarations; read
as hostile readers would, and held to a query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import Declaration, Interest, InterestChange
from tests import factories


@pytest.fixture
def board(hwb):
    """Two members of the board, a meeting year of attendance (2018/19),
    a published register and a private sub-board one of them sits on."""
    ccc = factories.OrganisationFactory(name="Coventry City Council")
    ccg = factories.OrganisationFactory(name="Coventry and Rugby CCG", kind="ccg")
    caan = factories.PersonFactory(
        display_name="Councillor Kamran Caan", job_title="Cabinet Member"
    )
    green = factories.PersonFactory(display_name="Andrea Green")
    raistrick = factories.PersonFactory(display_name="Dr Sarah Raistrick")
    start = datetime.date(2018, 5, 1)
    factories.MembershipFactory(
        body=hwb, person=caan, on_behalf_of=ccc, start=start, role="chair"
    )
    factories.MembershipFactory(
        body=hwb, person=raistrick, on_behalf_of=ccg, start=start
    )
    factories.MembershipFactory(
        body=hwb,
        person=caan,
        on_behalf_of=ccc,
        role="voting_member",
        start=datetime.date(2016, 5, 1),
        end=datetime.date(2018, 4, 30),
    )
    private = factories.BodyFactory(
        name="Marmot Steering Group (private)", slug="marmot", meets_in_public=False
    )
    factories.MembershipFactory(
        body=private, person=caan, role="adviser", on_behalf_of=None
    )
    january = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 1, 14, 14), minutes_status="draft"
    )
    april = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 4, 8, 14), minutes_status="draft"
    )
    factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 2, 11, 14), status="cancelled"
    )
    services.attendance_record(
        meeting=january,
        rows=[(caan, "present", None), (raistrick, "apologies", None)],
    )
    services.attendance_record(
        meeting=april,
        rows=[(caan, "apologies", None), (raistrick, "substitute", green)],
    )
    Interest.objects.create(
        person=caan,
        kind="employment",
        organisation=ccc,
        description="Councillor, Foleshill ward",
    )
    Interest.objects.create(
        person=caan,
        kind="land",
        description="Withdrawn house in Earlsdon",
        withdrawn_from_public_on=datetime.date(2019, 6, 1),
    )
    Interest.objects.create(
        person=caan,
        kind="gift",
        description="Ended hospitality",
        end=datetime.date(2018, 1, 1),
    )
    return {
        "caan": caan,
        "raistrick": raistrick,
        "private": private,
        "january": january,
        "april": april,
    }


def _page(client, person, **query):
    return client.get(reverse("meetings:person", args=[person.pk]), query)


def test_member_page_shows_roles_organisation_and_register(client, board):
    html = _page(client, board["caan"]).content.decode()
    assert "Councillor Kamran Caan" in html
    assert "Cabinet Member" in html  # their own job title
    assert "Chair" in html and "Coventry City Council" in html  # the seat
    assert "30 April 2018" in html  # the past role, with its end
    assert "Councillor, Foleshill ward" in html
    assert "Withdrawn house in Earlsdon" not in html  # removed from public view
    assert "Ended hospitality" not in html  # no longer current


def test_attendance_is_counted_as_the_statistics_count_it(client, board, hwb):
    response = _page(client, board["raistrick"], year=2018)
    [row] = response.context["attendance"]
    members, _ = services.attendance_statistics(
        body=hwb, since=factories.london(2018, 5, 1), until=factories.london(2019, 5, 1)
    )
    [stats] = [r for r in members if r["person"] == board["raistrick"]]
    for field in ("expected", "present", "apologies", "substitute", "absent", "rate"):
        assert row[field] == stats[field], field
    assert (row["expected"], row["apologies"], row["substitute"]) == (2, 1, 1)
    html = response.content.decode()
    assert reverse("meetings:detail", args=[board["january"].pk]) in html
    assert "11 February 2019" not in html  # cancelled: not counted, not listed


def test_private_body_roles_are_not_shown_to_the_public(client, board):
    html = _page(client, board["caan"]).content.decode()
    assert "Marmot Steering Group" not in html
    assert "Adviser" not in html


def test_person_only_on_a_private_body_is_not_found(client, board, member):
    hidden = factories.PersonFactory(display_name="Hidden Adviser")
    factories.MembershipFactory(body=board["private"], person=hidden)
    assert _page(client, hidden).status_code == 404
    client.force_login(member)  # a member of another body
    assert _page(client, hidden).status_code == 404


def test_a_member_of_the_private_body_sees_its_roles(client, board):
    colleague = factories.UserFactory()
    person = factories.PersonFactory(user=colleague)
    factories.MembershipFactory(body=board["private"], person=person)
    client.force_login(colleague)
    html = _page(client, board["caan"]).content.decode()
    assert "Marmot Steering Group" in html


def test_officer_sees_private_roles(client, board, officer):
    client.force_login(officer)
    assert "Marmot Steering Group" in _page(client, board["caan"]).content.decode()


def test_exempt_declaration_words_do_not_leak(client, board, hwb, exempt, member):
    Declaration.objects.create(
        meeting=exempt["meeting"],
        agenda_item=exempt["item"],
        person=board["caan"],
        kind="pecuniary",
        text="Director of the preferred bidder",
    )
    Declaration.objects.create(
        meeting=board["january"],
        person=board["caan"],
        kind="registrable",
        text="Trustee of Coventry Carers",
    )
    for who in (None, "author"):
        if who:
            client.force_login(factories.UserFactory())
        html = _page(client, board["caan"]).content.decode()
        assert "Trustee of Coventry Carers" in html
        assert "Director of the preferred bidder" not in html
        assert factories.Closed.TITLE not in html
        assert factories.Closed.OPEN_TITLE in html  # who declared, on what
    client.force_login(member)  # a member of the body reads its Part 2
    html = _page(client, board["caan"]).content.decode()
    assert "Director of the preferred bidder" in html


def test_declaration_on_a_draft_agenda_item_is_not_shown(client, board, hwb):
    draft = factories.MeetingFactory(
        body=hwb, agenda_status="draft", minutes_status="none", status="scheduled"
    )
    item = factories.AgendaItemFactory(meeting=draft, title="Draft: restructure")
    Declaration.objects.create(
        meeting=draft,
        agenda_item=item,
        person=board["caan"],
        kind="registrable",
        text="Interest in the draft item",
    )
    html = _page(client, board["caan"]).content.decode()
    assert "Draft: restructure" not in html
    assert "Interest in the draft item" not in html


def test_a_pending_change_is_not_published(client, board):
    InterestChange.objects.create(
        person=board["caan"],
        action="add",
        kind="securities",
        description="Shares in a care home company",
    )
    for url in (
        reverse("meetings:person", args=[board["caan"].pk]),
        reverse("meetings:person_interests", args=[board["caan"].pk]),
        reverse("meetings:body_register", args=["hwb"]),
    ):
        assert "Shares in a care home company" not in client.get(url).content.decode()


def test_body_register_lists_every_current_member(client, board):
    response = client.get(reverse("meetings:body_register", args=["hwb"]))
    html = response.content.decode()
    assert "Councillor Kamran Caan" in html and "Dr Sarah Raistrick" in html
    assert "Councillor, Foleshill ward" in html
    assert "Withdrawn house in Earlsdon" not in html
    assert f"{reverse('api:interests_csv')}?body=hwb" in html
    assert reverse("meetings:person", args=[board["raistrick"].pk]) in html


def test_private_body_register_is_not_found(client, board, member):
    url = reverse("meetings:body_register", args=["marmot"])
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404


def test_pages_link_to_the_member_page(client, board):
    link = reverse("meetings:person", args=[board["raistrick"].pk])
    for url in (
        reverse("meetings:body", args=["hwb"]),
        reverse("meetings:attendance_stats", args=["hwb"]) + "?year=2018",
        reverse("meetings:person_interests", args=[board["raistrick"].pk]),
    ):
        assert link in client.get(url).content.decode(), url


# -- Query budgets -------------------------------------------------------------


def _grow(board, hwb, n):
    caan = board["caan"]
    for i in range(n):
        other = factories.PersonFactory()
        factories.MembershipFactory(body=hwb, person=other)
        meeting = factories.MeetingFactory(
            body=hwb,
            start=factories.london(2018, 6, 1 + i % 28, 10 + i % 5),
            minutes_status="draft",
        )
        services.attendance_record(
            meeting=meeting, rows=[(caan, "present", None), (other, "absent", None)]
        )
        item = factories.AgendaItemFactory(meeting=meeting)
        Declaration.objects.create(
            meeting=meeting, agenda_item=item, person=caan, kind="registrable", text="x"
        )
        Interest.objects.create(person=caan, kind="other", description=f"Entry {i}")
        Interest.objects.create(person=other, kind="other", description=f"Other {i}")
        body = factories.BodyFactory(name=f"Sub-board {i}", slug=f"sub-{i}")
        factories.MembershipFactory(body=body, person=caan)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name, budget", [("meetings:person", 12), ("meetings:body_register", 8)]
)
def test_query_count_does_not_grow_with_the_data(
    client, board, hwb, member, name, budget
):
    client.force_login(member)
    args = [board["caan"].pk] if name == "meetings:person" else ["hwb"]
    url = reverse(name, args=args) + "?year=2018"
    _grow(board, hwb, 2)
    small = _count(client, url)
    _grow(board, hwb, 20)
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries, then {large}"
    assert large <= budget
