"""Taking the minutes during the meeting: each agenda item given its minute
(numbered in agenda order, once however often or however many officers ask),
the live page's forms with and without JavaScript, two officers on the same
minute, and who may use the page."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hwbb.models import Notification
from meetings import services
from meetings.models import Attendance, Meeting, Minute, Resolution
from tests import factories

APOLOGIES = "Apologies for Absence"
HOUSING = "Housing and Homelessness One Coventry Approach"
BCF = "Better Care Fund 2019/20 plan"
AOB = "Any other items of public business"
EXEMPT = "Contract award: integrated substance misuse service"


@pytest.fixture
def july(hwb):
    """The 8 July 2019 meeting, its agenda in sections and numbered out of
    the order it prints in: an exempt item, any other business, an item
    filed in the first section after the others were numbered."""
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 8, 14), minutes_status="none"
    )
    first = factories.SectionFactory(body=hwb, name="Opening business", order=1)
    development = factories.SectionFactory(body=hwb, name="Development Items")

    def item(number, title, section, **extra):
        return factories.AgendaItemFactory(
            meeting=meeting, number=number, title=title, section=section, **extra
        )

    item(1, EXEMPT, development, is_exempt=True, exempt_paragraph=3)
    item(2, AOB, development, kind="any_other_business")
    item(3, HOUSING, development)
    item(4, BCF, development)
    item(5, APOLOGIES, first, kind="apologies")
    return meeting


@pytest.fixture
def second_officer(officer):
    other = factories.UserFactory(username="second", first_name="Sam")
    other.groups.add(*officer.groups.all())
    return other


def _titles_and_numbers(meeting):
    return list(meeting.minutes.order_by("number").values_list("number", "title"))


def _minute(meeting, title):
    return meeting.minutes.get(title=title)


# -- Giving each item its minute ----------------------------------------------------


def test_each_item_gets_a_minute_numbered_in_agenda_order_after_the_year(
    hwb, july, officer
):
    june = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 6, 10, 14), minutes_status="draft"
    )
    for _ in range(3):  # the municipal year's minutes so far: 1/19 to 3/19
        services.minute_create(minute=Minute(meeting=june, title="x"), user=officer)
    made = services.minutes_prepare(meeting=july, user=officer)
    assert [m.reference for m in made] == ["4/19", "5/19", "6/19", "7/19", "8/19"]
    assert _titles_and_numbers(july) == [
        (4, APOLOGIES),
        (5, HOUSING),
        (6, BCF),
        (7, AOB),
        (8, EXEMPT),
    ]
    exempt = _minute(july, EXEMPT)
    assert exempt.is_exempt and exempt.exempt_paragraph == 3
    assert exempt.agenda_item.title == EXEMPT
    assert not _minute(july, HOUSING).is_exempt
    assert Meeting.objects.get(pk=july.pk).minutes_status == "draft"


def test_preparing_again_creates_nothing_twice(july, officer):
    services.minutes_prepare(meeting=july, user=officer)
    before = _titles_and_numbers(july)
    assert services.minutes_prepare(meeting=july, user=officer) == []
    assert _titles_and_numbers(july) == before
    # an item added since gets the next number; the others keep theirs
    factories.AgendaItemFactory(meeting=july, number=6, title="Marmot City")
    made = services.minutes_prepare(meeting=july, user=officer)
    assert [(m.number, m.title) for m in made] == [(6, "Marmot City")]
    assert _titles_and_numbers(july) == [*before, (6, "Marmot City")]


@pytest.mark.django_db(transaction=True)
def test_two_officers_starting_at_once_create_each_minute_once(
    july, officer, second_officer
):
    barrier, errors, made = threading.Barrier(2), [], []

    def prepare(user):
        try:
            barrier.wait()
            made.append(len(services.minutes_prepare(meeting=july, user=user)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=prepare, args=(u,)) for u in (officer, second_officer)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(made) == [0, 5]
    assert july.minutes.count() == 5
    assert sorted(july.minutes.values_list("number", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "status, days, message",
    [
        ("cancelled", -5, "The meeting was cancelled: it has no minutes."),
        (
            "scheduled",
            5,
            "The meeting has not happened yet: its minutes are written on the day.",
        ),
    ],
)
def test_minutes_are_not_prepared_for_a_cancelled_or_future_meeting(
    hwb, officer, status, days, message
):
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=days),
        status=status,
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=meeting)
    with pytest.raises(Exception) as refused:
        services.minutes_prepare(meeting=meeting, user=officer)
    assert refused.value.messages == [message]
    assert not meeting.minutes.exists()


def test_minutes_are_prepared_on_the_day_before_the_meeting_starts(hwb, officer):
    later_today = timezone.localtime().replace(hour=23, minute=59)
    meeting = factories.MeetingFactory(
        body=hwb, start=later_today, status="scheduled", minutes_status="none"
    )
    factories.AgendaItemFactory(meeting=meeting, title=HOUSING)
    assert [m.title for m in services.minutes_prepare(meeting=meeting, user=officer)]


# -- Saving a minute during the meeting -------------------------------------------


@pytest.fixture
def housing(july, officer):
    services.minutes_prepare(meeting=july, user=officer)
    return _minute(july, HOUSING)


@pytest.fixture
def today(hwb, officer):
    """A minute of a meeting that began today, just after midnight."""
    start = timezone.localtime().replace(hour=0, minute=1, second=0, microsecond=0)
    meeting = factories.MeetingFactory(body=hwb, start=start, minutes_status="none")
    factories.AgendaItemFactory(meeting=meeting, title=HOUSING)
    services.minutes_prepare(meeting=meeting, user=officer)
    return meeting.minutes.get()


def test_the_time_taken_is_set_when_the_minute_is_first_written(today, officer):
    housing = today
    services.minute_take(
        minute_pk=housing.pk, expected_version=1, user=officer, narrative=""
    )
    housing.refresh_from_db()
    assert housing.taken_at is None and housing.version == 1  # nothing written
    services.minute_take(
        minute_pk=housing.pk,
        expected_version=1,
        user=officer,
        narrative="<p>The Board considered a report.</p>",
    )
    housing.refresh_from_db()
    assert housing.version == 2
    assert timezone.now() - housing.taken_at < datetime.timedelta(minutes=1)
    assert housing.taken_at.second == 0
    first = housing.taken_at
    services.minute_take(
        minute_pk=housing.pk,
        expected_version=2,
        user=officer,
        narrative="<p>The Board considered a report and presentation.</p>",
    )
    housing.refresh_from_db()
    assert housing.taken_at == first  # set once; the officer may correct it


def test_minutes_written_up_later_are_not_timed_by_the_writing(housing, officer):
    services.minute_take(
        minute_pk=housing.pk,
        expected_version=1,
        user=officer,
        narrative="<p>Written up the next week.</p>",
    )
    housing.refresh_from_db()
    assert housing.version == 2 and housing.taken_at is None
    with pytest.raises(Exception) as refused:
        services.minute_take(
            minute_pk=housing.pk,
            expected_version=2,
            user=officer,
            narrative="<p>Written up the next week.</p>",
            taken_now=True,
        )
    assert refused.value.messages == [
        "The meeting was on 8 July 2019: type the time the item was taken."
    ]


def test_saving_the_same_text_again_writes_nothing(housing, officer):
    args = {
        "minute_pk": housing.pk,
        "user": officer,
        "narrative": "<p>The Board considered a report.</p>",
        "resolution": ("", [_clause("The report be noted.")]),
    }
    services.minute_take(expected_version=1, **args)
    history = (Minute.history.count(), Resolution.history.count())
    services.minute_take(expected_version=2, **args)
    services.minute_take(expected_version=1, **args)  # an old page, same text
    housing.refresh_from_db()
    assert housing.version == 2
    assert (Minute.history.count(), Resolution.history.count()) == history


def _clause(text, label=""):
    from meetings.resolutions import Clause

    return Clause(label, text)


def test_the_version_check_guards_the_resolution_too(housing, officer):
    services.minute_take(
        minute_pk=housing.pk,
        expected_version=1,
        user=officer,
        narrative="<p>First.</p>",
    )
    with pytest.raises(services.MinuteConflict):
        services.minute_take(
            minute_pk=housing.pk,
            expected_version=1,
            user=officer,
            narrative="<p>First.</p>",
            resolution=("", [_clause("The report be noted.")]),
        )
    assert not Resolution.objects.filter(minute=housing).exists()


# -- The page without JavaScript ----------------------------------------------------


def _take_url(minute):
    return reverse("meetings:minute_take", args=[minute.meeting_id, minute.pk])


def _autosave_url(minute):
    return reverse("meetings:minute_autosave", args=[minute.meeting_id, minute.pk])


def _live(meeting):
    return reverse("meetings:minutes_live", args=[meeting.pk])


def test_the_page_offers_to_give_each_item_its_minute(client, officer, july):
    client.force_login(officer)
    page = client.get(_live(july)).content.decode()
    assert "Give each agenda item its minute" in page
    response = client.post(reverse("meetings:minutes_prepare", args=[july.pk]))
    assert response.status_code == 302 and response["Location"] == _live(july)
    page = client.get(_live(july)).content.decode()
    assert "Minutes 1/19 to 5/19 are ready, one for each agenda item." in page
    assert "Give each agenda item its minute" not in page
    # in agenda order, each its own form
    assert [page.index(t) for t in (APOLOGIES, HOUSING, BCF, AOB)] == sorted(
        page.index(t) for t in (APOLOGIES, HOUSING, BCF, AOB)
    )
    assert page.count('data-autosave="') == 5


def test_a_minute_is_saved_by_its_own_button(client, officer, housing):
    client.force_login(officer)
    response = client.post(
        _take_url(housing),
        {
            "narrative": "<p>The Board considered a report of Jim Crawshaw.</p>",
            "taken_at": "14:35",
            "preamble": "",
            "clauses": "(1) The report be noted.\n(2) The approach be endorsed.",
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _live(housing.meeting) + f"#minute-{housing.pk}"
    housing.refresh_from_db()
    assert housing.narrative == "<p>The Board considered a report of Jim Crawshaw.</p>"
    assert housing.taken_time == "14:35"
    assert timezone.localdate(housing.taken_at) == datetime.date(2019, 7, 8)
    assert [c.verb for c in housing.resolution.clauses.all()] == ["noted", "endorsed"]
    assert housing.version == 2
    page = client.get(_live(housing.meeting)).content.decode()
    assert "Minute 2/19 saved." in page
    assert 'value="14:35"' in page


def test_taken_now_sets_the_time_to_now(client, officer, today):
    client.force_login(officer)
    assert "Taken now" in client.get(_live(today.meeting)).text
    client.post(
        _take_url(today),
        {"narrative": "", "taken_at": "00:05", "version": "1", "taken_now": "1"},
    )
    today.refresh_from_db()
    assert timezone.now() - today.taken_at < datetime.timedelta(minutes=1)


def test_taken_now_is_offered_on_the_day_only(client, officer, housing):
    client.force_login(officer)
    assert "Taken now" not in client.get(_live(housing.meeting)).text
    response = client.post(
        _take_url(housing), {"narrative": "", "version": "1", "taken_now": "1"}
    )
    assert "The meeting was on 8 July 2019: type the time" in response.text


def test_two_officers_on_one_minute_without_javascript(
    client, officer, second_officer, housing
):
    client.force_login(officer)
    first = {"narrative": "<p>First officer's text.</p>", "version": "1"}
    assert client.post(_take_url(housing), first).status_code == 302
    client.force_login(second_officer)
    second = {
        "narrative": "<p>Second officer's text.</p>",
        "clauses": "The report be noted.",
        "version": "1",
    }
    response = client.post(_take_url(housing), second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this minute at" in page
    assert "nothing of yours is lost" in page
    assert "Second officer&#x27;s text." in page  # kept in the box
    assert "First officer's text." in page  # theirs shown, as it prints
    housing.refresh_from_db()
    assert housing.narrative == "<p>First officer's text.</p>"
    assert not Resolution.objects.filter(minute=housing).exists()
    # the form now carries their version: saving again is a decision
    assert response.context["taking"].data["version"] == 2
    second["version"] = "2"
    assert client.post(_take_url(housing), second).status_code == 302
    housing.refresh_from_db()
    assert housing.narrative == "<p>Second officer's text.</p>"
    assert housing.resolution.clauses.get().text == "The report be noted."


def test_a_resolution_that_does_not_read_is_refused_in_words(client, officer, housing):
    client.force_login(officer)
    response = client.post(
        _take_url(housing),
        {
            "narrative": "<p>Kept.</p>",
            "clauses": "(1) The report be noted.\nand endorsed",
            "version": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Start each line with (1) or (i)" in page
    assert "and endorsed" in page  # what was typed stays
    housing.refresh_from_db()
    assert housing.version == 1  # the form as a whole is not saved


def test_attendance_is_ticked_on_the_page(client, officer, chair, member, july):
    client.force_login(officer)
    caan, other = chair.person, member.person
    substitute = factories.PersonFactory(family_name="Brown")
    response = client.post(
        _live(july),
        {
            f"status_{caan.pk}": "present",
            f"status_{other.pk}": "substitute",
            f"substitute_{other.pk}": substitute.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _live(july) + "#attendance"
    rows = {a.person_id: a for a in Attendance.objects.filter(meeting=july)}
    assert rows[caan.pk].status == "present"
    assert rows[other.pk].status == "apologies"
    assert rows[substitute.pk].status == "substitute"
    assert rows[substitute.pk].substitute_for_id == other.pk


def test_the_draft_goes_to_the_chair_from_the_page(client, officer, chair, housing):
    client.force_login(officer)
    page = client.get(_live(housing.meeting)).content.decode()
    assert "The draft is ready for the chair's check" in page
    response = client.post(
        reverse("meetings:minutes_ready", args=[housing.meeting_id]), {"back": "live"}
    )
    assert response["Location"] == _live(housing.meeting)
    told = Notification.objects.get(kind="minutes_ready")
    assert told.person == chair.person


# -- The page with JavaScript: the autosave answers ----------------------------------


def test_autosave_answers_with_the_version_saved(client, officer, today):
    housing = today
    client.force_login(officer)
    response = client.post(
        _autosave_url(housing),
        {"narrative": "<p>Typed.</p>", "taken_at": "", "version": "1"},
    )
    assert response.status_code == 200
    body = response.json()
    housing.refresh_from_db()
    assert body["version"] == housing.version == 2
    saved = timezone.localtime(housing.updated_at)
    assert body["message"] == f"Saved at {saved:%H:%M}"
    assert body["taken_at"] == housing.taken_time != ""


def test_autosave_answers_409_with_the_other_text(
    client, officer, second_officer, housing
):
    client.force_login(officer)
    client.post(_autosave_url(housing), {"narrative": "<p>Theirs.</p>", "version": 1})
    client.force_login(second_officer)
    response = client.post(
        _autosave_url(housing), {"narrative": "<p>Mine.</p>", "version": 1}
    )
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    assert body["message"].startswith("Someone else changed this minute at ")
    assert "their text is shown below; nothing of yours is lost" in body["message"]
    assert "<p>Theirs.</p>" in body["html"]
    housing.refresh_from_db()
    assert housing.narrative == "<p>Theirs.</p>"


def test_autosave_leaves_a_half_typed_resolution_and_saves_the_rest(
    client, officer, housing
):
    client.force_login(officer)
    response = client.post(
        _autosave_url(housing),
        {"narrative": "<p>Typed.</p>", "clauses": "(1) Noted.\n(2", "version": "1"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["resolution_saved"] is False
    assert "but not the resolution: Start each line with (1) or (i)" in body["message"]
    housing.refresh_from_db()
    assert housing.narrative == "<p>Typed.</p>"
    assert not Resolution.objects.filter(minute=housing).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"taken_at": "half past two"}, "Not saved: Time taken: Enter a time like"),
        ({"taken_at": "25:00"}, "Not saved: Time taken: Enter a time like"),
        ({"narrative": "a\x00b"}, "Not saved: Minute: Null characters"),
    ],
)
def test_autosave_says_why_bad_input_is_not_saved(
    client, officer, housing, data, message
):
    client.force_login(officer)
    response = client.post(_autosave_url(housing), {"version": "1", **data})
    assert response.status_code == 422
    assert response.json()["message"].startswith(message)
    housing.refresh_from_db()
    assert housing.version == 1


def test_autosave_refuses_approved_minutes_in_words(client, officer, housing):
    Meeting.objects.filter(pk=housing.meeting_id).update(minutes_status="approved")
    client.force_login(officer)
    response = client.post(
        _autosave_url(housing), {"narrative": "<p>Late.</p>", "version": "1"}
    )
    assert response.status_code == 422
    assert "approved and cannot be changed" in response.json()["message"]


# -- Who may use the page -----------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "member", "author", "outsider", "anonymous"])
def test_only_officers_take_the_minutes(request, client, housing, role):
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    meeting = housing.meeting
    posts = {
        _live(meeting): {},
        reverse("meetings:minutes_prepare", args=[meeting.pk]): {},
        _take_url(housing): {"narrative": "<p>Not theirs.</p>", "version": "1"},
        _autosave_url(housing): {"narrative": "<p>Not theirs.</p>", "version": "1"},
    }
    for url, data in posts.items():
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == (302 if user is None else 403), url
            assert EXEMPT not in response.content.decode()
    housing.refresh_from_db()
    assert housing.version == 1


def test_exempt_minutes_are_shown_to_the_officer_on_the_page(client, officer, housing):
    client.force_login(officer)
    page = client.get(_live(housing.meeting)).content.decode()
    assert EXEMPT in page
    assert "Considered in private: Schedule 12A, Paragraph 3" in page


def test_the_page_is_linked_for_officers_from_the_day_of_the_meeting(
    client, officer, member, hwb, july
):
    ahead = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=3),
        status="scheduled",
        minutes_status="none",
    )
    client.force_login(officer)
    for page in ("meetings:detail", "meetings:minutes_manage"):
        assert "Take the minutes" in client.get(reverse(page, args=[july.pk])).text
        assert "Take the minutes" not in client.get(reverse(page, args=[ahead.pk])).text
    future = client.get(_live(ahead)).text
    assert "The meeting has not happened yet" in future
    assert "data-autosave" not in future
    client.force_login(member)
    page = client.get(reverse("meetings:detail", args=[july.pk])).text
    assert "Take the minutes" not in page


def test_the_page_reads_a_fixed_number_of_queries(
    client, officer, july, django_assert_max_num_queries
):
    services.minutes_prepare(meeting=july, user=officer)
    client.force_login(officer)
    with django_assert_max_num_queries(30) as few:
        client.get(_live(july))
    for n in range(6, 16):
        factories.AgendaItemFactory(meeting=july, number=n, title=f"Item {n}")
    services.minutes_prepare(meeting=july, user=officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_live(july))
