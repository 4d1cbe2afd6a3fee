"""Every email the app sends: one small function each, templates in
templates/emails/<name>-subject.txt, -body.txt and -body.html."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def _send(name, context, to):
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        **context,
    }
    subject = render_to_string(f"emails/{name}-subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject, text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def action_reminder(action, kind):
    _send(
        "action-reminder",
        {"action": action, "kind": kind, "overdue": kind == "overdue"},
        to=[action.owner_email],
    )


def meeting_notice(meeting, person, kind, supplement=None):
    _send(
        f"meeting-{kind.replace('_', '-')}",
        {"meeting": meeting, "person": person, "supplement": supplement},
        to=[person.email],
    )


def progress_notice(report, kind):
    """To a priority's lead: a return requested, due soon, overdue, or returned."""
    _send(
        "progress-notice",
        {"report": report, "person": report.requested_of, "kind": kind},
        to=[report.requested_of.email],
    )
