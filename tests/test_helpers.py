"""Small helpers: working days, sanitising, minute references, model paths."""

import datetime

from hwbb import workdays
from hwbb.html import sanitise
from meetings.models import Minute, municipal_year_of


def test_clear_working_days_leave_out_weekends_bank_holidays_and_both_ends():
    # Agenda published Friday 28 June 2019 for Monday 8 July 2019: five clear days.
    assert (
        workdays.clear_working_days_between(
            datetime.date(2019, 6, 28), datetime.date(2019, 7, 8)
        )
        == 5
    )
    # Over Christmas 2026: 25 and 28 December are bank holidays (Boxing Day moved).
    assert (
        workdays.clear_working_days_between(
            datetime.date(2026, 12, 23), datetime.date(2026, 12, 30)
        )
        == 2
    )


def test_subtract_working_days_skips_easter():
    # Five working days before Tuesday 7 April 2026, skipping Easter Monday and
    # Good Friday: 2 April, 1 April, 31 March, 30 March, then Friday 27 March.
    assert workdays.subtract_working_days(datetime.date(2026, 4, 7), 5) == (
        datetime.date(2026, 3, 27)
    )


def test_sanitise_keeps_structure_and_drops_scripts():
    html = (
        '<p onclick="x()">Noted <script>alert(1)</script><a href="/m/31">31/18</a></p>'
    )
    assert sanitise(html) == '<p>Noted <a href="/m/31" rel="noopener">31/18</a></p>'


def test_minute_reference_uses_the_municipal_year():
    assert municipal_year_of(datetime.date(2019, 4, 8)) == 2018
    assert municipal_year_of(datetime.date(2019, 7, 8)) == 2019
    assert Minute(number=44, municipal_year=2018).reference == "44/18"


def test_add_months_keeps_the_day_or_the_months_last():
    import datetime

    from hwbb.workdays import add_months

    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 12, 1), 6) == datetime.date(2027, 6, 1)
    assert add_months(datetime.date(2028, 8, 31), 6) == datetime.date(2029, 2, 28)


def test_every_model_is_importable_by_its_module():
    """Django's shell imports each model by its module and name; a historical
    model named after a module it is not in would be left out with a warning."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    for model in apps.get_models():
        assert import_string(f"{model.__module__}.{model.__name__}") is model
