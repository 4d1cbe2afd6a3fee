"""Schemathesis fuzzes every operation in the OpenAPI schema, as the public
and as an officer with a token (who may PATCH any action): no answer is a
server error (500 or above), and every answer is one the schema documents,
its status, its media type and its body (schemathesis' conformance checks;
tests/api/test_schema_conformance.py asks the same of every row's answers).

Two things keep the fuzzing honest. The public's rate limit is reset before
each call, or most calls would be answered 429 before reaching a view. And
half the ids and slugs the fuzzer draws for a path are swapped for ones that
exist, or every detail (and every PATCH) would be a 404 that tests nothing.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hwbb.wsgi import application
from indicators.models import Area, Indicator, IndicatorValue
from meetings.models import (
    Action,
    AgendaItem,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
    Resolution,
)
from strategy.models import Pillar, Priority
from tests import factories
from tests.helpers import a_meeting

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# The rows a path's {id} or {slug} names: /api/<segment>/...
REAL_KEYS = {
    "bodies": (Body, "slug"),
    "organisations": (Organisation, "pk"),
    "people": (Person, "pk"),
    "memberships": (Membership, "pk"),
    "meetings": (Meeting, "pk"),
    "agenda-items": (AgendaItem, "pk"),
    "documents": (Document, "pk"),
    "minutes": (Minute, "pk"),
    "resolutions": (Resolution, "pk"),
    "actions": (Action, "pk"),
    "priorities": (Priority, "slug"),
    "pillars": (Pillar, "pk"),
    "indicators": (Indicator, "slug"),
    "values": (IndicatorValue, "pk"),
    "areas": (Area, "code"),
    "ocd": (Meeting, "pk"),
}


@pytest.fixture
def content(hwb, exempt):
    """The Coventry-shaped rows the fuzzer's ids and slugs may hit.

    The WSGI handler closes the database connection after each request, which
    would end the test's transaction; Django's test client stops it the same way.
    """
    meeting = a_meeting(hwb, 1)
    factories.ActionFactory(owner_person=factories.PersonFactory())
    factories.ValueFactory()
    report = exempt["paper"].report
    factories.MembershipFactory(body=hwb)
    # An open paper beside the exempt one.
    factories.paper(report, "Better Care Fund plan")
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield meeting
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _real_keys(case):
    """Half the drawn path keys (chosen by the drawn value itself, so the
    choice is repeatable) become keys of rows that exist."""
    segment = case.operation.path.split("/")[2]
    if segment not in REAL_KEYS or not case.path_parameters:
        return
    model, field = REAL_KEYS[segment]
    keys = list(model._default_manager.order_by("pk").values_list(field, flat=True))
    for name, drawn in case.path_parameters.items():
        picked = sum(map(ord, str(drawn)))
        if keys and picked % 2 == 0:
            case.path_parameters[name] = keys[picked // 2 % len(keys)]


@pytest.mark.parametrize("who", ["public", "officer"])
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_answer_is_a_server_error_or_off_the_schema(case, who, content, officer):
    headers = {}
    if who == "officer":
        headers["Authorization"] = f"Token {AuthToken.objects.create(officer)[1]}"
    _real_keys(case)
    cache.clear()  # the public's rate limit, counted in the cache
    case.call_and_validate(headers=headers, checks=CHECKS)
