"""Schemathesis fuzzes every operation in the OpenAPI schema, as the public
and as an officer with a token (who may PATCH any action): no answer is a
server error (500 or above)."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error

from hwbb.wsgi import application
from tests import factories
from tests.api.test_api_queries import _a_meeting

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def content(hwb, exempt):
    """The Coventry-shaped rows the fuzzer's ids and slugs may hit.

    The WSGI handler closes the database connection after each request, which
    would end the test's transaction; Django's test client stops it the same way.
    """
    _a_meeting(hwb, 1)
    factories.ActionFactory(owner_person=factories.PersonFactory())
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("who", ["public", "officer"])
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_operation_answers_with_a_server_error(case, who, content, officer):
    headers = {}
    if who == "officer":
        headers["Authorization"] = f"Token {AuthToken.objects.create(officer)[1]}"
    case.call_and_validate(headers=headers, checks=[not_a_server_error])
