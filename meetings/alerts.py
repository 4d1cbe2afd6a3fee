"""Email alerts for anyone (meetings/models/alerts.py): which alerts are due,
and what each says, read as the public reads it.

An alert's occasion is a published agenda or published minutes (with their
decisions) of a meeting the public may see, or a new public result of a saved
search. For a meeting, the subscriptions it concerns are those to its board,
and those to a pillar or priority its public items (or decisions) are tagged
to. Each address hears of an occasion once: the alert's key names the
occasion and the address (not the subscription), so one who follows both the
board and a pillar gets one email, and a planner that runs twice, or a
publish that is submitted twice, queues nothing more (hwbb/notify.py).

Everything an alert says is read again when it is sent, through each model's
`visible_to()` for an anonymous reader: an agenda withdrawn, a board made
private or an item made exempt since it was queued is left out. Exempt (Part
2) items are never named: the alert counts them."""

import datetime
import hashlib

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat, timezone

from hwbb import notify
from meetings import search
from meetings.models import AgendaItem, Meeting, Resolution, Subscription
from meetings.models.alerts import CONFIRM_WITHIN

# Occasions are looked for this far back; a subscription hears only of those
# after it was confirmed.
RECENT = datetime.timedelta(days=7)
CONFIRM_SALT = "hwbb.alerts.confirm"
# A saved search's newest results checked at each run; what it already found
# when it was confirmed (up to SEEN_LIMIT) is never alerted.
SEARCH_PAGE = 50
SEEN_LIMIT = 1000
AGENDA, MINUTES, SEARCH, CONFIRM = (
    "alert_agenda",
    "alert_minutes",
    "alert_search",
    "alert_confirm",
)


def public():
    return AnonymousUser()


# Confirmation (double opt-in)


def confirm_token(subscription):
    data = {"s": subscription.pk, "e": subscription.email}
    return signing.dumps(data, salt=CONFIRM_SALT)


def read_confirm_token(token):
    """The subscription's pk; None for a forged or expired token."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN.total_seconds()
        )
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return data


def confirmation(subscription, occasion):
    """The confirmation email as `notify.queue` takes it: sent once per
    subscription per `occasion` (a day), so a double submit, or a stranger
    submitting someone's address again and again, sends one a day at most."""
    confirm = notify.alert(CONFIRM, subscription, subscription, occasion, "Confirm")
    return confirm | {"mode": "immediate"}  # not held for a digest


# What is due


def _address(email):
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def _alert(kind, subscription, target, occasion, about):
    alert = notify.alert(kind, subscription, target, occasion, about)
    model = target._meta.model_name
    alert["key"] = (
        f"{kind}:{model}-{target.pk}:{occasion}:to-{_address(subscription.email)}"
    )
    return alert


def _stamp(moment):
    return f"{moment:%Y%m%d%H%M%S%f}"


def _tags(meeting, with_decisions):
    """The pillars and priorities the meeting's public business is tagged to:
    its items the public may read in full, and with the minutes its
    decisions the public may read."""
    pillars, priorities = set(), set()
    rows = [AgendaItem.objects.visible_to(public()).filter(meeting=meeting)]
    if with_decisions:
        rows.append(
            Resolution.objects.visible_to(public()).filter(minute__meeting=meeting)
        )
    for qs in rows:
        qs = qs.tags_shown()
        model = qs.model
        column = f"{model._meta.model_name}_id"
        pillars.update(p for p in qs.values_list("primary_pillar", flat=True) if p)
        pks = qs.values("pk")
        pillars.update(
            model.secondary_pillars.through.objects.filter(
                **{f"{column}__in": pks}
            ).values_list("pillar_id", flat=True)
        )
        priorities.update(
            model.priorities.through.objects.filter(
                **{f"{column}__in": pks}
            ).values_list("priority_id", flat=True)
        )
    return pillars, priorities


def for_meeting(meeting, kind):
    """The alerts of a meeting's published agenda (AGENDA) or minutes
    (MINUTES): one to each address with a confirmed subscription it
    concerns, confirmed before the occasion."""
    published = (
        meeting.agenda_published_at if kind == AGENDA else meeting.minutes_published_at
    )
    if published is None:
        return
    pillars, priorities = _tags(meeting, with_decisions=kind == MINUTES)
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(confirmed_at__lte=published)
        .filter(
            Q(body=meeting.body_id) | Q(pillar__in=pillars) | Q(priority__in=priorities)
        )
        .order_by("email", "body", "pk")  # a board's own subscription first
    )
    told = set()
    occasion = f"{'agenda' if kind == AGENDA else 'minutes'}-{_stamp(published)}"
    for subscription in subscriptions:
        if subscription.email not in told:
            told.add(subscription.email)
            yield _alert(kind, subscription, meeting, occasion, str(meeting))


def published_meetings(since):
    """Meetings the public may see whose agenda or minutes were published
    since then."""
    meetings = Meeting.objects.visible_to(public()).select_related("body")
    agendas = meetings.filter(
        agenda_status=Meeting.AgendaStatus.PUBLISHED, agenda_published_at__gte=since
    )
    minutes = meetings.filter(
        minutes_status__in=Meeting.PUBLIC_MINUTES, minutes_published_at__gte=since
    )
    return [(m, AGENDA) for m in agendas] + [(m, MINUTES) for m in minutes]


