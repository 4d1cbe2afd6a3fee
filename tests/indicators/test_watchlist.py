"""Region comparison, trend and the red-red watchlist, which an officer can turn
into a forward-plan item."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import PlannedItem
from tests import factories


@pytest.fixture
def smoking(db):
    """Smoking prevalence rising in Coventry, above England's, significantly."""
    indicator = factories.IndicatorFactory(
        name="Smoking prevalence in adults (18+)", unit="%", polarity="lower_is_better"
    )
    coventry = factories.AreaFactory()
    england = factories.AreaFactory(
        code="E92000001", name="England", area_type="country"
    )
    region = factories.AreaFactory(
        code="E12000005", name="West Midlands region", area_type="region"
    )
    for n, value in enumerate([15.1, 16.0, 16.8, 17.9, 18.8]):
        year = 2014 + n
        factories.ValueFactory(
            indicator=indicator,
            area=coventry,
            value=value,
            lower_ci_95=value - 0.8,
            upper_ci_95=value + 0.8,
            period_key=f"{year}0000",
            period_label=str(year),
        )
        factories.ValueFactory(
            indicator=indicator,
            area=england,
            value=14.4,
            period_key=f"{year}0000",
            period_label=str(year),
        )
        factories.ValueFactory(
            indicator=indicator,
            area=region,
            value=18.5,
            period_key=f"{year}0000",
            period_label=str(year),
        )
    return indicator


def test_indicator_page_words_for_england_region_and_trend(client, smoking):
    html = client.get(reverse("indicators:list")).content.decode()
    assert "Worse than England" in html
    assert "Similar to West Midlands region" in html
    assert "Increasing and getting worse" in html


def test_watchlist_and_forward_plan(client, officer, smoking, hwb):
    meeting = factories.MeetingFactory(
        body=hwb, start=timezone.now() + datetime.timedelta(days=30), status="scheduled"
    )
    assert (
        "Smoking prevalence"
        in client.get(reverse("indicators:watchlist")).content.decode()
    )
    client.force_login(officer)
    url = reverse("strategy:watchlist_plan", args=[smoking.slug])
    client.post(url)
    client.post(url)  # a double submit
    planned = PlannedItem.objects.get()
    assert planned.meeting == meeting
    assert planned.title == "Watchlist: Smoking prevalence in adults (18+)"


def test_indicator_page_has_an_svg_chart_with_title_description_and_table(
    client, smoking
):
    import xml.etree.ElementTree as ET

    url = reverse("indicators:detail", args=[smoking.slug])
    html = client.get(url).content.decode()
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    svg = ET.fromstring(html[start:end])
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}title").text == "Smoking prevalence in adults (18+) (%)"
    assert "95% confidence intervals" in svg.find(f"{ns}desc").text
    assert len(svg.findall(f"{ns}polyline")) == 3  # Coventry, England, the region
    assert "<caption" in html and "18.8" in html  # the data table beside it


def test_new_data_since_the_last_meeting_is_marked(client, smoking, hwb):
    factories.MeetingFactory(
        body=hwb, start=timezone.now() - datetime.timedelta(days=20)
    )
    priority = factories.PriorityFactory()
    priority.indicators.add(smoking)
    html = client.get(priority.get_absolute_url()).content.decode()
    assert "New since the last meeting" in html  # the values arrived just now
    from indicators.models import IndicatorValue

    for value in IndicatorValue.objects.all():  # saved, so the cache is cleared
        value.updated_at = timezone.now() - datetime.timedelta(days=40)
        value.save()
    html = client.get(priority.get_absolute_url()).content.decode()
    assert "New since the last meeting" not in html
