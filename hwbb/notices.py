"""What each deadline reminder says: a subject, a few lines, the facts and one
link to act on; None when the work is done by the time it would be sent."""

from django.urls import reverse
from django.utils import timezone

from hwbb.models import Kind


def _day(value):
    return f"{value:%A %-d %B %Y}"


def _report(notification, report):
    from meetings.deadlines import AWAITED_REPORT
    from meetings.services import report_deadline_for

    if report.status not in AWAITED_REPORT or report.meeting is None:
        return None
    deadline = report_deadline_for(report.meeting)
    overdue = notification.kind == Kind.REPORT_OVERDUE
    return {
        "subject": f"Report {'overdue' if overdue else 'due'}: {report.title}",
        "lines": [
            f"The deadline for this report was {_day(deadline)} and it has not "
            "been submitted."
            if overdue
            else f"This report is due by {_day(deadline)} for the agenda."
        ],
        "facts": [("Meeting", str(report.meeting)), ("Deadline", _day(deadline))],
        "link": report.get_absolute_url(),
        "link_text": "Finish and submit the report",
    }


def _minutes_due(notification, meeting):
    if meeting.minutes_status not in ("none", "draft"):
        return None
    return {
        "subject": f"Draft minutes due: {meeting}",
        "lines": ["The draft minutes of this meeting are due for the chair's check."],
        "facts": [("Meeting", str(meeting))],
        "link": reverse("meetings:minutes_manage", args=[meeting.pk]),
        "link_text": "Write the draft minutes",
    }


def _minutes_ready(notification, meeting):
    if meeting.minutes_status != "draft":
        return None
    return {
        "subject": f"Draft minutes ready for your check: {meeting}",
        "lines": ["The governance officer has finished the draft minutes."],
        "facts": [("Meeting", str(meeting))],
        "link": reverse("meetings:minutes_manage", args=[meeting.pk]),
        "link_text": "Read and check the draft",
    }


def _escalated(notification, action):
    if action.is_closed:
        return None
    return {
        "subject": f"Overdue action: {action.title}",
        "lines": [
            f"This action was due on {_day(action.due_date)} and is still open. "
            "Its owner has been reminded."
        ],
        "facts": [
            ("Owner", action.owner_label),
            ("Status", f"{action.get_status_display()}, {action.percent_complete}%"),
        ],
        "link": action.get_absolute_url(),
        "link_text": "See the action and its updates",
    }


def _interests(notification, person):
    return {
        "subject": "Your register of interests: annual review",
        "lines": [
            "Please check that your register of interests is up to date, and "
            "confirm it, or add what has changed."
        ],
        "facts": [],
        "link": reverse("meetings:interests"),
        "link_text": "Review your register of interests",
    }


def _priority_review(notification, priority):
    if priority.next_review_date is None or priority.next_review_date > (
        timezone.localdate()
    ):
        return None
    return {
        "subject": f"Priority review due: {priority.title}",
        "lines": [
            f"This priority's review window closed on "
            f"{_day(priority.next_review_date)}."
        ],
        "facts": [("Review every", f"{priority.review_months} months")],
        "link": priority.get_absolute_url(),
        "link_text": "See the priority's golden thread",
    }


def _declarations(notification, meeting):
    if meeting.is_cancelled:
        return None
    return {
        "subject": f"Declarations of interest: {meeting}",
        "lines": [
            "Before the meeting, please consider whether you have an interest to "
            "declare in any item. The checklist compares the agenda with your "
            "register."
        ],
        "facts": [("Meeting", str(meeting))],
        "link": reverse("meetings:declarations", args=[meeting.pk]),
        "link_text": "Open your declarations checklist",
    }


RENDERERS = {
    Kind.REPORT_DUE: _report,
    Kind.REPORT_OVERDUE: _report,
    Kind.MINUTES_DRAFT_DUE: _minutes_due,
    Kind.MINUTES_READY: _minutes_ready,
    Kind.ACTION_ESCALATED: _escalated,
    Kind.INTERESTS_REVIEW: _interests,
    Kind.PRIORITY_REVIEW: _priority_review,
    Kind.DECLARATIONS: _declarations,
}


def notice_for(notification):
    return RENDERERS[notification.kind](notification, notification.target)


# What is due is worked out by the apps: each registers its planners, from its
# own notices.py. A planner takes the time it runs at and yields the notices
# due then, as keyword arguments for `notify.queue`, every run: the key of
# each makes it go once (`notify.plan`).
_planners = {}


def planner(func):
    _planners[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def due(now):
    for plan in _planners.values():
        yield from plan(now)
