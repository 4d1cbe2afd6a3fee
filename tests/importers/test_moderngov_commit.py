# ruff: noqa: E501
"""A ModernGov site's records saved through the same services as a pack."""

from pathlib import Path

import pytest
from django.core.management import call_command

from meetings import services
from meetings.importers import moderngov
from meetings.models import Attendance, Body, Meeting

pytestmark = pytest.mark.django_db

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "moderngov" / "council"


def reading():
    return moderngov.read(moderngov.FolderSource(FOLDER))


def test_committees_meetings_items_and_attendance_are_saved():
    got = reading()
    result = services.import_commit(got, by=None)
    assert result["counts"]["meetings added"] == len(got["meetings"])
    for m in got["meetings"]:
        body = Body.objects.get(name=m["body"])
        meeting = Meeting.objects.get(body=body, start__date=m["date"])
        assert meeting.status == m["status"]
        printed = [(int(i["number"]), i["sub"] or "") for i in m["agenda"]["items"]]
        saved = list(meeting.agenda_items.values_list("number", "sub_letter"))
        # every printed item is saved, except an exempt one with no paragraph,
        # which is reported instead
        unreadable = {
            (int(i["number"]), i["sub"] or "")
            for i in m["agenda"]["items"]
            if i["exempt"] and not i["exempt_paragraph"]
        }
        assert sorted(saved) == sorted(set(printed) - unreadable)
        for number, sub in unreadable:
            assert any(
                r["message"].startswith(f"Item {number}{sub} of ")
                for r in result["left_out"]
            )
        for item in m["agenda"]["items"]:
            if item["documents"] and (int(item["number"]), item["sub"] or "") in saved:
                row = meeting.agenda_items.get(
                    number=int(item["number"]), sub_letter=item["sub"] or ""
                )
                assert [d["url"] for d in row.source_documents] == [
                    d["url"] for d in item["documents"]
                ]
        if m["status"] == "held":
            present = {
                a.person.display_name
                for a in meeting.attendances.filter(status=Attendance.Status.PRESENT)
            }
            assert {p["name"] for p in m["attendance"]["present_members"]} <= present
        else:
            assert not meeting.attendances.exists()
    assert Meeting.objects.filter(status=Meeting.Status.CANCELLED).exists()


def test_reimporting_a_moderngov_site_changes_nothing():
    services.import_commit(reading(), by=None)
    before = (
        Meeting.objects.count(),
        Attendance.objects.count(),
        sorted(Meeting.objects.values_list("pk", "status", "venue")),
    )
    again = services.import_commit(reading(), by=None)
    assert "meetings added" not in again["counts"]
    assert before == (
        Meeting.objects.count(),
        Attendance.objects.count(),
        sorted(Meeting.objects.values_list("pk", "status", "venue")),
    )


def test_the_command_saves_only_with_commit(capsys):
    call_command("import_moderngov", folder=str(FOLDER))
    assert "Nothing saved" in capsys.readouterr().out
    assert not Meeting.objects.exists()
    call_command("import_moderngov", folder=str(FOLDER), commit=True)
    assert "meetings added" in capsys.readouterr().out
    assert Meeting.objects.exists()
