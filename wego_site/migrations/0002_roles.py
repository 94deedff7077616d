from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    # Permissions are normally created after every migration has run; create them now so the
    # groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from core.roles import sync_roles

    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    from core.roles import EDITORS, SECRETARIAT_ADMINS

    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, SECRETARIAT_ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wego_site", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("offices", "0001_initial"),
        ("programs", "0001_initial"),
        ("testimonials", "0001_initial"),
        ("contact", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
