"""Open data that joins the thread: each Open Civic Data agenda item carries
the decisions taken on it and the actions that came of them, with their
status; every document has OCDEP 4's `url` and `media_type`; Popolo has the
posts (chair, deputy chair, each organisation's seat) the memberships hold;
and every export states its licence, the Open Government Licence v3.0."""

import csv
import io
import json

import pytest
from django.urls import reverse

from hwbb import licence
from meetings import services
from meetings.models import Action, Membership, Report, ResolutionClause
from tests import factories
from tests.helpers import content_of

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@pytest.fixture
def decided(hwb):
    """The 8 April 2019 board's item on young people and violence: a minute,
    a resolution of two clauses (the second with a sub-clause) and two
    actions, one from a clause, one from the minute's narrative."""
    meeting = factories.MeetingFactory(
        body=hwb, minutes_status="published_draft", start=factories.london(2019, 4, 8)
    )
    item = factories.AgendaItemFactory(
        meeting=meeting, number=5, title="Young People and Violence"
    )
    minute = factories.MinuteFactory(
        meeting=meeting, agenda_item=item, number=49, municipal_year=2018
    )
    noted = factories.ClauseFactory(
        resolution__minute=minute,
        label="1",
        order=1,
        verb=ResolutionClause.Verb.NOTED,
        text="The report and presentation be noted.",
    )
    resolution = noted.resolution
    requested = factories.ClauseFactory(resolution=resolution)  # (2), requested
    factories.ClauseFactory(
        resolution=resolution,
        parent=requested,
        label="i",
        order=1,  # numbered within its clause: printed after (2), not first
        text="With particular reference to the Youth Violence Reduction Board.",
    )
    police = factories.OrganisationFactory(name="West Midlands Police")
    owner = factories.PersonFactory(given_names="Mike", family_name="O'Hara")
    from_clause = factories.ActionFactory(
        body=hwb,
        minute=minute,
        resolution_clause=requested,
        title="Report back on the governance of the Youth Violence Reduction Board",
        owner_person=owner,
        owner_organisation=police,
        status=Action.Status.AT_RISK,
        due_text="Q3 2019/20",
        percent_complete=25,
    )
    from_narrative = factories.ActionFactory(
        body=hwb,
        minute=minute,
        title="Circulate the presentation to members",
        owner_person=None,
        owner_organisation=police,
        status=Action.Status.DONE,
        percent_complete=100,
        closing_note="Sent on 10 April.",
    )
    return {
        "meeting": meeting,
        "item": item,
        "minute": minute,
        "from_clause": from_clause,
        "from_narrative": from_narrative,
    }


def _event(client, meeting):
    response = client.get(reverse("api:ocd_event", args=[meeting.pk]))
    assert response.status_code == 200
    return response.json()


def test_an_item_carries_its_decisions_with_their_status(client, decided):
    [item] = _event(client, decided["meeting"])["agenda"]
    decisions = item["extras"]["decisions"]
    assert [(d["minute"], d["clause"], d["verb"]) for d in decisions] == [
        ("49/18", "1", "Noted"),
        ("49/18", "2", "Requested"),
        ("49/18", "2(i)", "Requested"),
    ]
    noted = decisions[0]
    assert noted["text"] == "The report and presentation be noted."
    assert noted["kind"] == "Decision" and noted["recommended_to"] is None
    assert noted["status"] == "Published: subject to approval"
    minutes = f"/meetings/{decided['meeting'].pk}/minutes/"
    assert noted["url"].endswith(f"{minutes}#minute-49")


