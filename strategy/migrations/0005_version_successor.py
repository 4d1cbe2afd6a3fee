import django.db.models.deletion
from django.db import migrations, models


def link_successors(apps, schema_editor):
    """Each version that set priorities is followed by the next one of its
    strategy (a stocktake sets none): what `is_current` stood for by hand."""
    Version = apps.get_model("strategy", "StrategyVersion")
    by_strategy = {}
    for version in Version.objects.exclude(kind="stocktake").order_by(
        "strategy", "period_start", "published", "pk"
    ):
        by_strategy.setdefault(version.strategy_id, []).append(version)
    for versions in by_strategy.values():
        for version, following in zip(versions, versions[1:]):
            version.successor = following
            version.save(update_fields=["successor"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0004_progress_reminders_as_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="strategyversion",
            name="successor",
            field=models.ForeignKey(
                blank=True,
                help_text="The version that replaced this one: it ends the day before its successor starts.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="predecessors",
                to="strategy.strategyversion",
            ),
        ),
        migrations.RunPython(link_successors, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="strategyversion",
            name="is_current",
        ),
    ]
