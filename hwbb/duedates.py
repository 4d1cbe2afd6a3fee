"""Reading the due dates officers write: "Q3 2019/20", "end of March 2020",
"by 30 September 2019", "June/July 2019", "autumn 2019". The words are kept
beside the date; the date is the last day the words allow."""

import calendar
import datetime
import re

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
SEASONS = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}


def _month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _financial_quarter(quarter, start_year):
    """UK financial years start in April: Q1 ends 30 June, Q4 ends 31 March."""
    month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
    return _month_end(start_year + (1 if quarter == 4 else 0), month)


def parse(text):
    """The date the words mean, or None if they name none."""
    words = " ".join(text.lower().replace(",", " ").split())
    if match := re.search(r"\bq([1-4])\s*(\d{4})(?:/(\d{2,4}))?", words):
        return _financial_quarter(int(match[1]), int(match[2]))
    if match := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})", words):
        month = MONTHS.get(match[2])
        if month:
            try:
                return datetime.date(int(match[3]), month, int(match[1]))
            except ValueError:
                return None
    if match := re.search(r"\b([a-z]+)(?:\s*/\s*([a-z]+))?\s+(\d{4})\b", words):
        year = int(match[3])
        last = match[2] or match[1]
        if last in MONTHS:
            return _month_end(year, MONTHS[last])
        if last in SEASONS:
            month = SEASONS[last]
            return _month_end(year + (1 if last == "winter" else 0), month)
    return None
