"""Part 2 business for the API, open data and export tests."""

import pytest

from tests import factories

SEES_CLOSED = factories.Closed.SEES
OPEN_TITLE = factories.Closed.OPEN_TITLE
SECRETS = factories.Closed.SECRETS


@pytest.fixture
def exempt(hwb):
    return factories.exempt_business(hwb)
