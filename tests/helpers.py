"""Helpers several test modules share: a test module imports from here (or
gets a fixture from a conftest), never from another test module."""

import contextlib
import csv
import datetime
import io
import time

import time_machine
from django.utils import timezone

from meetings.models import ActionUpdate, Report
from tests import factories


def content_of(response):
    """A response's body, whether sent whole or streamed (a CSV download)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def wait_for(predicate, timeout=20):
    """Poll until `predicate()` is true, for up to `timeout` seconds: whether
    it came true (a real worker's mail, say)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def held_on(day):
    """Run with the clock at noon on `day`, still ticking, in every thread:
    for a module that reads today's date once, when it is imported, so that a
    run across midnight does not meet tomorrow halfway through."""
    noon = datetime.datetime.combine(
        day, datetime.time(12), tzinfo=timezone.get_default_timezone()
    )
    with time_machine.travel(noon, tick=True):
        yield


# Three rows of Fingertips' "all data" CSV, in fingertips.HEADER's order.
FINGERTIPS_ROWS = [
    # Healthy life expectancy at birth, female, 2015 - 17 (seed: Coventry 61.0;
    # England 63.9; West Midlands 62.6).
    [
        "90362",
        "Healthy life expectancy at birth",
        "",
        "",
        "E92000001",
        "England",
        "England",
        "Female",
        "All ages",
        "",
        "",
        "2015 - 17",
        "63.9",
        "63.7",
        "64.1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "20150000",
        "",
        "",
        "3y",
    ],
    [
        "90362",
        "Healthy life expectancy at birth",
        "E92000001",
        "England",
        "E12000005",
        "West Midlands region",
        "Region",
        "Female",
        "All ages",
        "",
        "",
        "2015 - 17",
        "62.6",
        "62.1",
        "63.1",
        "",
        "",
        "",
        "",
        "",
        "",
        "Worse",
        "",
        "20150000",
        "",
        "",
        "3y",
    ],
    [
        "90362",
        "Healthy life expectancy at birth",
        "E12000005",
        "West Midlands region",
        "E08000026",
        "Coventry",
        "Counties & UAs (from Apr 2023)",
        "Female",
        "All ages",
        "",
        "",
        "2015 - 17",
        "61",
        "58.9",
        "63.1",
        "",
        "",
        "",
        "",
        "",
        "No significant change",
        "Similar",
        "Similar",
        "20150000",
        "",
        "",
        "3y",
    ],
]


def fingertips_csv(header, rows, extra_column=False):
    """The rows as a CSV file under the header, with a column Fingertips
    added since (which the import ignores) if asked."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header + (["Newer column"] if extra_column else []))
    for row in rows:
        writer.writerow(row + (["ignored"] if extra_column else []))
    return io.StringIO(out.getvalue())


def a_meeting(hwb, n):
    """The nth meeting of the body with one of everything the API lists: a
    tagged item, a report and its paper, a resolution, an action and its
    update, a membership, an indicator and a value."""
    pillar, other = factories.PillarFactory(), factories.PillarFactory()
    priority = factories.PriorityFactory()
    meeting = factories.MeetingFactory(body=hwb)
    item = factories.AgendaItemFactory(meeting=meeting, primary_pillar=pillar)
    item.secondary_pillars.add(other)
    item.priorities.add(priority)
    item.organisations.add(factories.OrganisationFactory())
    report = Report.objects.create(
        title=f"Better Care Fund {n}", body=hwb, meeting=meeting, agenda_item=item
    )
    factories.paper(report, "Appendix 1", text=f"BCF {n}", name=f"bcf{n}.pdf")
    clause = factories.ClauseFactory(resolution__minute__meeting=meeting)
    clause.resolution.priorities.add(priority)
    action = factories.ActionFactory(
        body=hwb, minute=clause.resolution.minute, primary_pillar=pillar
    )
    action.priorities.add(priority)
    ActionUpdate.objects.create(action=action, status="on_track", narrative="Begun")
    factories.MembershipFactory(body=hwb)
    priority.indicators.add(factories.IndicatorFactory())
    factories.ValueFactory()


def sign_in(client, username, password, address="127.0.0.1", url=None):
    """The sign-in form posted as a browser would, from `address`; the answer."""
    from django.urls import reverse

    return client.post(
        url or reverse("login"),
        {"login": username, "password": password},
        REMOTE_ADDR=address,
    )


# -- The API against its own schema ---------------------------------------------------

# The rows a detail path's key names, by the path's first segment: /api/<segment>/.
API_KEYS = {
    "bodies": ("meetings.Body", "slug"),
    "organisations": ("meetings.Organisation", "pk"),
    "people": ("meetings.Person", "pk"),
    "memberships": ("meetings.Membership", "pk"),
    "meetings": ("meetings.Meeting", "pk"),
    "agenda-items": ("meetings.AgendaItem", "pk"),
    "documents": ("meetings.Document", "pk"),
    "minutes": ("meetings.Minute", "pk"),
    "resolutions": ("meetings.Resolution", "pk"),
    "actions": ("meetings.Action", "pk"),
    "urgent-decisions": ("meetings.UrgentDecision", "pk"),
    "priorities": ("strategy.Priority", "slug"),
    "pillars": ("strategy.Pillar", "pk"),
    "indicators": ("indicators.Indicator", "slug"),
    "values": ("indicators.IndicatorValue", "pk"),
    "areas": ("indicators.Area", "code"),
    "ocd": ("meetings.Meeting", "pk"),
    "interests": ("meetings.Interest", "pk"),
}
# Values for the query parameters an operation requires.
REQUIRED_QUERY = {"q": "health"}
# A progress update the PATCH takes, and ones it refuses.
GOOD_UPDATE = {"status": "on_track", "percent_complete": 40, "narrative": "Under way."}
BAD_UPDATES = [{}, {"title": "New title"}, {**GOOD_UPDATE, "percent_complete": 140}]


def _uri(value):
    from urllib.parse import urlsplit

    return not isinstance(value, str) or bool(urlsplit(value).scheme)


def response_validators(schema, operation, status, media_type):
    """Validators of the answer `operation` documents for `status` in
    `media_type` (openapi-schema-validator: OpenAPI 3.0's `nullable` and
    readOnly/writeOnly): one that checks formats (date, date-time, uri...),
    and one that does not, as many clients' validators do not (a `oneOf`
    whose branches differ only in a format matches twice there)."""
    from jsonschema import FormatChecker
    from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker

    body = operation["responses"][str(status)]["content"][media_type]["schema"]
    formats = FormatChecker()
    formats.checkers.update(oas30_format_checker.checkers)
    formats.checks("uri")(_uri)
    root = {**body, "components": schema["components"]}
    return [
        OAS30ReadValidator(root, format_checker=formats),
        OAS30ReadValidator(root, format_checker=FormatChecker(formats=())),
    ]


def api_requests(schema):
    """Every operation in `schema`, each asked what a client may ask: a page
    of its list, a filter it does not take, a page past the end, a format it
    does not have; every row by its key, one that does not exist and one no
    route takes; a PATCH with a good update and bad ones. Each list's plain
    page comes first.
    Yields (operation label, method, url, query or body)."""
    from django.apps import apps

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = {p["name"] for p in operation.get("parameters", [])}
            required = {
                p["name"]: REQUIRED_QUERY[p["name"]]
                for p in operation.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            }
            label = f"{method.upper()} {path}"
            if "{" not in path:
                query = {
                    **required,
                    **({"page_size": 200} if "page_size" in names else {}),
                }
                yield label, method, path, query
                yield label, method, path, {**required, "no_such_filter": "1"}
                if "page" in names:
                    yield label, method, path, {**required, "page": 999}
                if "format" in names:  # errors in the other format too
                    yield label, method, path, {**required, "format": "xml"}
                    bad = {**required, "no_such_filter": "1", "format": "json"}
                    yield label, method, path, bad
                continue
            model, field = API_KEYS[path.split("/")[2]]
            keys = apps.get_model(model)._default_manager.values_list(field, flat=True)
            missing = "no-such-row" if field != "pk" else 999999
            name = path[path.index("{") + 1 : path.index("}")]
            # "0.5": a key no route's pattern takes (Django's own 404)
            for key in [*keys.order_by(field), missing, "0.5"]:
                url = path.replace("{" + name + "}", str(key))
                if method == "patch":
                    for update in [GOOD_UPDATE, *BAD_UPDATES]:
                        yield label, method, url, update
                else:
                    yield label, method, url, {}


def check_response(schema, label, method, response):
    """The ways `response` fails to match what the schema says of its
    operation: an undocumented status, an undocumented media type, or each
    error of its body against the documented schema."""
    import json

    path = label.split(" ", 1)[1]
    operation = schema["paths"][path][method]
    status = response.status_code
    if str(status) not in operation["responses"]:
        return [f"{label}: status {status} is not documented"]
    media_type = response.get("Content-Type", "").split(";")[0].strip()
    documented = operation["responses"][str(status)].get("content", {})
    if media_type not in documented:
        return [f"{label} {status}: {media_type!r} is not documented ({[*documented]})"]
    content = content_of(response).decode()
    body = json.loads(content) if media_type == "application/json" else content
    # One error a place: OpenAPI 3.0's validator says a null twice ("None
    # for not nullable", "None is not of type").
    found = {}
    for validator in response_validators(schema, operation, status, media_type):
        for error in validator.iter_errors(body):
            where = "/".join(map(str, error.absolute_path))
            found.setdefault(where, f"{label} {status}: {where}: {error.message[:160]}")
    return list(found.values())


def alert_args(body, email="resident@example.net"):
    """The email alerts' pages' arguments, from a subscription to the body
    (asked for, not yet confirmed): url name: args."""
    from hwbb import notify
    from meetings import alerts, services

    subscription = services.subscription_request(
        email=email, frequency="immediate", body=body
    )

    def token(url):
        return url.rstrip("/").rsplit("/", 1)[1]

    return {
        "alerts:subscribe": ["board", body.slug],
        "alerts:confirm": [alerts.confirm_token(subscription)],
        "alerts:manage": [token(notify.alert_manage_url(email))],
        "alerts:unsubscribe": [token(notify.alert_unsubscribe_url(subscription.pk))],
    }
