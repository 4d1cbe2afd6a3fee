"""Attendance rows read as they print.

Until now the member whose seat a substitute took carried the status
"substitute", and the substitute was "present" with `substitute_for` set, so
the minutes printed the member as present and the substitute as a plain
member. Now each row's status is its own person's: the member sent apologies,
the substitute is a substitute for the member.

Changing the substitute used to leave the first one's row in place, so a seat
may have two substitutes: the latest row (the highest id) keeps the seat, the
others stay recorded as substitutes for nobody named, ready for the rule of
one substitute a seat that the next migration adds.
"""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Attendance = apps.get_model("meetings", "Attendance")
    Attendance.objects.filter(status="substitute").update(status="apologies")
    Attendance.objects.filter(substitute_for=F("person")).update(substitute_for=None)
    seated = Attendance.objects.filter(substitute_for__isnull=False)
    seated.update(status="substitute")
    kept = set()
    for row in seated.order_by("meeting_id", "substitute_for_id", "-pk"):
        seat = (row.meeting_id, row.substitute_for_id)
        if seat in kept:
            Attendance.objects.filter(pk=row.pk).update(substitute_for=None)
        kept.add(seat)


def backwards(apps, schema_editor):
    Attendance = apps.get_model("meetings", "Attendance")
    seats = list(
        Attendance.objects.filter(substitute_for__isnull=False).values_list(
            "meeting_id", "substitute_for_id"
        )
    )
    Attendance.objects.filter(status="substitute").update(status="present")
    for meeting_id, person_id in seats:
        Attendance.objects.filter(meeting_id=meeting_id, person_id=person_id).update(
            status="substitute"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0024_agenda_items_in_sections"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
