"""Decisions taken between meetings: a chair's action or a written resolution
of the members, taken before a deadline that will not wait for the board,
and put on the next meeting's agenda for ratification in the same step."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hwbb.models import Notification
from meetings import services
from meetings.models import AgendaItem, Meeting, MemberResponse, UrgentDecision
from tests import factories

BCF = "Better Care Fund plan 2027/28"
DEADLINE_SOURCE = "NHS England: Better Care Fund plan submission"


def _future(days, **kwargs):
    start = timezone.now() + datetime.timedelta(days=days)
    kwargs.setdefault("status", Meeting.Status.SCHEDULED)
    kwargs.setdefault("agenda_status", Meeting.AgendaStatus.DRAFT)
    kwargs.setdefault("minutes_status", Meeting.MinutesStatus.NONE)
    return factories.MeetingFactory(start=start.replace(microsecond=0), **kwargs)


@pytest.fixture
def board(hwb):
    for order, (name, private) in enumerate(
        [
            ("Public Business", False),
            ("Development Items", False),
            ("Governance Items", False),
            ("Private Business", True),
        ]
    ):
        factories.SectionFactory(body=hwb, name=name, order=order, is_private=private)
    return hwb


@pytest.fixture
def next_meeting(board):
    return _future(40, body=board)


def _propose(body, kind=UrgentDecision.Kind.CHAIRS_ACTION, user=None, **fields):
    fields.setdefault("title", BCF)
    decision = UrgentDecision(
        body=body,
        kind=kind,
        decision=fields.pop("decision", "The plan be approved for submission."),
        reasons="NHS England's deadline falls before the board next meets.",
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        deadline_source=DEADLINE_SOURCE,
        consultation=fields.pop("consultation", "The Director of Adult Services."),
        **fields,
    )
    return services.urgent_decision_propose(decision=decision, user=user)[0]


def _ratification_items(meeting):
    return meeting.agenda_items.filter(kind=AgendaItem.Kind.RATIFICATION)


# -- A chair's action ----------------------------------------------------------


def test_the_chair_takes_it_and_it_goes_on_the_next_agenda(board, next_meeting, chair):
    factories.AgendaItemFactory(
        meeting=next_meeting,
        section=board.sections.get(name="Development Items"),
        number=1,
    )
    decision = _propose(board)
    decision, taken, words = services.urgent_decision_take(
        decision=decision, user=chair
    )
    assert taken
    assert decision.status == UrgentDecision.Status.TAKEN
    assert decision.taken_by == chair.person
    assert not decision.recorded_for_the_chair
    item = decision.ratification_item
    assert item.meeting == next_meeting
    assert item.title == f"{BCF}: for ratification"
    assert item.kind == AgendaItem.Kind.RATIFICATION
    assert item.section.name == "Governance Items"  # the last public section
    assert item.reference == "2"  # after the development item: agenda order
    assert f"item {item.reference} on the agenda of {next_meeting}" in words


def test_an_officer_records_it_for_the_chair_as_such(board, next_meeting, officer):
    chair = factories.PersonFactory(display_name="Cllr Kamran Caan")
    factories.MembershipFactory(body=board, person=chair, role="chair")
    decision, taken, _ = services.urgent_decision_take(
        decision=_propose(board), user=officer, taken_by=chair
    )
    assert taken and decision.taken_by == chair
    assert decision.recorded_by == officer
    assert decision.recorded_for_the_chair


def test_an_officer_must_name_one_of_the_chairs(board, next_meeting, officer, member):
    decision = _propose(board)
    for taken_by in (None, member.person):
        with pytest.raises(ValidationError) as error:
            services.urgent_decision_take(
                decision=decision, user=officer, taken_by=taken_by
            )
        assert "taken_by" in error.value.message_dict
    assert not _ratification_items(next_meeting).exists()


def test_a_member_or_another_bodys_chair_cannot_take_it(board, next_meeting, member):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    other = factories.PersonFactory(user=factories.UserFactory())
    factories.MembershipFactory(body=cabinet, person=other, role="chair")
    decision = _propose(board)
    for user in (member, other.user):
        with pytest.raises(ValidationError, match="Only the chair or deputy chair"):
            services.urgent_decision_take(decision=decision, user=user)
    decision.refresh_from_db()
    assert decision.status == UrgentDecision.Status.PROPOSED


def test_a_chairs_action_needs_the_consultation_recorded(board, next_meeting, chair):
    decision = _propose(board, consultation="")
    with pytest.raises(ValidationError) as error:
        services.urgent_decision_take(decision=decision, user=chair)
    assert "consultation" in error.value.message_dict


def test_the_take_page_is_for_the_bodys_chair(client, board, next_meeting, member):
    decision = _propose(board)
    client.force_login(member)
    url = reverse("meetings:urgent_take", args=[decision.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "on"}).status_code == 403


# -- A written resolution ------------------------------------------------------


@pytest.fixture
def voters(board, chair, member):
    """The chair, the member and one more voting member; a substitute and a
    non-voting adviser, who are not asked."""
    third = factories.PersonFactory(family_name="Hammond")
    factories.MembershipFactory(body=board, person=third, role="voting_member")
    for role, voting in (("substitute", True), ("adviser", False)):
        factories.MembershipFactory(
            body=board, person=factories.PersonFactory(), role=role, voting=voting
        )
    return [chair.person, member.person, third]


def test_a_written_resolution_asks_the_voting_members(board, voters):
    decision = _propose(board, UrgentDecision.Kind.WRITTEN_RESOLUTION)
    asked = {r.person for r in decision.responses.all()}
    assert asked == set(voters)
    assert {r.answer for r in decision.responses.all()} == {"no_reply"}
    emailed = Notification.objects.filter(kind="written_resolution_asked")
    assert sorted(n.person.pk for n in emailed) == sorted(p.pk for p in voters)


def test_it_is_taken_only_once_a_majority_agreed(
    board, next_meeting, voters, officer, chair
):
    decision = _propose(board, UrgentDecision.Kind.WRITTEN_RESOLUTION)
    services.urgent_decision_respond(
        decision=decision, person=voters[0], answer="agree", comment="", user=officer
    )
    services.urgent_decision_respond(
        decision=decision, person=voters[2], answer="disagree", comment="", user=officer
    )
    with pytest.raises(ValidationError, match="1 of the 3 voting members"):
        services.urgent_decision_take(decision=decision, user=officer)
    member_user = voters[1].user
    services.urgent_decision_respond(
        decision=decision,
        person=voters[1],
        answer="agree",
        comment="",
        user=member_user,
    )
    decision, taken, _ = services.urgent_decision_take(decision=decision, user=chair)
    assert taken and decision.taken_by is None
    assert decision.ratification_item.meeting == next_meeting


def test_a_member_answers_only_for_themself(board, voters, member, author):
    decision = _propose(board, UrgentDecision.Kind.WRITTEN_RESOLUTION)
    with pytest.raises(ValidationError, match="Only the member"):
        services.urgent_decision_respond(
            decision=decision,
            person=voters[0],
            answer="agree",
            comment="",
            user=member,
        )
    with pytest.raises(ValidationError):
        services.urgent_decision_respond(
            decision=decision,
            person=author.person,
            answer="agree",
            comment="",
            user=author,
        )
    response = services.urgent_decision_respond(
        decision=decision, person=member.person, answer="agree", comment="", user=member
    )
    assert response.answer == MemberResponse.Answer.AGREE
    assert not response.recorded_for_the_member


# -- Where the ratification goes -----------------------------------------------


def test_an_exempt_decision_goes_in_the_private_section(board, next_meeting, chair):
    decision = _propose(
        board,
        title="Care home contract: BCF uplift",
        is_exempt=True,
        exempt_paragraph=3,
        open_title="Contract uplift",
    )
    decision, _, _ = services.urgent_decision_take(decision=decision, user=chair)
    item = decision.ratification_item
    assert item.section.name == "Private Business"
    assert item.is_exempt and item.exempt_paragraph == 3
    assert item.public_title == "Contract uplift: for ratification"


def test_a_published_agenda_is_passed_over_in_words(board, chair):
    published = _future(10, body=board, agenda_status="published")
    after = _future(60, body=board)
    decision, _, words = services.urgent_decision_take(
        decision=_propose(board), user=chair
    )
    assert decision.ratification_item.meeting == after
    assert not _ratification_items(published).exists()
    day = f"{timezone.localdate(published.start):%-d %B %Y}"
    assert f"The agenda for {day} is already published" in words
    assert "urgent item (published as a supplement)" in words


def test_a_cancelled_meeting_is_passed_over(board, chair):
    cancelled = _future(10, body=board, status="cancelled")
    after = _future(60, body=board)
    decision, _, _ = services.urgent_decision_take(decision=_propose(board), user=chair)
    assert decision.ratification_item.meeting == after
    assert not _ratification_items(cancelled).exists()


def test_a_late_agenda_takes_it_as_urgent(board, chair):
    soon = _future(2, body=board)
    decision, _, _ = services.urgent_decision_take(decision=_propose(board), user=chair)
    item = decision.ratification_item
    assert item.meeting == soon
    assert item.is_urgent and "for ratification" in item.urgency_reason


def test_with_no_meeting_to_come_the_next_meeting_arranged_takes_it(board, chair):
    decision, taken, words = services.urgent_decision_take(
        decision=_propose(board), user=chair
    )
    assert taken and decision.ratification_item is None
    assert "it will go on the agenda of the next meeting arranged" in words
    start = timezone.now() + datetime.timedelta(days=30)
    meeting = services.meeting_create(
        meeting=Meeting(body=board, start=start, status="scheduled")
    )
    decision.refresh_from_db()
    assert decision.ratification_item.meeting == meeting


def test_cancelling_the_meeting_moves_the_ratification_on(board, next_meeting, chair):
    later = _future(90, body=board)
    decision, _, _ = services.urgent_decision_take(decision=_propose(board), user=chair)
    services.meeting_cancel(meeting=next_meeting, reason="Not quorate")
    decision.refresh_from_db()
    assert decision.ratification_item.meeting == later


# -- Once only -------------------------------------------------------------------


def test_taking_it_twice_adds_one_item(board, next_meeting, chair, officer):
    decision = _propose(board)
    services.urgent_decision_take(decision=decision, user=chair)
    again, taken, words = services.urgent_decision_take(
        decision=decision, user=officer, taken_by=chair.person
    )
    assert not taken
    assert words.startswith("It was already taken on")
    assert again.recorded_by == chair
    assert _ratification_items(next_meeting).count() == 1


def test_the_same_proposal_sent_twice_is_made_and_emailed_once(board, chair, officer):
    first = _propose(board, user=officer)
    second = _propose(board, user=officer)
    assert first == second
    assert UrgentDecision.objects.count() == 1
    emailed = Notification.objects.filter(kind="urgent_decision_proposed")
    assert [n.person for n in emailed] == [chair.person]


@pytest.mark.django_db(transaction=True)
def test_two_officers_taking_it_at_once_add_one_item(board, officer, chair):
    meeting = _future(40, body=board)
    second = factories.UserFactory()
    second.groups.set(officer.groups.all())
    decision = _propose(board)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def take(user):
        try:
            barrier.wait(timeout=10)
            results.append(
                services.urgent_decision_take(
                    decision=decision, user=user, taken_by=chair.person
                )[1]
            )
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(u,)) for u in (officer, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False, True]
    assert _ratification_items(meeting).count() == 1


# -- Ratification ----------------------------------------------------------------


def test_ratified_once_the_meeting_has_met(board, next_meeting, chair):
    decision, _, _ = services.urgent_decision_take(decision=_propose(board), user=chair)
    with pytest.raises(ValidationError, match="has not yet taken place"):
        services.urgent_decision_ratify(decision=decision, ratified=True)
    Meeting.objects.filter(pk=next_meeting.pk).update(
        start=timezone.now() - datetime.timedelta(hours=2), status="held"
    )
    minute = factories.MinuteFactory(
        meeting=next_meeting, agenda_item=decision.ratification_item
    )
    with pytest.raises(ValidationError) as error:
        services.urgent_decision_ratify(decision=decision, ratified=False)
    assert "note" in error.value.message_dict
    decision, recorded = services.urgent_decision_ratify(
        decision=decision, ratified=True, minute=minute
    )
    assert recorded and decision.status == UrgentDecision.Status.RATIFIED
    next_meeting.refresh_from_db()
    assert decision.ratified_on == timezone.localdate(next_meeting.start)
    assert decision.ratification_minute == minute
    _, again = services.urgent_decision_ratify(
        decision=decision, ratified=False, note="Changed our mind"
    )
    decision.refresh_from_db()
    assert not again and decision.status == UrgentDecision.Status.RATIFIED


# -- Through the pages -----------------------------------------------------------


def test_officer_proposes_and_chair_takes_through_the_pages(
    client, board, next_meeting, officer, chair
):
    client.force_login(officer)
    today = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        reverse("meetings:urgent_new", args=[board.slug]),
        {
            "kind": "chairs_action",
            "title": BCF,
            "decision": "(1) The plan be approved.\n(2) The Director submit it.",
            "reasons": "The national deadline is before the next meeting.",
            "deadline_0": today.day,
            "deadline_1": today.month,
            "deadline_2": today.year,
            "deadline_source": DEADLINE_SOURCE,
            "consultation": "The Director of Adult Services agreed.",
        },
    )
    decision = UrgentDecision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    client.force_login(chair)
    page = client.get(reverse("meetings:urgent_take", args=[decision.pk])).text
    assert "(2) The Director submit it." in page
    assert f"agenda of the meeting on {next_meeting.start:%-d %B %Y}" in page
    taken_on = timezone.localdate()
    response = client.post(
        reverse("meetings:urgent_take", args=[decision.pk]),
        {
            "taken_on_0": taken_on.day,
            "taken_on_1": taken_on.month,
            "taken_on_2": taken_on.year,
            "confirm": "on",
        },
        follow=True,
    )
    assert "The decision is taken. It is item 1 on the agenda" in response.text
    item = _ratification_items(next_meeting).get()
    page = client.get(item.get_absolute_url()).text
    assert "Decision taken between meetings" in page
    assert decision.get_absolute_url() in page


def test_the_decisions_page_lists_it(client, board, next_meeting, chair):
    services.urgent_decision_take(decision=_propose(board), user=chair)
    page = client.get(reverse("meetings:decisions")).text
    assert "Taken between meetings" in page
    assert BCF in page


# -- Emails ----------------------------------------------------------------------


def test_the_chair_is_emailed_once_and_only_the_open_title(
    board, chair, officer, mailoutbox, django_capture_on_commit_callbacks
):
    closed = "Care home contract: uplift for Oakwood Lodge"
    for _ in range(2):  # a double submit
        with django_capture_on_commit_callbacks(execute=True):
            decision = _propose(
                board,
                user=officer,
                title=closed,
                is_exempt=True,
                exempt_paragraph=3,
                open_title="Contract uplift",
            )
    [email] = mailoutbox
    assert email.to == [chair.person.email]
    assert email.subject == "For your decision as chair: Contract uplift"
    assert reverse("meetings:urgent_take", args=[decision.pk]) in email.body
    assert closed not in email.body + email.subject


def test_the_members_are_emailed_once_each(
    board, voters, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = _propose(board, UrgentDecision.Kind.WRITTEN_RESOLUTION, user=officer)
    assert sorted(e.to[0] for e in mailoutbox) == sorted(p.email for p in voters)
    assert all(
        reverse("meetings:urgent_respond", args=[decision.pk]) in e.body
        for e in mailoutbox
    )


def test_the_list_reads_a_fixed_number_of_queries(
    client, board, next_meeting, chair, officer, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            decision = _propose(board, title=f"Better Care Fund return {n}-{i}")
            services.urgent_decision_take(decision=decision, user=chair)

    client.force_login(officer)
    url = reverse("meetings:urgent_list", args=[board.slug])
    add(2)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    add(6)
    assert _ratification_items(next_meeting).count() == 8
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# -- Withdrawn before it was taken -------------------------------------------------


def test_an_officer_withdraws_a_proposal_and_the_chair_is_told_once(
    board, chair, officer, mailoutbox, django_capture_on_commit_callbacks
):
    decision = _propose(board, user=officer)
    for _ in range(2):  # a double submit
        with django_capture_on_commit_callbacks(execute=True):
            decision, _ = services.urgent_decision_withdraw(
                decision=decision, user=officer, reason="The deadline moved to May."
            )
    decision.refresh_from_db()
    assert decision.status == UrgentDecision.Status.WITHDRAWN
    assert decision.withdrawn_reason == "The deadline moved to May."
    told = Notification.objects.filter(kind="urgent_decision_withdrawn")
    assert [n.person for n in told] == [chair.person]
    [email] = [e for e in mailoutbox if "Withdrawn" in e.subject]
    assert email.to == [chair.person.email]


def test_once_withdrawn_it_cannot_be_taken_answered_or_changed(
    board, next_meeting, voters, officer, chair, member
):
    decision = _propose(board, UrgentDecision.Kind.WRITTEN_RESOLUTION, user=officer)
    services.urgent_decision_withdraw(decision=decision, user=officer, reason="Met.")
    told = Notification.objects.filter(kind="urgent_decision_withdrawn")
    assert sorted(n.person.pk for n in told) == sorted(p.pk for p in voters)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.urgent_decision_respond(
            decision=decision,
            person=member.person,
            answer="agree",
            comment="",
            user=member,
        )
    decision, taken, words = services.urgent_decision_take(
        decision=decision, user=chair
    )
    assert not taken and words == "It was withdrawn before it was taken."
    assert not _ratification_items(next_meeting).exists()
    with pytest.raises(ValidationError):
        services.urgent_decision_update(decision=decision)


def test_a_taken_decision_cannot_be_withdrawn_nor_without_a_reason(
    board, next_meeting, chair, officer, member
):
    decision = _propose(board, user=officer)
    with pytest.raises(ValidationError) as error:
        services.urgent_decision_withdraw(decision=decision, user=officer, reason=" ")
    assert "Say why" in str(error.value)
    with pytest.raises(ValidationError):
        services.urgent_decision_withdraw(decision=decision, user=member, reason="No.")
    services.urgent_decision_take(decision=decision, user=chair)
    with pytest.raises(ValidationError, match="taken"):
        services.urgent_decision_withdraw(decision=decision, user=officer, reason="x")


def test_withdrawing_through_its_page_asks_first(client, board, chair, officer, member):
    decision = _propose(board, user=officer)
    url = reverse("meetings:urgent_withdraw", args=[decision.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    page = client.get(decision.get_absolute_url()).text
    assert url in page
    confirm = client.get(url).text
    assert "Withdraw this proposal?" in confirm
    assert "the chair and deputy chair are emailed" in confirm
    decision.refresh_from_db()
    assert decision.status == UrgentDecision.Status.PROPOSED  # nothing by a GET
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Give the reason the proposal is withdrawn" in refused.text
    response = client.post(url, {"reason": "The board meets in time."})
    assert response.status_code == 302
    page = client.get(decision.get_absolute_url()).text
    assert "Withdrawn before it was taken." in page
    assert "The board meets in time." in page
    assert url not in page
    # the chair's work no longer lists it
    from meetings import work

    assert not any("chair's action" in line.text for line in work.your_work(chair))
