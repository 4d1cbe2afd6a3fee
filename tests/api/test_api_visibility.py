"""Exempt (Part 2) content never leaks through the API, the Open Civic Data
events, Popolo or the CSV exports: each goes through the models' visibility
rules, tested here for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from meetings.models import Report
from tests import factories
from tests.helpers import content_of

SEES_CLOSED = factories.Closed.SEES
OPEN_TITLE = factories.Closed.OPEN_TITLE
SECRETS = factories.Closed.SECRETS


def _everything(client, exempt):
    """Every list and detail the API and open data offer, as one text."""
    meeting = exempt["meeting"].pk
    urls = [
        "/api/agenda-items/",
        f"/api/agenda-items/{exempt['item'].pk}/",
        "/api/minutes/",
        f"/api/minutes/{exempt['minute'].pk}/",
        "/api/resolutions/",
        "/api/actions/",
        "/api/documents/",
        "/api/meetings/",
        reverse("api:ocd_events"),
        reverse("api:ocd_event", args=[meeting]),
        reverse("api:popolo"),
        reverse("api:meetings_csv"),
        reverse("api:decisions_csv"),
        reverse("api:actions_csv"),
        reverse("api:search") + "?q=bidders",
        reverse("api:search") + "?q=contract+award",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(content_of(response).decode())
    return "\n".join(texts)


def test_exempt_content_only_for_members_and_officers(persona, client, exempt):
    role, _ = persona
    text = _everything(client, exempt)
    assert OPEN_TITLE in text
    assert "Paragraph 3: financial or business affairs" in text
    for secret in SECRETS:
        assert (secret in text) == (role in SEES_CLOSED), (role, secret)


@pytest.mark.parametrize(
    "kind", ["resolution", "action", "paper"], ids=["resolution", "action", "paper"]
)
def test_exempt_details_are_not_found_by_the_public(persona, client, exempt, kind):
    role, _ = persona
    path = {"resolution": "resolutions", "action": "actions", "paper": "documents"}
    response = client.get(f"/api/{path[kind]}/{exempt[kind].pk}/")
    assert response.status_code == (200 if role in SEES_CLOSED else 404)


def test_exempt_item_shows_open_title_and_paragraph_only(client, exempt):
    data = client.get(f"/api/agenda-items/{exempt['item'].pk}/").json()
    assert data["title"] == OPEN_TITLE
    assert data["exempt_paragraph"].startswith("Paragraph 3")
    assert (data["description"], data["presenter"], data["report"]) == ("", "", None)


def test_draft_agenda_and_unpublished_minutes_stay_hidden(persona, client, hwb):
    role, _ = persona
    meeting = factories.MeetingFactory(
        body=hwb, agenda_status="draft", minutes_status="draft"
    )
    factories.AgendaItemFactory(meeting=meeting, title="Draft item: JSNA refresh")
    factories.MinuteFactory(meeting=meeting, title="Draft minute: JSNA refresh")
    items = client.get("/api/agenda-items/").content.decode()
    minutes = client.get("/api/minutes/").content.decode()
    event = client.get(reverse("api:ocd_event", args=[meeting.pk])).content.decode()
    # Officers see drafts; the chair reads the draft agenda to sign it off.
    assert ("Draft item" in items) == (role in {"officer", "chair"})
    assert ("Draft item" in event) == (role in {"officer", "chair"})
    assert ("Draft minute" in minutes) == (role == "officer")


def test_private_body_and_its_people_only_for_its_members(persona, client, hwb):
    role, user = persona
    private = factories.BodyFactory(
        slug="safeguarding", name="Safeguarding Panel", meets_in_public=False
    )
    factories.MeetingFactory(body=private)
    factories.MembershipFactory(
        body=private, person=factories.PersonFactory(family_name="Confidential")
    )
    if role == "member":
        factories.MembershipFactory(body=private, person=user.person)
    sees = role in {"officer", "member"}
    text = "".join(
        content_of(client.get(url)).decode()
        for url in (
            "/api/bodies/",
            "/api/meetings/",
            "/api/people/",
            "/api/memberships/",
            reverse("api:popolo"),
            reverse("api:meetings_csv"),
        )
    )
    assert ("Safeguarding Panel" in text) == sees
    assert ("Confidential" in text) == sees


def test_people_never_show_email_addresses(client, hwb):
    person = factories.PersonFactory(email="liz.gaulton@coventry.gov.uk")
    factories.MembershipFactory(body=hwb, person=person)
    for url in ("/api/people/", "/api/memberships/", reverse("api:popolo")):
        text = client.get(url).content.decode()
        assert person.family_name in text
        assert "coventry.gov.uk" not in text


def test_search_api_finds_what_the_page_finds(client, exempt):
    found = client.get(reverse("api:search"), {"q": "contract award"}).json()
    # The public sees the exempt item's open title on the agenda, but search
    # leaves out what it may not read in full.
    assert found["count"] == 0
    client.force_login(factories.UserFactory(is_superuser=True))
    found = client.get(reverse("api:search"), {"q": "bidders", "type": "action"})
    [hit] = found.json()["results"]
    assert hit["title"] == "Notify the unsuccessful bidders"
    assert "<mark>bidders</mark>" in hit["headline"]


@pytest.mark.parametrize(
    "params, field",
    [({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "x", "type": "bill"}, "type")],
)
def test_search_api_refuses_bad_input(client, db, params, field):
    response = client.get(reverse("api:search"), params)
    assert response.status_code == 400 and field in response.json()


def test_exempt_items_tags_are_closed_content(persona, client, exempt):
    """The public sees an exempt item's open title and paragraph only: not the
    pillar and priority it is tagged to, and not found by them."""
    role, user = persona
    sees = role in SEES_CLOSED
    item, pillar, priority = exempt["item"], exempt["pillar"], exempt["priority"]
    detail = client.get(f"/api/agenda-items/{item.pk}/").json()
    assert (detail["primary_pillar"] is not None) == sees
    assert bool(detail["priorities"]) == sees
    for tag in ({"pillar": pillar.pk}, {"priority": priority.slug}):
        for url in ("/api/agenda-items/", "/api/meetings/"):
            found = client.get(url, tag).json()["count"]
            assert found == (1 if sees else 0), (url, tag)
    event = client.get(reverse("api:ocd_event", args=[exempt["meeting"].pk])).json()
    [agenda_item] = event["agenda"]
    subjects = [pillar.name, priority.title]
    assert agenda_item["subjects"] == (subjects if sees else [])
    page = client.get(reverse("strategy:priority", args=[priority.slug])).content
    assert (OPEN_TITLE.encode() in page) == sees


def test_search_by_pillar_does_not_reveal_an_exempt_items_tags(persona, client, exempt):
    """An open minute recorded against an exempt item: searching by the item's
    pillar must not find it for those who may not see the item's tags."""
    role, _ = persona
    minute = factories.MinuteFactory(
        meeting=exempt["meeting"],
        agenda_item=exempt["item"],
        title="Zebrafish",
        narrative="<p>Zebrafish noted.</p>",
    )
    found = client.get(
        reverse("api:search"), {"q": "zebrafish", "pillar": exempt["pillar"].pk}
    ).json()
    hits = [(hit["kind"], hit["id"]) for hit in found["results"]]
    assert (("minute", minute.pk) in hits) == (role in SEES_CLOSED), found


