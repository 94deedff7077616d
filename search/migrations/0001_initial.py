"""The search index moves from the wego_site app (the composition root) to an app of its own.

The GIN index of migration wego_site 0004 keeps its name and follows the table."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions, roles and the admin's history follow the model to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="wego_site", model="searchentry").update(app_label="search")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="search", model="searchentry").update(app_label="wego_site")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('wego_site', '0005_page_english_columns'),
    ]

    operations = [
        # The table already exists: it was the wego_site app's. Take it over, then give it this app's name.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                        ('language', models.CharField(max_length=10, verbose_name='language')),
                        ('kind', models.CharField(choices=[('office', 'Regional Office'), ('person', 'Person'), ('programme', 'Programme'), ('session', 'Session'), ('testimonial', 'Testimonial'), ('document', 'Document'), ('page', 'Page')], max_length=20, verbose_name='kind')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('text', models.TextField(blank=True, help_text='Plain text the excerpt of a result is taken from.', verbose_name='text')),
                        ('url', models.CharField(max_length=500, verbose_name='address')),
                        ('visible_from', models.DateTimeField(blank=True, help_text='The latest publish-from date of what the entry shows.', null=True, verbose_name='visible from')),
                        ('title_terms', models.TextField(blank=True, verbose_name='title words')),
                        ('names_terms', models.TextField(blank=True, verbose_name='name, place and topic words')),
                        ('body_terms', models.TextField(blank=True, verbose_name='body words')),
                        ('document', models.TextField(blank=True, verbose_name='all words')),
                        ('indexed_at', models.DateTimeField(auto_now=True, verbose_name='indexed at')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
                    ],
                    options={
                        'db_table': 'wego_site_searchentry',
                        'verbose_name': 'search entry',
                        'verbose_name_plural': 'search entries',
                        'indexes': [models.Index(fields=['language', 'kind'], name='wego_site_search_lang_kind')],
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language'), name='wego_site_searchentry_one_per_language'), models.CheckConstraint(condition=models.Q(('kind__in', ['office', 'person', 'programme', 'session', 'testimonial', 'document', 'page'])), name='wego_site_searchentry_kind_valid')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
        migrations.AlterModelTable(name="searchentry", table=None),
    ]
