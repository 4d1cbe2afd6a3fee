"""Applying the retention schedule: each rule in turn, idempotently, each
run recorded as a RetentionRun (the daily beat task hwbb.tasks.apply_retention
and `manage.py apply_retention`). And the ground floor's own records: the
log of emails sent and the records of sign-ins (django-axes)."""

import datetime
import time
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessLog
from django.db import transaction
from django.utils import timezone

from hwbb import retention
from hwbb.models import Notification, RetentionRule, RetentionRun

ROW_IDS_KEPT = 1000


@dataclass
class Outcome:
    """What applying one rule did, or would do on a dry run."""

    rule: RetentionRule
    cutoff: datetime.date | None
    row_ids: list = field(default_factory=list)
    summary: str = ""

    @property
    def affected(self):
        return len(self.row_ids)


def retention_apply(*, today=None, dry_run=False):
    """Apply every rule of the schedule; the outcomes, in the schedule's
    order. Each rule runs in its own transaction and records its own run,
    so a failure in one leaves the others' work and records standing. A dry
    run changes nothing and records nothing."""
    today = today or timezone.localdate()
    return [
        rule_apply(rule=rule, today=today, dry_run=dry_run)
        for rule in RetentionRule.objects.all()
    ]


@transaction.atomic
def rule_apply(*, rule, today, dry_run=False):
    started, clock = timezone.now(), time.monotonic()
    outcome = _apply(rule, today, dry_run)
    if not dry_run:
        RetentionRun.objects.create(
            rule=rule,
            started_at=started,
            duration_ms=round((time.monotonic() - clock) * 1000),
            cutoff=outcome.cutoff,
            affected=outcome.affected,
            row_ids=outcome.row_ids[:ROW_IDS_KEPT],
            summary=outcome.summary[:300],
        )
    return outcome


def _apply(rule, today, dry_run):
    kind = retention.record_type(rule.record_type)
    cutoff = rule.cutoff(today)
    if kind is None:
        return Outcome(rule, cutoff, summary="Not applied: no such kind of record.")
    if rule.is_permanent or rule.action not in kind.actions:
        return Outcome(rule, cutoff, summary="Kept: nothing to do.")
    due = kind.due(rule.action, cutoff).order_by("pk")
    # Locked, so a second worker running the schedule at once waits and
    # then finds these rows done.
    row_ids = list(due.select_for_update().values_list("pk", flat=True))
    verb = "Would" if dry_run else ""
    if not dry_run and row_ids:
        rows = due.model._base_manager.filter(pk__in=row_ids)
        if rule.action == retention.DELETE:
            rows.delete()
        else:
            kind.withdraw(rows, today)
    done = {retention.DELETE: "delete", retention.WITHDRAW: "remove from public view"}
    what = done[rule.action] if dry_run else _past(rule.action)
    summary = f"{verb} {what} {len(row_ids)} {_rows(len(row_ids))}".strip()
    return Outcome(rule, cutoff, row_ids, summary[0].upper() + summary[1:] + ".")


def _past(action):
    return "deleted" if action == retention.DELETE else "removed from public view"


def _rows(n):
    return "record" if n == 1 else "records"


def _start_of(day):
    """The first moment of the day after `day`, in the site's time zone: a
    row made before it was made on or before `day`."""
    next_day = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))


# Notices still on their way (pending, being sent, held for a digest) are
# never due: their row is what sends them.
FINISHED = [
    Notification.Status.SENT,
    Notification.Status.FAILED,
    Notification.Status.IN_DIGEST,
    Notification.Status.SUPPRESSED,
    Notification.Status.NOT_NEEDED,
]


def _notifications_due(action, cutoff):
    return Notification.objects.filter(
        status__in=FINISHED, created_at__lt=_start_of(cutoff)
    )


def _axes_due(model, stamp):
    def due(action, cutoff):
        return model.objects.filter(**{f"{stamp}__lt": _start_of(cutoff)})

    return due


retention.register(
    "notifications",
    "Log of emails sent",
    trigger="the email was queued",
    actions=[retention.KEEP, retention.DELETE],
    due=_notifications_due,
)
retention.register(
    "sign_in_attempts",
    "Sign-in failure counters (lock-outs)",
    trigger="the last failed sign-in counted",
    actions=[retention.KEEP, retention.DELETE],
    due=_axes_due(AccessAttempt, "attempt_time"),
)
retention.register(
    "sign_ins",
    "Sign-in and sign-out log",
    trigger="the sign-in",
    actions=[retention.KEEP, retention.DELETE],
    due=_axes_due(AccessLog, "attempt_time"),
)
