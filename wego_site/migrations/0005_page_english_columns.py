from django.db import migrations
from django.db.models import F

FIELDS = ["title", "introduction", "body", "meta_description"]


def copy_into_english(apps, schema_editor):
    """Section pages written before the translations keep their text: it becomes the English version."""
    page = apps.get_model("wego_site", "Page")
    for field in FIELDS:
        page.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [
        ("wego_site", "0004_search_entries"),
    ]

    operations = [
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
