"""The logo and its description now live in the image library: the old columns go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("programs", "0011_move_logos_into_library")]

    operations = [
        migrations.RemoveField(model_name="partnerorganisation", name="logo_file"),
        migrations.RemoveField(model_name="partnerorganisation", name="logo_alt"),
    ]
