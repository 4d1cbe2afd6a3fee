"""The agenda is always in order: items by section, sections in the body's
order, public business before private, any other business last in its part, a
late item at the end of its section; numbered 1..n as printed. The meeting
page, the builder, the pack's front sheet, Open Civic Data and the API all
show that one order."""

import datetime
import importlib
import io
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import pack, services
from meetings.models import (
    AgendaItem,
    AgendaSection,
    Meeting,
    PlannedItem,
    Report,
    StandingItem,
)
from tests import factories

# The board's sections, in the order its agendas print them (the demo's).
SECTIONS = [
    ("Public Business", False),
    ("Development Items", False),
    ("Delivery Items", False),
    ("Governance Items", False),
    ("Private Business", True),
]
STANDING = [
    ("Public Business", "start", "", "Welcome and Apologies for Absence", "apologies"),
    ("Public Business", "start", "", "Declarations of Interest", "declarations"),
    ("Public Business", "start", "", "Minutes of Previous Meeting", "minutes"),
    ("Public Business", "start", "a", "To agree the minutes", "minutes"),
    ("Public Business", "start", "b", "Matters Arising", "matters_arising"),
    ("Public Business", "start", "", "Chair's Update", "chairs_update"),
    ("Governance Items", "end", "", "Any other items of public business", "aob"),
    ("Private Business", "end", "", "Any other items of private business", "aob"),
]
KINDS = {"aob": AgendaItem.Kind.ANY_OTHER_BUSINESS}

HOUSING = "Housing and Homelessness One Coventry Approach"
STRATEGY = "Draft Coventry Joint Health and Wellbeing Strategy 2019-23"
PLACE = "Coventry and Warwickshire Place Forum"
CONTRACT = "Contract award: integrated substance misuse service"
BCF = "Better Care Fund quarterly return"


@pytest.fixture
def board(hwb):
    for order, (name, private) in enumerate(SECTIONS):
        AgendaSection.objects.update_or_create(
            body=hwb, name=name, defaults={"order": order, "is_private": private}
        )
    for order, (section, position, sub, title, kind) in enumerate(STANDING):
        StandingItem.objects.create(
            body=hwb,
            section=hwb.sections.get(name=section),
            position=position,
            order=order,
            sub_letter=sub,
            title=title,
            kind=KINDS.get(kind, kind),
        )
    return hwb


def _section(body, name):
    return body.sections.get(name=name)


def _meeting(body, days=40):
    start = timezone.now() + datetime.timedelta(days=days)
    return services.meeting_create(meeting=Meeting(body=body, start=start))


def _add(meeting, user, title, section=None, **kwargs):
    if kwargs.get("is_exempt"):
        kwargs.setdefault("exempt_paragraph", 3)
        kwargs.setdefault("open_title", "Contract award")
    item = AgendaItem(
        meeting=meeting,
        title=title,
        section=_section(meeting.body, section) if section else None,
        **kwargs,
    )
    return services.agenda_item_add(item=item, user=user)


def _agenda(meeting):
    """(reference, section, title) as the agenda prints them."""
    items = AgendaItem.objects.filter(meeting=meeting).in_agenda_order()
    return [(i.reference, i.section.name if i.section else "", i.title) for i in items]


def _titles(meeting):
    return [title for _, _, title in _agenda(meeting)]


def _references(meeting):
    return [reference for reference, _, _ in _agenda(meeting)]


def _headings(meeting):
    """The section headings, each time the printed agenda starts one."""
    headings = []
    for _, section, _ in _agenda(meeting):
        if not headings or headings[-1] != section:
            headings.append(section)
    return headings


def _consecutive(references):
    """1, 2, 3, 3(a), 3(b), 4 ...: each number one more than the last."""
    numbers = [int(re.match(r"\d+", r).group()) for r in references if "(" not in r]
    return numbers == list(range(1, len(numbers) + 1))


@pytest.fixture
def agenda(board, officer):
    """A draft agenda with business in three public sections and one exempt
    item in private."""
    meeting = _meeting(board)
    _add(meeting, officer, HOUSING, "Development Items")
    _add(meeting, officer, STRATEGY, "Development Items")
    _add(meeting, officer, PLACE, "Delivery Items")
    _add(meeting, officer, CONTRACT, "Private Business", is_exempt=True)
    return meeting


