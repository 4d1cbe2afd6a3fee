"""Due dates as officers write them."""

import datetime

import pytest

from hwbb import duedates


@pytest.mark.parametrize(
    "words, expected",
    [
        ("Q3 2019/20", datetime.date(2019, 12, 31)),
        ("Q4 2019/20", datetime.date(2020, 3, 31)),
        ("end of March 2020", datetime.date(2020, 3, 31)),
        ("by 30 September 2019", datetime.date(2019, 9, 30)),
        ("June/July 2019", datetime.date(2019, 7, 31)),
        ("autumn 2019", datetime.date(2019, 11, 30)),
        ("by Winter 2019", datetime.date(2020, 2, 29)),
        ("as appropriate", None),
        ("31 February 2020", None),
    ],
)
def test_parse(words, expected):
    assert duedates.parse(words) == expected
