"""The rules of a progress update live in the model and the service, not in
the page's form: the service alone refuses each bad update with the message
the page and the API show, and the form alone lets the same input through."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import deadlines, services
from meetings.forms import ActionUpdateForm
from meetings.models import ActionUpdate
from tests import factories
from tests.helpers import held_on

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)
GOOD = {
    "date": TODAY,
    "status": "at_risk",
    "percent_complete": 40,
    "narrative": "Governance options drafted; YVRB terms of reference awaited.",
}

BAD = [
    ({"percent_complete": 140}, "percent_complete", "must be 100 or less"),
    ({"percent_complete": -1}, "percent_complete", "must be 0 or more"),
    (
        {"status": "done", "percent_complete": 80, "closing_note": "Agreed."},
        "percent_complete",
        "An action that is done must be 100% complete",
    ),
    ({"narrative": ""}, "narrative", "Describe the progress made"),
    ({"status": ""}, "status", "Select the action's status"),
    ({"status": "finished"}, "status", "not a valid choice"),
    (
        {"date": TODAY + datetime.timedelta(days=1)},
        "date",
        "The date of an update cannot be in the future",
    ),
    (
        {"date": datetime.date(2019, 1, 1)},
        "date",
        "cannot be before the action was agreed, on 8 July 2019",
    ),
    (
        {"status": "dropped"},
        "closing_note",
        "Say what closed the action: what was done, or why it was dropped",
    ),
    (
        {"status": "done", "percent_complete": 100, "closing_note": "  "},
        "closing_note",
        "Say what closed the action",
    ),
]
# What the form itself refuses: a choice it does not offer, a field left empty.
FORM_READS = {"status", "narrative"}


@pytest.fixture(autouse=True)
def _one_day():
    """TODAY is read at import: every test runs on that day."""
    with held_on(TODAY):
        yield


@pytest.fixture
def owner(db):
    return factories.UserFactory(username="owner")


@pytest.fixture
def action(owner, hwb):
    person = factories.PersonFactory(user=owner)
    return factories.ActionFactory(body=hwb, owner_person=person)


def _add(action, user, **change):
    return services.action_add_update(action=action, user=user, **{**GOOD, **change})


@pytest.mark.parametrize("change, field, message", BAD)
def test_the_service_refuses_each_bad_update_in_words(
    action, owner, change, field, message
):
    with pytest.raises(ValidationError) as refused:
        _add(action, owner, **change)
    assert message in " ".join(refused.value.message_dict[field])
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert (action.status, action.closing_note) == ("on_track", "")


@pytest.mark.parametrize(
    "change", [change for change, field, _ in BAD if field not in FORM_READS]
)
def test_the_form_alone_lets_the_same_input_through(change):
    """The form reads the date, the choice, the number and the words; past
    that it decides nothing."""
    data = {**GOOD, **change}
    day = data.pop("date")
    posted = {**data, "date_0": day.day, "date_1": day.month, "date_2": day.year}
    form = ActionUpdateForm(posted)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == day


def test_every_mistake_is_said_at_once(action, owner):
    with pytest.raises(ValidationError) as refused:
        _add(action, owner, status="done", percent_complete=80)
    assert set(refused.value.message_dict) == {"percent_complete", "closing_note"}


def test_a_late_record_goes_in_the_history_and_may_not_close(action, owner):
    _add(action, owner, status="off_track", percent_complete=60)
    late, created = _add(
        action, owner, date=YESTERDAY, status="on_track", narrative="First talks."
    )
    assert created and action.updates.count() == 2
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("off_track", 60)
    with pytest.raises(ValidationError) as refused:
        _add(
            action,
            owner,
            date=YESTERDAY,
            status="done",
            percent_complete=100,
            closing_note="Terms of reference agreed.",
        )
    assert refused.value.message_dict["date"] == [
        "An update that closes the action must be dated on or after its newest "
        f"update, of {TODAY.day} {TODAY:%B %Y}"
    ]
    action.refresh_from_db()
    assert action.status == "off_track" and action.updates.count() == 2


def test_a_good_closing_update_closes_the_action_with_its_note(action, owner):
    _add(action, owner, status="done", percent_complete=100, closing_note="Agreed.")
    action.refresh_from_db()
    assert (action.status, action.closing_note) == ("done", "Agreed.")
    # Closed, it is owed no reminder, however late its due date falls.
    overdue = timezone.now() + datetime.timedelta(days=365)
    assert [n for n in deadlines.actions(overdue) if n["target"] == action] == []
