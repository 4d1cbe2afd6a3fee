"""The four roles as groups. Officers get every permission on the three apps
(they run the board through the admin until their own pages are built)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Governance officer", "Chair", "Board member", "Report author"]
OFFICER_APPS = ["meetings", "strategy", "indicators"]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    officer = Group.objects.get(name="Governance officer")
    officer.permissions.set(
        Permission.objects.filter(content_type__app_label__in=OFFICER_APPS)
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("strategy", "0001_initial"),
        ("indicators", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
