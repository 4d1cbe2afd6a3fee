"""A minute number is used once in a body's municipal year, and the database
holds the rule. Each minute now keeps its meeting's body. Minutes already
numbered twice in a year cannot take the rule: the migration lists them and
stops, so an officer can renumber them (as amendments) before it runs."""

import django.db.models.deletion
from django.db import migrations, models


def copy_body(apps, schema_editor):
    Minute = apps.get_model("meetings", "Minute")
    for minute in Minute.objects.select_related("meeting").iterator():
        Minute.objects.filter(pk=minute.pk).update(body_id=minute.meeting.body_id)
    HistoricalMinute = apps.get_model("meetings", "HistoricalMinute")
    Meeting = apps.get_model("meetings", "Meeting")
    bodies = dict(Meeting.objects.values_list("pk", "body_id"))
    for row in HistoricalMinute.objects.filter(body_id__isnull=True).iterator():
        if row.meeting_id in bodies:
            HistoricalMinute.objects.filter(pk=row.pk).update(
                body_id=bodies[row.meeting_id]
            )


def refuse_duplicates(apps, schema_editor):
    Minute = apps.get_model("meetings", "Minute")
    seen, twice = {}, []
    for minute in Minute.objects.select_related("meeting", "body").order_by(
        "body_id", "municipal_year", "number", "meeting__start"
    ):
        key = (minute.body_id, minute.municipal_year, minute.number)
        if key in seen:
            twice.append(
                f"{minute.body.name}, {minute.municipal_year}/"
                f"{(minute.municipal_year + 1) % 100:02d}: minute {minute.number} "
                f"at the meetings of {seen[key]:%d %B %Y} and "
                f"{minute.meeting.start:%d %B %Y}"
            )
        else:
            seen[key] = minute.meeting.start
    if twice:
        raise RuntimeError(
            "These minute numbers are used twice in a municipal year; renumber "
            "them before this migration can hold the rule:\n  " + "\n  ".join(twice)
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0019_pack_import_choices")]

    operations = [
        migrations.AddField(
            model_name="minute",
            name="body",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.body",
            ),
        ),
        migrations.AddField(
            model_name="historicalminute",
            name="body",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.body",
            ),
        ),
        migrations.RunPython(copy_body, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="minute",
            name="body",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.body",
            ),
        ),
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="minute", name="minute_unique_number"),
        migrations.AddConstraint(
            model_name="minute",
            constraint=models.UniqueConstraint(
                fields=("body", "municipal_year", "number"),
                name="minute_number_once_a_year",
                violation_error_message="That minute number is already used in this "
                "board's municipal year: minutes are numbered once a year.",
            ),
        ),
    ]
