"""A new meeting gets the body's standing items; items are numbered with
sub-items, added before any other business, and reordered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Meeting, StandingItem
from tests import factories

HWB_STANDING = [
    ("start", "", "Welcome and Apologies for Absence", "apologies"),
    ("start", "", "Declarations of Interest", "declarations"),
    ("start", "", "Minutes of Previous Meeting", "minutes"),
    (
        "start",
        "a",
        "To agree the minutes of the meeting held on {previous_meeting}",
        "minutes",
    ),
    ("start", "b", "Matters Arising", "matters_arising"),
    ("start", "", "Chair's Update", "chairs_update"),
    ("end", "", "Any other items of public business", "any_other_business"),
]


@pytest.fixture
def body(hwb):
    for order, (position, sub, title, kind) in enumerate(HWB_STANDING):
        StandingItem.objects.create(
            body=hwb,
            position=position,
            order=order,
            sub_letter=sub,
            title=title,
            kind=kind,
        )
    factories.MeetingFactory(body=hwb, start=factories.london(2019, 4, 8, 14))
    return hwb


def _new_meeting(body):
    start = timezone.now() + datetime.timedelta(days=40)
    return services.meeting_create(
        meeting=Meeting(
            body=body, start=start, venue="Committee Room 3 - Council House"
        )
    )


def _agenda(meeting):
    return [
        (i.reference, i.title)
        for i in meeting.agenda_items.order_by("number", "sub_letter")
    ]


def test_new_meeting_gets_the_standing_items(body):
    meeting = _new_meeting(body)
    assert _agenda(meeting) == [
        ("1", "Welcome and Apologies for Absence"),
        ("2", "Declarations of Interest"),
        ("3", "Minutes of Previous Meeting"),
        ("3(a)", "To agree the minutes of the meeting held on 8 April 2019"),
        ("3(b)", "Matters Arising"),
        ("4", "Chair's Update"),
        ("5", "Any other items of public business"),
    ]


def test_items_go_before_any_other_business_and_can_move(body, officer):
    meeting = _new_meeting(body)
    for title in (
        "Housing and Homelessness One Coventry Approach",
        "Draft Coventry Joint Health and Wellbeing Strategy 2019-23",
    ):
        services.agenda_item_add(
            item=AgendaItem(meeting=meeting, title=title), user=officer
        )
    assert _agenda(meeting)[-3:] == [
        ("5", "Housing and Homelessness One Coventry Approach"),
        ("6", "Draft Coventry Joint Health and Wellbeing Strategy 2019-23"),
        ("7", "Any other items of public business"),
    ]
    strategy = meeting.agenda_items.get(number=6)
    assert services.agenda_item_move(item=strategy, up=True)
    assert [t for _, t in _agenda(meeting)[-3:-1]] == [
        "Draft Coventry Joint Health and Wellbeing Strategy 2019-23",
        "Housing and Homelessness One Coventry Approach",
    ]
    # Moving the minutes item carries its sub-items with it.
    minutes = meeting.agenda_items.get(number=3, sub_letter="")
    services.agenda_item_move(item=minutes, up=True)
    assert _agenda(meeting)[1:4] == [
        ("2", "Minutes of Previous Meeting"),
        ("2(a)", "To agree the minutes of the meeting held on 8 April 2019"),
        ("2(b)", "Matters Arising"),
    ]
    # Any other business stays last, saying so; the first item cannot move up.
    aob = meeting.agenda_items.get(is_standing_end=True)
    with pytest.raises(ValidationError, match="any other business stays at the end"):
        services.agenda_item_move(item=aob, up=True)
    first = meeting.agenda_items.get(number=1)
    assert not services.agenda_item_move(item=first, up=True)
