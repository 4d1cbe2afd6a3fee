""" "Your work": what each signed-in person has to do, one line a kind of
work, each a count, words and a link to the page where it is done, the most
urgent first. Built from the querysets those pages use, through the same
visibility rules, so a count never names work the page will not show."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from hwbb import permissions, workdays
from hwbb.models import Notification
from meetings.deadlines import AWAITED_REPORT, finished_reports
from meetings.models import (
    Action,
    InterestChange,
    Meeting,
    Membership,
    OrganisationLead,
    PlannedItem,
    PublicQuestion,
    Report,
    UrgentDecision,
)
from meetings.services import report_deadline_for
from strategy.models import ProgressReport

# How urgent a line is, in words as well as order: the page says it.
OVERDUE, SOON, WAITING = 0, 1, 2
URGENCY = {OVERDUE: "Overdue", SOON: "Due soon", WAITING: "To do"}
SOON_WORKING_DAYS = 5
DECLARATIONS_DAYS = 14


@dataclass
class Line:
    count: int
    text: str
    link: str
    urgency: int = WAITING
    items: list = field(default_factory=list)  # [(words, link)], the first few

    @property
    def urgency_words(self):
        return URGENCY[self.urgency]


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def _day(value):
    return f"{value:%A} {value.day} {value:%B %Y}"


def _urgency(deadline, today):
    if deadline < today:
        return OVERDUE
    if deadline <= workdays.add_working_days(today, SOON_WORKING_DAYS):
        return SOON
    return WAITING


def _working_days_left(deadline, today):
    if deadline < today:
        return "the date has passed"
    if deadline == today:
        return "today is the last day"
    days = workdays.clear_working_days_between(today, deadline) + 1
    return _plural(days, "working day left", "working days left")


def your_work(user, today=None):
    """The lines of the user's work, most urgent first; [] when there is none."""
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    lines = []
    if permissions.is_officer(user):
        lines += officer_lines(user, today)
    lines += chair_lines(user, today)
    lines += author_lines(user, today)
    lines += member_lines(user, today)
    return sorted(lines, key=lambda line: line.urgency)


# -- The governance officer -----------------------------------------------------


def officer_lines(user, today):
    lines = []
    to_review = Report.objects.visible_to(user).filter(
        status__in=(Report.Status.SUBMITTED, Report.Status.RESUBMITTED)
    )
    if count := to_review.count():
        lines.append(
            Line(
                count,
                _plural(count, "report to review", "reports to review"),
                reverse("meetings:reports"),
                items=[(r.title, r.get_absolute_url()) for r in to_review[:5]],
            )
        )
    lines += _agendas_to_publish(user, today)
    lines += _minutes_to_finish(user, today)
    missing = ProgressReport.objects.visible_to(user).missing(today)
    if count := missing.count():
        lines.append(
            Line(
                count,
                _plural(count, "progress return missing", "progress returns missing"),
                reverse("strategy:progress"),
                OVERDUE,
            )
        )
    lines += _register_changes(user)
    failed = Notification.objects.filter(status=Notification.Status.FAILED)
    if count := failed.count():
        lines.append(
            Line(
                count,
                _plural(count, "email that failed", "emails that failed"),
                reverse("notifications:log"),
                OVERDUE,
            )
        )
    lines += _questions_to_review(user)
    proposed = UrgentDecision.objects.visible_to(user).filter(
        status=UrgentDecision.Status.PROPOSED
    )
    if count := proposed.count():
        lines.append(
            Line(
                count,
                _plural(
                    count,
                    "decision between meetings not yet taken",
                    "decisions between meetings not yet taken",
                ),
                proposed.first().get_absolute_url(),
                items=[(d.title, d.get_absolute_url()) for d in proposed[:5]],
            )
        )
    return lines


def _register_changes(user):
    """Changes members asked for in their registers, waiting for an officer:
    not the officer's own, which another officer decides."""
    waiting = (
        InterestChange.objects.visible_to(user)
        .pending()
        .exclude(person__user=user)
        .select_related("person")
    )
    if not (count := waiting.count()):
        return []
    return [
        Line(
            count,
            _plural(
                count,
                "change to a register of interests to approve",
                "changes to registers of interests to approve",
            ),
            reverse("meetings:interest_changes"),
            items=[
                (f"{c.person}: {c.get_action_display().lower()}", c.get_absolute_url())
                for c in waiting[:5]
            ],
        )
    ]


def _questions_to_review(user):
    """One line for the public's questions waiting for a decision, linking
    to the queue of the soonest meeting that has any."""
    waiting = (
        PublicQuestion.objects.visible_to(user)
        .awaiting_decision()
        .select_related("meeting__body")
        .order_by("meeting__start", "submitted_at", "pk")
    )
    rows = list(waiting[:50])
    if not rows:
        return []
    count = waiting.count() if len(rows) == 50 else len(rows)
    meetings = {row.meeting_id: row.meeting for row in rows}
    return [
        Line(
            count,
            _plural(count, "public question to review", "public questions to review"),
            reverse("meetings:questions_review", args=[rows[0].meeting_id]),
            SOON,
            items=[
                (str(m), reverse("meetings:questions_review", args=[m.pk]))
                for m in list(meetings.values())[:5]
            ],
        )
    ]


