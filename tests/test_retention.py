"""The retention schedule (issue 23): the council's defaults as data, applied
by a beat task that records each run. A member who has left has their
register of interests taken off every public surface (Localism Act 2011,
s29(3)), while officers still see it; the email log is deleted after its
period; applying the schedule twice changes nothing the second time."""

import datetime
import importlib
import io

import pytest
from celery.contrib.testing.worker import start_worker
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hwbb import permissions
from hwbb.models import Notification, RetentionRule, RetentionRun
from hwbb.retention_apply import retention_apply
from hwbb.tasks import apply_retention
from meetings.models import Declaration, Interest, Person
from tests import factories
from tests.helpers import held_on

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _one_day():
    """TODAY is read at import: every test runs on that day."""
    with held_on(TODAY):
        yield


LEFT = "Director, Acme Care Homes Ltd"
SITTING = "Trustee, Coventry Carers' Trust"
HOSTILE = ["anonymous", "other_member"]


@pytest.fixture
def schedule(db):
    """The seeded schedule; seeded again when a transactional test has
    emptied the tables."""
    if not RetentionRule.objects.exists():
        seeding = importlib.import_module("hwbb.migrations.0007_retention_defaults")
        seeding.seed(apps, None)
    return RetentionRule.objects.all()


def _user(role, body=None, **membership):
    permissions.ensure_role_groups()
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=role))
    person = factories.PersonFactory(user=user)
    if body is not None:
        factories.MembershipFactory(body=body, person=person, **membership)
    return user


@pytest.fixture
def other_member(db):
    """A member of Cabinet, not of the board."""
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    return _user(permissions.MEMBER, cabinet)


@pytest.fixture
def register(hwb):
    """Two of the board's members with one entry each: one who left ten days
    ago, one still sitting."""
    left = factories.MembershipFactory(
        body=hwb,
        start=datetime.date(2019, 5, 1),
        end=TODAY - datetime.timedelta(days=10),
    ).person
    sitting = factories.MembershipFactory(
        body=hwb, start=datetime.date(2019, 5, 1)
    ).person
    kind = Interest.Kind.EMPLOYMENT
    return {
        "left": Interest.objects.create(person=left, kind=kind, description=LEFT),
        "sitting": Interest.objects.create(
            person=sitting, kind=kind, description=SITTING
        ),
    }


def _surfaces(client, interest):
    """Every place the register is published: the member's page, the API's
    list, its list for the member, its detail, and the CSV export."""
    person = interest.person_id
    page = client.get(reverse("meetings:person_interests", args=[person]))
    assert page.status_code == 200
    texts = [page.content.decode()]
    for url in [
        reverse("api:interest-list"),
        reverse("api:interest-list") + f"?person={person}",
        reverse("api:interest-detail", args=[interest.pk]),
        reverse("api:interests_csv"),
    ]:
        answer = client.get(url)
        assert answer.status_code in (200, 404), url
        body = answer.getvalue() if answer.streaming else answer.content
        texts.append(body.decode())
    return "\n".join(texts)


