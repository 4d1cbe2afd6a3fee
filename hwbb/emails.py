"""Every email the app sends: one small function each, templates in
templates/emails/<name>-subject.txt, -body.txt and -body.html."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def _send(name, context, to, unsubscribe_url=""):
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    subject = render_to_string(f"emails/{name}-subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    headers = {}
    if unsubscribe_url:  # one click, as RFC 8058 asks
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, to=to, headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


def action_reminder(action, kind, to, unsubscribe_url=""):
    _send(
        "action-reminder",
        {"action": action, "kind": kind, "overdue": kind == "overdue"},
        to=[to],
        unsubscribe_url=unsubscribe_url,
    )


def meeting_notice(meeting, person, kind, supplement=None):
    _send(
        f"meeting-{kind.replace('_', '-')}",
        {"meeting": meeting, "person": person, "supplement": supplement},
        to=[person.email],
    )


def progress_notice(report, kind, to, unsubscribe_url=""):
    """To a priority's lead: a return requested, due soon, overdue, or returned."""
    _send(
        "progress-notice",
        {"report": report, "person": report.requested_of, "kind": kind},
        to=[to],
        unsubscribe_url=unsubscribe_url,
    )


def send_notification(notification):
    """Send a queued notification; False if the work it is about is done (an
    action closed, a return submitted), so nothing is sent."""
    from hwbb import notices, notify
    from meetings.models import AgendaSupplement

    kind, target = notification.kind, notification.target
    if target is None:
        return False
    unsubscribe = notify.unsubscribe_url(notification)
    if kind in notices.RENDERERS:
        notice = notices.notice_for(notification)
        if notice is None:
            return False
        _send(
            "notice",
            {"notice": notice, "person": notification.person},
            to=[notification.email],
            unsubscribe_url=unsubscribe,
        )
    elif kind.startswith("action_"):
        if target.is_closed:
            return False
        action_reminder(
            target, kind.removeprefix("action_"), notification.email, unsubscribe
        )
    elif kind.startswith("progress_"):
        reminder = kind in ("progress_due_soon", "progress_overdue")
        if reminder and not target.is_awaited:
            return False
        progress_notice(
            target, kind.removeprefix("progress_"), notification.email, unsubscribe
        )
    else:
        supplement_pk = notification.extra.get("supplement")
        supplement = AgendaSupplement.objects.filter(pk=supplement_pk).first()
        meeting_notice(target, notification.person, kind, supplement)
    return True


def digest(notifications):
    """One email listing a week's held notifications, each with its link."""
    first = notifications[0]
    items = [
        {
            "kind": n.get_kind_display(),
            "about": n.about,
            "link": getattr(n.target, "get_absolute_url", lambda: "")(),
            "when": n.created_at,
        }
        for n in notifications
    ]
    _send(
        "digest",
        {"person": first.person, "items": items},
        to=[first.email],
    )
