from django.db import migrations


class Migration(migrations.Migration):
    # Separate from 0002: PostgreSQL refuses to alter a table with pending foreign key checks.
    dependencies = [
        ("contact", "0002_contactmessage_programme"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="contactmessage",
            name="programme_name",
        ),
    ]
