"""Exempt (Part 2) and private business, read as a hostile reader would: the
public, a member of another body, a report author, and a colleague at the
organisation that owns an action. For each of the five leaks a design review
found, every page, feed, export, API answer and PDF that lists the object is
read, and the closed words must not be in it. Officers (and the private
body's own members) do see them, so each test shows it can fail.
"""

import datetime
import html
import io
import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hwbb import permissions
from meetings import services
from meetings.models import (
    AgendaItem,
    Declaration,
    Meeting,
    Organisation,
    Report,
)
from strategy.models import ProgressReport
from tests import factories

HOSTILE = ["anonymous", "other_member", "author", "colleague"]


def _user(role=None, **person):
    permissions.ensure_role_groups()
    user = factories.UserFactory()
    if role:
        user.groups.add(Group.objects.get(name=role))
    factories.PersonFactory(user=user, **person)
    return user


@pytest.fixture
def icb(db):
    return factories.OrganisationFactory(
        name="Coventry and Warwickshire ICB", kind=Organisation.Kind.ICB
    )


@pytest.fixture
def other_member(db, icb):
    """A member of Cabinet, not of the board."""
    user = _user(permissions.MEMBER, organisation=icb)
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    factories.MembershipFactory(body=cabinet, person=user.person)
    return user


@pytest.fixture
def colleague(db, icb):
    """Works at the ICB, which owns actions; no seat on any body."""
    return _user(permissions.AUTHOR, organisation=icb)


@pytest.fixture
def private(db):
    """A body that does not meet in public, with one member."""
    body = factories.BodyFactory(
        name="Integrated Care Partnership Executive",
        slug="icp-executive",
        meets_in_public=False,
    )
    member = _user(permissions.MEMBER)
    factories.MembershipFactory(body=body, person=member.person)
    return {"body": body, "member": member}


def _reader(request, client, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    return user


def _read(client, url):
    response = client.get(url, follow=True)  # the minute resolver redirects
    assert response.status_code in (200, 403, 404), (url, response.status_code)
    if response.status_code != 200:
        return ""
    data = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if response.get("Content-Type", "").startswith("application/pdf"):
        return _pdf_text(data)
    return html.unescape(data.decode())


def _pdf_text(data):
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def _assert_absent(client, urls, secrets):
    for url in urls:
        text = _read(client, url)
        for secret in secrets:
            assert secret not in text, (url, secret)


def _assert_present(client, urls, secret):
    """The same pages show the words to one who may read them: the test can
    fail."""
    assert any(secret in _read(client, url) for url in urls), secret


# -- 1. "My actions" and the personal calendar ---------------------------------

EXEMPT_ACTION = "Notify the unsuccessful bidders"
PRIVATE_ACTION = "Agree the executive's budget recovery plan"
DRAFT_ACTION = "Circulate the draft minutes' pooled budget figures"


@pytest.fixture
def icb_actions(hwb, icb, private):
    """Three actions owned by the ICB that its staff may not all read: one
    from an exempt minute, one of a private body, one from draft minutes."""
    exempt = factories.exempt_business(hwb)["action"]
    exempt.owner_organisation = icb
    exempt.save()
    private_minute = factories.MinuteFactory(
        meeting=factories.MeetingFactory(body=private["body"])
    )
    factories.ActionFactory(
        body=private["body"],
        minute=private_minute,
        title=PRIVATE_ACTION,
        owner_person=None,
        owner_organisation=icb,
    )
    draft = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 9, 9, 14),
        minutes_status=Meeting.MinutesStatus.DRAFT,
    )
    factories.ActionFactory(
        body=hwb,
        minute=factories.MinuteFactory(meeting=draft),
        title=DRAFT_ACTION,
        owner_person=None,
        owner_organisation=icb,
    )


def _my_lists(user):
    """The owner's own lists, then every other list that names an action."""
    person = user.person
    person.calendar_token = uuid.uuid4()
    person.save()
    return [
        reverse("meetings:my_actions"),
        reverse("meetings:actions_ics", args=[person.calendar_token]),
        reverse("meetings:action_log", args=["hwb"]),
        reverse("meetings:action_log", args=["icp-executive"]),
        "/api/actions/",
        "/api/exports/actions.csv",
        "/api/search/?q=budget",
        reverse("search") + "?q=bidders",
    ]


@pytest.mark.parametrize("role", ["colleague", "other_member"])
def test_my_actions_list_only_actions_the_owner_may_read(
    request, client, role, icb_actions
):
    user = _reader(request, client, role)
    _assert_absent(
        client, _my_lists(user), [EXEMPT_ACTION, PRIVATE_ACTION, DRAFT_ACTION]
    )


