"""Progress returns' reminders are found due from the rows and kept once by
their notification keys, not scheduled and claimed on the row. Before the
fields go, each reminder a row records as claimed gets its key, so none is
sent a second time: one claimed while its lead had no email address left no
notification behind."""

from django.db import migrations


def keys_for_claimed_reminders(apps, schema_editor):
    ProgressReport = apps.get_model("strategy", "ProgressReport")
    Notification = apps.get_model("hwbb", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    claimed = (
        ProgressReport.objects.exclude(last_reminder="")
        .filter(requested_of__isnull=False, due_date__isnull=False)
        .select_related("requested_of", "priority")
    )
    if not claimed.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="strategy", model="progressreport"
    )
    for report in claimed.iterator():
        given = ["due_soon"]
        if report.last_reminder == "overdue":
            given.append("overdue")
        for reminder in given:
            kind = f"progress_{reminder}"
            Notification.objects.get_or_create(
                key=f"{kind}:report-{report.pk}:due-{report.due_date}",
                defaults={
                    "kind": kind,
                    "person": report.requested_of,
                    "email": report.requested_of.email,
                    "content_type": content_type,
                    "object_id": report.pk,
                    "about": f"{report.priority.title}: {report.title}"[:300],
                    "status": "not_needed",
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hwbb", "0002_notification_kinds"),
        ("strategy", "0003_progress_report_cycle"),
    ]

    operations = [
        migrations.RunPython(keys_for_claimed_reminders, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="progressreport",
            name="last_reminder",
        ),
        migrations.RemoveField(
            model_name="progressreport",
            name="next_reminder_at",
        ),
    ]
