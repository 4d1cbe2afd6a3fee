""" "My actions" lists the person's own actions, open first, with counts and a
filter that works without JavaScript; "My organisation's actions" lists the
actions of the organisations a person is a nominated lead for. Both go
through Action.objects.visible_to, as the action page does, so every link
opens and nothing closed leaks."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions
from meetings.models import OrganisationLead
from tests import factories

TODAY = timezone.localdate


def _days(n):
    return TODAY() + datetime.timedelta(days=n)


def _page(client, **query):
    response = client.get(reverse("meetings:my_actions"), query)
    assert response.status_code == 200
    return response.text


def _section(html, heading):
    """The page from a heading to the next h2 (or the end)."""
    start = html.index(heading)
    end = html.find("<h2", start + len(heading))
    return html[start : end if end != -1 else None]


def _words(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _action_links(html):
    return sorted(set(re.findall(r'href="(/meetings/actions/\d+/)"', html)))


@pytest.fixture
def police(db):
    return factories.OrganisationFactory(name="West Midlands Police", kind="police")


@pytest.fixture
def own(member):
    """The member's own actions: overdue, due this month, later, done."""
    person = member.person
    return {
        "overdue": factories.ActionFactory(
            owner_person=person, title="Overdue and on track", due_date=_days(-400)
        ),
        "soon": factories.ActionFactory(
            owner_person=person, title="Due in a few days", due_date=_days(0)
        ),
        "later": factories.ActionFactory(
            owner_person=person, title="Due next year", due_date=_days(300)
        ),
        "done": factories.ActionFactory(
            owner_person=person,
            title="Already done",
            due_date=_days(-30),
            status="done",
            percent_complete=100,
            closing_note="Reported to the Board.",
        ),
    }


def test_my_actions_are_the_persons_own_not_their_organisations(
    client, member, own, police
):
    council = member.person.organisation
    factories.ActionFactory(
        owner_person=None, owner_organisation=council, title="The council's action"
    )
    colleague = factories.ActionFactory(title="A colleague's action")
    assert colleague.owner_person.organisation == council  # same employer
    client.force_login(member)
    html = _page(client)
    for action in own.values():
        assert action.title in html
    assert "The council&#x27;s action" not in html
    assert "A colleague&#x27;s action" not in html
    assert "My organisation's actions" not in html  # not a lead


def test_open_first_soonest_first_then_done_with_counts(client, member, own):
    client.force_login(member)
    html = _page(client)
    order = [html.index(own[k].title) for k in ("overdue", "soon", "later", "done")]
    assert order == sorted(order)
    counts = _words(_section(html, 'id="counts-mine"'))
    for words in ("1 overdue", "3 open", "1 done or dropped"):
        assert words in counts
    assert "1 due this month" in counts  # the one due today
    links = _section(html, 'id="counts-mine"')
    for show in ("overdue", "due", "open", "done"):  # each count opens its list
        assert f'href="?show={show}"' in links


@pytest.mark.parametrize(
    "show, listed",
    [
        ("open", {"overdue", "soon", "later"}),
        ("overdue", {"overdue"}),
        ("due", {"soon"}),
        ("done", {"done"}),
        ("", {"overdue", "soon", "later", "done"}),
        ("nonsense", {"overdue", "soon", "later", "done"}),
    ],
)
def test_the_filter_is_a_plain_get_form(client, member, own, show, listed):
    client.force_login(member)
    html = _page(client, show=show)
    assert '<form method="get"' in html and 'name="show"' in html
    table = _section(html, "Your actions</caption>")
    assert {k for k, a in own.items() if a.title in table} == listed


def test_rag_and_status_words_never_contradict(client, member, own):
    client.force_login(member)
    html = _page(client)
    row = html[html.index(own["overdue"].title) :]
    row = row[: row.index("</tr>")]
    assert "Red: overdue" in row
    assert "On track" not in row and "green" not in row.lower()


