"""Public questions and requests to speak: the resident's form and its
deadline in clear working days, the confirmation email, the officer's
accept / refuse / merge and the answer, where an accepted question shows,
and what is never shown (an unaccepted question, the sender's email, a
private item)."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hwbb import workdays
from hwbb.models import Notification
from meetings import services
from meetings.models import Meeting, PublicQuestion
from tests import factories

TEXT = (
    "How will the Better Care Fund plan reduce delayed discharges from "
    "University Hospital this winter?"
)


@pytest.fixture
def ahead(hwb):
    """A meeting six weeks away with a published agenda: an open item, an
    exempt one and one in the private section."""
    meeting = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=42),
        status="scheduled",
        agenda_status="published",
        minutes_status="none",
    )
    open_item = factories.AgendaItemFactory(
        meeting=meeting, title="Better Care Fund plan 2019/20"
    )
    private = factories.SectionFactory(
        body=hwb, name="Private business", order=9, is_private=True
    )
    exempt_item = factories.AgendaItemFactory(
        meeting=meeting,
        section=private,
        title="Care home contract: Acme Care Ltd",
        is_exempt=True,
        exempt_paragraph=3,
        open_title="A care home contract",
    )
    private_item = factories.AgendaItemFactory(
        meeting=meeting, section=private, title="Staffing in private"
    )
    meeting.open_item, meeting.exempt_item = open_item, exempt_item
    meeting.private_item = private_item
    return meeting


def _form(meeting, **overrides):
    data = {
        "kind": "question",
        "agenda_item": str(meeting.open_item.pk),
        "text": TEXT,
        "name": "Ruth Resident",
        "organisation": "",
        "email": "ruth@example.org",
    }
    return {**data, **overrides}


def _ask(client, meeting, **overrides):
    return client.post(
        reverse("meetings:question_ask", args=[meeting.pk]), _form(meeting, **overrides)
    )


def _submitted(meeting, **fields):
    question = PublicQuestion(
        meeting=meeting,
        agenda_item=fields.pop("agenda_item")
        if "agenda_item" in fields
        else meeting.open_item,
        name=fields.pop("name", "Ruth Resident"),
        email=fields.pop("email", "ruth@example.org"),
        text=fields.pop("text", TEXT),
        **fields,
    )
    return services.question_submit(question=question)[0]


# -- The deadline -------------------------------------------------------------


def test_the_deadline_leaves_three_clear_working_days(hwb):
    # Thursday 11 July 2019: the clear days are Mon 8, Tue 9 and Wed 10, so
    # a question sent by the end of Sunday 7 July is in time.
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 11, 14)
    )
    assert meeting.question_deadline() == datetime.date(2019, 7, 7)
    between = workdays.clear_working_days_between(
        meeting.question_deadline(), datetime.date(2019, 7, 11)
    )
    assert between == 3


def test_a_bank_holiday_does_not_count_as_a_clear_day(hwb):
    # Thursday 30 May 2019; Monday 27 May was the spring bank holiday, so the
    # clear days are Tue 28, Wed 29 and Fri 24: the deadline is Thu 23 May.
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 5, 30, 14)
    )
    assert meeting.question_deadline() == datetime.date(2019, 5, 23)


def test_the_deadline_is_the_bodys_own(hwb):
    hwb.question_deadline_days = 5
    hwb.save()
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 11, 14)
    )
    assert meeting.question_deadline() == datetime.date(2019, 7, 3)


def test_questions_are_open_to_the_deadline_day_and_closed_after(hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=factories.london(2019, 7, 11, 14), status="scheduled"
    )
    assert meeting.questions_state(datetime.date(2019, 7, 7)) == "open"
    assert meeting.questions_state(datetime.date(2019, 7, 8)) == "closed"
    assert meeting.questions_state(datetime.date(2019, 7, 11)) == "closed"
    assert meeting.questions_state(datetime.date(2019, 7, 12)) is None


@pytest.mark.parametrize(
    "change",
    [
        {"status": "cancelled"},
        {"body__meets_in_public": False},
        {"body__takes_public_questions": False},
    ],
)
def test_no_questions_for_a_cancelled_meeting_or_a_body_that_takes_none(
    ahead, change, client
):
    for name, value in change.items():
        target = ahead.body if name.startswith("body__") else ahead
        setattr(target, name.removeprefix("body__"), value)
        target.save()
    ahead.refresh_from_db()
    assert ahead.questions_state() is None
    url = reverse("meetings:question_ask", args=[ahead.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(ahead)).status_code == 404
    assert not PublicQuestion.objects.exists()


def test_after_the_deadline_the_page_says_when_it_closed(hwb, client):
    soon = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=1),
        status="scheduled",
        minutes_status="none",
    )
    item = factories.AgendaItemFactory(meeting=soon)
    response = client.get(reverse("meetings:question_ask", args=[soon.pk]))
    deadline = soon.question_deadline()
    assert "closed at the end of" in response.text
    assert f"{deadline:%A} {deadline.day} {deadline:%B %Y}" in response.text
    assert "<form" not in response.text.split("<main")[1]
    client.post(
        reverse("meetings:question_ask", args=[soon.pk]),
        {
            "kind": "question",
            "agenda_item": item.pk,
            "text": TEXT,
            "name": "R",
            "email": "r@example.org",
        },
    )
    assert not PublicQuestion.objects.exists()
    with pytest.raises(ValidationError, match="closed"):
        _submitted(soon, agenda_item=item)


# -- Sending one ----------------------------------------------------------------


def test_a_resident_sends_a_question_and_is_emailed_a_confirmation(
    ahead, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, ahead, lived_experience="on")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{ahead.get_absolute_url()}#questions")
    question = PublicQuestion.objects.get()
    assert question.status == "submitted"
    assert question.agenda_item == ahead.open_item
    assert question.lived_experience
    [email] = mailoutbox
    assert email.to == ["ruth@example.org"]
    assert "We have your question" in email.subject
    assert "Dear Ruth Resident" in email.body
    assert "Nothing you sent is published" in email.body
    assert Notification.objects.get().person is None


def test_sending_it_twice_keeps_one_and_emails_once(
    ahead, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, ahead)
        second = _ask(client, ahead, text=f"  {TEXT}  ")
    assert second.status_code == 302
    assert PublicQuestion.objects.count() == 1
    assert len(mailoutbox) == 1
    page = client.get(second["Location"])
    assert "We already have this question" in page.text


def test_a_huge_question_is_refused_in_words(ahead, client):
    response = _ask(client, ahead, text="x" * 2001)
    assert response.status_code == 200
    assert "Keep it to 2,000 characters or fewer" in response.text
    assert not PublicQuestion.objects.exists()
    assert _ask(client, ahead, text="x" * 2000).status_code == 302


def test_a_bad_email_address_is_refused_in_words(ahead, client):
    response = _ask(client, ahead, email="ruth at example")
    assert "Enter an email address in the correct format" in response.text
    assert not PublicQuestion.objects.exists()


@pytest.mark.parametrize("which", ["exempt_item", "private_item", "elsewhere"])
def test_a_forged_item_is_refused(ahead, hwb, client, which):
    if which == "elsewhere":
        other = factories.MeetingFactory(body=hwb, agenda_status="published")
        item = factories.AgendaItemFactory(meeting=other)
    else:
        item = getattr(ahead, which)
    response = _ask(client, ahead, agenda_item=str(item.pk))
    assert response.status_code == 200
    assert "Choose an item of this meeting" in response.text
    assert not PublicQuestion.objects.exists()


def test_the_service_refuses_a_private_item_too(ahead):
    with pytest.raises(ValidationError):
        _submitted(ahead, agenda_item=ahead.exempt_item)
    with pytest.raises(ValidationError):
        _submitted(ahead, agenda_item=ahead.private_item)


def test_the_form_offers_only_the_items_the_public_may_see(ahead, client, officer):
    client.force_login(officer)  # an officer sees the exempt item elsewhere
    response = client.get(reverse("meetings:question_ask", args=[ahead.pk]))
    assert "Better Care Fund plan 2019/20" in response.text
    assert "Acme Care" not in response.text
    assert "A care home contract" not in response.text
    assert "Staffing in private" not in response.text


def test_a_draft_agenda_offers_no_item(hwb, client):
    draft = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=42),
        status="scheduled",
        agenda_status="draft",
        minutes_status="none",
    )
    factories.AgendaItemFactory(meeting=draft, title="Draft item title")
    response = client.get(reverse("meetings:question_ask", args=[draft.pk]))
    assert response.status_code == 200
    assert "Draft item title" not in response.text


def test_one_address_may_send_only_so_many_an_hour(ahead, client, settings):
    settings.QUESTIONS_PER_ADDRESS_PER_HOUR = 2
    for n in range(2):
        assert _ask(client, ahead, email=f"r{n}@example.org").status_code == 302
    response = _ask(client, ahead, email="r9@example.org")
    assert response.status_code == 200
    assert "as many questions as we take from one connection" in response.text
    assert PublicQuestion.objects.count() == 2


def test_one_email_may_send_only_so_many_a_day(ahead, client, settings):
    settings.QUESTIONS_PER_EMAIL_PER_DAY = 1
    assert _ask(client, ahead).status_code == 302
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = _ask(other, ahead, text="A second question about something else")
    assert "as many questions as we take from one email address" in response.text
    assert PublicQuestion.objects.count() == 1


# -- Nothing public until accepted ----------------------------------------------


def test_a_question_is_not_shown_until_it_is_accepted(ahead, client, officer):
    question = _submitted(ahead)
    page = reverse("meetings:question", args=[question.pk])
    assert client.get(page).status_code == 404
    assert TEXT not in client.get(ahead.get_absolute_url()).text
    services.question_accept(question=question, user=officer)
    assert client.get(page).status_code == 200
    meeting_page = client.get(ahead.get_absolute_url()).text
    assert TEXT in meeting_page
    assert "Ruth Resident" in meeting_page
    assert "ruth@example.org" not in meeting_page
    assert "ruth@example.org" not in client.get(page).text


@pytest.mark.parametrize("status", ["submitted", "refused", "merged", "withdrawn"])
@pytest.mark.parametrize("reader", ["anonymous", "chair", "member", "author"])
def test_hostile_readers_never_see_a_question_not_accepted(
    ahead, client, officer, request, status, reader
):
    question = _submitted(ahead)
    other = _submitted(ahead, text="Another question", email="b@example.org")
    if status == "refused":
        services.question_refuse(question=question, user=officer, reason="Abusive")
    elif status == "merged":
        services.question_merge(question=question, into=other, user=officer)
    elif status == "withdrawn":
        PublicQuestion.objects.filter(pk=question.pk).update(status="withdrawn")
    if reader != "anonymous":
        client.force_login(request.getfixturevalue(reader))
    assert client.get(question.get_absolute_url()).status_code == 404
    assert TEXT not in client.get(ahead.get_absolute_url()).text
    assert TEXT not in client.get(reverse("meetings:minutes", args=[ahead.pk])).text


def test_another_bodys_member_cannot_see_a_private_bodys_question(client, officer):
    secret = factories.BodyFactory(
        name="Private board", slug="private", meets_in_public=False
    )
    meeting = factories.MeetingFactory(
        body=secret,
        start=timezone.now() - datetime.timedelta(days=2),
        minutes_status="published_draft",
    )
    question = PublicQuestion.objects.create(
        meeting=meeting,
        name="R",
        email="r@example.org",
        text="On a private board",
        fingerprint="x",
        status="accepted",
    )
    stranger = factories.UserFactory()
    factories.PersonFactory(user=stranger)
    client.force_login(stranger)
    assert client.get(question.get_absolute_url()).status_code == 404


def test_a_question_on_an_item_later_made_exempt_is_hidden(ahead, client, officer):
    question = _submitted(ahead)
    services.question_accept(question=question, user=officer)
    item = ahead.open_item
    item.is_exempt, item.exempt_paragraph, item.open_title = True, 3, "Closed"
    item.save()
    assert client.get(question.get_absolute_url()).status_code == 404
    assert TEXT not in client.get(ahead.get_absolute_url()).text


# -- The officer's decisions ------------------------------------------------------


def test_an_officer_accepts_and_the_sender_is_told(
    ahead, client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    question = _submitted(ahead)
    client.force_login(officer)
    queue = client.get(reverse("meetings:questions_review", args=[ahead.pk]))
    assert "ruth@example.org" in queue.text  # the officer's queue shows it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:question_accept", args=[question.pk]))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "accepted" and question.decided_by == officer
    assert any("is accepted" in m.subject for m in mailoutbox)


def test_the_accepted_question_shows_under_its_item(ahead, client, officer):
    question = _submitted(ahead)
    general = _submitted(ahead, agenda_item=None, text="On the board's work")
    for q in (question, general):
        services.question_accept(question=q, user=officer)
    html = client.get(ahead.get_absolute_url()).text
    agenda, questions = html.split('id="questions"')
    assert TEXT in agenda and TEXT not in questions
    assert "On the board&#x27;s work" in questions


def test_refusing_needs_a_reason_and_the_sender_is_told_it(
    ahead, client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    question = _submitted(ahead)
    client.force_login(officer)
    url = reverse("meetings:question_refuse", args=[question.pk])
    response = client.post(url, {"refusal_reason": "  "})
    assert "Say why it is refused" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"refusal_reason": "It names a member of staff."})
    question.refresh_from_db()
    assert question.status == "refused"
    [email] = [m for m in mailoutbox if "not accepted" in m.subject]
    assert "It names a member of staff." in email.body


def test_merging_into_another_of_the_meeting(ahead, hwb, client, officer):
    first = _submitted(ahead)
    second = _submitted(ahead, text="Same again, in other words", email="b@example.org")
    elsewhere = _submitted(
        factories.MeetingFactory(
            body=hwb,
            start=timezone.now() + datetime.timedelta(days=70),
            status="scheduled",
            minutes_status="none",
        ),
        agenda_item=None,
    )
    client.force_login(officer)
    url = reverse("meetings:question_merge", args=[second.pk])
    forged = client.post(url, {"into": elsewhere.pk})
    assert "Choose another question for this meeting" in forged.text
    itself = client.post(url, {"into": second.pk})
    assert "Choose another question for this meeting" in itself.text
    client.post(url, {"into": first.pk})
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == first


def test_a_question_decided_once_is_not_decided_again(ahead, client, officer):
    question = _submitted(ahead)
    client.force_login(officer)
    client.post(reverse("meetings:question_accept", args=[question.pk]))
    client.post(
        reverse("meetings:question_refuse", args=[question.pk]),
        {"refusal_reason": "Too late"},
    )
    again = client.post(
        reverse("meetings:question_accept", args=[question.pk]), follow=True
    )
    question.refresh_from_db()
    assert question.status == "accepted"
    assert "decided already" in again.text
    with pytest.raises(ValidationError, match="decided already"):
        services.question_refuse(question=question, user=officer, reason="No")


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_make_one_decision(hwb, officer):
    ahead = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=42),
        status="scheduled",
        minutes_status="none",
    )
    question = _submitted(ahead, agenda_item=None)
    results, barrier = [], threading.Barrier(2)

    def decide(action):
        try:
            barrier.wait()
            action()
            results.append("done")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=decide,
            args=[lambda: services.question_accept(question=question, user=officer)],
        ),
        threading.Thread(
            target=decide,
            args=[
                lambda: services.question_refuse(
                    question=question, user=officer, reason="Off topic"
                )
            ],
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["done", "refused"]
    question.refresh_from_db()
    assert question.status in ("accepted", "refused")
    decided = Notification.objects.filter(key__startswith="public_question:")
    assert decided.exclude(key__endswith=":received").count() == 1


# -- The answer -------------------------------------------------------------------


def test_the_answer_is_recorded_on_the_day_and_shown_in_the_minutes(
    hwb, client, officer
):
    today = factories.MeetingFactory(
        body=hwb,
        start=timezone.now() - datetime.timedelta(minutes=5),
        status="held",
        agenda_status="published",
        minutes_status="none",
    )
    question = PublicQuestion.objects.create(
        meeting=today,
        name="Ruth Resident",
        email="ruth@example.org",
        text=TEXT,
        fingerprint="f",
        status="accepted",
    )
    client.force_login(officer)
    url = reverse("meetings:question_answer", args=[question.pk])
    assert "Enter the answer" in client.post(url, {"answer": ""}).text
    client.post(
        url,
        {
            "answer": "The plan adds 40 discharge-to-assess beds.",
            "answered_by": "Chair",
        },
    )
    question.refresh_from_db()
    assert question.answer.startswith("The plan adds 40")
    client.logout()
    page = client.get(question.get_absolute_url()).text
    assert "The plan adds 40 discharge-to-assess beds." in page
    minutes = reverse("meetings:minutes", args=[today.pk])
    assert "discharge-to-assess" not in client.get(minutes).text  # not published
    Meeting.objects.filter(pk=today.pk).update(minutes_status="published_draft")
    factories.MinuteFactory(meeting=today)
    assert "discharge-to-assess" in client.get(minutes).text


def test_no_answer_before_the_meeting_day(ahead, officer):
    question = _submitted(ahead)
    services.question_accept(question=question, user=officer)
    with pytest.raises(ValidationError, match="on or after the meeting day"):
        services.question_answer(
            question=question, user=officer, answer="Too soon", answered_by=""
        )


def test_your_work_tells_officers_of_questions_to_review(ahead, client, officer):
    _submitted(ahead)
    client.force_login(officer)
    response = client.get(reverse("your_work"))
    assert "1 public question to review" in response.text
    assert reverse("meetings:questions_review", args=[ahead.pk]) in response.text


# -- The meeting page's queries ---------------------------------------------------


def test_the_meeting_page_reads_questions_in_one_query(
    ahead, client, officer, settings
):
    """The page's queries are the same with one accepted question as with
    twelve, on the item and not."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0

    def accept(count, start):
        for n in range(start, start + count):
            question = _submitted(
                ahead,
                agenda_item=ahead.open_item if n % 2 else None,
                text=f"Question {n}",
                email=f"r{n}@example.org",
            )
            services.question_accept(question=question, user=officer)

    def read():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(ahead.get_absolute_url())
        return len(queries), response.text.count('class="app-question"')

    accept(1, 0)
    few, shown = read()
    assert shown == 1
    accept(11, 1)
    assert read() == (few, 12)


