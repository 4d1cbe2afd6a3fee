"""Where a meeting is in its cycle: the steps from building its agenda to
signing its minutes, in the order the officer takes them, each done or not,
and the next one in words.

The steps are worked out from the meeting's own state and from three facts
read for many meetings at once (`meeting_cycles`): whether attendance is
recorded, and whether the chair has been asked to sign off the agenda and
told the draft minutes are ready (the notices the officer's buttons send).
"""

import dataclasses
import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hwbb import workdays
from hwbb.models import Notification
from meetings.models import Attendance, Meeting

STEPS = (
    ("build", "Build the agenda and send it to the chair"),
    ("sign_off", "The chair signs off the agenda"),
    ("publish", "Publish the agenda"),
    ("attendance", "Record attendance"),
    ("minutes", "Write the minutes and send them to the chair"),
    ("check", "The chair checks the draft minutes"),
    ("publish_minutes", "Publish the draft minutes"),
    ("approve", "Approve and sign the minutes at the next meeting"),
)
AGENDA_STEPS = ("build", "sign_off", "publish")

# A step's state, as the page says it.
DONE, NOW, LATER, MISSED = "done", "now", "later", "missed"
STATE_WORDS = {
    DONE: "Done",
    NOW: "Next step",
    LATER: "Not yet",
    MISSED: "Not done before the meeting",
}

_MINUTES_CHECKED = (
    Meeting.MinutesStatus.CHECKED,
    Meeting.MinutesStatus.PUBLISHED_DRAFT,
    Meeting.MinutesStatus.APPROVED,
)


@dataclasses.dataclass(frozen=True)
class Step:
    key: str
    title: str
    state: str

    @property
    def state_words(self):
        return STATE_WORDS[self.state]


@dataclasses.dataclass(frozen=True)
class Cycle:
    meeting: Meeting
    steps: tuple
    facts: dict
    has_begun: bool

    @property
    def current(self):
        """The next step to take, or None when the cycle is complete (or the
        meeting was cancelled)."""
        return next((s for s in self.steps if s.state == NOW), None)

    @property
    def is_complete(self):
        return bool(self.steps) and all(s.state in (DONE, MISSED) for s in self.steps)


def _done(meeting, facts):
    """Which steps are done, by the meeting's state and the facts."""
    agenda = meeting.agenda_status
    minutes = meeting.minutes_status
    return {
        "build": agenda != Meeting.AgendaStatus.DRAFT or facts["sign_off_asked"],
        "sign_off": agenda != Meeting.AgendaStatus.DRAFT,
        "publish": agenda == Meeting.AgendaStatus.PUBLISHED,
        "attendance": facts["attendance"],
        "minutes": minutes in _MINUTES_CHECKED or facts["minutes_told"],
        "check": minutes in _MINUTES_CHECKED,
        "publish_minutes": minutes in Meeting.PUBLIC_MINUTES,
        "approve": minutes == Meeting.MinutesStatus.APPROVED,
    }


def meeting_steps(meeting, facts, *, now=None):
    """The meeting's cycle: each step done, next, not yet, or (an agenda
    step a meeting that has taken place never had) missed.

    Before the meeting the next step is the first agenda step not done; once
    it has begun, the first step after the agenda not done. A cancelled
    meeting has no steps."""
    now = now or timezone.now()
    begun = meeting.start <= now
    if meeting.is_cancelled:
        return Cycle(meeting, (), facts, begun)
    done = _done(meeting, facts)
    steps, current = [], None
    for key, title in STEPS:
        if done[key]:
            state = DONE
        elif begun and key in AGENDA_STEPS:
            state = MISSED
        elif current is None and (begun or key in AGENDA_STEPS):
            state = current = NOW
        else:
            state = LATER
        steps.append(Step(key, title, state))
    return Cycle(meeting, tuple(steps), facts, begun)


def _notified(meetings, kind):
    content_type = ContentType.objects.get_for_model(Meeting)
    return set(
        Notification.objects.filter(
            kind=kind,
            content_type=content_type,
            object_id__in=[m.pk for m in meetings],
        ).values_list("object_id", flat=True)
    )


def meeting_cycles(meetings, *, now=None):
    """Each meeting's cycle, by primary key, in three queries however many."""
    meetings = list(meetings)
    if not meetings:
        return {}
    attended = set(
        Attendance.objects.filter(meeting__in=meetings).values_list(
            "meeting_id", flat=True
        )
    )
    asked = _notified(meetings, "agenda_sign_off_asked")
    told = _notified(meetings, "minutes_ready")
    return {
        m.pk: meeting_steps(
            m,
            {
                "attendance": m.pk in attended,
                "sign_off_asked": m.pk in asked,
                "minutes_told": m.pk in told,
            },
            now=now,
        )
        for m in meetings
    }


def meeting_cycle(meeting, *, now=None):
    return meeting_cycles([meeting], now=now)[meeting.pk]


def working_days_to_publish(meeting, today=None):
    """The working days left to publish the agenda in time, today counting
    if it is one; 0 once the deadline has passed."""
    today = today or timezone.localdate()
    deadline = meeting.publication_deadline()
    if deadline < today:
        return 0
    one_day = datetime.timedelta(days=1)
    return workdays.clear_working_days_between(today - one_day, deadline + one_day)
