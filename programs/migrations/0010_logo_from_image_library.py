"""Logos are chosen from the image library: the old file field steps aside for the data migration."""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_image_library"),
        ("programs", "0009_editing_guards"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="partnerorganisation", name="programs_partner_logo_has_alt_text"),
        migrations.RenameField(model_name="partnerorganisation", old_name="logo", new_name="logo_file"),
        migrations.AddField(
            model_name="partnerorganisation",
            name="logo",
            field=models.ForeignKey(
                blank=True,
                help_text="From the image library; pages show the whole logo in a 2:1 box. Describe it as “NIA logo”.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partners",
                to="library.image",
                verbose_name="logo",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="image",
            field=models.ForeignKey(
                blank=True,
                help_text="From the image library; shown on the session’s page and beside it in lists.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="library.image",
                verbose_name="image",
            ),
        ),
    ]
