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
