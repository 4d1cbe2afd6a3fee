"""Actions' reminders are found due from the rows and kept once by their
notification keys, not scheduled and claimed on the row. Before the fields
go, each reminder a row records as claimed gets its key, so none is sent a
second time: one claimed while its owner had no email address (or marked
claimed by the demo) left no notification behind."""

from django.db import migrations


def keys_for_claimed_reminders(apps, schema_editor):
    Action = apps.get_model("meetings", "Action")
    Notification = apps.get_model("hwbb", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    claimed = (
        Action.objects.exclude(last_reminder="")
        .filter(owner_person__isnull=False, due_date__isnull=False)
        .select_related("owner_person")
    )
    if not claimed.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="meetings", model="action"
    )
    for action in claimed.iterator():
        given = ["due_soon"]
        if action.last_reminder == "overdue":
            given.append("overdue")
        for reminder in given:
            kind = f"action_{reminder}"
            Notification.objects.get_or_create(
                key=f"{kind}:action-{action.pk}:due-{action.due_date}",
                defaults={
                    "kind": kind,
                    "person": action.owner_person,
                    "email": action.owner_person.email,
                    "content_type": content_type,
                    "object_id": action.pk,
                    "about": action.title[:300],
                    "status": "not_needed",
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("hwbb", "0002_notification_kinds"),
        ("meetings", "0014_sub_letter_one_lower_case_letter"),
    ]

    operations = [
        migrations.RunPython(keys_for_claimed_reminders, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="action",
            name="last_reminder",
        ),
        migrations.RemoveField(
            model_name="action",
            name="next_reminder_at",
        ),
        migrations.RemoveField(
            model_name="action",
            name="reminders_sent",
        ),
        migrations.RemoveField(
            model_name="historicalaction",
            name="last_reminder",
        ),
    ]
