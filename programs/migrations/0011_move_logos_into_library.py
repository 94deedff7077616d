"""Each logo becomes an image of the library, with the same stored file and description (library.migration_helpers)."""

from django.db import migrations

from library.migration_helpers import move_into_library, move_out_of_library

MOVE = {"file_field": "logo_file", "alt_field": "logo_alt", "image_field": "logo", "translated": False}


def title(row):
    return f"{row.name_en or row.name} logo"


def forwards(apps, schema_editor):
    move_into_library(apps, "programs.PartnerOrganisation", title=title, **MOVE)


def backwards(apps, schema_editor):
    move_out_of_library(apps, "programs.PartnerOrganisation", **MOVE)


class Migration(migrations.Migration):
    dependencies = [("programs", "0010_logo_from_image_library")]

    operations = [migrations.RunPython(forwards, backwards)]