def _agendas_to_publish(user, today):
    """A line for each coming meeting whose agenda is not yet published, with
    its publication deadline counting down in working days."""
    coming = (
        Meeting.objects.visible_to(user)
        .filter(
            start__date__gte=today,
            status__in=(Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED),
        )
        .exclude(agenda_status=Meeting.AgendaStatus.PUBLISHED)
        .select_related("body")
        .order_by("start")[:10]
    )
    lines = []
    for meeting in coming:
        deadline = meeting.publication_deadline()
        signed = meeting.agenda_status == Meeting.AgendaStatus.SIGNED_OFF
        step = "signed off: publish it" if signed else "to build and sign off"
        on = _day(timezone.localtime(meeting.start))
        lines.append(
            Line(
                1,
                f"Agenda for {meeting.body.name}, {on}: {step} by {_day(deadline)} "
                f"({_working_days_left(deadline, today)})",
                reverse("meetings:agenda", args=[meeting.pk]),
                _urgency(deadline, today),
            )
        )
    return lines


def _minutes_to_finish(user, today):
    held = (
        Meeting.objects.visible_to(user)
        .filter(start__date__lt=today, start__date__gte=today - datetime.timedelta(120))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("start")
    )
    lines = []
    for status, words, name in (
        (Meeting.MinutesStatus.NONE, "to write", "meetings:minutes_live"),
        (Meeting.MinutesStatus.DRAFT, "in draft", "meetings:minutes_manage"),
        (Meeting.MinutesStatus.CHECKED, "checked: publish", "meetings:minutes_manage"),
    ):
        meetings = [m for m in held if m.minutes_status == status]
        if meetings:
            lines.append(
                Line(
                    len(meetings),
                    _plural(len(meetings), "meeting's minutes", "meetings' minutes")
                    + f" {words}",
                    reverse(name, args=[meetings[0].pk]),
                    items=[(str(m), reverse(name, args=[m.pk])) for m in meetings[:5]],
                )
            )
    return lines


# -- The chair ------------------------------------------------------------------


