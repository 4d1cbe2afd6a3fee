"""Form fields shared by the apps."""

import datetime

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError

# The years a date may be typed in: every date the board's work needs, and
# none that a reminder, a deadline or a calendar cannot count from.
YEARS = range(1900, 2101)
REAL_DATE = "Enter a real date, for example 27 3 2026"
WHOLE_DATE = "Enter the day, month and year"


class DateField(DateInputField):
    """GOV.UK date input (day, month, year) with a plain message for impossible
    dates such as 31 February, a year of 0 or 99999, or a date half typed."""

    def compress(self, data_list):
        parts = [str(part or "").strip() for part in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(WHOLE_DATE, code="incomplete")
        day, month, year = parts
        if not (year.isdecimal() and len(year) <= 4 and int(year) in YEARS):
            raise ValidationError(
                f"Enter a year from {YEARS[0]} to {YEARS[-1]}", code="invalid"
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as exc:  # 31 2, or a 30-digit day
            raise ValidationError(REAL_DATE, code="invalid") from exc


def iso_date(label, *, example):
    """A list filter's optional date, typed as YYYY-MM-DD."""
    return forms.DateField(
        label=f"{label} (YYYY-MM-DD)",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": f"Enter the date like {example}"},
    )
