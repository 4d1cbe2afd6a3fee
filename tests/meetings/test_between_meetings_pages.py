"""What the pages, the API and the feed show of decisions taken between
meetings: an exempt one's closed words only to officers and the body's own
members; a proposal only to them; and the forward plan's flag on a deadline
that falls before the meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, PlannedItem, RecurringItem, UrgentDecision
from tests import factories

SEES_CLOSED = {"officer", "chair", "member"}
CLOSED_TITLE = "Care home contract: uplift for Oakwood Lodge"
OPEN_TITLE = "Care home contract uplift"
SECRETS = (
    CLOSED_TITLE,
    "Oakwood Lodge be paid a nine per cent uplift",
    "The provider would otherwise serve notice",
    "The Director of Adult Services advised",
)


def _future(body, days, **kwargs):
    kwargs.setdefault("status", Meeting.Status.SCHEDULED)
    kwargs.setdefault("agenda_status", Meeting.AgendaStatus.DRAFT)
    kwargs.setdefault("minutes_status", Meeting.MinutesStatus.NONE)
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return factories.MeetingFactory(body=body, start=start, **kwargs)


def _decision(body, **fields):
    fields.setdefault("title", "Better Care Fund quarter 3 return")
    decision = UrgentDecision(
        body=body,
        kind=UrgentDecision.Kind.CHAIRS_ACTION,
        decision=fields.pop("decision", "The return be approved for submission."),
        reasons=fields.pop("reasons", "NHS England's deadline is before the board."),
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        deadline_source="NHS England: Better Care Fund quarterly return",
        consultation=fields.pop("consultation", "The Director was consulted."),
        **fields,
    )
    return services.urgent_decision_propose(decision=decision, user=None)[0]


@pytest.fixture
def exempt_taken(hwb):
    """An exempt chair's action, taken, on a published agenda for ratification."""
    factories.SectionFactory(body=hwb, name="Private Business", is_private=True)
    meeting = _future(hwb, 30)
    chair = factories.PersonFactory(user=factories.UserFactory())
    factories.MembershipFactory(body=hwb, person=chair, role="chair")
    decision = _decision(
        hwb,
        title=CLOSED_TITLE,
        open_title=OPEN_TITLE,
        is_exempt=True,
        exempt_paragraph=3,
        decision=SECRETS[1],
        reasons=SECRETS[2],
        consultation=SECRETS[3],
    )
    decision, _, _ = services.urgent_decision_take(decision=decision, user=chair.user)
    meeting.agenda_status = Meeting.AgendaStatus.PUBLISHED
    meeting.save()
    return decision


