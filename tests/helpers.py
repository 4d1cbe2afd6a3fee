"""Helpers several test modules share: a test module imports from here (or
gets a fixture from a conftest), never from another test module."""

import csv
import io
import time

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
