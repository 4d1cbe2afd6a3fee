"""An exempt (Part 2) item with its report, paper, minute, resolution and
action, for the API, open data and export tests."""

import pytest

from meetings import services
from meetings.models import Report
from tests import factories, files

SEES_CLOSED = {"officer", "chair", "member"}
CLOSED_TITLE = "Contract award: integrated substance misuse service"
OPEN_TITLE = "Contract award"
CLOSED_TEXT = "The Board considered the tender evaluation of the three bidders"
CLOSED_CLAUSE = "The contract be awarded to the preferred bidder"
CLOSED_ACTION = "Notify the unsuccessful bidders"
CLOSED_PAPER = "Tender evaluation matrix"
SECRETS = (CLOSED_TITLE, CLOSED_TEXT, CLOSED_CLAUSE, CLOSED_ACTION, CLOSED_PAPER)


@pytest.fixture
def exempt(hwb):
    meeting = factories.MeetingFactory(body=hwb)
    pillar = factories.PillarFactory()
    priority = factories.PriorityFactory()
    item = factories.AgendaItemFactory(
        meeting=meeting,
        title=CLOSED_TITLE,
        open_title=OPEN_TITLE,
        description=CLOSED_TEXT,
        is_exempt=True,
        exempt_paragraph=3,
        primary_pillar=pillar,
    )
    item.priorities.add(priority)
    report = Report.objects.create(
        title=CLOSED_TITLE,
        body=hwb,
        meeting=meeting,
        agenda_item=item,
        purpose=CLOSED_TEXT,
        is_exempt=True,
        exempt_paragraph=3,
        status=Report.Status.ACCEPTED,
    )
    paper = services.document_add(
        report=report,
        user=None,
        title=CLOSED_PAPER,
        kind="appendix",
        is_exempt=True,
        uploaded=files.upload("matrix.pdf", files.pdf_bytes((CLOSED_TEXT,))),
    )
    minute = factories.MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        title=CLOSED_TITLE,
        narrative=f"<p>{CLOSED_TEXT}.</p>",
        is_exempt=True,
        exempt_paragraph=3,
    )
    clause = factories.ClauseFactory(resolution__minute=minute, text=CLOSED_CLAUSE)
    clause.resolution.priorities.add(priority)
    action = factories.ActionFactory(
        body=hwb,
        minute=minute,
        title=CLOSED_ACTION,
        owner_person=factories.PersonFactory(family_name="Bidder"),
    )
    return {
        "meeting": meeting,
        "item": item,
        "minute": minute,
        "resolution": clause.resolution,
        "action": action,
        "paper": paper,
        "pillar": pillar,
        "priority": priority,
    }
