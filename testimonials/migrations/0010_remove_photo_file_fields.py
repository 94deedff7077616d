"""The photo and its description now live in the image library: the old columns go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("testimonials", "0009_move_photos_into_library")]

    operations = [
        migrations.RemoveField(model_name="testimonial", name="photo_file"),
        migrations.RemoveField(model_name="testimonial", name="photo_alt"),
    ]
