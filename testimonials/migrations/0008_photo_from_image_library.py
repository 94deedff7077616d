"""Photos are chosen from the image library: the old file field steps aside for the data migration."""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_image_library"),
        ("testimonials", "0007_editing_guards"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="testimonial", name="testimonials_photo_has_alt_text"),
        migrations.RenameField(model_name="testimonial", old_name="photo", new_name="photo_file"),
        migrations.AddField(
            model_name="testimonial",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="A portrait from the image library; pages show it as a small square.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="testimonials",
                to="library.image",
                verbose_name="photo",
            ),
        ),
    ]