def test_an_officer_at_the_owning_organisation_sees_them_all(client, icb, icb_actions):
    officer = _user(permissions.OFFICER, organisation=icb)
    client.force_login(officer)
    for secret in (EXEMPT_ACTION, PRIVATE_ACTION, DRAFT_ACTION):
        _assert_present(client, _my_lists(officer), secret)


# -- 2. A declaration on an exempt item ----------------------------------------

DECLARED = "a director of Bidder Holdings Ltd, one of the three bidders"


@pytest.fixture
def declared(hwb):
    """A declaration on the exempt item; the minutes are out, and the next
    meeting's pack prints them for agreement."""
    business = factories.exempt_business(hwb)
    meeting = business["meeting"]
    meeting.minutes_status = Meeting.MinutesStatus.PUBLISHED_DRAFT
    meeting.save()
    declarer = factories.PersonFactory(family_name="Declarer")
    factories.MembershipFactory(body=hwb, person=declarer)
    Declaration.objects.create(
        meeting=meeting,
        agenda_item=business["item"],
        person=declarer,
        kind=Declaration.Kind.PECUNIARY,
        text=DECLARED,
        withdrew=True,
    )
    following = factories.MeetingFactory(
        body=hwb,
        start=factories.london(2019, 10, 7, 14),
        minutes_status=Meeting.MinutesStatus.NONE,
    )
    factories.AgendaItemFactory(
        meeting=following,
        number=3,
        title="Minutes of the previous meeting",
        kind=AgendaItem.Kind.MINUTES,
    )
    services.agenda_pack_build(meeting=following)
    minute = business["minute"]
    return {
        "urls": [
            reverse("meetings:minutes", args=[meeting.pk]),
            reverse("meetings:minutes_pdf", args=[meeting.pk]),
            reverse("meetings:item", args=[meeting.pk, business["item"].pk]),
            reverse(
                "meetings:minute_ref",
                args=[hwb.slug, minute.number, minute.municipal_year % 100],
            ),
            reverse("meetings:pack", args=[following.pk]),
            "/api/minutes/",
            f"/api/ocd/events/{meeting.pk}.json",
            reverse("meetings:person", args=[declarer.pk]),
        ],
    }


@pytest.mark.parametrize("role", HOSTILE)
def test_a_declaration_on_an_exempt_item_stays_closed(request, client, role, declared):
    _reader(request, client, role)
    _assert_absent(client, declared["urls"], [DECLARED])


def test_the_board_reads_the_declaration(client, member, declared):
    client.force_login(member)
    _assert_present(client, declared["urls"][:2], DECLARED)
    _assert_present(client, declared["urls"][-1:], DECLARED)  # the member's page


# -- A private body's roles on the members' pages --------------------------------


@pytest.fixture
def dual_member(private, hwb):
    """A member of the board who also advises the private body."""
    person = factories.PersonFactory(family_name="Dual")
    factories.MembershipFactory(body=hwb, person=person)
    factories.MembershipFactory(body=private["body"], person=person, role="adviser")
    return person


def _member_pages(private, dual_member):
    return [
        reverse("meetings:person", args=[dual_member.pk]),
        reverse("meetings:person_interests", args=[dual_member.pk]),
        reverse("meetings:body_register", args=["hwb"]),
        reverse("meetings:person", args=[private["member"].person.pk]),
        reverse("meetings:body_register", args=[private["body"].slug]),
    ]


@pytest.mark.parametrize("role", HOSTILE)
def test_a_private_bodys_roles_are_not_on_member_pages(
    request, client, role, private, dual_member
):
    _reader(request, client, role)
    _assert_absent(client, _member_pages(private, dual_member), [private["body"].name])


def test_the_private_bodys_member_sees_its_roles(client, private, dual_member):
    client.force_login(private["member"])
    _assert_present(client, _member_pages(private, dual_member)[:1], "Adviser")
    _assert_present(client, _member_pages(private, dual_member)[:1], "Integrated Care")


# -- 3. A late exempt item's urgency --------------------------------------------

URGENCY = "the preferred bidder's offer of 2.1 million expires on Friday"


@pytest.fixture
def late_exempt(hwb, officer):
    meeting = factories.MeetingFactory(
        body=hwb,
        # Two days ahead: inside the five clear working days, so late.
        start=timezone.now() + datetime.timedelta(days=2),
        status=Meeting.Status.SCHEDULED,
        agenda_status=Meeting.AgendaStatus.PUBLISHED,
        minutes_status=Meeting.MinutesStatus.NONE,
    )
    item = AgendaItem(
        meeting=meeting,
        # An exempt item is private business: it goes in a private section.
        section=factories.SectionFactory(
            body=hwb, name="Private Business", order=9, is_private=True
        ),
        title="Contract variation: substance misuse service",
        open_title="Contract variation",
        is_exempt=True,
        exempt_paragraph=3,
        is_urgent=True,
        urgency_reason=URGENCY,
    )
    services.agenda_item_add(item=item, user=officer)
    return meeting


