"""Photos are chosen from the image library: the old file field steps aside for the data migration."""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_image_library"),
        ("offices", "0009_document_languages"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="office", name="offices_office_photo_has_alt"),
        migrations.RenameField(model_name="office", old_name="photo", new_name="photo_file"),
        migrations.AddField(
            model_name="office",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="From the image library; pages show it cropped to a 16:10 frame around its focal point.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offices",
                to="library.image",
                verbose_name="photo",
            ),
        ),
    ]
