from django.db import migrations
from django.db.models import F

# The fields testimonials/translation.py registers, as they were when their language columns appeared.
TRANSLATED = ["position", "organisation", "city", "country", "on_behalf_of"]


def copy_into_english(apps, schema_editor):
    """Rows written before the translations keep their text: it becomes the English version."""
    testimonial = apps.get_model("testimonials", "Testimonial")
    for field in TRANSLATED:
        testimonial.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [
        ("testimonials", "0002_translations_quote_language_and_photo_description"),
    ]

    operations = [
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
