from django.db import migrations

# Area.TYPE_BY_ENTITY as it stood when this migration was written.
TYPE_BY_ENTITY = {
    "E92": "country",
    "W92": "country",
    "S92": "country",
    "N92": "country",
    "E12": "region",
    "E06": "local_authority",
    "E07": "local_authority",
    "E08": "local_authority",
    "E09": "local_authority",
    "E10": "local_authority",
    "E05": "ward",
    "W05": "ward",
}


def type_areas_by_code(apps, schema_editor):
    """An area whose GSS code names its type takes that type: England is a
    country whatever the file it came from called it."""
    Area = apps.get_model("indicators", "Area")
    for area in Area.objects.all():
        known = TYPE_BY_ENTITY.get(area.code[:3])
        if known and area.area_type != known:
            area.area_type = known
            area.save(update_fields=["area_type"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_import_job"),
    ]

    operations = [
        migrations.RunPython(type_areas_by_code, migrations.RunPython.noop),
    ]
