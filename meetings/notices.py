"""The meetings app's notices: what each kind says (its renderer, see
hwbb/notices.py), registered with the notice engine with the planner that
finds the cycle's reminders due (meetings/deadlines.py)."""

from django.urls import reverse
from django.utils import dateformat, timezone

from hwbb import notices, permissions
from meetings import alerts, deadlines
from meetings.models import AgendaSupplement, PlannedItem, ReportReview
from meetings.services import report_deadline_for


def _day(value):
    return f"{value:%A %-d %B %Y}"


def _when(value, format):
    """A meeting's time as the templates print it ("2.00 p.m."), in London."""
    return dateformat.format(timezone.localtime(value), format)


def _meeting_notice(meeting, subject, lines, link_text="See the meeting"):
    """A notice about a meeting, linking to it; lines left empty are left out."""
    return {
        "subject": subject,
        "lines": [line for line in lines if line],
        "facts": [],
        "link": meeting.get_absolute_url(),
        "link_text": link_text,
        "meeting": meeting,
    }


def _on(meeting):
    return f"{meeting.body.name}, {_when(meeting.start, 'j F Y')}"


def _venue(meeting):
    return f", {meeting.venue}" if meeting.venue else ""


def _agenda_published(notification, meeting):
    late = meeting.late_publication_reason
    return _meeting_notice(
        meeting,
        f"Agenda published: {_on(meeting)}",
        [
            f"The agenda for the meeting of {meeting.body.name} at "
            f"{_when(meeting.start, 'g.i a')} on {_when(meeting.start, 'l j F Y')}"
            f"{_venue(meeting)}, has been published.",
            late
            and "It was published with less than five clear working days' notice "
            f"because: {late}",
        ],
        link_text="Read the agenda and papers",
    )


def _agenda_supplement(notification, meeting):
    pk = notification.extra.get("supplement")
    supplement = AgendaSupplement.objects.filter(pk=pk).first()
    if supplement is None:
        return None
    return _meeting_notice(
        meeting,
        f"Agenda supplement {supplement.number}: {_on(meeting)}",
        [
            f"The published agenda for the meeting of {meeting.body.name} on "
            f"{_when(meeting.start, 'l j F Y')} has changed (supplement "
            f"{supplement.number}):",
            supplement.changes,
            supplement.reason and f"Reason: {supplement.reason}",
        ],
        link_text="Read the agenda",
    )


def _meeting_rescheduled(notification, meeting):
    was = meeting.previous_start
    return _meeting_notice(
        meeting,
        f"Meeting moved: {meeting.body.name} is now on {_when(meeting.start, 'j F Y')}",
        [
            f"The meeting of {meeting.body.name} has moved"
            + (f" from {_when(was, 'l j F Y, g.i a')}" if was else "")
            + f" to {_when(meeting.start, 'l j F Y, g.i a')}{_venue(meeting)}."
        ],
    )


def _meeting_cancelled(notification, meeting):
    reason = meeting.cancellation_reason
    return _meeting_notice(
        meeting,
        f"Meeting cancelled: {_on(meeting)}",
        [
            f"The meeting of {meeting.body.name} on "
            f"{_when(meeting.start, 'l j F Y')} has been cancelled.",
            reason and f"Reason: {reason}",
        ],
    )


ACTION_SUBJECT = {
    "action_due_soon": "Action due soon",
    "action_overdue": "Overdue action",
    "action_still_overdue": "Action still overdue",
}


def _action_lines(notification, action):
    due = _day(action.due_date)
    lines = {
        "action_due_soon": [f"This action is due on {due}."],
        "action_overdue": [
            f"This action was due on {due} and is not yet marked as done."
        ],
        "action_still_overdue": [
            f"This action was due on {due} and is still open. Add a progress "
            "update, or mark it done; if the Board has agreed a new date, tell "
            "the governance officer."
        ],
    }[notification.kind]
    if action.owner_person_id is None and action.owner_organisation_id:
        lines.append(
            f"It is owned by {action.owner_organisation}, which names you as a "
            "lead for its actions."
        )
    return lines


def _action_reminder(notification, action):
    if action.is_closed or action.due_date is None:
        return None
    facts = [
        ("Action", action.title),
        ("Board", action.body.name),
        ("Status", f"{action.rag_label} ({action.percent_complete}% complete)"),
    ]
    if action.due_text:
        facts.append(("Due, as agreed", action.due_text))
    return {
        "subject": f"{ACTION_SUBJECT[notification.kind]}: {action.title}",
        "lines": _action_lines(notification, action),
        "facts": facts,
        "link": action.get_absolute_url(),
        "link_text": "Add a progress update, or mark it done",
    }


