"""Every email the app sends: templates in templates/emails/<name>-subject.txt,
-body.txt and -body.html. Each notification is sent by `send_notification`,
with a Message-ID of its own, so that should a worker die between sending it
and recording it, the copy sent again carries the same Message-ID and mail
systems that collapse duplicates show it once."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass
class Delivery:
    to: str
    unsubscribe_url: str = ""
    message_id: str = ""


def _send(name, context, delivery):
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "unsubscribe_url": delivery.unsubscribe_url,
        **context,
    }
    subject = render_to_string(f"emails/{name}-subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    headers = {}
    if delivery.unsubscribe_url:  # one click, as RFC 8058 asks
        headers["List-Unsubscribe"] = f"<{delivery.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if delivery.message_id:
        headers["Message-ID"] = delivery.message_id
    message = EmailMultiAlternatives(subject, text, to=[delivery.to], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


def _context(notification):
    """What a notification's email says: (template, context), or None when
    the work it is about is done (an action closed, a return submitted)."""
    from hwbb import notices
    from meetings.models import AgendaSupplement

    kind, target = notification.kind, notification.target
    if target is None:
        return None
    if kind in notices.RENDERERS:
        notice = notices.notice_for(notification)
        if notice is None:
            return None
        return "notice", {"notice": notice, "person": notification.person}
    if kind.startswith("action_"):
        if target.is_closed:
            return None
        reminder = kind.removeprefix("action_")
        return "action-reminder", {
            "action": target,
            "kind": reminder,
            "overdue": reminder == "overdue",
        }
    if kind.startswith("progress_"):
        if kind in ("progress_due_soon", "progress_overdue") and not target.is_awaited:
            return None
        return "progress-notice", {
            "report": target,
            "person": target.requested_of,
            "kind": kind.removeprefix("progress_"),
        }
    supplement_pk = notification.extra.get("supplement")
    return f"meeting-{kind.replace('_', '-')}", {
        "meeting": target,
        "person": notification.person,
        "supplement": AgendaSupplement.objects.filter(pk=supplement_pk).first(),
    }


def send_notification(notification):
    """Send a queued notification; False if it is no longer needed."""
    from hwbb import notify

    found = _context(notification)
    if found is None:
        return False
    name, context = found
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0]
    delivery = Delivery(
        to=notification.email,
        unsubscribe_url=notify.unsubscribe_url(notification),
        message_id=f"<notification-{notification.pk}@{domain}>",
    )
    _send(name, context, delivery)
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
    _send("digest", {"person": first.person, "items": items}, Delivery(to=first.email))
