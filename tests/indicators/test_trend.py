"""The recent trend over the last five points, in words."""

from types import SimpleNamespace

import pytest

from indicators import judgements


def _values(*numbers):
    return [SimpleNamespace(value=n) for n in numbers]


@pytest.mark.parametrize(
    "numbers, polarity, expected",
    [
        (
            (61.0, 61.5, 62.1, 62.4, 63.0),
            "higher_is_better",
            "Increasing and getting better",
        ),
        (
            (19.1, 18.4, 17.9, 17.2, 16.8),
            "higher_is_better",
            "Decreasing and getting worse",
        ),
        (
            (19.1, 18.4, 17.9, 17.2, 16.8),
            "lower_is_better",
            "Decreasing and getting better",
        ),
        ((61.0, 63.0, 60.5, 62.8, 61.2), "higher_is_better", "No significant change"),
        ((1, 2, 3, 4, 5.2), "no_judgement", "Increasing"),
        (
            (61.0, 62.0, 63.0),
            "higher_is_better",
            "Not enough data for a trend (five points are needed)",
        ),
    ],
)
def test_trend(numbers, polarity, expected):
    assert judgements.trend(_values(*numbers), polarity) == expected


def test_only_the_last_five_points_count():
    falling_then_rising = _values(90, 80, 70, 10, 11, 12, 13, 14)
    assert judgements.trend(falling_then_rising, "higher_is_better").startswith(
        "Increasing"
    )
