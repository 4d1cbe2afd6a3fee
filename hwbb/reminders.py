"""Two reminders for anything with a due date: "due soon", a set number of
working days before it, and "overdue", on the morning after it.

A model mixes in `DueReminders`, says when it is `reminder_active()` and
which setting holds its working days; `claim_due()` claims each due row with
a conditional UPDATE, so two beat runs or two workers never send one twice.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone

from hwbb import workdays


class Reminder(models.TextChoices):
    NONE = "", "None yet"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


def at_reminder_hour(day):
    hour = datetime.time(settings.REMINDER_HOUR)
    return timezone.make_aware(datetime.datetime.combine(day, hour))


class DueReminders:
    """For a model with `due_date`, `next_reminder_at` and `last_reminder`."""

    Reminder = Reminder
    reminder_working_days_setting = "ACTION_REMINDER_WORKING_DAYS"

    def reminder_active(self):
        raise NotImplementedError

    def next_reminder(self):
        """When the next reminder falls due, and which; (None, "") if never.
        `last_reminder` records the one already claimed, so each goes once."""
        if self.due_date is None or not self.reminder_active():
            return None, Reminder.NONE
        if self.last_reminder == Reminder.NONE:
            days = getattr(settings, self.reminder_working_days_setting)
            day = workdays.subtract_working_days(self.due_date, days)
            return at_reminder_hour(day), Reminder.DUE_SOON
        if self.last_reminder == Reminder.DUE_SOON:
            day = self.due_date + datetime.timedelta(days=1)
            return at_reminder_hour(day), Reminder.OVERDUE
        return None, Reminder.NONE

    def schedule_reminder(self):
        self.next_reminder_at = self.next_reminder()[0]

    def reminder_kind_at(self, now):
        """Which reminder a send at `now` is: overdue once the due date has passed."""
        if self.due_date and timezone.localdate(now) > self.due_date:
            return Reminder.OVERDUE
        return Reminder.DUE_SOON


def claim_due(rows, now, count_field=None):
    """Claim each row whose reminder is due; return [(pk, kind)] claimed.

    The UPDATE matches only while `next_reminder_at` is still the value read,
    so when two runs race exactly one wins each row.
    """
    claimed = []
    for row in rows:
        kind = row.reminder_kind_at(now)
        seen_at = row.next_reminder_at
        row.last_reminder = kind
        row.schedule_reminder()
        changes = {"next_reminder_at": row.next_reminder_at, "last_reminder": kind}
        if count_field:
            changes[count_field] = F(count_field) + 1
        won = (
            type(row)
            .objects.filter(pk=row.pk, next_reminder_at=seen_at)
            .update(**changes)
        )
        if won:
            claimed.append((row.pk, kind))
    return claimed
