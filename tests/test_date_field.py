"""The GOV.UK date field (day, month, year) answers every impossible date in
words, never with a server error."""

import datetime

import pytest
from django import forms
from django.urls import reverse

from hwbb.fields import DateField
from meetings.models import Meeting


class _Form(forms.Form):
    day = DateField(label="Date", required=False)


def _errors(day, month, year):
    form = _Form({"day_0": day, "day_1": month, "day_2": year})
    assert not form.is_valid()
    return form.errors["day"]


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("1", "1", "0", "Enter a year from 1900 to 2100"),
        ("1", "1", "99999", "Enter a year from 1900 to 2100"),
        ("1", "1", "1899", "Enter a year from 1900 to 2100"),
        ("1", "1", "9" * 30, "Enter a year from 1900 to 2100"),
        ("1", "1", "1" * 5000, "Enter a year from 1900 to 2100"),
        ("31", "2", "2026", "Enter a real date, for example 27 3 2026"),
        ("1", "13", "2026", "Enter a real date, for example 27 3 2026"),
        ("9" * 30, "1", "2026", "Enter a real date, for example 27 3 2026"),
        ("0", "0", "2026", "Enter a real date, for example 27 3 2026"),
        ("", "3", "2026", "Enter the day, month and year"),
        ("27", "3", "", "Enter the day, month and year"),
    ],
)
def test_an_impossible_date_is_refused_in_words(day, month, year, message):
    assert message in _errors(day, month, year)


def test_a_real_date_and_an_empty_one_are_read():
    assert _Form({"day_0": "27", "day_1": "3", "day_2": "2026"}).is_valid()
    form = _Form({"day_0": "", "day_1": "", "day_2": ""})
    assert form.is_valid() and form.cleaned_data["day"] is None
    form = _Form({"day_0": "1", "day_1": "1", "day_2": "2100"})
    assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2100, 1, 1)


@pytest.mark.parametrize("year", ["0", "99999", "9" * 30])
def test_a_page_with_a_date_says_what_is_wrong_and_keeps_the_input(
    client, officer, hwb, year
):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:create"),
        {
            "body": hwb.pk,
            "date_0": "1",
            "date_1": "6",
            "date_2": year,
            "start_time": "14:00",
            "venue": "Diamond Room 1",
        },
    )
    assert response.status_code == 200
    assert "Enter a year from 1900 to 2100" in response.text
    assert f'value="{year}"' in response.text
    assert not Meeting.objects.exists()
