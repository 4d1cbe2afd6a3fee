"""Two reminders for anything with a due date: "due soon", a set number of
working days before it, and "overdue", on the morning after it, each from
REMINDER_HOUR. A planner asks `due_reminder()` which is due now; the notice's
key names the reminder and the due date, so each goes once.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from hwbb import workdays

DUE_SOON = "due_soon"
OVERDUE = "overdue"


def at_reminder_hour(day):
    hour = datetime.time(settings.REMINDER_HOUR)
    return timezone.make_aware(datetime.datetime.combine(day, hour))


def due_reminder(due_date, working_days, now):
    """The reminder due at `now` for this due date: "overdue" from the hour
    on the day after it; "due_soon" from the hour `working_days` working days
    before it, until the due date has passed; "" when neither is due yet.

    A row first seen after its due-soon day (created late, or the beat was
    down) is reminded at once with the one that applies, never both."""
    if due_date is None:
        return ""
    if now >= at_reminder_hour(due_date + datetime.timedelta(days=1)):
        return OVERDUE
    soon = at_reminder_hour(workdays.subtract_working_days(due_date, working_days))
    if timezone.localdate(now) <= due_date and now >= soon:
        return DUE_SOON
    return ""


def latest_due_date(now, working_days):
    """The latest due date whose "due soon" day is today or earlier: rows due
    after it have no reminder due, and need not be read."""
    return workdays.add_working_days(timezone.localdate(now), working_days)
