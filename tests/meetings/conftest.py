"""Fixtures the meetings tests share."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests import factories


@pytest.fixture
def coming(hwb, officer):
    """A board meeting a month ahead, agenda in draft, with the officer as its
    contact; the body does not insist on framework tags."""
    hwb.requires_framework_tags = False
    hwb.save()
    return factories.MeetingFactory(
        body=hwb,
        start=timezone.now() + datetime.timedelta(days=30),
        status="scheduled",
        agenda_status=Meeting.AgendaStatus.DRAFT,
        minutes_status=Meeting.MinutesStatus.NONE,
        contact_officer=officer.person,
    )
