"""Every email the app sends. A notification says what its kind's renderer
says (hwbb/notices.py), through templates/emails/notice-subject.txt,
-body.txt and -body.html, or the kind's own templates where it has them. Each
is sent by `send_notification`, with a Message-ID of its own, so that should
a worker die between sending it and recording it, the copy sent again
carries the same Message-ID and mail systems that collapse duplicates show
it once."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from hwbb import notices, notify


@dataclass
class Delivery:
    to: str
    unsubscribe_url: str = ""
    message_id: str = ""
    manage_url: str = ""


def _send(names, context, delivery):
    """Render the first of `names` that has each template, and send it."""
    context = {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "unsubscribe_url": delivery.unsubscribe_url,
        "manage_url": delivery.manage_url,
        **context,
    }

    def render(part):
        return render_to_string([f"emails/{name}-{part}" for name in names], context)

    subject = " ".join(render("subject.txt").split())
    text = render("body.txt")
    html = render("body.html")
    headers = {}
    if delivery.unsubscribe_url:  # one click, as RFC 8058 asks
        headers["List-Unsubscribe"] = f"<{delivery.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if delivery.message_id:
        headers["Message-ID"] = delivery.message_id
    message = EmailMultiAlternatives(subject, text, to=[delivery.to], headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()


def send_notification(notification):
    """Send a queued notification; False if it is no longer needed."""
    notice = notices.render(notification)
    if notice is None:
        return False
    alert = notification.subscription_id is not None
    delivery = Delivery(
        to=notification.email,
        unsubscribe_url=notify.unsubscribe_url(notification),
        message_id=f"<notification-{notification.pk}@{_domain()}>",
        manage_url=notify.alert_manage_url(notification.email) if alert else "",
    )
    kind = notices.kind(notification.kind)
    context = {"notice": notice, "person": notification.person}
    _send([kind.template, "alert" if alert else "notice"], context, delivery)
    return True


def _domain():
    return settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0]


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
    context = {"person": first.person, "items": items}
    _send(["digest"], context, Delivery(to=first.email))


def alert_digest(notifications, frequency):
    """One email of an address's held alerts: each rendered now, as the
    public may read it now, so what has since been withdrawn is left out.
    False when nothing is left to say. Its one-click unsubscribe ends all the
    address's subscriptions; every alert's own link is in the body."""
    first = notifications[0]
    items = [notice for notice in (notices.render(n) for n in notifications) if notice]
    if not items:
        return False
    context = {"items": items, "frequency": frequency}
    delivery = Delivery(
        to=first.email,
        unsubscribe_url=notify.alert_unsubscribe_all_url(first.email),
        message_id=f"<alert-digest-{first.pk}@{_domain()}>",
        manage_url=notify.alert_manage_url(first.email),
    )
    _send(["alert-digest"], context, delivery)
    return True
