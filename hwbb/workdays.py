"""Working-day arithmetic: weekends and England's bank holidays do not count."""

import calendar
import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day):
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def subtract_working_days(day, count):
    """The date `count` working days before `day` (which itself does not count)."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def last_day_with_clear_working_days(day, count):
    """The last day on which something may be done with `count` clear working
    days before `day`: neither that day nor `day` counts, nor do weekends or
    England's bank holidays."""
    return subtract_working_days(day, count) - datetime.timedelta(days=1)


def add_working_days(day, count):
    """The date `count` working days after `day` (which itself does not count)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def add_months(day, months):
    """The same day `months` later, or the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def clear_working_days_between(start, end):
    """Working days strictly between two dates: neither end counts ("clear days")."""
    day, count = start + datetime.timedelta(days=1), 0
    while day < end:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count
