"""A member asks for changes to their own register of interests; an officer
approves or rejects each; the published register shows only what was
approved. Double submits, two officers at once, another's entry and forged
ids are each answered without a second write or a leak."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hwbb.models import AuditEntry, Notification
from meetings import services
from meetings.models import Interest, InterestChange
from meetings.work import your_work
from tests import factories


@pytest.fixture
def entry(member):
    return Interest.objects.create(
        person=member.person,
        kind="employment",
        description="Director of Public Health",
        start=datetime.date(2015, 4, 1),
    )


def _add(client, description="Trustee of Coventry Carers' Centre"):
    return client.post(
        reverse("meetings:interests"),
        {"kind": "membership", "description": description},
    )


def _decide(client, change, decision, reason=""):
    return client.post(
        reverse("meetings:interest_change", args=[change.pk]),
        {"decision": decision, "reason": reason},
        follow=True,
    )


def _public(client, person):
    client.logout()
    return client.get(reverse("meetings:person", args=[person.pk])).content.decode()


def test_an_added_entry_is_published_only_once_approved(client, member, officer):
    client.force_login(member)
    response = _add(client)
    assert response.status_code == 302
    change = InterestChange.objects.get()
    assert change.is_pending and change.person == member.person
    assert not Interest.objects.exists()
    assert "Trustee of Coventry Carers" not in _public(client, member.person)

    client.force_login(officer)
    page = _decide(client, change, "approve").content.decode()
    assert "register shows it" in page
    interest = Interest.objects.get()
    assert interest.description == "Trustee of Coventry Carers' Centre"
    assert "Trustee of Coventry Carers" in _public(client, member.person)
    change.refresh_from_db()
    assert change.status == "approved" and change.decided_by == officer
    assert change.interest == interest
    entry = AuditEntry.objects.get(kind="approved")
    assert entry.actor == officer and entry.object_id == str(interest.pk)


def test_officers_are_told_of_a_change_and_the_member_of_the_decision(
    client, member, officer, django_capture_on_commit_callbacks
):
    client.force_login(member)
    _add(client)
    change = InterestChange.objects.get()
    asked = Notification.objects.get(kind="interest_change_asked")
    assert asked.person == officer.person
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, change, "reject", "Please name the charity's registered number")
    told = Notification.objects.get(kind="interest_change_decided")
    assert told.person == member.person
    sent = [m for m in mail.outbox if "not approved" in m.subject]
    assert sent and "registered number" in sent[0].body


def test_a_change_keeps_the_published_words_until_approved(
    client, member, officer, entry
):
    client.force_login(member)
    url = reverse("meetings:interest_edit", args=[entry.pk])
    assert "Director of Public Health" in client.get(url).content.decode()
    client.post(url, {"kind": "employment", "description": "Chief Executive"})
    assert "Director of Public Health" in _public(client, member.person)
    assert "Chief Executive" not in _public(client, member.person)
    client.force_login(officer)
    _decide(client, InterestChange.objects.get(), "approve")
    entry.refresh_from_db()
    assert entry.description == "Chief Executive"
    assert Interest.objects.count() == 1


def test_ending_an_entry_takes_it_off_the_register_once_approved(
    client, member, officer, entry
):
    client.force_login(member)
    today = timezone.localdate()
    url = reverse("meetings:interest_end", args=[entry.pk])
    client.post(url, {"end_0": today.day, "end_1": today.month, "end_2": today.year})
    assert "Director of Public Health" in _public(client, member.person)
    client.force_login(officer)
    _decide(client, InterestChange.objects.get(), "approve")
    entry.refresh_from_db()
    assert entry.end == today
    later = today + datetime.timedelta(days=1)
    assert not Interest.objects.filter(pk=entry.pk).current(later).exists()


@pytest.mark.parametrize(
    "day, message",
    [
        (datetime.date(2030, 1, 1), "The end date cannot be in the future"),
        (datetime.date(2014, 1, 1), "The end date cannot be before the interest"),
    ],
)
def test_an_impossible_end_is_explained(client, member, entry, day, message):
    client.force_login(member)
    html = client.post(
        reverse("meetings:interest_end", args=[entry.pk]),
        {"end_0": day.day, "end_1": day.month, "end_2": day.year},
    ).content.decode()
    assert message in html
    assert not InterestChange.objects.exists()


def test_a_rejection_needs_a_reason_and_leaves_the_register(
    client, member, officer, entry
):
    client.force_login(member)
    url = reverse("meetings:interest_edit", args=[entry.pk])
    client.post(url, {"kind": "employment", "description": "Chief Executive"})
    change = InterestChange.objects.get()
    client.force_login(officer)
    html = _decide(client, change, "reject", "  ").content.decode()
    assert "Say why the change is not approved" in html
    change.refresh_from_db()
    assert change.is_pending
    _decide(client, change, "reject", "Your job title has not changed")
    change.refresh_from_db()
    entry.refresh_from_db()
    assert change.status == "rejected" and change.reason
    assert entry.description == "Director of Public Health"
    assert AuditEntry.objects.filter(kind="returned").count() == 1
    client.force_login(member)
    page = client.get(reverse("meetings:interests")).content.decode()
    assert "Your job title has not changed" in page


def test_a_double_submit_asks_once(client, member):
    client.force_login(member)
    _add(client)
    _add(client)
    assert InterestChange.objects.count() == 1
    assert Notification.objects.filter(kind="interest_change_asked").count() <= 1


def test_asking_again_for_one_entry_revises_the_waiting_change(client, member, entry):
    client.force_login(member)
    url = reverse("meetings:interest_edit", args=[entry.pk])
    client.post(url, {"kind": "employment", "description": "Chief Executive"})
    client.post(url, {"kind": "employment", "description": "Chief Executive (interim)"})
    change = InterestChange.objects.get()
    assert change.description == "Chief Executive (interim)" and change.is_pending


def test_asking_for_what_the_register_says_is_explained(client, member, entry):
    client.force_login(member)
    html = client.post(
        reverse("meetings:interest_edit", args=[entry.pk]),
        {
            "kind": "employment",
            "description": "Director of Public Health",
            "start_0": "1",
            "start_1": "4",
            "start_2": "2015",
        },
    ).content.decode()
    assert "That is what your register already says" in html
    assert not InterestChange.objects.exists()


def test_a_second_officer_finds_the_change_decided(client, member, officer, entry):
    client.force_login(member)
    _add(client)
    change = InterestChange.objects.get()
    second = factories.UserFactory(first_name="Second", last_name="Officer")
    second.groups.set(officer.groups.all())
    client.force_login(officer)
    _decide(client, change, "approve")
    client.force_login(second)
    html = _decide(client, change, "approve").content.decode()
    assert "This change was already decided" in html
    assert "Approved, " in html  # the page shows the decision, not the form
    assert "Record the decision" not in html
    html = _decide(client, change, "reject", "too late").content.decode()
    assert "This change was already decided" in html
    assert Interest.objects.filter(description__startswith="Trustee").count() == 1
    assert AuditEntry.objects.filter(kind__in=["approved", "returned"]).count() == 1
    assert InterestChange.objects.get().status == "approved"


def test_the_service_refuses_a_second_decision(member, officer):
    change, _ = services.interest_change_ask(
        person=member.person, action="add", kind="gift", description="Dinner"
    )
    services.interest_change_approve(change=change, user=officer)
    with pytest.raises(Exception, match="already decided"):
        services.interest_change_approve(change=change, user=officer)
    assert Interest.objects.count() == 1


def test_an_officer_does_not_approve_their_own_change(client, officer):
    client.force_login(officer)
    _add(client)
    change = InterestChange.objects.get()
    page = client.get(reverse("meetings:interest_change", args=[change.pk]))
    assert "another officer decides it" in page.content.decode()
    html = _decide(client, change, "approve").content.decode()
    assert "decided by another officer" in html
    assert not Interest.objects.exists()
    assert not any(line.link.endswith("/changes/") for line in your_work(officer))


def test_a_member_cannot_touch_anothers_entry(client, member, chair):
    theirs = Interest.objects.create(
        person=chair.person, kind="gift", description="Theatre tickets"
    )
    client.force_login(member)
    for name in ("meetings:interest_edit", "meetings:interest_end"):
        url = reverse(name, args=[theirs.pk])
        assert client.get(url).status_code == 404
        response = client.post(
            url,
            {"kind": "gift", "description": "Changed", "end_0": "1", "end_1": "1"},
        )
        assert response.status_code == 404
    assert not InterestChange.objects.exists()


@pytest.mark.parametrize("pk", [987654321, 0])
def test_forged_ids_are_not_found(client, member, officer, pk):
    client.force_login(member)
    assert client.get(reverse("meetings:interest_edit", args=[pk])).status_code == 404
    assert client.post(reverse("meetings:interest_end", args=[pk])).status_code == 404
    client.force_login(officer)
    url = reverse("meetings:interest_change", args=[pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_only_officers_decide(client, member, chair, author, entry):
    change, _ = services.interest_change_ask(
        person=member.person, action="add", kind="gift", description="Dinner"
    )
    url = reverse("meetings:interest_change", args=[change.pk])
    for user in (member, chair, author):
        client.force_login(user)
        assert client.post(url, {"decision": "approve"}).status_code == 403
        queue = client.get(reverse("meetings:interest_changes"))
        assert queue.status_code == 403
    client.logout()
    assert client.post(url, {"decision": "approve"}).status_code == 302
    change.refresh_from_db()
    assert change.is_pending and Interest.objects.count() == 1


def test_the_service_refuses_anothers_entry(member, chair):
    theirs = Interest.objects.create(
        person=chair.person, kind="gift", description="Theatre tickets"
    )
    with pytest.raises(Exception, match="not in your register"):
        services.interest_change_ask(
            person=member.person,
            action="change",
            interest=theirs,
            kind="gift",
            description="Changed",
        )


def test_officers_see_the_waiting_changes_in_their_work(client, member, officer):
    client.force_login(member)
    _add(client)
    lines = your_work(officer)
    [line] = [x for x in lines if "register" in x.text]
    assert line.count == 1 and line.link == reverse("meetings:interest_changes")
    assert member.person.display_name in line.items[0][0]
    client.force_login(officer)
    queue = client.get(reverse("meetings:interest_changes")).content.decode()
    assert member.person.display_name in queue
    services.interest_change_approve(change=InterestChange.objects.get(), user=officer)
    assert not [x for x in your_work(officer) if "register" in x.text]


def test_a_member_sees_only_their_own_changes(client, member, chair):
    services.interest_change_ask(
        person=chair.person, action="add", kind="gift", description="Chair's dinner"
    )
    client.force_login(member)
    html = client.get(reverse("meetings:interests")).content.decode()
    assert "Chair&#x27;s dinner" not in html and "Chair's dinner" not in html


# -- At the same moment, on separate connections ---------------------------------


def _at_once(*calls):
    """Run each call in its own thread and connection, released together;
    [(result or None, error or None)] in the calls' order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(n, call):
        try:
            barrier.wait(timeout=10)
            results[n] = (call(), None)
        except Exception as error:  # reported below, not lost in the thread
            results[n] = (None, error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_once_write_the_entry_once(member, officer):
    change, _ = services.interest_change_ask(
        person=member.person, action="add", kind="gift", description="Dinner"
    )
    second = factories.UserFactory()
    second.groups.set(officer.groups.all())
    results = _at_once(
        lambda: services.interest_change_approve(change=change, user=officer),
        lambda: services.interest_change_reject(
            change=change, user=second, reason="Not a gift"
        ),
    )
    errors = [error for _, error in results if error is not None]
    assert len(errors) == 1 and "already decided" in str(errors[0])
    change.refresh_from_db()
    approved = change.status == "approved"
    assert Interest.objects.count() == (1 if approved else 0)
    assert AuditEntry.objects.filter(kind__in=["approved", "returned"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_once_asks_once(member):
    def ask():
        return services.interest_change_ask(
            person=member.person, action="add", kind="gift", description="Dinner"
        )

    results = _at_once(ask, ask)
    assert [error for _, error in results] == [None, None]
    assert sorted(created for (_, created), _ in results) == [False, True]
    assert InterestChange.objects.count() == 1


# -- Query budgets ----------------------------------------------------------------


def _grow(member, officer, n):
    for i in range(n):
        other = factories.PersonFactory()
        entry = Interest.objects.create(
            person=member.person, kind="gift", description=f"G{i}"
        )
        services.interest_change_ask(
            person=member.person,
            action="change",
            interest=entry,
            kind="gift",
            description=f"Gift {i}, valued",
        )
        for person in (member.person, other):
            change, _ = services.interest_change_ask(
                person=person, action="add", kind="other", description=f"Other {i}"
            )
        services.interest_change_reject(change=change, user=officer, reason="No")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name, role, budget",
    [("meetings:interest_changes", "officer", 8), ("meetings:interests", "member", 9)],
)
def test_register_pages_cost_the_same_whatever_the_changes(
    request, client, member, officer, name, role, budget
):
    client.force_login(request.getfixturevalue(role))
    url = reverse(name)
    _grow(member, officer, 2)
    small = _queries(client, url)
    _grow(member, officer, 15)
    large = _queries(client, url)
    assert large == small, f"{name}: {small} queries, then {large}"
    assert large <= budget
