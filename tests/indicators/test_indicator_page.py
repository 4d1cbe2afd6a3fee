"""The indicator page: the time series, the areas compared for the newest
period, and the table behind each chart."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_areas_compared_for_the_newest_period_with_their_chart_and_table(client):
    indicator = factories.IndicatorFactory(name="Healthy life expectancy at birth")
    areas = {
        "E92000001": ("England", "country", 63.9, 63.7, 64.1),
        "E12000005": ("West Midlands region", "region", 62.6, 62.1, 63.1),
        "E08000026": ("Coventry", "local_authority", 61.0, 58.0, 64.0),
    }
    for code, (name, kind, value, low, high) in areas.items():
        area = factories.AreaFactory(code=code, name=name, area_type=kind)
        factories.ValueFactory(
            indicator=indicator,
            area=area,
            value=value,
            lower_ci_95=low,
            upper_ci_95=high,
        )
        factories.ValueFactory(  # an older period, not in the comparison
            indicator=indicator,
            area=area,
            period_label="2014 - 16",
            period_key="2014",
            value=value - 5,
        )
    html = client.get(reverse("indicators:detail", args=[indicator.slug])).content
    html = html.decode()
    assert "Areas compared, 2015 - 17" in html
    assert 'aria-labelledby="areas-title areas-desc"' in html
    assert 'aria-labelledby="over-time-title over-time-desc"' in html
    table = html[html.index("by area</caption>") :]
    table = table[: table.index("</table>")]
    assert (
        table.index("England") < table.index("West Midlands") < table.index("Coventry")
    )
    assert "Worse than England" in table  # the region's 62.1 to 63.1 excludes 63.9
    assert "Similar to England" in table  # Coventry's 58.0 to 64.0 includes it
    assert "2014 - 16" not in table


def test_the_latest_value_shows_its_count_and_denominator(client):
    indicator = factories.IndicatorFactory(name="Year 6 children measured as obese")
    area = factories.AreaFactory()
    factories.ValueFactory(
        indicator=indicator, area=area, value=23.5, count=956, denominator=4068
    )
    factories.ValueFactory(  # older, without a count
        indicator=indicator,
        area=area,
        period_label="2014 - 16",
        period_key="2014",
        value=22.0,
    )
    html = client.get(reverse("indicators:detail", args=[indicator.slug])).text
    latest = html[html.index('id="latest"') :]
    latest = latest[: latest.index("</dl>")]
    assert "Coventry (local authority), 2015 - 17" in latest
    assert '<dt class="govuk-summary-list__key">Count</dt>' in latest
    assert ">956<" in latest and ">4,068<" in latest


def test_a_value_without_a_count_says_the_source_gives_none(client):
    indicator = factories.IndicatorFactory()
    factories.ValueFactory(indicator=indicator, value=61.0)
    html = client.get(reverse("indicators:detail", args=[indicator.slug])).text
    assert "Count and denominator" in html and "Not given by the source" in html


def test_england_is_labelled_as_the_country_it_is(client):
    """Whatever made the area: a factory or a form that took the default
    type, or a file that called it "England": its GSS code says it is a
    country, and the page says so."""
    from indicators import fingertips
    from indicators.models import Area

    england = Area(code="E92000001", name="England", area_type="local_authority")
    with pytest.raises(Exception, match="country"):
        england.full_clean()
    assert fingertips._area_type("England", "E92000001") == Area.Type.COUNTRY
    assert fingertips._area_type("Counties & UAs", "E92000001") == Area.Type.COUNTRY
    assert fingertips._area_type("Region", "E08000026") == Area.Type.LOCAL_AUTHORITY
    indicator = factories.IndicatorFactory()
    factories.ValueFactory(indicator=indicator, value=61.0)
    factories.ValueFactory(
        indicator=indicator,
        area=factories.AreaFactory(
            code="E92000001", name="England", area_type="country"
        ),
        value=63.9,
    )
    html = client.get(reverse("indicators:detail", args=[indicator.slug])).text
    assert "England (country)" in html
    assert "Compared with</dt>" in html
    latest = html[html.index('id="latest"') :]
    assert "England (country): 63.9" in latest[: latest.index("</dl>")]


def test_an_area_named_only_as_a_parent_is_typed_by_its_code():
    """A file of wards names Coventry only as a parent: its code still says it
    is a local authority, not the "Region" a parent was taken to be."""
    from indicators import fingertips
    from indicators.models import Area
    from tests.helpers import FINGERTIPS_ROWS, fingertips_csv

    row = list(FINGERTIPS_ROWS[2])
    row[2], row[3] = "E08000026", "Coventry"  # parent
    row[4], row[5], row[6] = "E05001218", "Foleshill", "Ward"
    result = fingertips.import_csv(fingertips_csv(fingertips.HEADER, [row]))
    assert result.errors == []
    assert Area.objects.get(code="E08000026").area_type == Area.Type.LOCAL_AUTHORITY
    assert Area.objects.get(code="E05001218").area_type == Area.Type.WARD


def _years_of_values(indicator, years):
    areas = [
        factories.AreaFactory(code=code, name=name, area_type=kind)
        for code, name, kind in (
            ("E08000026", "Coventry", "local_authority"),
            ("E92000001", "England", "country"),
            ("E12000005", "West Midlands region", "region"),
            ("E08000025", "Birmingham", "local_authority"),
        )
    ]
    for year in range(2000, 2000 + years):
        for area in areas:
            for sex in ("Persons", "Female", "Male"):
                factories.ValueFactory(
                    indicator=indicator,
                    area=area,
                    sex=sex,
                    period_key=str(year),
                    period_label=f"Year {year}",
                    value=50.0 + year - 2000,
                )


def _values_table(html):
    table = html[html.index('aria-label="Values"') :]
    return table[: table.index("</table>")]


def test_values_show_the_local_area_and_its_comparators_a_page_at_a_time(client):
    indicator = factories.IndicatorFactory()
    _years_of_values(indicator, 12)
    url = reverse("indicators:detail", args=[indicator.slug])
    html = client.get(url).text
    table = _values_table(html)
    assert table.count('<tr class="govuk-table__row">') == 1 + 30  # head + a page
    assert "Year 2011" in table and "Year 2000" not in table  # newest first
    assert "Coventry" in table and "England" in table and "West Midlands" in table
    assert "Birmingham" not in table
    assert "108 values, 1 to 30 here" in table  # 12 years x 3 areas x 3 sexes
    assert 'aria-label="Pages of values"' in html
    assert f"?indicator={indicator.slug}" in html  # every value, as CSV and JSON
    last = _values_table(client.get(url, {"page": 4}).text)
    assert "Year 2000" in last and "Year 2011" not in last


def test_values_can_be_chosen_by_area_and_sex(client):
    indicator = factories.IndicatorFactory()
    _years_of_values(indicator, 2)
    url = reverse("indicators:detail", args=[indicator.slug])
    table = _values_table(client.get(url, {"area": "E08000025"}).text)
    assert "Birmingham" in table and "Coventry" not in table
    assert "6 values" in table
    table = _values_table(client.get(url, {"area": "all", "sex": "Female"}).text)
    assert "8 values" in table and "Birmingham" in table
    refused = client.get(url, {"area": "E99999999"}).text
    assert "govuk-error-message" in refused
    assert "18 values" in _values_table(refused)  # the comparators, as by default


def test_the_chart_over_time_shows_the_newest_ten_periods_and_its_table(client):
    indicator = factories.IndicatorFactory()
    _years_of_values(indicator, 12)
    html = client.get(reverse("indicators:detail", args=[indicator.slug])).text
    over_time = html[html.index('aria-label="Over time"') :]
    over_time = over_time[: over_time.index("</table>")]
    assert over_time.count('<th scope="row"') == 10
    assert "Year 2011" in over_time and "Year 2001" not in over_time
    assert "Birmingham" not in over_time and "West Midlands" in over_time
    chart = html[html.index('id="over-time-title"') :]
    assert "Year 2001" not in chart[: chart.index("</svg>")]