def test_an_item_carries_the_actions_that_came_of_it_in_words(client, decided):
    [item] = _event(client, decided["meeting"])["agenda"]
    by_title = {a["title"]: a for a in item["extras"]["actions"]}
    reported = by_title[decided["from_clause"].title]
    assert reported["owner"] == "Mike O'Hara, West Midlands Police"
    assert (reported["status"], reported["due_text"]) == ("At risk", "Q3 2019/20")
    assert reported["rag"] == "Amber: at risk"
    assert reported["decision"] == "49/18 (2)"
    assert reported["percent_complete"] == 25
    assert reported["due_date"] == decided["from_clause"].due_date.isoformat()
    assert reported["url"].endswith(f"/meetings/actions/{reported['id']}/")
    circulated = by_title["Circulate the presentation to members"]
    assert (circulated["status"], circulated["rag"]) == ("Done", "Done")
    assert circulated["owner"] == "West Midlands Police"
    assert circulated["decision"] == "49/18"


def test_an_action_recorded_against_a_clause_alone_finds_its_item(
    client, member, decided
):
    """An action whose minute was left blank still hangs on the item its
    clause was minuted under, for those who may see it (with no minute, the
    action's rule shows it to the board's members, not the public)."""
    action = decided["from_clause"]
    action.minute = None
    action.save()
    [item] = _event(client, decided["meeting"])["agenda"]
    assert action.title not in [a["title"] for a in item["extras"]["actions"]]
    client.force_login(member)
    [item] = _event(client, decided["meeting"])["agenda"]
    [shown] = [a for a in item["extras"]["actions"] if a["title"] == action.title]
    assert shown["decision"] == "49/18 (2)"


def test_an_item_with_nothing_decided_says_so_with_empty_lists(client, hwb):
    item = factories.AgendaItemFactory(meeting=factories.MeetingFactory(body=hwb))
    [shown] = _event(client, item.meeting)["agenda"]
    assert (shown["extras"]["decisions"], shown["extras"]["actions"]) == ([], [])


@pytest.mark.parametrize("role", ["anonymous", "author", "outsider"])
def test_an_exempt_items_decisions_and_actions_stay_closed(
    request, client, role, exempt
):
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    event = _event(client, exempt["meeting"])
    [item] = event["agenda"]
    assert item["description"] == factories.Closed.OPEN_TITLE
    assert (item["extras"]["decisions"], item["extras"]["actions"]) == ([], [])
    text = json.dumps(event)
    for secret in (*factories.Closed.SECRETS, "Bidder"):
        assert secret not in text, secret


def test_the_boards_member_reads_the_exempt_decisions_and_actions(
    client, member, exempt
):
    client.force_login(member)
    [item] = _event(client, exempt["meeting"])["agenda"]
    [decision] = item["extras"]["decisions"]
    assert decision["text"] == factories.Closed.CLAUSE
    [action] = item["extras"]["actions"]
    assert action["title"] == factories.Closed.ACTION
    assert "Bidder" in action["owner"]


def test_unpublished_minutes_decide_nothing_yet_for_the_public(client, decided):
    meeting = decided["meeting"]
    meeting.minutes_status = "draft"
    meeting.save()
    [item] = _event(client, meeting)["agenda"]
    assert (item["extras"]["decisions"], item["extras"]["actions"]) == ([], [])


def test_minutes_taken_under_no_item_keep_their_decisions_on_the_event(
    client, member, hwb
):
    """A board's history brought in from its minutes alone has no agenda
    items: what it decided is on the event. An exempt minute's is there only
    for those who may read it."""
    meeting = factories.MeetingFactory(body=hwb)
    minute = factories.MinuteFactory(meeting=meeting, number=46, municipal_year=2018)
    factories.ActionFactory(
        body=hwb, minute=minute, title="Publish the JSNA City-wide profile"
    )
    factories.ClauseFactory(resolution__minute=minute, text="The profile be noted.")
    exempt = factories.MinuteFactory(
        meeting=meeting, is_exempt=True, exempt_paragraph=3
    )
    factories.ClauseFactory(resolution__minute=exempt, text=factories.Closed.CLAUSE)
    factories.ActionFactory(body=hwb, minute=exempt, title=factories.Closed.ACTION)
    extras = _event(client, meeting)["extras"]
    assert [d["text"] for d in extras["decisions_without_item"]] == [
        "The profile be noted."
    ]
    [action] = extras["actions_without_item"]
    assert (action["title"], action["decision"]) == (
        "Publish the JSNA City-wide profile",
        "46/18",
    )
    client.force_login(member)
    extras = _event(client, meeting)["extras"]
    assert factories.Closed.CLAUSE in [
        d["text"] for d in extras["decisions_without_item"]
    ]
    assert factories.Closed.ACTION in [
        a["title"] for a in extras["actions_without_item"]
    ]