def for_searches():
    """A new public result of a saved search, once for each address: the
    newest SEARCH_PAGE results of each query, run once for all who saved it,
    less those it had found when it was confirmed."""
    saved = Subscription.objects.confirmed().exclude(query="").order_by("query")
    by_query = {}
    for subscription in saved:
        by_query.setdefault(subscription.query, []).append(subscription)
    for query, subscriptions in by_query.items():
        hits = search.search(public(), query, per_page=SEARCH_PAGE).hits
        objects = _hit_objects(hits)
        for subscription in subscriptions:
            seen = set(subscription.seen)
            for hit in hits:
                key = f"{hit.kind}-{hit.pk}"
                target = objects.get(key)
                if key not in seen and target is not None:
                    alert = _alert(SEARCH, subscription, target, "found", hit.title)
                    alert["extra"] = {"hit": hit.kind}
                    yield alert


def _hit_objects(hits):
    """The hits' rows, as the public reads them, by kind-pk."""
    found = {}
    wanted = {}
    for hit in hits:
        wanted.setdefault(hit.kind, []).append(hit.pk)
    for kind, pks in wanted.items():
        for row in search.readable(kind, public()).filter(pk__in=pks):
            found[f"{kind}-{row.pk}"] = row
    return found


def seen_now(query):
    """The keys of what a saved search finds now: it is not alerted."""
    result = search.search(public(), query, per_page=SEEN_LIMIT)
    return [f"{hit.kind}-{hit.pk}" for hit in result.hits]


def due(now):
    """The notice engine's planner (hwbb/notices.py): every alert due now."""
    for meeting, kind in published_meetings(now - RECENT):
        yield from for_meeting(meeting, kind)
    yield from for_searches()


# What each says, read at send time


def _when(value, format):
    return dateformat.format(timezone.localtime(value), format)


def _subscribed(notification):
    subscription = notification.subscription
    if subscription is None or not subscription.is_confirmed:
        return None  # unsubscribed since it was queued
    return subscription


def _why(subscription):
    return f"You asked for email alerts about: {subscription.label}."


def render_agenda(notification, meeting):
    subscription = _subscribed(notification)
    meeting = (
        Meeting.objects.visible_to(public())
        .filter(pk=meeting.pk, agenda_status=Meeting.AgendaStatus.PUBLISHED)
        .select_related("body")
        .first()
    )
    if subscription is None or meeting is None:
        return None
    items = list(
        AgendaItem.objects.visible_to(public())
        .filter(meeting=meeting)
        .in_agenda_order()
    )
    shown = [item for item in items if item.is_readable]
    closed = len(items) - len(shown)
    lines = [
        f"The agenda for the meeting of {meeting.body.name} at "
        f"{_when(meeting.start, 'g.i a')} on {_when(meeting.start, 'l j F Y')}"
        + (f", {meeting.venue}" if meeting.venue else "")
        + ", has been published.",
        _why(subscription),
    ]
    if closed:
        lines.append(
            f"{closed} further item{'s' if closed > 1 else ''} will be taken in "
            "private, as the law allows for exempt information."
        )
    return {
        "subject": f"Agenda published: {meeting.body.name}, "
        f"{_when(meeting.start, 'j F Y')}",
        "lines": lines,
        "facts": [(f"Item {item.reference}", item.title) for item in shown],
        "facts_heading": "On the agenda",
        "link": meeting.get_absolute_url(),
        "link_text": "Read the agenda and papers",
    }


def render_minutes(notification, meeting):
    subscription = _subscribed(notification)
    meeting = (
        Meeting.objects.visible_to(public())
        .filter(pk=meeting.pk, minutes_status__in=Meeting.PUBLIC_MINUTES)
        .select_related("body")
        .first()
    )
    if subscription is None or meeting is None:
        return None
    decisions = list(
        Resolution.objects.visible_to(public())
        .filter(minute__meeting=meeting)
        .select_related("minute")
        .order_by("minute__number", "minute__pk")
    )
    draft = meeting.minutes_status == Meeting.MinutesStatus.PUBLISHED_DRAFT
    return {
        "subject": f"Minutes published: {meeting.body.name}, "
        f"{_when(meeting.start, 'j F Y')}",
        "lines": [
            f"The minutes of the meeting of {meeting.body.name} on "
            f"{_when(meeting.start, 'l j F Y')} have been published"
            + (", subject to approval at the next meeting." if draft else "."),
            _why(subscription),
        ],
        "facts": [(f"Minute {d.minute.reference}", d.minute.title) for d in decisions],
        "facts_heading": "Decisions" if decisions else "",
        "link": reverse("meetings:minutes", args=[meeting.pk]),
        "link_text": "Read the minutes and decisions",
    }


def render_search(notification, target):
    subscription = _subscribed(notification)
    kind = notification.extra.get("hit")
    if subscription is None or kind not in search.KINDS:
        return None
    row = (
        search.readable(kind, public())
        .filter(pk=target.pk)
        .select_related(*search.KINDS[kind].related)
        .first()
    )
    if row is None:
        return None
    link = (
        reverse("meetings:document", args=[row.pk])
        if kind == "document"
        else row.get_absolute_url()
    )
    title = search._title(kind, row)
    return {
        "subject": f"New search result for \u201c{subscription.query}\u201d: {title}",
        "lines": [
            f"A search you saved has a new result: {search.KINDS[kind].label}, "
            f"{title}.",
            _why(subscription),
        ],
        "facts": [],
        "link": link,
        "link_text": "Read it",
    }


def render_confirm(notification, subscription):
    if subscription.is_confirmed:
        return None
    expires = _when(subscription.confirm_expires_at(), "j F Y")
    return {
        "subject": "Confirm your email alerts",
        "lines": [
            "Someone, we hope you, asked for email alerts from this site to be "
            f"sent to this address: {subscription.label}.",
            "Nothing will be sent until you confirm. If it was not you, ignore "
            f"this email: the request lapses on {expires}.",
        ],
        "facts": [],
        "link": reverse("alerts:confirm", args=[confirm_token(subscription)]),
        "link_text": "Confirm the alerts",
    }