def _planned_report(notification, planned):
    """A report the forward plan names the person to write, whether or not a
    draft exists yet; None once it is sent in or the meeting is off."""
    meeting = planned.meeting
    if meeting.is_cancelled or planned.report_author_id != notification.person_id:
        return None
    pairs, done_items = deadlines.finished_reports([meeting.pk])
    if planned.pk in done_items or (meeting.pk, notification.person_id) in pairs:
        return None
    deadline = planned.report_deadline or report_deadline_for(meeting)
    overdue = notification.kind == "report_overdue"
    user = notification.person.user
    writes_here = user is not None and permissions.has_role(
        user, permissions.OFFICER, permissions.AUTHOR
    )
    return {
        "subject": f"Report {'overdue' if overdue else 'due'}: {planned.title}",
        "lines": [
            "The forward plan names you to write this report for the meeting "
            f"of {meeting.body.name} on {_when(meeting.start, 'l j F Y')}.",
            f"The deadline for it was {_day(deadline)} and it has not been submitted."
            if overdue
            else f"It is due by {_day(deadline)} for the agenda.",
        ],
        "facts": [("Meeting", str(meeting)), ("Deadline", _day(deadline))],
        "link": reverse("meetings:report_create")
        if writes_here
        else reverse("meetings:forward_plan", args=[meeting.body.slug]),
        "link_text": "Write the report" if writes_here else "See the forward plan",
    }


def _report(notification, report):
    if isinstance(report, PlannedItem):
        return _planned_report(notification, report)
    if report.status not in deadlines.AWAITED_REPORT or report.meeting is None:
        return None
    deadline = report_deadline_for(report.meeting)
    overdue = notification.kind == "report_overdue"
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


def _report_reviewed(notification, report):
    """A step of the report's review, as it was when it was taken."""
    review = ReportReview.objects.filter(
        pk=notification.extra.get("review"), report=report
    ).first()
    if review is None:
        return None
    meeting = report.meeting
    facts = [("Report", report.title), ("Board", report.body.name)]
    if meeting is not None:
        facts.append(("Meeting", str(meeting)))
        deadline = report_deadline_for(meeting)
    by = review.by.get_full_name() or review.by.username if review.by else ""
    kind = notification.kind
    if kind in ("report_submitted", "report_resubmitted"):
        again = kind == "report_resubmitted"
        subject = f"Report {'resubmitted' if again else 'submitted'}: {report.title}"
        lines = [
            f"{by or 'The author'} has "
            f"{'changed and resubmitted' if again else 'submitted'} this report "
            "for the agenda. Please review it: accept it onto the agenda, or "
            "return it with comments."
        ]
        if meeting is not None:
            facts.append(("Deadline for the agenda", _day(deadline)))
        link_text = "Review the report"
    elif kind == "report_returned":
        subject = f"Report returned with comments: {report.title}"
        lines = [
            f"{by or 'The governance officer'} has returned your report with "
            "these comments:",
            review.comments,
            "Change the report and submit it again"
            + (f" by {_day(deadline)}." if meeting is not None else "."),
        ]
        link_text = "Change and resubmit the report"
    else:
        subject = f"Report accepted: {report.title}"
        lines = [
            "Your report has been accepted"
            + (
                f" onto the agenda of {meeting.body.name} on "
                f"{_when(meeting.start, 'l j F Y')}."
                if meeting is not None
                else "."
            )
        ]
        link_text = "See the report"
    return {
        "subject": subject,
        "lines": [line for line in lines if line],
        "facts": facts,
        "link": report.get_absolute_url(),
        "link_text": link_text,
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
        "link": reverse("meetings:minutes_review", args=[meeting.pk]),
        "link_text": "Read and check the draft",
    }


def _minutes_checked(notification, meeting):
    if meeting.minutes_status != "checked":
        return None
    return {
        "subject": f"The chair has checked the draft minutes: {meeting}",
        "lines": [
            "The chair has read and checked the draft minutes. Any comments are "
            "shown beside the minutes. They can now be published as a draft, "
            "subject to approval at the next meeting."
        ],
        "facts": [("Meeting", str(meeting))],
        "link": reverse("meetings:minutes_manage", args=[meeting.pk]),
        "link_text": "Publish the draft minutes",
    }


def _agenda_sign_off_asked(notification, meeting):
    if meeting.agenda_status != "draft" or meeting.is_cancelled:
        return None
    deadline = meeting.publication_deadline()
    return _meeting_notice(
        meeting,
        f"Agenda ready for your sign-off: {_on(meeting)}",
        [
            f"The draft agenda for the meeting of {meeting.body.name} on "
            f"{_when(meeting.start, 'l j F Y')} is ready for you to read and sign "
            "off.",
            deadline
            and f"It must be published by {_day(deadline)} (five clear working "
            "days before the meeting).",
        ],
        link_text="Read and sign off the agenda",
    ) | {"link": reverse("meetings:agenda", args=[meeting.pk])}