def chair_lines(user, today):
    chaired = Membership.objects.current_on(today).filter(
        person__user=user,
        role__in=(Membership.Role.CHAIR, Membership.Role.DEPUTY_CHAIR),
    )
    bodies = list(chaired.values_list("body", flat=True))
    if not bodies:
        return []
    lines = []
    to_sign = (
        Meeting.objects.visible_to(user)
        .filter(
            body__in=bodies,
            start__date__gte=today,
            agenda_status=Meeting.AgendaStatus.DRAFT,
            agenda_items__isnull=False,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .distinct()
        .select_related("body")
        .order_by("start")
    )
    for meeting in to_sign[:5]:
        deadline = meeting.publication_deadline()
        lines.append(
            Line(
                1,
                f"Agenda to sign off: {meeting}, to be published by {_day(deadline)}",
                reverse("meetings:agenda", args=[meeting.pk]),
                _urgency(deadline, today),
            )
        )
    drafts = (
        Meeting.objects.visible_to(user)
        .filter(body__in=bodies, minutes_status=Meeting.MinutesStatus.DRAFT)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(
            pk__in=Notification.objects.filter(
                kind="minutes_ready", person__user=user
            ).values("object_id")
        )
        .select_related("body")
        .order_by("start")
    )
    if count := drafts.count():
        lines.append(
            Line(
                count,
                _plural(
                    count, "draft minutes to check", "sets of draft minutes to check"
                ),
                reverse("meetings:minutes_review", args=[drafts[0].pk]),
                SOON,
                items=[
                    (str(m), reverse("meetings:minutes_review", args=[m.pk]))
                    for m in drafts[:5]
                ],
            )
        )
    actions = UrgentDecision.objects.visible_to(user).filter(
        body__in=bodies,
        kind=UrgentDecision.Kind.CHAIRS_ACTION,
        status=UrgentDecision.Status.PROPOSED,
    )
    if count := actions.count():
        lines.append(
            Line(
                count,
                _plural(count, "chair's action to take", "chair's actions to take"),
                actions.first().get_absolute_url(),
                SOON,
                items=[(d.title, d.get_absolute_url()) for d in actions[:5]],
            )
        )
    return lines


# -- The report author ----------------------------------------------------------


def author_lines(user, today):
    person = getattr(user, "person", None)
    if person is None:
        return []
    lines = []
    mine = Report.objects.visible_to(user).filter(authors=person)
    returned = mine.filter(status=Report.Status.RETURNED)
    if count := returned.count():
        lines.append(
            Line(
                count,
                _plural(
                    count,
                    "report returned with comments",
                    "reports returned with comments",
                ),
                returned.first().get_absolute_url(),
                SOON,
                items=[(r.title, r.get_absolute_url()) for r in returned[:5]],
            )
        )
    drafts = mine.filter(
        status=Report.Status.DRAFT, meeting__start__date__gte=today
    ).select_related("meeting__body")
    for report in drafts[:5]:
        deadline = report_deadline_for(report.meeting)
        lines.append(
            Line(
                1,
                f"Report due by {_day(deadline)}: {report.title}",
                report.get_absolute_url(),
                _urgency(deadline, today),
            )
        )
    lines += _planned_reports(person, today)
    return lines


def _planned_reports(person, today):
    """Reports the forward plan asks of the person, not yet sent in, whether
    or not a draft exists: the reminders' own rule (meetings.deadlines)."""
    ahead = Meeting.objects.filter(
        start__date__gte=today,
        status__in=(Meeting.Status.SCHEDULED, Meeting.Status.RESCHEDULED),
    )
    planned = (
        PlannedItem.objects.filter(meeting__in=ahead, report_author=person)
        .select_related("meeting__body")
        .order_by("meeting__start")
    )
    lines, finished, drafted = [], None, None
    for item in planned:
        if finished is None:
            finished = finished_reports(ahead)
            drafted = set(
                Report.objects.filter(
                    meeting__in=ahead, authors=person, status__in=AWAITED_REPORT
                ).values_list("meeting_id", flat=True)
            )
        pairs, done_items = finished
        if item.pk in done_items or (item.meeting_id, person.pk) in pairs:
            continue
        if item.meeting_id in drafted:
            continue  # its draft has a line of its own
        deadline = item.report_deadline or report_deadline_for(item.meeting)
        lines.append(
            Line(
                1,
                f"Report due by {_day(deadline)} (on the forward plan for "
                f"{item.meeting}): {item.title}",
                reverse("meetings:report_create"),
                _urgency(deadline, today),
            )
        )
    return lines


# -- Members and partners' leads ------------------------------------------------


def member_lines(user, today):
    lines = []
    counts = Action.objects.mine(user).counts(today)
    url = reverse("meetings:my_actions")
    if counts["overdue"]:
        lines.append(
            Line(
                counts["overdue"],
                _plural(
                    counts["overdue"],
                    "of your actions overdue",
                    "of your actions overdue",
                ),
                f"{url}?show=overdue",
                OVERDUE,
            )
        )
    if counts["due_this_month"]:
        lines.append(
            Line(
                counts["due_this_month"],
                _plural(
                    counts["due_this_month"],
                    "of your actions due this month",
                    "of your actions due this month",
                ),
                f"{url}?show=due",
                SOON,
            )
        )
    if OrganisationLead.objects.organisations_of(user).exists():
        theirs = Action.objects.of_organisations_led_by(user).counts(today)
        if theirs["overdue"] or theirs["due_this_month"]:
            lines.append(
                Line(
                    theirs["overdue"] + theirs["due_this_month"],
                    f"{theirs['overdue']} of your organisation's actions overdue"
                    f" and {theirs['due_this_month']} due this month",
                    url + "#organisation",
                    OVERDUE if theirs["overdue"] else SOON,
                )
            )
    requested = ProgressReport.objects.visible_to(user).filter(
        requested_of__user=user, status__in=ProgressReport.AWAITED
    )
    if count := requested.count():
        first = requested.order_by("due_date").first()
        due = first.due_date
        lines.append(
            Line(
                count,
                _plural(
                    count,
                    "progress return asked of you",
                    "progress returns asked of you",
                )
                + (f", the first due by {_day(due)}" if due else ""),
                reverse("strategy:progress_mine"),
                _urgency(due, today) if due else WAITING,
            )
        )
    lines += _declarations(user, today)
    return lines


def _declarations(user, today):
    """The coming meetings of the person's bodies, agenda published, where
    they have declared nothing yet: the checklist compares the agenda with
    their register."""
    person = getattr(user, "person", None)
    if person is None:
        return []
    bodies = Membership.objects.current_on(today).filter(person=person).values("body")
    coming = (
        Meeting.objects.visible_to(user)
        .filter(
            body__in=bodies,
            start__date__gte=today,
            start__date__lte=today + datetime.timedelta(DECLARATIONS_DAYS),
            agenda_status=Meeting.AgendaStatus.PUBLISHED,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(declarations__person=person)
        .select_related("body")
        .order_by("start")
    )
    return [
        Line(
            1,
            f"Declarations of interest to consider before {meeting}",
            reverse("meetings:declarations", args=[meeting.pk]),
            SOON,
        )
        for meeting in coming
    ]
