"""The bench's ten-year dataset, built at a tiny size: what it makes is the
business a reader sees, and the closed business a reader must not."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.test import RequestFactory

from bench import dataset
from meetings import demo
from meetings.models import Action, ActionUpdate, AgendaItem, Meeting, Minute, Report
from strategy.models import StrategyVersion


def _counts():
    return {
        "meetings": Meeting.objects.count(),
        "actions": Action.objects.count(),
        "action updates": ActionUpdate.objects.count(),
        "papers": Report.objects.filter(documents__isnull=False).count(),
        "organisation-owned actions": Action.objects.filter(
            owner_organisation__isnull=False, owner_person__isnull=True
        ).count(),
        "tagged items": AgendaItem.objects.filter(priorities__isnull=False)
        .distinct()
        .count(),
    }


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Built once for the module (the demo alone takes seconds), in a
    transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(papers=False)
        before = _counts()
        counts = dataset.build(years=1, scale=0.1)
        counts["before"] = before
        yield counts
        transaction.set_rollback(True)


def test_a_year_of_business_is_built_with_its_counts(built, db):
    after = _counts()
    added = {key: after[key] - built["before"][key] for key in after}
    for key in ("meetings", "actions", "action updates", "papers"):
        assert added[key] == built[key] > 0, key
    assert added["organisation-owned actions"] == built["organisation-owned actions"]
    assert added["organisation-owned actions"] > 0
    assert added["tagged items"] > 0


def test_exempt_items_are_built_and_closed_to_the_public(built, db):
    anonymous = AnonymousUser()
    exempt = AgendaItem.objects.filter(is_exempt=True)
    assert built["exempt agenda items"] > 0
    public = AgendaItem.objects.visible_to(anonymous).readable()
    assert public.exists()
    assert not public.filter(is_exempt=True).exists()
    officer = User.objects.get(username="officer")
    opened = AgendaItem.objects.visible_to(officer).readable()
    assert opened.filter(is_exempt=True).count() == exempt.count()
    public_minutes = Minute.objects.visible_to(anonymous).readable()
    assert Minute.objects.filter(is_exempt=True).exists()
    assert not public_minutes.filter(is_exempt=True).exists()


def test_private_bodies_meetings_are_hidden_from_the_public(built, db):
    private = Meeting.objects.filter(body__meets_in_public=False)
    assert private.exists()
    seen = Meeting.objects.visible_to(AnonymousUser())
    assert not seen.filter(pk__in=private.values("pk")).exists()


def test_one_year_adds_no_older_strategy_and_the_demo_users_sign_in(built, db):
    assert not StrategyVersion.objects.filter(key="2014").exists()
    for username in ("officer", "chair", "member", "author", "lead"):
        user = authenticate(
            RequestFactory().post("/accounts/login/"),
            username=username,
            password=dataset.BENCH_PASSWORD,
        )
        assert user is not None and user.username == username
