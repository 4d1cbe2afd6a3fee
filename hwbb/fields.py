"""Form fields shared by the apps."""

import datetime

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError


class DateField(DateInputField):
    """GOV.UK date input (day, month, year) with a plain message for impossible
    dates such as 31 February."""

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(
                "Enter a real date, for example 27 3 2026", code="invalid"
            ) from exc


def iso_date(label, *, example):
    """A list filter's optional date, typed as YYYY-MM-DD."""
    return forms.DateField(
        label=f"{label} (YYYY-MM-DD)",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": f"Enter the date like {example}"},
    )
