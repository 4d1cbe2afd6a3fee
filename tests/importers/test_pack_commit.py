# ruff: noqa: E501  (the pack below is printed text, line for line)
"""Saving a pack through the services: matched, never doubled, never guessed."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from hwbb import provenance
from meetings import services
from meetings.importers.pack import read_pack
from meetings.importers.source import lines_from_text
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Minute,
    NameAlias,
    Person,
    ResolutionClause,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "meetings" / "demo" / "seeds"
HWB_PACK = SEEDS / "coventry-hwb-2019-07-08-pack.txt"
CABINET_PACK = SEEDS / "coventry-cabinet-2019-10-29-pack.txt"


def read(path_or_text, source=""):
    text = path_or_text.read_text() if isinstance(path_or_text, Path) else path_or_text
    return read_pack(lines_from_text(text), source=source)


def row_counts():
    """Rows in every table of the project's apps, history tables included."""
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("meetings", "strategy", "indicators", "hwbb")
    }


def test_a_pack_is_saved_through_the_services():
    result = services.import_commit(read(HWB_PACK, source="the July pack"), by=None)
    assert result["left_out"] == []
    july = Meeting.objects.get(start__date=datetime.date(2019, 7, 8))
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    assert july.body == april.body
    assert july.body.name == "Coventry Health and Well-being Board"
    assert timezone.localtime(july.start).time() == datetime.time(14, 0)
    assert july.venue == "Committee Room 3 - Council House"
    assert july.agenda_status == Meeting.AgendaStatus.PUBLISHED
    items = list(july.agenda_items.order_by("number", "sub_letter"))
    assert [i.reference for i in items][:5] == ["1", "2", "3", "3(a)", "3(b)"]
    assert items[2].page_start == 5 and items[2].page_end == 20
    seven = july.agenda_items.get(number=7)
    assert seven.section.name == "Development Items"
    assert seven.presenter == "Liz Gaulton, Director of Public Health and Wellbeing"
    # the minutes of 8 April, printed inside the July pack
    assert april.closed_at == datetime.time(16, 0)
    assert april.minutes_status == Meeting.MinutesStatus.PUBLISHED_DRAFT
    numbers = list(april.minutes.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(40, 54))
    m45 = april.minutes.get(number=45)
    clauses = list(m45.resolution.clauses.order_by("order"))
    assert [(c.parent.label if c.parent else "", c.label) for c in clauses] == [
        ("", "1"),
        ("", "2"),
        ("2", "i"),
        ("2", "ii"),
    ]
    assert clauses[0].verb == ResolutionClause.Verb.APPROVED
    assert "<ul><li>Enhance our places and spaces for all</li>" in m45.narrative
    chair = Attendance.objects.get(
        meeting=april, person__display_name="Councillor Caan"
    )
    assert chair.status == Attendance.Status.PRESENT
    assert (
        Attendance.objects.get(
            meeting=april, person__display_name="Professor Guy Daly"
        ).status
        == Attendance.Status.APOLOGIES
    )
    officer = Attendance.objects.get(meeting=april, person__display_name="L Knight")
    assert (officer.capacity, officer.note) == (Attendance.Capacity.OFFICER, "Place")
    # where each row was read is kept for officers
    [note] = provenance.of(m45)
    assert note.note == "Imported from the July pack, line 204."


def test_importing_the_same_pack_twice_changes_nothing():
    services.import_commit(read(HWB_PACK), by=None)
    services.import_commit(read(CABINET_PACK), by=None)
    before = row_counts()
    again = services.import_commit(read(CABINET_PACK), by=None)
    services.import_commit(read(HWB_PACK), by=None)
    assert row_counts() == before
    assert "minutes added" not in again["counts"]
    assert again["counts"]["minutes matched"] == 12


def test_a_pack_after_the_meetings_own_minutes_adds_only_what_is_new():
    text = HWB_PACK.read_text().splitlines()
    minutes_only = "\n".join(text[96:470])  # the 8 April minutes, as their own document
    first = services.import_commit(read(minutes_only), by=None)
    assert first["counts"]["minutes added"] == 14
    assert "agenda items added" not in first["counts"]
    people = Person.objects.count()
    second = services.import_commit(read(HWB_PACK), by=None)
    assert second["counts"]["minutes matched"] == 14
    assert "minutes added" not in second["counts"]
    assert second["counts"]["agenda items added"] == 14
    assert Person.objects.count() == people
    assert Minute.objects.count() == 14


