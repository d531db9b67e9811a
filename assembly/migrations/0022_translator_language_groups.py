"""Groups that limit a translator to one language: "Translators ru", "Translators en".

A member of "Translators" and one of these translates only into that language
(assembly/admin/roles.py); the permissions stay with "Translators".
"""

from django.db import migrations

GROUPS = ("Translators ru", "Translators en")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0021_translation_source"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
