"""The photo and its description now live in the image library: the old columns go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("offices", "0011_move_photos_into_library")]

    operations = [
        migrations.RemoveField(model_name="office", name="photo_file"),
        migrations.RemoveField(model_name="office", name="photo_alt"),
        migrations.RemoveField(model_name="office", name="photo_alt_en"),
        migrations.RemoveField(model_name="office", name="photo_alt_ko"),
        migrations.RemoveField(model_name="office", name="photo_alt_ru"),
        migrations.RemoveField(model_name="office", name="photo_alt_es"),
        migrations.RemoveField(model_name="office", name="photo_alt_zh_hans"),
    ]