def test_name_variants_are_one_person_and_an_officer_can_correct_the_table():
    kamran = Person.objects.create(
        honorific="Councillor",
        given_names="Kamran",
        family_name="Caan",
        display_name="Councillor Kamran Caan",
    )
    plan = services.import_plan(read(HWB_PACK))
    caan = next(n for n in plan["names"] if n["printed"] == "Councillor Caan")
    assert (caan["how"], caan["person"]) == ("name", kamran.pk)
    services.import_commit(read(HWB_PACK), by=None)
    services.import_commit(read(CABINET_PACK), by=None)  # prints "Councillor K Caan"
    assert Person.objects.filter(family_name="Caan").count() == 1
    assert set(
        NameAlias.objects.filter(person=kamran).values_list("key", flat=True)
    ) >= {
        "caan",
        "k caan",
    }
    # an officer says "Councillor Duggins" is someone else; the next import follows
    other = Person.objects.create(
        family_name="Duggins", display_name="Cllr George Duggins"
    )
    NameAlias.objects.filter(key="duggins").update(person=other, confirmed=True)
    plan = services.import_plan(read(HWB_PACK))
    duggins = next(n for n in plan["names"] if n["printed"] == "Councillor Duggins")
    assert (duggins["how"], duggins["person"]) == ("alias", other.pk)


def test_a_name_it_cannot_place_is_left_out_and_reported_until_chosen():
    for given in ("Jane", "Kate"):
        Person.objects.create(
            given_names=given,
            family_name="Taylor",
            display_name=f"Councillor {given} Taylor",
        )
    reading = read(HWB_PACK)
    result = services.import_commit(reading, by=None)
    [left] = [r for r in result["left_out"] if "Taylor" in r["message"]]
    assert left["line"] == 109
    assert "choose who it is" in left["message"]
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    assert not april.attendances.filter(person__family_name="Taylor").exists()
    kate = Person.objects.get(given_names="Kate")
    services.import_commit(reading, by=None, choices={"taylor": kate.pk})
    assert april.attendances.get(person__family_name="Taylor").person == kate


SUBSTITUTES_AND_PART_2 = """\
Anytown Health and Wellbeing Board

Date: Thursday 14 March 2024
Time: 10.00 am
Venue: Council Chamber

Part 1

1 Minutes (Pages 1 - 6)

Part 2

2 Care Home Contract Award

3 Staffing Matter (Pages 7 - 9)
Not for publication by virtue of paragraph 1 of Part 1 of Schedule 12A

MINUTES of a meeting of the Anytown Health and Wellbeing Board held on Thursday, 11 January 2024 at 10.00 am

Present: Councillor A Jones (Chair), Councillor B Smith
Substitutes: Councillor E Brown for Councillor F Green

12/24 Declarations of Interest
Councillor B Smith declared a disclosable pecuniary interest in Minute 13/24.

13/24 Minutes
RESOLVED that the minutes of the meeting held on 9 November 2023 be confirmed as a correct record.

The meeting ended at 11.45 am.
"""


def test_substitutes_exempt_items_and_declarations():
    result = services.import_commit(read(SUBSTITUTES_AND_PART_2), by=None)
    body = Body.objects.get(name="Anytown Health and Wellbeing Board")
    march = Meeting.objects.get(body=body, start__date=datetime.date(2024, 3, 14))
    # item 2 is exempt but prints no paragraph: left out, not guessed
    assert list(march.agenda_items.values_list("number", flat=True)) == [1, 3]
    assert any(
        "Item 2 of Anytown Health and Wellbeing Board on 14 March 2024" in r["message"]
        and "paragraph" in r["message"]
        for r in result["left_out"]
    )
    staffing = march.agenda_items.get(number=3)
    assert (staffing.is_exempt, staffing.exempt_paragraph) == (True, 1)
    assert staffing.section.is_private
    january = Meeting.objects.get(body=body, start__date=datetime.date(2024, 1, 11))
    brown = january.attendances.get(person__family_name="Brown")
    green = january.attendances.get(person__family_name="Green")
    assert brown.substitute_for == green.person
    assert brown.status == Attendance.Status.SUBSTITUTE
    assert green.status == Attendance.Status.APOLOGIES
    declaration = Declaration.objects.get(meeting=january)
    assert declaration.kind == Declaration.Kind.PECUNIARY
    assert declaration.person.family_name == "Smith"


def test_minutes_of_an_approved_meeting_are_not_changed():
    services.import_commit(read(HWB_PACK), by=None)
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    Minute.objects.filter(meeting=april, number=53).delete()
    april.minutes_status = Meeting.MinutesStatus.APPROVED
    april.save()
    result = services.import_commit(read(HWB_PACK), by=None)
    assert any(
        "Minute 53" in r["message"] and "approved" in r["message"]
        for r in result["left_out"]
    )
    assert not april.minutes.filter(number=53).exists()


def test_the_command_previews_without_saving_and_saves_with_commit(capsys):
    call_command("import_pack", str(CABINET_PACK))
    out = capsys.readouterr().out
    assert "Nothing saved" in out and "new meeting" in out
    assert Meeting.objects.count() == 0
    call_command("import_pack", str(CABINET_PACK), commit=True)
    assert "12 minutes added" in capsys.readouterr().out
    assert AgendaItem.objects.count() == 9


@pytest.mark.parametrize(
    "name, data, message",
    [("missing.pdf", None, "No such file"), ("bad.pdf", b"not a pdf", "not a PDF")],
)
def test_the_command_refuses_bad_files_clearly(tmp_path, name, data, message):
    from django.core.management.base import CommandError

    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("import_pack", str(path))