def _meeting_outputs(meeting):
    return [
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("meetings:meeting_ics", args=[meeting.pk]),
        reverse("meetings:calendar_all"),
        reverse("meetings:feed"),
        f"/api/meetings/{meeting.pk}/",
        f"/api/ocd/events/{meeting.pk}.json",
    ]


@pytest.mark.parametrize("role", HOSTILE)
def test_a_late_exempt_items_urgency_is_stated_without_its_closed_reason(
    request, client, mailoutbox, role, late_exempt
):
    _reader(request, client, role)
    _assert_absent(client, _meeting_outputs(late_exempt), [URGENCY])
    html = _read(client, reverse("meetings:detail", args=[late_exempt.pk]))
    assert "urgent" in html.lower()


def test_the_board_reads_the_urgency_reason(client, member, late_exempt):
    client.force_login(member)
    _assert_present(client, _meeting_outputs(late_exempt)[:1], URGENCY)


# -- 4. A private body's name in filters and form choices -----------------------


def _choice_pages():
    """The lists a private body's name could be offered or listed in."""
    return [
        reverse("meetings:decisions"),
        reverse("meetings:report_create"),
        reverse("meetings:list"),
        reverse("search"),
        reverse("meetings:calendar_all"),
        reverse("meetings:feed"),
        "/api/bodies/",
        "/api/meetings/",
        "/api/popolo.json",
        "/api/ocd/events/",
        "/api/exports/meetings.csv",
    ]


@pytest.fixture
def private_meeting(private):
    return factories.MeetingFactory(
        body=private["body"],
        start=factories.london(2031, 6, 2, 10),
        status=Meeting.Status.SCHEDULED,
        minutes_status=Meeting.MinutesStatus.NONE,
    )


@pytest.mark.parametrize("role", HOSTILE)
def test_a_private_bodys_name_is_not_offered(request, client, role, private_meeting):
    _reader(request, client, role)
    _assert_absent(client, _choice_pages(), [private_meeting.body.name])


def test_the_private_bodys_member_is_offered_it(client, private, private_meeting):
    client.force_login(private["member"])
    for url in _choice_pages()[:1]:
        assert private_meeting.body.name in _read(client, url), url


# -- 5. A progress return filed to a private body -------------------------------

RETURN = "Waiting lists at the ICP executive have grown by a third"


@pytest.fixture
def private_return(private):
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory()
    priority.pillars.add(pillar)
    report = factories.ProgressReportFactory(
        priority=priority,
        body=private["body"],
        status=ProgressReport.Status.ACCEPTED,
        title="Private return",
        progress=RETURN,
    )
    return {
        "report": report,
        "urls": [
            reverse("strategy:priority", args=[priority.slug]),
            reverse("strategy:dashboard"),
            reverse("strategy:priority_dashboard", args=[priority.slug]),
            reverse("strategy:pillar", args=[pillar.framework.slug, pillar.code]),
            reverse("strategy:progress"),
            reverse("strategy:progress_report", args=[report.pk]),
            reverse("strategy:overview"),
            reverse("strategy:dashboard_pdf"),
            f"/api/priorities/{priority.slug}/",
        ],
    }


@pytest.mark.parametrize("role", HOSTILE)
def test_a_return_to_a_private_body_is_not_shown(request, client, role, private_return):
    _reader(request, client, role)
    _assert_absent(client, private_return["urls"], [RETURN])


def test_the_private_bodys_member_reads_the_return(client, private, private_return):
    client.force_login(private["member"])
    _assert_present(client, private_return["urls"], RETURN)


# -- 6. Decisions and actions in the open data ---------------------------------

PRIVATE_DECISION = "The executive's recovery plan be approved"
PRIVATE_OWNER = "Treasurer"


