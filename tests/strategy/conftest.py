"""Fixtures the strategy tests share."""

import pytest

from tests import factories


@pytest.fixture
def board():
    """Wider determinants with one priority; HLE on the priority and the
    employment rate on the pillar itself; Coventry against England."""
    pillar = factories.PillarFactory()
    other = factories.PillarFactory(code="HB", name="Our health behaviours")
    priority = factories.PriorityFactory(
        title="Focus on employment and homelessness as a prevention opportunity"
    )
    priority.pillars.add(pillar)
    england = factories.AreaFactory(
        code="E92000001", name="England", area_type="country"
    )
    hle = factories.IndicatorFactory(name="Healthy life expectancy at birth")
    priority.indicators.add(hle)
    for year, value in [(2011, 60.2), (2012, 60.5), (2013, 61.0)]:
        factories.ValueFactory(
            indicator=hle,
            period_label=f"{year} - {str(year + 2)[-2:]}",
            period_key=str(year),
            value=value,
            lower_ci_95=value - 1,
            upper_ci_95=value + 1,
        )
        factories.ValueFactory(
            indicator=hle,
            area=england,
            period_label=f"{year} - {str(year + 2)[-2:]}",
            period_key=str(year),
            value=63.9,
        )
    employment = factories.IndicatorFactory(
        name="Working-age employment rate", unit="%"
    )
    pillar.indicators.add(employment)
    factories.ValueFactory(indicator=employment, value=69.2, period_label="2022")
    return {"pillar": pillar, "other": other, "priority": priority, "hle": hle}