# -- Documents: OCDEP 4's url and media_type -----------------------------------


def test_every_document_has_a_url_and_a_media_type(client, hwb, officer, decided):
    meeting = decided["meeting"]
    report = Report.objects.create(
        title="Young People and Violence",
        body=hwb,
        meeting=meeting,
        agenda_item=decided["item"],
        status="accepted",
    )
    factories.paper(report, "Report", kind="report")
    services.agenda_pack_build(meeting=meeting)
    documents = _event(client, meeting)["documents"]
    assert [d["classification"] for d in documents] == ["agenda", "agenda", "minutes"]
    for document in documents:
        assert document["url"].startswith("http://testserver/"), document
        assert document["media_type"] in ("text/html", "application/pdf"), document
        assert {"url": document["url"], "media_type": document["media_type"]} == (
            document["links"][0]
        )
    agenda, paper, minutes = documents
    assert agenda["media_type"] == "text/html"
    assert [link["media_type"] for link in agenda["links"]] == [
        "text/html",
        "application/pdf",
    ]
    assert paper["media_type"] == "application/pdf" and "/documents/" in paper["url"]
    assert minutes["url"].endswith(f"/meetings/{meeting.pk}/minutes/")
    assert client.get(paper["url"]).status_code == 200


# -- Popolo: posts ---------------------------------------------------------------


@pytest.fixture
def board(hwb):
    council = factories.OrganisationFactory(name="Coventry City Council")
    police = factories.OrganisationFactory(name="West Midlands Police")
    people = {
        name: factories.PersonFactory(family_name=name)
        for name in ("Caan", "Duggins", "Gaulton", "OHara", "Stand-in", "Adviser")
    }

    def seat(name, role, organisation):
        return factories.MembershipFactory(
            body=hwb, person=people[name], role=role, on_behalf_of=organisation
        )

    Role = Membership.Role
    return {
        "council": council,
        "police": police,
        "chair": seat("Caan", Role.CHAIR, council),
        "deputy": seat("Duggins", Role.DEPUTY_CHAIR, council),
        "member": seat("Gaulton", Role.VOTING_MEMBER, council),
        "police_member": seat("OHara", Role.VOTING_MEMBER, police),
        "substitute": seat("Stand-in", Role.SUBSTITUTE, police),
        "adviser": seat("Adviser", Role.ADVISER, None),
    }


def _popolo(client):
    response = client.get(reverse("api:popolo"))
    assert response.status_code == 200
    return response.json()


def test_popolo_has_the_chair_the_deputy_and_each_organisations_seat(client, board):
    posts = {p["id"]: p for p in _popolo(client)["posts"]}
    council, police = board["council"].pk, board["police"].pk
    assert set(posts) == {
        "post/hwb/chair",
        "post/hwb/deputy-chair",
        f"post/hwb/organisation/{council}",
        f"post/hwb/organisation/{police}",
    }
    assert posts["post/hwb/chair"] == {
        "id": "post/hwb/chair",
        "label": "Chair, Coventry Health and Well-being Board",
        "role": "Chair",
        "organization_id": "body/hwb",
    }
    assert posts["post/hwb/deputy-chair"]["role"] == "Deputy chair"
    seat = posts[f"post/hwb/organisation/{police}"]
    assert seat["label"] == (
        "Member for West Midlands Police, Coventry Health and Well-being Board"
    )
    assert (seat["role"], seat["organization_id"]) == ("Member", "body/hwb")