@pytest.fixture
def decided_in_private(hwb, icb, private):
    """An exempt item's decision and action (owned by a named bidder and by
    the ICB), and a private body's meeting with its decision and action, and
    a chair: what the Open Civic Data events and Popolo join together."""
    exempt = factories.exempt_business(hwb)
    exempt["action"].owner_organisation = icb
    exempt["action"].save()
    meeting = factories.MeetingFactory(body=private["body"])
    item = factories.AgendaItemFactory(meeting=meeting, title="Budget recovery")
    minute = factories.MinuteFactory(meeting=meeting, agenda_item=item)
    clause = factories.ClauseFactory(resolution__minute=minute, text=PRIVATE_DECISION)
    factories.ActionFactory(
        body=private["body"],
        minute=minute,
        resolution_clause=clause,
        title=PRIVATE_ACTION,
        owner_person=factories.PersonFactory(family_name=PRIVATE_OWNER),
        owner_organisation=icb,
    )
    factories.MembershipFactory(body=private["body"], role="chair", on_behalf_of=icb)
    return {
        "urls": [
            "/api/ocd/events/",
            f"/api/ocd/events/{exempt['meeting'].pk}.json",
            f"/api/ocd/events/{meeting.pk}.json",
            "/api/popolo.json",
        ],
        "exempt": [factories.Closed.CLAUSE, factories.Closed.ACTION, "Bidder"],
        "private": [
            PRIVATE_DECISION,
            PRIVATE_ACTION,
            PRIVATE_OWNER,
            f"Chair, {private['body'].name}",
            "post/icp-executive/",
        ],
    }


@pytest.mark.parametrize("role", HOSTILE)
def test_open_data_carries_no_closed_decision_action_or_owner(
    request, client, role, decided_in_private
):
    _reader(request, client, role)
    secrets = decided_in_private["exempt"] + decided_in_private["private"]
    _assert_absent(client, decided_in_private["urls"], secrets)


def test_the_board_reads_its_exempt_decisions_in_the_open_data(
    client, member, decided_in_private
):
    client.force_login(member)
    for secret in decided_in_private["exempt"]:
        _assert_present(client, decided_in_private["urls"][:2], secret)


def test_the_private_bodys_member_reads_its_decisions_and_posts(
    client, private, decided_in_private
):
    client.force_login(private["member"])
    for secret in decided_in_private["private"]:
        _assert_present(client, decided_in_private["urls"], secret)


# -- 7. A report written on the template: its web page and its pages in the pack

OPEN_PURPOSE = "To set out the Better Care Fund plan for 2019/20"
CLOSED_PURPOSE = "To compare the three bidders' prices for the drug service"


@pytest.fixture
def template_reports(hwb, officer):
    """Two reports written on the template, an open one and an exempt one,
    on a published agenda whose packs are built: each report is printed in
    the pack and is also a web page."""
    meeting = factories.MeetingFactory(body=hwb, agenda_status="published")
    reports = {}
    for purpose, exempt in ((OPEN_PURPOSE, False), (CLOSED_PURPOSE, True)):
        item = factories.AgendaItemFactory(
            meeting=meeting,
            title=purpose[3:40],
            is_exempt=exempt,
            exempt_paragraph=3 if exempt else None,
            open_title="Drug service contract" if exempt else "",
        )
        reports[exempt] = Report.objects.create(
            title=item.title,
            body=hwb,
            meeting=meeting,
            agenda_item=item,
            is_exempt=exempt,
            exempt_paragraph=3 if exempt else None,
            purpose=purpose,
            recommendations="The Board is asked to agree the recommendations.",
        )
    services.agenda_pack_build(meeting=meeting)
    return {
        "meeting": meeting,
        "open": reverse("meetings:report", args=[reports[False].pk]),
        "closed": reverse("meetings:report", args=[reports[True].pk]),
        "pack": reverse("meetings:pack", args=[meeting.pk]),
        "members_pack": reverse("meetings:members_pack", args=[meeting.pk]),
        "agenda": reverse("meetings:detail", args=[meeting.pk]),
    }


@pytest.mark.parametrize("role", HOSTILE)
def test_an_exempt_template_report_is_closed_on_its_page_and_in_the_pack(
    request, client, role, template_reports
):
    _reader(request, client, role)
    urls = [template_reports[k] for k in ("closed", "pack", "members_pack", "agenda")]
    _assert_absent(client, urls, [CLOSED_PURPOSE])
    assert client.get(template_reports["closed"]).status_code == 404
    # the open report is read alike on its page and in the public pack
    for url in (template_reports["open"], template_reports["pack"]):
        assert OPEN_PURPOSE in _read(client, url), url
    page = _read(client, template_reports["open"])
    assert f'href="{template_reports["pack"]}#page=' in page
    agenda = _read(client, template_reports["agenda"])
    assert f'href="{template_reports["open"]}"' in agenda
    assert f'href="{template_reports["closed"]}"' not in agenda


def test_the_board_reads_the_exempt_report_on_its_page_and_in_its_pack(
    client, member, template_reports
):
    client.force_login(member)
    for url in (template_reports["closed"], template_reports["members_pack"]):
        assert CLOSED_PURPOSE in _read(client, url), url
    assert f'href="{template_reports["closed"]}"' in _read(
        client, template_reports["agenda"]
    )
