"""Local indicators entered by an officer: impossible values are refused with a
clear message and nothing typed is lost."""

import pytest
from django.urls import reverse

from indicators.models import IndicatorValue
from tests import factories


@pytest.fixture
def survey(db):
    factories.AreaFactory()
    return factories.IndicatorFactory(
        name="Coventry Household Survey: mean wellbeing score (WEMWBS)",
        unit="score",
        polarity="higher_is_better",
    )


def _post(client, survey, **overrides):
    data = {
        "indicator": survey.pk,
        "area_code": "E08000026",
        "period_label": "2018",
        "value": "51.5",
        "lower_ci_95": "51.1",
        "upper_ci_95": "51.9",
        **overrides,
    }
    return client.post(reverse("indicators:value_add"), data)


def test_officer_enters_a_household_survey_value(client, officer, survey):
    client.force_login(officer)
    assert _post(client, survey).status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.period_key, value.value, value.area.code) == (
        "20180000",
        51.5,
        "E08000026",
    )


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"value": "53"}, "The value must lie within its confidence interval"),
        ({"area_code": "E08000099"}, "is not an area HWBB knows"),
        (
            {"period_label": "spring 2018"},
            "Enter the period like 2018, 2021/22 or 2015 - 17",
        ),
        ({"upper_ci_95": ""}, "Give both ends of the confidence interval, or neither"),
        ({"sex": "Everyone"}, "Enter Persons, Male or Female"),
        (
            {"category_type": "Disability"},
            "Give both the breakdown and its value, or neither",
        ),
        (
            {"count": "900", "denominator": "450"},
            "The count cannot be more than the denominator",
        ),
    ],
)
def test_impossible_values_are_refused(client, officer, survey, overrides, message):
    client.force_login(officer)
    html = _post(client, survey, **overrides).content.decode()
    assert message in html
    assert 'value="E08000' in html  # what was typed is kept
    assert not IndicatorValue.objects.exists()


def test_the_same_period_twice_is_refused(client, officer, survey):
    client.force_login(officer)
    _post(client, survey)
    html = _post(client, survey).content.decode()
    assert "There is already a value for this period" in html
    assert IndicatorValue.objects.count() == 1


def test_a_breakdown_is_a_value_of_its_own(client, officer, survey):
    """The 2022 survey by disability (seed 003 L100): the breakdown sits beside
    the whole-city value for the same period, not in its place."""
    client.force_login(officer)
    _post(client, survey)
    response = _post(
        client,
        survey,
        value="23",
        lower_ci_95="",
        upper_ci_95="",
        category_type="Disability",
        category="Disabled",
    )
    assert response.status_code == 302
    rows = IndicatorValue.objects.order_by("category")
    assert [(v.category_type, v.category, v.sex, v.age) for v in rows] == [
        ("", "", "Persons", "All ages"),
        ("Disability", "Disabled", "Persons", "All ages"),
    ]