EXPECTED = [
    ("1", "Public Business", "Welcome and Apologies for Absence"),
    ("2", "Public Business", "Declarations of Interest"),
    ("3", "Public Business", "Minutes of Previous Meeting"),
    ("3(a)", "Public Business", "To agree the minutes"),
    ("3(b)", "Public Business", "Matters Arising"),
    ("4", "Public Business", "Chair's Update"),
    ("5", "Development Items", HOUSING),
    ("6", "Development Items", STRATEGY),
    ("7", "Delivery Items", PLACE),
    ("8", "Governance Items", "Any other items of public business"),
    ("9", "Private Business", CONTRACT),
    ("10", "Private Business", "Any other items of private business"),
]


# -- The failures reported, each reproduced ------------------------------------


def test_private_business_comes_after_the_public_any_other_business(agenda):
    assert _agenda(agenda) == EXPECTED


def test_a_late_public_item_is_numbered_before_the_exempt_items(board, officer):
    meeting = _meeting(board, days=3)  # too late to publish with notice
    urgent = {"is_urgent": True, "urgency_reason": "The deadline is this month."}
    _add(meeting, officer, CONTRACT, "Private Business", is_exempt=True, **urgent)
    late = _add(meeting, officer, BCF, "Delivery Items", **urgent)
    contract = meeting.agenda_items.get(title=CONTRACT)
    assert late.number < contract.number
    assert _titles(meeting)[-4:] == [
        BCF,
        "Any other items of public business",
        CONTRACT,
        "Any other items of private business",
    ]
    assert _consecutive(_references(meeting))


def test_a_late_item_goes_at_the_end_of_its_section(agenda, officer):
    late = _add(agenda, officer, BCF, "Development Items")
    assert late.reference == "7"
    assert _titles(agenda)[6:9] == [HOUSING, STRATEGY, BCF]
    assert agenda.agenda_items.get(title=PLACE).reference == "8"
    assert _consecutive(_references(agenda))


def test_a_body_without_sections_still_takes_exempt_business_last(hwb, officer):
    meeting = _meeting(hwb)
    _add(meeting, officer, CONTRACT, is_exempt=True)
    _add(meeting, officer, HOUSING)
    assert _agenda(meeting) == [("1", "", HOUSING), ("2", "", CONTRACT)]


def test_moving_an_item_stays_inside_its_section(agenda):
    chairs_update = agenda.agenda_items.get(title="Chair's Update")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_move(item=chairs_update, up=False)
    assert "Public Business" in " ".join(error.value.messages)
    strategy = agenda.agenda_items.get(title=STRATEGY)
    assert services.agenda_item_move(item=strategy, up=True)
    assert _titles(agenda)[6:8] == [STRATEGY, HOUSING]
    assert _headings(agenda) == [name for name, _ in SECTIONS]
    assert _consecutive(_references(agenda))


def test_moving_the_minutes_carries_their_sub_items(agenda):
    minutes = agenda.agenda_items.get(title="Minutes of Previous Meeting")
    assert services.agenda_item_move(item=minutes, up=True)
    assert _agenda(agenda)[1:5] == [
        ("2", "Public Business", "Minutes of Previous Meeting"),
        ("2(a)", "Public Business", "To agree the minutes"),
        ("2(b)", "Public Business", "Matters Arising"),
        ("3", "Public Business", "Declarations of Interest"),
    ]


def test_any_other_business_cannot_move_up_into_the_business(agenda):
    aob = agenda.agenda_items.get(title="Any other items of public business")
    with pytest.raises(ValidationError):
        services.agenda_item_move(item=aob, up=True)
    first = agenda.agenda_items.get(number=1)
    assert not services.agenda_item_move(item=first, up=True)
    assert _agenda(agenda) == EXPECTED


def test_an_item_moved_to_another_section_goes_to_its_end(agenda, officer):
    housing = agenda.agenda_items.get(title=HOUSING)
    housing.section = _section(agenda.body, "Delivery Items")
    services.agenda_item_update(item=housing, user=officer, changed=["section"])
    assert _titles(agenda)[6:8] == [STRATEGY, PLACE]
    assert _agenda(agenda)[8] == ("7", "Delivery Items", HOUSING)
    assert _consecutive(_references(agenda))


def test_an_item_with_no_section_is_refused_where_the_body_has_sections(
    agenda, officer
):
    with pytest.raises(ValidationError) as error:
        _add(agenda, officer, BCF)
    assert "section" in error.value.message_dict
    assert "Choose the agenda section" in error.value.message_dict["section"][0]
    assert not agenda.agenda_items.filter(title=BCF).exists()


def test_an_exempt_item_is_refused_in_a_public_section(agenda, officer):
    with pytest.raises(ValidationError) as error:
        _add(agenda, officer, BCF, "Delivery Items", is_exempt=True)
    assert "Private Business" in error.value.message_dict["section"][0]


