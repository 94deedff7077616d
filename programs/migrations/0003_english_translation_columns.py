from django.db import migrations
from django.db.models import F

# The fields programs/translation.py registers, as they were when their language columns appeared.
TRANSLATED = {
    "programme": ["name", "summary", "body"],
    "session": ["title", "description", "place", "application_period"],
    "topic": ["name"],
    "technicaltour": ["name"],
    "sessioncontact": ["role"],
    "partnerorganisation": ["name", "short_name"],
    "city": ["name", "country"],
}


def copy_into_english(apps, schema_editor):
    """Rows written before the translations keep their text: it becomes the English version."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("programs", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_translations"),
    ]

    operations = [
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
