from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
TRANSLATORS = "Translators"
CONTENT_MODELS = ("newsitem", "keyfigure", "initiative", "institution", "topic", "region")


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    assembly_perms = Permission.objects.filter(content_type__app_label="assembly")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editor_codenames = [
        f"{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    ] + ["publish_newsitem"]
    editors.permissions.add(*assembly_perms.filter(codename__in=editor_codenames))
    # Editors see revisions through the admin's history and recover pages.
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reversion", codename__in=["view_revision", "view_version"]
        )
    )

    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translator_codenames = [
        f"{action}_{model}" for model in CONTENT_MODELS for action in ("change", "view")
    ]
    translators.permissions.add(*assembly_perms.filter(codename__in=translator_codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, TRANSLATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0005_editorial_admin"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
