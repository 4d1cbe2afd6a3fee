# ruff: noqa: E501
"""The record refuses the impossible: a minute number used twice in a body's
year, minutes of a cancelled or future meeting, approval at a meeting that
cannot approve, links to minutes that do not exist; meetings keep their
history; decisions carry their item's tags."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template import Context, Template
from django.utils import timezone

from meetings import services
from meetings.forms.minutes import MinutesApproveForm
from meetings.models import Meeting, Minute
from tests import factories

pytestmark = pytest.mark.django_db


def a_meeting(body, *, days_ago, **kwargs):
    kwargs.setdefault("minutes_status", Meeting.MinutesStatus.DRAFT)
    return factories.MeetingFactory(
        body=body, start=timezone.now() - datetime.timedelta(days=days_ago), **kwargs
    )


def test_a_minute_number_is_used_once_in_a_bodys_year():
    body = factories.BodyFactory()
    first, second = a_meeting(body, days_ago=20), a_meeting(body, days_ago=10)
    services.minute_create(minute=Minute(meeting=first, number=2, title="A"), user=None)
    with pytest.raises(ValidationError, match="already used in this board's municipal"):
        services.minute_create(
            minute=Minute(meeting=second, number=2, title="B"), user=None
        )
    # the database holds the rule too, whatever writes the row
    with pytest.raises(IntegrityError), transaction.atomic():
        Minute.objects.create(
            meeting=second, number=2, municipal_year=first.municipal_year, title="C"
        )
    # another body, or the next municipal year, may use the number
    other = a_meeting(
        factories.BodyFactory(name="Cabinet", slug="cabinet"), days_ago=10
    )
    services.minute_create(minute=Minute(meeting=other, number=2, title="D"), user=None)


def test_the_migration_lists_numbers_used_twice_before_holding_the_rule():
    migration = importlib.import_module(
        "meetings.migrations.0020_minute_numbered_once_a_year"
    )
    body = factories.BodyFactory()
    first, second = a_meeting(body, days_ago=20), a_meeting(body, days_ago=10)
    with connection.schema_editor() as editor:  # as it was before the migration
        editor.remove_constraint(Minute, Minute._meta.constraints[0])
    for meeting in (first, second):
        Minute.objects.create(meeting=meeting, number=7, municipal_year=2025, title="X")
    with pytest.raises(RuntimeError, match="minute 7 at the meetings of"):
        migration.refuse_duplicates(django_apps, None)


@pytest.mark.parametrize(
    "status, days_ago, message",
    [
        (Meeting.Status.CANCELLED, 5, "cancelled: it has no minutes"),
        (Meeting.Status.SCHEDULED, -5, "has not happened yet"),
    ],
)
def test_no_minutes_for_a_cancelled_or_future_meeting(status, days_ago, message):
    meeting = a_meeting(factories.BodyFactory(), days_ago=days_ago, status=status)
    with pytest.raises(ValidationError, match=message):
        services.minute_create(minute=Minute(meeting=meeting, title="A"), user=None)
    assert not Minute.objects.exists()


def test_only_a_later_held_meeting_of_the_body_may_approve():
    body = factories.BodyFactory()
    minuted = a_meeting(
        body, days_ago=60, minutes_status=Meeting.MinutesStatus.PUBLISHED_DRAFT
    )
    earlier = a_meeting(body, days_ago=90)
    cancelled = a_meeting(body, days_ago=30, status=Meeting.Status.CANCELLED)
    future = a_meeting(body, days_ago=-10, status=Meeting.Status.SCHEDULED)
    elsewhere = a_meeting(
        factories.BodyFactory(name="Cabinet", slug="cabinet"), days_ago=10
    )
    held = a_meeting(body, days_ago=5)
    offered = set(MinutesApproveForm(meeting=minuted).fields["approved_at"].queryset)
    assert offered == {held}
    for wrong in (earlier, cancelled, future, elsewhere):
        with pytest.raises(
            ValidationError, match="has taken place and was not cancelled"
        ):
            services.minutes_approve(meeting=minuted, approved_at=wrong)
    services.minutes_approve(meeting=minuted, approved_at=held)
    minuted.refresh_from_db()
    assert minuted.minutes_approved_at == held


def test_a_citation_links_only_to_a_minute_that_exists():
    meeting = a_meeting(factories.BodyFactory(), days_ago=5)
    services.minute_create(
        minute=Minute(meeting=meeting, number=38, title="A"), user=None
    )
    minute = services.minute_create(
        minute=Minute(meeting=meeting, number=39, title="B"), user=None
    )
    html = Template("{% load meetings_tags %}{{ text|minute_links:minute }}").render(
        Context(
            {"text": "Further to Minute 38; Minute 8 did not exist.", "minute": minute}
        )
    )
    assert html.count("<a ") == 1
    assert "Minute 38</a>" in html
    assert "Minute 8 did not exist" in html  # left as text


def test_meetings_keep_who_changed_what_and_when():
    officer = factories.UserFactory()
    meeting = a_meeting(factories.BodyFactory(), days_ago=5)
    meeting.minutes_status = Meeting.MinutesStatus.CHECKED
    meeting._history_user = officer
    meeting.save()
    latest = meeting.history.first()
    assert (latest.minutes_status, latest.history_user) == (
        Meeting.MinutesStatus.CHECKED,
        officer,
    )
    assert meeting.history.count() == 2


def test_a_resolution_and_its_actions_take_the_items_tags_unless_chosen():
    pillar = factories.PillarFactory()
    other = factories.PillarFactory(code="HB", name="Our health behaviours")
    priority = factories.PriorityFactory()
    meeting = a_meeting(factories.BodyFactory(), days_ago=5)
    item = factories.AgendaItemFactory(meeting=meeting, primary_pillar=pillar)
    item.secondary_pillars.set([other])
    item.priorities.set([priority])
    minute = services.minute_create(
        minute=Minute(meeting=meeting, title="A", agenda_item=item), user=None
    )
    from meetings.resolutions import Clause

    resolution = services.resolution_save(
        minute=minute,
        preamble="",
        clauses=[Clause("", "the report be noted.")],
        user=None,
    )
    assert resolution.primary_pillar == pillar
    assert list(resolution.priorities.all()) == [priority]
    clause = resolution.clauses.get()
    owner = factories.PersonFactory()
    action, _ = services.action_create(
        action=factories.ActionFactory.build(
            minute=minute,
            resolution_clause=clause,
            body=meeting.body,
            primary_pillar=None,
            owner_person=owner,
        )
    )
    assert action.primary_pillar == pillar
    assert set(action.secondary_pillars.all()) == {other}
    # an officer's own choice stays
    chosen, _ = services.action_create(
        action=factories.ActionFactory.build(
            minute=minute,
            resolution_clause=clause,
            body=meeting.body,
            primary_pillar=other,
            owner_person=owner,
            title="Another",
        )
    )
    assert chosen.primary_pillar == other
    assert not chosen.priorities.exists()
