"""The meetings' records in the retention schedule (hwbb/retention.py),
registered from MeetingsConfig.ready().

Agendas, reports, minutes, decisions and declarations are the record of the
proceedings: councils keep them permanently, so no rule may remove or delete
them (the admin refuses one). The register of interests is published while a
person is a member, and may be taken down when they leave (Localism Act
2011, s29(3) and (5)); the schedule says when it is removed from public view,
and whether it is deleted later."""

from hwbb import retention
from meetings.models import Interest, Subscription

PROCEEDINGS = "the date of the meeting or decision"

retention.register("agendas", "Agendas", trigger=PROCEEDINGS)
retention.register("reports", "Reports and their papers", trigger=PROCEEDINGS)
retention.register("minutes", "Minutes", trigger=PROCEEDINGS)
retention.register("decisions", "Resolutions and decisions", trigger=PROCEEDINGS)
retention.register(
    "urgent_decisions", "Decisions taken between meetings", trigger=PROCEEDINGS
)
retention.register(
    "declarations", "Declarations of interest at meetings", trigger=PROCEEDINGS
)


def _interests_due(action, cutoff):
    due = Interest.objects.term_ended(cutoff)
    if action == retention.WITHDRAW:
        return due.filter(withdrawn_from_public_on__isnull=True)
    return due


def _interests_withdraw(rows, day):
    return rows.update(withdrawn_from_public_on=day)


retention.register(
    "interests",
    "Register of members' interests",
    trigger="the end of the member's term",
    actions=[retention.KEEP, retention.WITHDRAW, retention.DELETE],
    due=_interests_due,
    withdraw=_interests_withdraw,
)


def _alert_requests_due(action, cutoff):
    return Subscription.objects.filter(confirmed_at=None, created_at__date__lte=cutoff)


# An address that asked for email alerts and never confirmed is kept only as
# long as its confirmation link works (meetings/models/alerts.py); one that
# unsubscribes is deleted there and then (meetings/services/alerts.py).
retention.register(
    "alert_requests",
    "Email alert requests never confirmed",
    trigger="the request",
    actions=[retention.KEEP, retention.DELETE],
    due=_alert_requests_due,
)