def test_a_section_of_another_body_is_refused(agenda, officer):
    other = factories.BodyFactory(slug="cabinet", name="Cabinet")
    AgendaSection.objects.create(body=other, name="Public business")
    item = AgendaItem(
        meeting=agenda,
        title=BCF,
        section=other.sections.get(),
    )
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(item=item, user=None)
    assert "section" in error.value.message_dict


# -- Reports, planned items and progress returns -------------------------------


@pytest.fixture
def report(agenda, author):
    report = Report.objects.create(
        title=BCF,
        body=agenda.body,
        meeting=agenda,
        created_by=author,
        status=Report.Status.SUBMITTED,
    )
    return report


def test_an_accepted_report_must_be_given_a_section(report, officer):
    with pytest.raises(ValidationError) as error:
        services.report_accept(report=report, user=officer)
    assert "section" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.agenda_item is None


def test_the_review_page_asks_the_officer_for_the_section(client, report, officer):
    client.force_login(officer)
    url = reverse("meetings:report_review", args=[report.pk])
    response = client.post(url, {"decision": "accept"})
    assert response.status_code == 200
    assert "Choose the agenda section" in response.content.decode()
    report.refresh_from_db()
    assert report.agenda_item is None
    delivery = _section(report.body, "Delivery Items")
    response = client.post(url, {"decision": "accept", "section": delivery.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.agenda_item.reference, report.agenda_item.section) == (
        "8",
        delivery,
    )
    assert _titles(report.meeting)[9:11] == [BCF, "Any other items of public business"]


def test_a_planned_item_is_put_in_the_section_the_officer_chooses(
    client, agenda, officer
):
    planned = PlannedItem.objects.create(meeting=agenda, title=BCF)
    client.force_login(officer)
    url = reverse("meetings:planned_to_agenda", args=[planned.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Agenda section" in page.content.decode()
    response = client.post(url, {})
    assert "Choose the agenda section" in response.content.decode()
    governance = _section(agenda.body, "Governance Items")
    response = client.post(url, {"section": governance.pk})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.agenda_item.section == governance
    assert _titles(agenda)[9:11] == [BCF, "Any other items of public business"]


def test_a_progress_return_is_put_in_the_section_chosen(agenda, officer):
    report = factories.ProgressReportFactory(status="submitted", body=agenda.body)
    with pytest.raises(ValidationError) as error:
        services.progress_report_accept(report=report, user=officer, meeting=agenda)
    assert "section" in error.value.message_dict
    delivery = _section(agenda.body, "Delivery Items")
    report, _ = services.progress_report_accept(
        report=report, user=officer, meeting=agenda, section=delivery
    )
    assert report.agenda_item.section == delivery
    assert report.agenda_item.reference == "8"


def test_a_standing_item_needs_a_section_where_the_body_has_them(board):
    standing = StandingItem(body=board, title="Questions from the public")
    with pytest.raises(ValidationError) as error:
        standing.full_clean()
    assert "section" in error.value.message_dict


# -- A published agenda ---------------------------------------------------------


def test_an_item_added_to_a_published_agenda_says_what_was_renumbered(agenda, officer):
    agenda.agenda_status = Meeting.AgendaStatus.PUBLISHED
    agenda.save()
    urgent = {"is_urgent": True, "urgency_reason": "The return is due this month."}
    item = _add(agenda, officer, BCF, "Development Items", **urgent)
    assert item.reference == "7"
    [supplement] = agenda.supplements.all()
    assert f"Item 7 added: {BCF}." in supplement.changes
    assert "Items 7 to 10 are now 8 to 11." in supplement.changes


# -- Two officers at once -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_officers_adding_at_once_get_distinct_numbers(board, officer):
    meeting = _meeting(board)
    barrier = threading.Barrier(2)
    errors = []

    def add(title, section):
        try:
            barrier.wait(timeout=10)
            _add(meeting, officer, title, section)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=add, args=(HOUSING, "Development Items")),
        threading.Thread(target=add, args=(PLACE, "Development Items")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = _references(meeting)
    assert len(set(references)) == len(references) == 10
    assert _consecutive(references)
    assert set(_titles(meeting)[6:8]) == {HOUSING, PLACE}


# -- The same order everywhere ---------------------------------------------------


@pytest.fixture
def published(agenda):
    agenda.agenda_status = Meeting.AgendaStatus.PUBLISHED
    agenda.agenda_published_at = timezone.now()
    agenda.save()
    return agenda


def _in_text_order(text, titles):
    positions = [text.find(title) for title in titles]
    assert -1 not in positions, [t for t in titles if text.find(t) < 0]
    return positions == sorted(positions)


def test_the_meeting_page_prints_each_section_once_in_order(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    headings = re.findall(r'<h3 class="govuk-heading-m">([^<]+)</h3>', page)
    assert headings == [name for name, _ in SECTIONS]
    assert ">Items</h3>" not in page


def test_every_reader_shows_the_same_order(client, published, officer):
    client.force_login(officer)
    expected = [reference for reference, _, _ in EXPECTED]

    page = client.get(published.get_absolute_url()).content.decode()
    assert re.findall(r'id="item-([^"]+)"', page) == expected

    builder = client.get(reverse("meetings:agenda", args=[published.pk]))
    assert re.findall(r'id="agenda-item-([^"]+)"', builder.content.decode()) == expected

    event = client.get(reverse("api:ocd_event", args=[published.pk])).json()
    assert [i["extras"]["reference"] for i in event["agenda"]] == expected

    api = client.get(reverse("api:agendaitem-list"), {"meeting": published.pk}).json()
    assert [i["reference"] for i in api["results"]] == expected

    for audience in ("public", "members"):
        inputs = pack.inputs(published, audience)
        assert [i.reference for i in inputs.items] == expected
        data, _ = pack.build(inputs)
        front = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        shown = CONTRACT if audience == "members" else "Contract award"
        titles = [t for _, _, t in EXPECTED]
        titles[titles.index(CONTRACT)] = shown
        assert _in_text_order(" ".join(front.split()), titles), front
        headings = [name for name, _ in SECTIONS]
        assert _in_text_order(" ".join(front.split()), headings), front


def test_the_api_lists_each_meeting_in_agenda_order(client, published, officer):
    later = _meeting(published.body, days=60)
    _add(later, officer, CONTRACT, "Private Business", is_exempt=True)
    _add(later, officer, PLACE, "Delivery Items")
    later.agenda_status = Meeting.AgendaStatus.PUBLISHED
    later.save()
    client.force_login(officer)
    rows = client.get(reverse("api:agendaitem-list"), {"page_size": 200}).json()
    by_meeting = {}
    for row in rows["results"]:
        by_meeting.setdefault(row["meeting"], []).append(row["reference"])
    for meeting in (published, later):
        assert by_meeting[meeting.pk] == _references(meeting)
        assert _consecutive(by_meeting[meeting.pk])


# -- Items saved before the rule ---------------------------------------------------


def test_items_saved_without_a_section_are_placed_and_renumbered(board):
    from django.apps import apps

    migration = importlib.import_module(
        "meetings.migrations.0024_agenda_items_in_sections"
    )
    draft = factories.MeetingFactory(
        body=board, agenda_status="draft", start=factories.london(2020, 1, 13, 14)
    )
    published = factories.MeetingFactory(body=board)
    old = [
        ("Welcome and Apologies for Absence", {}),
        (CONTRACT, {"is_exempt": True, "exempt_paragraph": 3}),
        (HOUSING, {}),
        ("Any other items of public business", {"is_standing_end": True}),
        ("Any other items of private business", {"is_standing_end": True}),
    ]
    for number, (title, extra) in enumerate(old, start=1):
        factories.AgendaItemFactory(
            meeting=draft, section=None, number=number, title=title, **extra
        )
    factories.AgendaItemFactory(
        meeting=published,
        number=1,
        title=CONTRACT,
        is_exempt=True,
        exempt_paragraph=3,
        section=_section(board, "Development Items"),
    )
    factories.AgendaItemFactory(meeting=published, number=2, section=None)

    lines = migration.place_items(apps, None, say=lambda line: None)

    assert _agenda(draft) == [
        ("1", "Public Business", "Welcome and Apologies for Absence"),
        ("2", "Public Business", HOUSING),
        ("3", "Governance Items", "Any other items of public business"),
        ("4", "Private Business", CONTRACT),
        ("5", "Private Business", "Any other items of private business"),
    ]
    # A published agenda's numbers are the record: kept, and named.
    assert _agenda(published) == [
        ("2", "Public Business", HOUSING),
        ("1", "Private Business", CONTRACT),
    ]
    assert sum("put in" in line for line in lines) == 7
    assert any(
        f"Meeting {draft.pk} " in line and "renumbered" in line for line in lines
    )
    assert any(f"Meeting {published.pk} " in line and "kept" in line for line in lines)
    again = migration.place_items(apps, None, say=lambda line: None)
    assert not any("put in" in line or "renumbered" in line for line in again)
