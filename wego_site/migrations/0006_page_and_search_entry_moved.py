"""Page and SearchEntry now belong to the pages and search apps, which took over their tables."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('wego_site', '0005_page_english_columns'),
        ('pages', '0001_initial'),
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Page'),
                migrations.DeleteModel(name='SearchEntry'),
            ],
        ),
    ]
