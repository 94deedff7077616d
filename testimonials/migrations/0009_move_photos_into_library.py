"""Each photo becomes an image of the library, with the same stored file and description (library.migration_helpers)."""

from django.db import migrations

from library.migration_helpers import move_into_library, move_out_of_library

MOVE = {"file_field": "photo_file", "alt_field": "photo_alt", "image_field": "photo", "translated": False}


def title(row):
    return f"{row.honorific} {row.person}".strip()


def forwards(apps, schema_editor):
    move_into_library(apps, "testimonials.Testimonial", title=title, **MOVE)


def backwards(apps, schema_editor):
    move_out_of_library(apps, "testimonials.Testimonial", **MOVE)


class Migration(migrations.Migration):
    dependencies = [("testimonials", "0008_photo_from_image_library")]

    operations = [migrations.RunPython(forwards, backwards)]
