"""Every answer the API gives matches what /api/schema/ says of it.

Each operation in the schema is asked what a client may ask (a page of each
list, every row by its key and one that does not exist, a filter it does not
take, a page past the end, a PATCH with a good update and bad ones, and a
request over the public's rate limit) by three readers: the public, a member
signed in, and an officer with a knox token. Each answer's status and media
type must be documented, and its body must validate against the documented
schema (openapi-schema-validator, which reads OpenAPI 3.0's `nullable`).

The rows are shaped to reach every null the API can send: exempt business
(closed to the public), a committee with a parent and a board without, a
meeting online and one in a room, an action owned by an organisation alone, a
member on behalf of no one, a priority with a predecessor and one without.
"""

import datetime

import pytest
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.throttling import AnonRateThrottle

from indicators.models import Area
from meetings.models import Action, Interest, Meeting, Organisation, UrgentDecision
from tests import factories
from tests.factories import Closed
from tests.helpers import api_requests, check_response, content_of


@pytest.fixture
def rows(hwb, exempt):
    council = factories.OrganisationFactory()
    nhs = factories.OrganisationFactory(
        name="Coventry and Rugby CCG", kind=Organisation.Kind.NHS_TRUST, parent=council
    )
    committee = factories.BodyFactory(
        slug="marmot", name="Marmot Partnership Group", parent=hwb
    )
    factories.MembershipFactory(body=hwb, on_behalf_of=None)
    seat = factories.MembershipFactory(body=committee, on_behalf_of=nhs)
    # The register: an entry with every optional field empty, and one the
    # retention schedule has removed from public view (officers still read it).
    Interest.objects.create(
        person=seat.person, kind=Interest.Kind.OTHER, description="Carer"
    )
    Interest.objects.create(
        person=seat.person,
        kind=Interest.Kind.EMPLOYMENT,
        organisation=nhs,
        description="Board member",
        start=datetime.date(2019, 5, 1),
        end=datetime.date(2024, 4, 30),
        withdrawn_from_public_on=datetime.date(2024, 5, 1),
    )
    factories.MeetingFactory(
        body=hwb,
        start=factories.london(2020, 4, 6, 14, 0),
        online_link="https://teams.example.org/meet/hwb",
    )
    factories.MeetingFactory(
        body=hwb,
        start=factories.london(2020, 5, 4, 14, 0),
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Coronavirus",
    )
    clause = factories.ClauseFactory(label="1", order=1)
    factories.ClauseFactory(resolution=clause.resolution, parent=clause, label="a")
    factories.ActionFactory(
        body=hwb, owner_person=None, owner_organisation=council, due_date=None
    )
    for status in (Action.Status.DONE, Action.Status.DROPPED):  # rag "complete", ""
        factories.ActionFactory(body=hwb, status=status, closing_note="Overtaken.")
    first = factories.PriorityFactory()
    factories.PriorityFactory(predecessor=first, version=first.version)
    region = factories.AreaFactory(
        code="E12000005", name="West Midlands", area_type=Area.Type.REGION
    )
    factories.ValueFactory(area=factories.AreaFactory(code="E08000025", parent=region))
    UrgentDecision.objects.create(
        body=hwb,
        title="Better Care Fund plan",
        decision="The plan be approved.",
        reasons="The deadline falls before the meeting.",
        deadline=datetime.date(2027, 3, 30),
        deadline_source="NHS England",
    )
    factories.paper(exempt["paper"].report, "Better Care Fund plan")


def _readers(client, member, officer):
    token = AuthToken.objects.create(officer)[1]
    yield "public", {}
    client.force_login(member)
    yield "member", {}
    client.logout()
    yield "officer", {"HTTP_AUTHORIZATION": f"Token {token}"}


def test_every_answer_matches_the_schema(client, rows, member, officer, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "1/minute", raising=False)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operations, answers, errors = set(), 0, []
    for reader, headers in _readers(client, member, officer):
        for label, method, url, data in api_requests(schema):
            cache.clear()  # the public's rate limit: one request a minute
            if method == "patch":
                response = client.patch(
                    url, data, content_type="application/json", **headers
                )
            else:
                response = getattr(client, method)(url, data, **headers)
            operations.add(label)
            answers += 1
            if reader == "public":  # the schema's nulls hide no Part 2 words
                body = content_of(response).decode()
                assert not [s for s in Closed.SECRETS if s in body], url
            errors += [
                f"{reader}: {e}"
                for e in check_response(schema, label, method, response)
            ]
    # Over the public's limit: a 429 from every list.
    lists = {}
    for label, method, url, data in api_requests(schema):
        if method == "get" and "{" not in label:
            lists.setdefault(label, (url, data))
    for label, (url, data) in lists.items():
        cache.clear()
        client.get(url, data)
        response = client.get(url, data)
        assert response.status_code == 429, url
        answers += 1
        found = check_response(schema, label, "get", response)
        errors += [f"public: {e}" for e in found]
    print(
        f"\nAPI schema conformance: {len(operations)} operations, {answers} answers "
        f"checked, {len(errors)} errors"
    )
    for error in sorted(set(errors)):
        print(" ", error, f"(x{errors.count(error)})")
    assert len(operations) == sum(len(ops) for ops in schema["paths"].values())
    assert not errors