def test_resolutions_print_back_as_the_minutes_printed_them(client):
    services.import_commit(read(HWB_PACK), by=None)
    services.import_commit(read(CABINET_PACK), by=None)
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    html = client.get(f"/meetings/{april.pk}/minutes/").content.decode()
    assert "RESOLVED that the content of the report be noted." in html
    assert "RESOLVED that RESOLVED" not in html
    assert (
        "RESOLVED that, having considered the outcomes and learning from the current "
        "Health and Wellbeing Strategy to inform the Strategy refresh:"
    ) in html
    october = Meeting.objects.get(start__date=datetime.date(2019, 10, 8))
    html = client.get(f"/meetings/{october.pk}/minutes/").content.decode()
    assert "RESOLVED that, the Cabinet:" in html


def test_the_preview_says_what_saving_will_do_for_a_members_name():
    """Two Councillor Taylors, one of them on the board: the preview and the
    import agree that the member is meant."""
    body = Body.objects.create(name="Coventry Health and Well-being Board", slug="hwb")
    for given in ("Jane", "Kate"):
        person = Person.objects.create(
            given_names=given, family_name="Taylor", display_name=f"Cllr {given} Taylor"
        )
        if given == "Kate":
            body.memberships.create(person=person)
    reading = read(HWB_PACK)
    taylor = next(
        n for n in services.import_plan(reading)["names"] if n["key"] == "taylor"
    )
    assert (taylor["how"], taylor["person_name"]) == ("member", "Cllr Kate Taylor")
    result = services.import_commit(reading, by=None)
    assert not [r for r in result["left_out"] if "Taylor" in r["message"]]
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    assert (
        april.attendances.get(person__family_name="Taylor").person.given_names == "Kate"
    )


def test_readings_without_a_date_or_a_body_are_left_out_not_crashed_on():
    text = HWB_PACK.read_text()
    no_date = text.replace("2.00 pm on Monday, 8th July, 2019", "TBC")
    result = services.import_commit(read(no_date), by=None)
    assert any("date could not be read" in r["message"] for r in result["left_out"])
    assert not Meeting.objects.filter(start__date=datetime.date(2019, 7, 8)).exists()
    assert Minute.objects.count() == 14  # the minutes inside are still read
    reading = read(HWB_PACK)
    reading["minutes"][0]["body"] = None
    plan = services.import_plan(reading)
    assert plan["meetings"][1]["unusable"] == "no body"
    result = services.import_commit(reading, by=None)
    assert any("body could not be read" in r["message"] for r in result["left_out"])


@pytest.mark.parametrize("choice", [999999, "abc"])
def test_a_choice_of_nobody_leaves_the_name_out(choice):
    result = services.import_commit(read(HWB_PACK), by=None, choices={"taylor": choice})
    [left] = [r for r in result["left_out"] if "Taylor" in r["message"]]
    assert "no longer exists" in left["message"]
    assert not Person.objects.filter(family_name="Taylor").exists()


@pytest.mark.django_db(transaction=True)
def test_two_officers_importing_the_same_meetings_at_once_add_them_once():
    """Two uploads of the same pack confirmed at the same moment: each import
    waits for the other, so the second finds what the first saved."""
    import threading

    from django.db import connection

    start, results = threading.Barrier(2), []

    def confirm():
        try:
            reading = read(HWB_PACK)
            start.wait()
            results.append(services.import_commit(reading, by=None))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 2
    assert Meeting.objects.count() == 2
    assert Minute.objects.count() == 14
    assert sorted("meetings added" in r["counts"] for r in results) == [False, True]


APRIL_AGENDA = """\
Coventry Health and Well-being Board

Time and Date

2.00 pm on Monday, 8th April, 2019

Place

Committee Room 3 - Council House

Public Business

1. Declarations of Interest

2. Minutes of Previous Meeting (Pages 1 - 8)

3. Chair's Update

4. Young People and Violence (Pages 9 - 30)

5. Coventry Physical Activity Framework 2019-2024 (Pages 31 - 80)

6. Any other items of public business
"""


@pytest.mark.parametrize("agenda_first", [True, False])
def test_minutes_are_joined_to_the_items_they_record(agenda_first):
    minutes_only = "\n".join(HWB_PACK.read_text().splitlines()[96:470])
    order = (
        [APRIL_AGENDA, minutes_only] if agenda_first else [minutes_only, APRIL_AGENDA]
    )
    for text in order:
        services.import_commit(read(text), by=None)
    april = Meeting.objects.get(start__date=datetime.date(2019, 4, 8))
    joined = dict(
        april.minutes.exclude(agenda_item=None).values_list(
            "number", "agenda_item__number"
        )
    )
    # 41 'Minutes of Previous Meeting' is the minutes item: not a business item
    assert joined == {40: 1, 43: 3, 44: 4, 45: 5, 53: 6}