# -- The agenda pack --------------------------------------------------------------


def test_an_accepted_question_is_printed_in_the_pack_and_rebuilds_it(ahead, officer):
    services.agenda_pack_build(meeting=ahead)
    question = _submitted(ahead)
    assert services.agenda_pack_build(meeting=ahead) == []  # not yet accepted
    services.question_accept(question=question, user=officer)
    assert services.agenda_pack_build(meeting=ahead) == ["public", "members"]
    data = ahead.packs.get(kind="public").file.read()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.split())
    assert "Public question from Ruth Resident" in text
    assert "delayed discharges" in text
    assert "ruth@example.org" not in text


def test_the_answer_is_printed_in_the_minutes_pdf(hwb, client):
    held = factories.MeetingFactory(body=hwb, minutes_status="published_draft")
    factories.MinuteFactory(meeting=held)
    PublicQuestion.objects.create(
        meeting=held,
        name="Ruth Resident",
        email="ruth@example.org",
        text=TEXT,
        answer="The plan adds 40 discharge-to-assess beds.",
        answered_by="Cllr Caan, Chair",
        fingerprint="pdf",
        status="accepted",
    )
    response = client.get(reverse("meetings:minutes_pdf", args=[held.pk]))
    data = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.split())
    assert "Question from Ruth Resident" in text
    assert "The plan adds 40 discharge-to-assess beds." in text
    assert "ruth@example.org" not in text


def test_a_question_sent_keeps_the_public_pages_cached_until_accepted(
    ahead, client, officer, settings
):
    """A stream of questions must not empty the page cache; accepting one
    shows it at once."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    url = ahead.get_absolute_url()
    client.get(url)  # cached for the public
    question = _submitted(ahead, agenda_item=None)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0  # served from the cache
    services.question_accept(question=question, user=officer)
    assert TEXT in client.get(url).text
