"""The strategy app's notices: what the progress-return notices say (their
renderer, see hwbb/notices.py), registered with the notice engine with the
planner that finds the returns' reminders due."""

from django.urls import reverse

from hwbb import notices
from strategy import progress

SUBJECTS = {
    "requested": "Progress report requested",
    "due_soon": "Progress report due soon",
    "overdue": "Progress report overdue",
    "returned": "Progress report returned for changes",
}
ASKS = (
    "The return asks for a RAG status (with the reason when amber or red), "
    "progress and impact, key deliverables, next steps, and risks and exceptions."
)


def _first_line(which, report):
    due = f"{report.due_date:%A %-d %B %Y}" if report.due_date else ""
    if which == "requested":
        body = report.body.name if report.body else "Health and Wellbeing Board"
        return (
            f"The {body} asks for a progress report on this strategy priority by {due}."
        )
    if which == "due_soon":
        return f"Your progress report on this strategy priority is due on {due}."
    if which == "overdue":
        return (
            f"Your progress report on this strategy priority was due on {due} "
            "and has not been received."
        )
    return (
        "The governance officer has returned your progress report with "
        f"comments: {report.review_comments}"
    )


def _progress(notification, report):
    which = notification.kind.removeprefix("progress_")
    if which in ("due_soon", "overdue") and not report.is_awaited:
        return None
    due = f"{report.due_date:%-d %B %Y}" if report.due_date else ""
    return {
        "subject": f"{SUBJECTS[which]}: {report.priority.title}",
        "lines": [_first_line(which, report), ASKS],
        "facts": [
            ("Priority", report.priority.title),
            ("Strategy", report.priority.version.label),
            ("Due", due),
        ],
        "link": reverse("strategy:progress_submit", args=[report.pk]),
        "link_text": "Write the progress report",
    }


for which, label in (
    ("requested", "Progress report requested"),
    ("due_soon", "Progress report due soon"),
    ("overdue", "Progress report overdue"),
    ("returned", "Progress report returned"),
):
    notices.register(f"progress_{which}", label, _progress)

notices.planner(progress.due_reminders)