def _as(client, request, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    return client


def test_the_seeded_schedule_keeps_the_proceedings_permanently(schedule):
    kept = {r.record_type for r in schedule if r.is_permanent}
    assert {
        "agendas",
        "reports",
        "minutes",
        "decisions",
        "urgent_decisions",
        "declarations",
    } <= kept
    assert all(r.action == "keep" for r in schedule if r.is_permanent)
    withdraw = schedule.get(record_type="interests", action="withdraw")
    assert (withdraw.period, withdraw.length) == ("days", 0)
    assert "Localism Act 2011, s29(3)" in withdraw.legal_basis
    emails = schedule.get(record_type="notifications")
    assert (emails.period, emails.length, emails.action) == ("years", 2, "delete")
    for rule in schedule:
        rule.full_clean()
        assert rule.legal_basis and rule.source_url.startswith("https://")


@pytest.mark.parametrize(
    "record_type, period, length, action, field",
    [
        ("minutes", "permanent", 0, "delete", "action"),  # permanent, yet deleted
        ("minutes", "years", 6, "delete", "action"),  # minutes are only kept
        ("notifications", "years", 2, "keep", "period"),  # kept, with a period
        ("notifications", "years", 2, "withdraw", "action"),  # no public view
    ],
)
def test_a_rule_the_records_do_not_allow_is_refused(
    db, record_type, period, length, action, field
):
    rule = RetentionRule(
        record_type=record_type,
        label="A rule",
        period=period,
        length=length,
        action=action,
        legal_basis="Testing.",
    )
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize("role", HOSTILE)
def test_a_former_members_register_leaves_every_public_surface(
    schedule, register, request, client, role
):
    reader = _as(client, request, role)
    assert LEFT in _surfaces(reader, register["left"])  # published until the run
    retention_apply()
    register["left"].refresh_from_db()
    assert register["left"].withdrawn_from_public_on == TODAY
    assert LEFT not in _surfaces(reader, register["left"])
    assert SITTING in _surfaces(reader, register["sitting"])


def test_officers_still_see_the_entry_and_when_it_went(
    schedule, register, client, officer
):
    retention_apply()
    client.force_login(officer)
    text = _surfaces(client, register["left"])
    assert LEFT in text
    assert "Removed from public view" in text
    assert f'"withdrawn_from_public_on":"{TODAY.isoformat()}"' in text


def test_a_member_who_sits_on_another_body_stays_published(schedule, hwb, client):
    cabinet = factories.BodyFactory(name="Cabinet", slug="cabinet")
    person = factories.MembershipFactory(
        body=hwb, end=TODAY - datetime.timedelta(days=30)
    ).person
    factories.MembershipFactory(body=cabinet, person=person)
    interest = Interest.objects.create(
        person=person, kind=Interest.Kind.LAND, description=LEFT
    )
    retention_apply()
    assert LEFT in _surfaces(client, interest)


def test_applying_twice_changes_nothing_the_second_time(schedule, register):
    first = {o.rule.pk: o.affected for o in retention_apply()}
    withdraw = schedule.get(record_type="interests", action="withdraw")
    assert first[withdraw.pk] == 1
    later = TODAY + datetime.timedelta(days=1)
    second = retention_apply(today=later)
    assert all(o.affected == 0 for o in second)
    register["left"].refresh_from_db()
    assert register["left"].withdrawn_from_public_on == TODAY  # not moved on
    runs = RetentionRun.objects.filter(rule=withdraw).order_by("started_at", "pk")
    assert [(r.affected, r.row_ids) for r in runs] == [
        (1, [register["left"].pk]),
        (0, []),
    ]
    assert RetentionRun.objects.count() == 2 * schedule.count()


def test_entries_are_deleted_six_years_after_the_member_left(schedule, hwb):
    person = factories.MembershipFactory(
        body=hwb, end=TODAY - datetime.timedelta(days=7 * 366)
    ).person
    interest = Interest.objects.create(
        person=person, kind=Interest.Kind.SECURITIES, description=LEFT
    )
    meeting = factories.MeetingFactory(body=hwb)
    declared = Declaration.objects.create(
        meeting=meeting, person=person, interest=interest, kind="pecuniary", text=LEFT
    )
    recent = Interest.objects.create(
        person=factories.MembershipFactory(
            body=hwb, end=TODAY - datetime.timedelta(days=5 * 365)
        ).person,
        kind=Interest.Kind.SECURITIES,
        description=SITTING,
    )
    retention_apply()
    assert not Interest.objects.filter(pk=interest.pk).exists()
    declared.refresh_from_db()
    assert declared.text == LEFT and declared.interest is None  # minutes stand
    recent.refresh_from_db()
    assert recent.withdrawn_from_public_on == TODAY


def _notice(person, status, age_days):
    return Notification.objects.create(
        key=f"test:{person.pk}:{status}:{age_days}",
        kind="interests_review",
        person=person,
        email=person.email,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
        about="Your register of interests",
        status=status,
        created_at=timezone.now() - datetime.timedelta(days=age_days),
    )


def test_the_email_log_is_deleted_after_its_period(schedule):
    person = factories.PersonFactory()
    old = _notice(person, Notification.Status.SENT, 3 * 365)
    young = _notice(person, Notification.Status.SENT, 365)
    waiting = _notice(person, Notification.Status.PENDING, 3 * 365)
    retention_apply()
    left = set(Notification.objects.values_list("pk", flat=True))
    assert old.pk not in left
    assert {young.pk, waiting.pk} <= left
    run = RetentionRun.objects.get(rule__record_type="notifications")
    assert (run.affected, run.row_ids) == (1, [old.pk])


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(schedule, register):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Would remove from public view 1 record" in out.getvalue()
    assert f"[ids {register['left'].pk}]" in out.getvalue()
    register["left"].refresh_from_db()
    assert register["left"].withdrawn_from_public_on is None
    assert not RetentionRun.objects.exists()
    call_command("apply_retention", stdout=io.StringIO())
    register["left"].refresh_from_db()
    assert register["left"].withdrawn_from_public_on == TODAY


def test_the_beat_schedule_applies_the_retention_schedule(settings):
    tasks = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "hwbb.tasks.apply_retention" in tasks


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_applies_the_schedule(redis_app, schedule, register):
    with start_worker(redis_app, pool="solo", perform_ping_check=False):
        assert apply_retention.delay().get(timeout=60) == 1
    register["left"].refresh_from_db()
    assert register["left"].withdrawn_from_public_on == TODAY
    assert RetentionRun.objects.filter(affected=1).count() == 1


def test_officers_see_the_schedule_and_its_runs(schedule, register, client, officer):
    retention_apply()
    client.force_login(officer)
    page = client.get(reverse("retention")).content.decode()
    assert "Kept permanently" in page
    assert "Removed from public view 1 record." in page
    assert "Localism Act 2011" in page


def test_the_admin_refuses_a_rule_that_would_delete_the_minutes(schedule, client):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    rule = schedule.get(record_type="minutes")
    url = reverse("admin:hwbb_retentionrule_change", args=[rule.pk])
    answer = client.post(
        url,
        {
            "record_type": "minutes",
            "label": "Minutes",
            "period": "years",
            "length": "6",
            "action": "delete",
            "legal_basis": rule.legal_basis,
            "source_url": rule.source_url,
            "last_reviewed": "2026-12-05",
        },
    )
    assert answer.status_code == 200
    assert "Minutes can only be: keep." in answer.content.decode()
    rule.refresh_from_db()
    assert rule.is_permanent and rule.action == "keep"


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_query_counts_do_not_grow(schedule, register, client, officer):
    client.force_login(officer)
    person = register["left"].person
    pages = [
        reverse("retention"),
        reverse("meetings:person_interests", args=[person.pk]),
    ]
    retention_apply()
    few = [_queries(client, url) for url in pages]
    for n in range(5):
        Interest.objects.create(
            person=person,
            kind=Interest.Kind.GIFT,
            description=f"Gift {n}",
            organisation=factories.OrganisationFactory(name=f"Giver {n}"),
        )
        retention_apply()
    assert [_queries(client, url) for url in pages] == few
    assert max(few) <= 12, few