def test_exempt_items_tags_are_not_counted_in_the_connections(persona, exempt):
    from meetings import connections

    role, user = persona
    item = exempt["item"]
    item.secondary_pillars.add(factories.PillarFactory(code="HB", name="Behaviours"))
    sets = connections.pillar_sets(user or AnonymousUser(), exempt["pillar"].framework)
    assert (("item", item.pk) in sets) == (role in SEES_CLOSED)


def test_open_item_does_not_name_its_exempt_report(client, hwb):
    """An open item whose report was later made exempt: the event names no
    report the reader may not read."""
    item = factories.AgendaItemFactory(meeting=factories.MeetingFactory(body=hwb))
    report = Report.objects.create(
        title="Provider failure: legal advice",
        body=hwb,
        meeting=item.meeting,
        agenda_item=item,
        is_exempt=True,
        exempt_paragraph=5,
        status=Report.Status.ACCEPTED,
    )
    assert report.is_exempt and not item.is_exempt
    event = client.get(reverse("api:ocd_event", args=[item.meeting_id])).content
    assert b"Provider failure" not in event
    assert client.get(f"/api/agenda-items/{item.pk}/").json()["report"] is None
    page = client.get(reverse("meetings:detail", args=[item.meeting_id])).content
    assert reverse("meetings:report", args=[report.pk]).encode() not in page
    assert b"Read the report" not in page


def test_popolo_names_no_hidden_parent(client, hwb):
    private = factories.BodyFactory(
        slug="secret-parent", name="Commissioning group", meets_in_public=False
    )
    hwb.parent = private
    hwb.save()
    text = client.get(reverse("api:popolo")).content.decode()
    assert "secret-parent" not in text and "Commissioning group" not in text
