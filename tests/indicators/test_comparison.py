"""Comparison with England in words, by the Fingertips method."""

import pytest

from indicators.models import Indicator
from tests import factories

HIGHER, LOWER, NONE = (
    Indicator.Polarity.HIGHER_IS_BETTER,
    Indicator.Polarity.LOWER_IS_BETTER,
    Indicator.Polarity.NO_JUDGEMENT,
)


@pytest.fixture
def england(db):
    return factories.ValueFactory.build(
        area=factories.AreaFactory(code="E92000001", name="England"), value=63.9
    )


@pytest.mark.parametrize(
    "value, low, high, polarity, expected",
    [
        (61.0, 59.8, 62.2, HIGHER, "Worse than England"),
        (61.0, 59.8, 62.2, LOWER, "Better than England"),
        (61.0, 59.8, 62.2, NONE, "Lower than England"),
        (63.0, 61.8, 64.2, HIGHER, "Similar to England"),
        (66.0, 64.8, 67.2, HIGHER, "Better than England"),
        (
            61.0,
            None,
            None,
            HIGHER,
            "Lower than England, which is worse (significance not tested)",
        ),
        (61.0, None, None, NONE, "Lower than England (significance not tested)"),
    ],
)
def test_comparison_in_words(england, value, low, high, polarity, expected):
    local = factories.ValueFactory.build(value=value, lower_ci_95=low, upper_ci_95=high)
    assert local.compare_with(england, polarity) == expected


def test_no_comparator_says_so(db):
    local = factories.ValueFactory.build(value=61.0)
    assert local.compare_with(None, HIGHER) == "No comparison available"