def test_a_lead_sees_the_organisations_actions_as_a_second_list(
    client, member, own, police
):
    OrganisationLead.objects.create(organisation=police, person=member.person)
    theirs = factories.ActionFactory(
        owner_person=None,
        owner_organisation=police,
        title="Bring further reports on young people and violence",
        due_date=_days(-10),
    )
    named = factories.ActionFactory(
        owner_organisation=police, title="Develop a City Strategy on Youth Violence"
    )
    client.force_login(member)
    html = _page(client)
    mine, led = html.split("My organisation's actions", 1)
    assert theirs.title in led and named.title in led
    assert theirs.title not in mine
    assert own["overdue"].title in mine and own["overdue"].title not in led
    assert "West Midlands Police" in led


def test_a_lead_whose_nomination_ended_sees_no_second_list(client, member, police):
    OrganisationLead.objects.create(
        organisation=police, person=member.person, until=_days(-1)
    )
    factories.ActionFactory(owner_person=None, owner_organisation=police)
    client.force_login(member)
    assert "My organisation's actions" not in _page(client)


# -- Every link opens, and nothing closed leaks ------------------------------


@pytest.fixture
def closed_world(hwb, police):
    """Part 2 business of the board; an action of a private body owned by
    the police; an action from the board's unpublished minutes."""
    world = factories.exempt_business(hwb)
    private = factories.BodyFactory(
        name="Youth Violence Reduction Board", slug="yvrb", meets_in_public=False
    )
    world["private"] = factories.ActionFactory(
        body=private,
        minute=factories.MinuteFactory(meeting__body=private),
        owner_person=None,
        owner_organisation=police,
        title="Share the gang intelligence picture",
    )
    world["unpublished"] = factories.ActionFactory(
        body=hwb,
        minute=factories.MinuteFactory(
            meeting__body=hwb, meeting__minutes_status="draft"
        ),
        owner_organisation=police,
        title="Draft minutes action",
    )
    return world


@pytest.fixture
def other_member(db):
    """A member of another body, and no lead."""
    permissions.ensure_role_groups()
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=permissions.MEMBER))
    other = factories.BodyFactory(name="Cabinet", slug="cabinet")
    factories.MembershipFactory(body=other, person=factories.PersonFactory(user=user))
    return user


SECRETS = (
    factories.Closed.ACTION,
    "Share the gang intelligence picture",
    "Draft minutes action",
)


@pytest.mark.parametrize("role", ["author", "other_member", "member", "chair"])
def test_every_link_in_my_actions_opens_and_nothing_closed_leaks(
    request, client, closed_world, police, role
):
    user = request.getfixturevalue(role)
    user.person.organisation = police
    user.person.save()
    # the closed actions' owners, as far as the lists go: by name for the
    # exempt one, by organisation for the others
    closed_world["action"].owner_person.organisation = police
    closed_world["action"].owner_person.save()
    factories.ActionFactory(owner_person=user.person, title="An open action of mine")
    client.force_login(user)
    html = _page(client)
    assert "An open action of mine" in html
    for secret in SECRETS:
        assert secret not in html, (role, secret)
    links = _action_links(html)
    assert links
    for link in links:
        assert client.get(link).status_code == 200, (role, link)


def test_anonymous_is_sent_to_sign_in(client, closed_world):
    response = client.get(reverse("meetings:my_actions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_lead_sees_and_opens_the_organisations_closed_actions(
    client, author, closed_world, police
):
    """The organisation owns them and its lead acts for it, as an owner named
    on an action does: the lead reads them, and only the lead."""
    OrganisationLead.objects.create(organisation=police, person=author.person)
    client.force_login(author)
    html = _page(client)
    assert "Share the gang intelligence picture" in html
    assert "Draft minutes action" in html
    assert factories.Closed.ACTION not in html  # owned by a person, not the police
    for link in _action_links(html):
        assert client.get(link).status_code == 200


# -- Queries ------------------------------------------------------------------


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        _page(client)
    return len(queries)


def _grow(person, police, n):
    for _ in range(n):
        factories.ActionFactory(owner_person=person, due_date=_days(-3))
        factories.ActionFactory(
            owner_person=None, owner_organisation=police, due_date=_days(5)
        )


def test_the_query_count_does_not_grow_with_the_actions(client, member, police):
    OrganisationLead.objects.create(organisation=police, person=member.person)
    client.force_login(member)
    _grow(member.person, police, 2)
    small = _queries(client)
    _grow(member.person, police, 25)
    large = _queries(client)
    assert large == small
    assert large <= 12
