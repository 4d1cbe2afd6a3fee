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