def _agenda_signed_off(notification, meeting):
    if meeting.agenda_status != "signed_off" or meeting.is_cancelled:
        return None
    by = meeting.agenda_signed_off_by
    return _meeting_notice(
        meeting,
        f"Agenda signed off: {_on(meeting)}",
        [
            f"{by.get_full_name() or by.username if by else 'The chair'} has "
            "signed off the agenda. It can now be published.",
        ],
        link_text="Publish the agenda",
    ) | {"link": reverse("meetings:publish", args=[meeting.pk])}


def _minutes_returned(notification, meeting):
    if meeting.minutes_status != "draft":
        return None
    return {
        "subject": f"The chair has sent the draft minutes back: {meeting}",
        "lines": [
            "The chair has read the draft minutes and sent them back with comments."
        ],
        "facts": [("Meeting", str(meeting))],
        "link": reverse("meetings:minutes_manage", args=[meeting.pk]),
        "link_text": "Read the comments beside the minutes",
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


def _interest_change_asked(notification, change):
    if not change.is_pending:
        return None  # another officer decided it before this was sent
    return {
        "subject": f"Register of interests: a change to approve for {change.person}",
        "lines": [
            f"{change.person} asks to {change.get_action_display().lower()} in "
            "their register of interests. The published register shows the "
            "entry as it was until you approve the change."
        ],
        "facts": [("Interest", change.get_kind_display())],
        "link": change.get_absolute_url(),
        "link_text": "Approve or reject the change",
    }


def _interest_change_decided(notification, change):
    asked = f"Your request to {change.get_action_display().lower()} in your "
    if change.status == change.Status.APPROVED:
        subject = "approved"
        lines = [asked + "register of interests was approved: the register shows it."]
    else:
        subject = "not approved"
        lines = [
            asked + "register of interests was not approved.",
            f"The reason given: {change.reason}",
        ]
    return {
        "subject": f"Your register of interests: change {subject}",
        "lines": lines,
        "facts": [("Interest", change.get_kind_display())],
        "link": reverse("meetings:interests"),
        "link_text": "See your register of interests",
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


def _decision_facts(decision):
    """What an email says of a decision: its open title only if exempt (the
    closed words are read on the site, signed in)."""
    return [
        ("Board", decision.body.name),
        ("Deadline", f"{_day(decision.deadline)}"),
    ]


def _urgent_decision_proposed(notification, decision):
    if decision.status != "proposed":
        return None
    return {
        "subject": f"For your decision as chair: {decision.public_title}",
        "lines": [
            "A decision cannot wait for the next meeting of the board and is "
            "proposed for your action as chair. Please read it, with the reasons "
            "and the consultation, and take it if you agree."
        ],
        "facts": _decision_facts(decision),
        "link": reverse("meetings:urgent_take", args=[decision.pk]),
        "link_text": "Read and take the decision",
    }


def _written_resolution_asked(notification, decision):
    if decision.status != "proposed":
        return None
    return {
        "subject": f"Written resolution for your agreement: {decision.public_title}",
        "lines": [
            "A decision cannot wait for the next meeting of the board, and the "
            "members are asked to agree it in writing. It is taken when a "
            "majority of the voting members agree."
        ],
        "facts": _decision_facts(decision),
        "link": reverse("meetings:urgent_respond", args=[decision.pk]),
        "link_text": "Read it and give your answer",
    }


def _urgent_decision_withdrawn(notification, decision):
    if decision.status != "withdrawn":
        return None
    return {
        "subject": f"Withdrawn, no longer for your decision: {decision.public_title}",
        "lines": [
            "The proposal you were asked to decide between meetings has been "
            "withdrawn by the governance officer before it was taken. Nothing "
            "more is needed from you.",
        ],
        "facts": _decision_facts(decision),
        "link": reverse("meetings:urgent_decision", args=[decision.pk]),
        "link_text": "Read why it was withdrawn",
    }


def _public_question(notification, question):
    """To the resident who sent a question or asked to speak: that it came,
    and what was decided. The words they sent are not repeated, so the form
    cannot be used to send a stranger a message."""
    occasion = notification.extra.get("occasion")
    meeting = question.meeting
    what = "request to speak" if question.is_speaking else "question"
    on = f"the meeting of {meeting.body.name} on {_when(meeting.start, 'l j F Y')}"
    said = {
        "received": (
            f"We have your {what}",
            [
                f"Thank you. We have received your {what} for {on}.",
                "A governance officer will read it and tell you whether it is "
                "accepted. Nothing you sent is published until it is, and your "
                "email address never is.",
            ],
        ),
        "accepted": (
            f"Your {what} is accepted",
            [
                f"Your {what} has been accepted and will be taken at {on}.",
                "It is now shown on the meeting's page.",
            ],
        ),
        "refused": (
            f"Your {what} was not accepted",
            [
                f"Your {what} for {on} was not accepted.",
                f"Reason: {question.refusal_reason}",
            ],
        ),
        "merged": (
            f"Your {what} is joined to another",
            [
                f"Your {what} for {on} asks what another does, so the two are "
                "taken together and answered once at the meeting.",
            ],
        ),
    }.get(occasion)
    if said is None:
        return None
    subject, lines = said
    accepted = occasion == "accepted"
    return {
        "subject": f"{subject}: {_on(meeting)}",
        "lines": lines,
        "facts": [("Meeting", str(meeting))],
        "link": question.get_absolute_url() if accepted else meeting.get_absolute_url(),
        "link_text": f"See your {what}" if accepted else "See the meeting",
        "name": question.name,
    }


# The summons and notices of a meeting (Local Government Act 1972, Schedule 12,
# and the Access to Information rules) go to every member: no unsubscribe.
for value, label, render in (
    ("agenda_published", "Agenda published", _agenda_published),
    ("agenda_supplement", "Agenda supplement", _agenda_supplement),
    ("meeting_rescheduled", "Meeting rescheduled", _meeting_rescheduled),
    ("meeting_cancelled", "Meeting cancelled", _meeting_cancelled),
):
    notices.register(value, label, render, statutory=True)

# An action's reminder prints its board, and its organisation if it has one.
for value, label in (
    ("action_due_soon", "Action due soon"),
    ("action_overdue", "Action overdue"),
    ("action_still_overdue", "Action still overdue (each month)"),
):
    notices.register(
        value, label, _action_reminder, related=("body", "owner_organisation")
    )

for value, label, render in (
    ("report_due", "Report due", _report),
    ("report_overdue", "Report overdue", _report),
    ("report_submitted", "Report submitted for review", _report_reviewed),
    ("report_resubmitted", "Report resubmitted after changes", _report_reviewed),
    ("report_returned", "Report returned with comments", _report_reviewed),
    ("report_accepted", "Report accepted onto an agenda", _report_reviewed),
    ("minutes_draft_due", "Draft minutes due", _minutes_due),
    ("minutes_ready", "Draft minutes ready for the chair's check", _minutes_ready),
    ("minutes_returned", "Draft minutes sent back by the chair", _minutes_returned),
    ("minutes_checked", "Draft minutes checked by the chair", _minutes_checked),
    (
        "agenda_sign_off_asked",
        "Agenda ready for the chair's sign-off",
        _agenda_sign_off_asked,
    ),
    ("agenda_signed_off", "Agenda signed off by the chair", _agenda_signed_off),
    ("action_escalated", "Overdue action escalated", _escalated),
    ("interests_review", "Register of interests: annual review", _interests),
    (
        "interest_change_asked",
        "A change to a register of interests to approve",
        _interest_change_asked,
    ),
    (
        "interest_change_decided",
        "Your register of interests: a change approved or not",
        _interest_change_decided,
    ),
    ("priority_review", "Priority review window passed", _priority_review),
    ("declarations", "Declarations of interest before a meeting", _declarations),
    (
        "urgent_decision_proposed",
        "A chair's action proposed for the chair",
        _urgent_decision_proposed,
    ),
    (
        "written_resolution_asked",
        "A written resolution for the members' agreement",
        _written_resolution_asked,
    ),
    (
        "urgent_decision_withdrawn",
        "A decision between meetings withdrawn",
        _urgent_decision_withdrawn,
    ),
):
    notices.register(value, label, render)

# A resident's own question: always told, and they have no settings to change.
notices.register(
    "public_question",
    "Public question: received or decided",
    _public_question,
    statutory=True,
    related=("meeting__body",),
)

notices.planner(deadlines.due)

# Email alerts for anyone (meetings/alerts.py): to an address with no
# account, each with its own one-click unsubscribe.
for value, label, render in (
    (alerts.CONFIRM, "Email alerts: confirm the address", alerts.render_confirm),
    (alerts.AGENDA, "Email alert: agenda published", alerts.render_agenda),
    (alerts.MINUTES, "Email alert: minutes published", alerts.render_minutes),
    (alerts.SEARCH, "Email alert: new search result", alerts.render_search),
):
    notices.register(value, label, render, alert=True)

notices.planner(alerts.due)
