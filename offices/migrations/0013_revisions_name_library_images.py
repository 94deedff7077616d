"""Saved revisions name the library image instead of the file they held before it moved
(library.migration_helpers.images_in_revisions), so they can still be compared and restored."""

from django.db import migrations

from library.migration_helpers import images_in_revisions


def title(fields):
    return fields.get("name_en") or fields.get("name") or ""


def forwards(apps, schema_editor):
    images_in_revisions(
        apps, "offices.Office", alt_field="photo_alt", image_field="photo", title=title, translated=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("offices", "0012_remove_photo_file_fields"),
        ("library", "0001_image_library"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Nothing to undo: a revision that names an image restores the image.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