def test_each_membership_names_the_post_it_holds(client, board):
    memberships = {m["id"]: m for m in _popolo(client)["memberships"]}

    def post_of(name):
        return memberships[f"membership/{board[name].pk}"]["post_id"]

    council, police = board["council"].pk, board["police"].pk
    assert post_of("chair") == "post/hwb/chair"
    assert post_of("deputy") == "post/hwb/deputy-chair"
    assert post_of("member") == f"post/hwb/organisation/{council}"
    assert post_of("police_member") == f"post/hwb/organisation/{police}"
    # A named substitute holds no seat of their own; an adviser who sits for
    # no organisation holds none either.
    assert post_of("substitute") is None and post_of("adviser") is None
    data = _popolo(client)
    posts = {p["id"] for p in data["posts"]}
    held = {m["post_id"] for m in data["memberships"]} - {None}
    assert held <= posts


def test_a_private_bodys_posts_are_its_members_alone(client, hwb, member):
    private = factories.BodyFactory(
        slug="safeguarding", name="Safeguarding Panel", meets_in_public=False
    )
    factories.MembershipFactory(body=private, role=Membership.Role.CHAIR)
    public_posts = {p["id"] for p in _popolo(client)["posts"]}
    assert not any(p.startswith("post/safeguarding/") for p in public_posts)
    factories.MembershipFactory(body=private, person=member.person)
    client.force_login(member)
    assert "post/safeguarding/chair" in {p["id"] for p in _popolo(client)["posts"]}


# -- The licence ------------------------------------------------------------------


def _exports(hwb):
    return [
        reverse("api:ocd_events"),
        reverse("api:ocd_event", args=[factories.MeetingFactory(body=hwb).pk]),
        reverse("api:popolo"),
        reverse("api:meetings_csv"),
        reverse("api:decisions_csv"),
        reverse("api:actions_csv"),
        reverse("meetings:action_log", args=[hwb.slug]) + "?format=csv",
        reverse("meetings:decisions") + "?format=csv",
        reverse("indicators:export", args=["csv"]),
        reverse("indicators:export", args=["json"]),
    ]


def test_every_export_states_the_open_government_licence(client, hwb, decided):
    for url in _exports(hwb):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Link"] == f'<{OGL}>; rel="license"', url
        content_of(response)


def test_json_exports_carry_the_licence_in_their_data(client, hwb, decided):
    expected = {
        "name": "Open Government Licence v3.0",
        "url": OGL,
        "attribution": licence.ATTRIBUTION,
    }
    assert _popolo(client)["meta"] == {"license": expected}
    for event in client.get(reverse("api:ocd_events")).json()["results"]:
        assert event["extras"]["license"] == expected
    assert _event(client, decided["meeting"])["extras"]["license"] == expected
    values = client.get(reverse("indicators:export", args=["json"])).json()
    assert values["license"] == expected


def test_a_csv_export_is_still_plain_csv(client, decided):
    """The licence is in the header, not the file: the first line is still
    the columns, which a parser reads as such."""
    response = client.get(reverse("api:decisions_csv"))
    rows = list(csv.reader(io.StringIO(content_of(response).decode())))
    assert rows[0][0] == "resolution_id" and len(rows) == 4


def test_an_error_is_not_licensed_data(client, db):
    response = client.get(reverse("api:actions_csv"), {"until": "31/02/2019"})
    assert response.status_code == 400 and "Link" not in response


def test_the_site_states_the_licence_beside_the_exports(client, db):
    page = client.get(reverse("meetings:list")).content.decode()
    footer = page.split('class="council-footer"')[1]
    assert f'href="{OGL}"' in footer and 'rel="license"' in footer
    assert "Open Government Licence v3.0" in footer