def _everything(client, decision):
    """Every page, API answer and feed that could show the decision."""
    item = decision.ratification_item
    urls = [
        decision.get_absolute_url(),
        reverse("meetings:urgent_list", args=[decision.body.slug]),
        reverse("meetings:decisions"),
        item.get_absolute_url(),
        reverse("meetings:detail", args=[item.meeting_id]),
        "/api/urgent-decisions/",
        f"/api/urgent-decisions/{decision.pk}/",
        "/api/agenda-items/",
        reverse("api:ocd_event", args=[item.meeting_id]),
        reverse("meetings:feed"),
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_exempt_decision_is_closed_to_all_but_officers_and_members(
    persona, client, exempt_taken
):
    role, _ = persona
    text = _everything(client, exempt_taken)
    assert OPEN_TITLE in text
    for secret in SECRETS:
        assert (secret in text) == (role in SEES_CLOSED), (role, secret)


def test_exempt_decision_is_closed_to_another_bodys_member(client, exempt_taken):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    person = factories.PersonFactory(user=factories.UserFactory())
    factories.MembershipFactory(body=cabinet, person=person, role="chair")
    client.force_login(person.user)
    text = _everything(client, exempt_taken)
    assert OPEN_TITLE in text
    assert not any(secret in text for secret in SECRETS)


def test_the_feed_gives_the_open_title_only(client, exempt_taken):
    feed = client.get(reverse("meetings:feed")).content.decode()
    assert f"Decision taken between meetings: {OPEN_TITLE}" in feed
    assert CLOSED_TITLE not in feed


def test_a_proposal_is_for_officers_and_the_bodys_members(persona, client, hwb):
    role, _ = persona
    decision = _decision(hwb, title="Proposed: BCF discharge fund")
    page = client.get(decision.get_absolute_url())
    assert page.status_code == (200 if role in SEES_CLOSED else 404)
    listed = client.get(reverse("meetings:urgent_list", args=[hwb.slug])).text
    api = client.get("/api/urgent-decisions/").content.decode()
    feed = client.get(reverse("meetings:feed")).content.decode()
    assert ("Proposed: BCF discharge fund" in listed) == (role in SEES_CLOSED)
    assert ("Proposed: BCF discharge fund" in api) == (role in SEES_CLOSED)
    assert "Proposed: BCF discharge fund" not in feed


def test_a_private_bodys_decision_is_not_found_by_the_public(client, db):
    private = factories.BodyFactory(
        name="Joint Commissioning Group", slug="jcg", meets_in_public=False
    )
    chair = factories.PersonFactory(user=factories.UserFactory())
    factories.MembershipFactory(body=private, person=chair, role="chair")
    decision, _, _ = services.urgent_decision_take(
        decision=_decision(private), user=chair.user
    )
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert client.get(f"/api/urgent-decisions/{decision.pk}/").status_code == 404
    client.force_login(chair.user)
    assert client.get(decision.get_absolute_url()).status_code == 200


# -- The forward plan's flag ---------------------------------------------------


@pytest.fixture
def plan(hwb):
    """The next meeting in 40 days and another in 130 days."""
    return _future(hwb, 40), _future(hwb, 130)


def _day(value):
    return f"{value:%-d %B %Y}"


def _forward_plan(client, body, meeting):
    url = reverse("meetings:forward_plan", args=[body.slug])
    return client.get(url, {"year": meeting.municipal_year}).text


def test_a_deadline_before_the_next_meeting_is_flagged(client, officer, hwb, plan):
    nearest, _ = plan
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    planned = PlannedItem.objects.create(
        meeting=nearest,
        title="Better Care Fund plan",
        statutory_deadline=deadline,
        deadline_source="NHS England: BCF plan submission",
    )
    words = (
        f"The deadline ({_day(deadline)}) falls before the next meeting "
        f"({_day(timezone.localdate(nearest.start))})."
    )
    link = reverse("meetings:urgent_new", args=[hwb.slug]) + f"?planned={planned.pk}"
    public = _forward_plan(client, hwb, nearest)
    assert words in public
    assert link not in public  # proposing is for officers
    client.force_login(officer)
    page = _forward_plan(client, hwb, nearest)
    assert words in page
    assert link in page
    assert "Take it as a chair's action or written resolution" in page


def test_a_deadline_after_the_meeting_is_not_flagged(client, hwb, plan):
    nearest, _ = plan
    PlannedItem.objects.create(
        meeting=nearest,
        title="Better Care Fund plan",
        statutory_deadline=timezone.localdate(nearest.start)
        + datetime.timedelta(days=1),
        deadline_source="NHS England: BCF plan submission",
    )
    assert "The deadline (" not in _forward_plan(client, hwb, nearest)


def test_a_deadline_before_a_later_meeting_names_that_meeting(client, hwb, plan):
    nearest, later = plan
    deadline = timezone.localdate() + datetime.timedelta(days=100)
    PlannedItem.objects.create(
        meeting=later,
        title="Better Care Fund year-end return",
        statutory_deadline=deadline,
        deadline_source="NHS England: BCF year-end template",
    )
    page = _forward_plan(client, hwb, later)
    assert (
        f"The deadline ({_day(deadline)}) falls before the meeting it is planned for "
        f"({_day(timezone.localdate(later.start))})."
    ) in page


def test_a_statutory_duty_due_before_the_next_meeting_is_flagged(client, hwb, plan):
    nearest, _ = plan
    due = timezone.localdate() + datetime.timedelta(days=15)
    RecurringItem.objects.create(
        body=hwb,
        title="Better Care Fund quarterly return",
        every_months=3,
        next_due=due,
    )
    RecurringItem.objects.create(
        body=hwb, title="Annual report", every_months=12, next_due=due, statutory=False
    )
    page = _forward_plan(client, hwb, nearest)
    assert page.count(f"The deadline ({_day(due)}) falls before the next meeting") == 1


def test_the_link_fills_in_the_proposal_from_the_row(client, officer, hwb, plan):
    nearest, _ = plan
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    planned = PlannedItem.objects.create(
        meeting=nearest,
        title="Better Care Fund plan",
        statutory_deadline=deadline,
        deadline_source="NHS England: BCF plan submission",
    )
    client.force_login(officer)
    url = reverse("meetings:urgent_new", args=[hwb.slug])
    form = client.get(url, {"planned": planned.pk}).context["form"]
    assert form["title"].value() == "Better Care Fund plan"
    assert form["deadline"].value() == deadline
    assert form["deadline_source"].value() == "NHS England: BCF plan submission"
    assert form["planned_item"].value() == planned.pk
    # a row of another body's plan fills in nothing
    other = factories.BodyFactory(name="Cabinet", slug="cabinet")
    theirs = PlannedItem.objects.create(
        meeting=_future(other, 40), title="Cabinet business"
    )
    form = client.get(url, {"planned": theirs.pk}).context["form"]
    assert not form["title"].value()


def test_a_row_taken_between_meetings_links_to_the_decision(client, officer, hwb, plan):
    nearest, _ = plan
    planned = PlannedItem.objects.create(
        meeting=nearest,
        title="Better Care Fund plan",
        statutory_deadline=timezone.localdate() + datetime.timedelta(days=20),
        deadline_source="NHS England: BCF plan submission",
    )
    decision = _decision(hwb, title="Better Care Fund plan", planned_item=planned)
    client.force_login(officer)
    page = _forward_plan(client, hwb, nearest)
    assert decision.get_absolute_url() in page
    assert "Take it as a chair" not in page
