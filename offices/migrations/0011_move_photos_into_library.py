"""Each photo becomes an image of the library, with the same stored file and description (library.migration_helpers)."""

from django.db import migrations

from library.migration_helpers import move_into_library, move_out_of_library

MOVE = {"file_field": "photo_file", "alt_field": "photo_alt", "image_field": "photo", "translated": True}


def title(row):
    return row.name_en or row.name


def forwards(apps, schema_editor):
    move_into_library(apps, "offices.Office", title=title, **MOVE)


def backwards(apps, schema_editor):
    move_out_of_library(apps, "offices.Office", **MOVE)


class Migration(migrations.Migration):
    dependencies = [("offices", "0010_photo_from_image_library")]

    operations = [migrations.RunPython(forwards, backwards)]
