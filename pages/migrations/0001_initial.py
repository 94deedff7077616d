"""The section pages move from the wego_site app (the composition root) to an app of their own."""

from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions, roles and the admin's history follow the model to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="wego_site", model="page").update(app_label="pages")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pages", model="page").update(app_label="wego_site")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wego_site', '0005_page_english_columns'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # The table already exists: it was the wego_site app's. Take it over, then give it this app's name.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('publication_status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], db_index=True, default='published', help_text='Drafts are visible only to logged-in staff, with a preview banner.', max_length=10, verbose_name='publication status')),
                        ('publish_from', models.DateTimeField(blank=True, help_text='Optional: keep a published item hidden until this date and time.', null=True, verbose_name='publish from')),
                        ('key', models.CharField(choices=[('home', 'Home'), ('offices', 'Regional Offices'), ('hosting', 'Host a Regional Office'), ('programmes', 'Programmes'), ('testimonials', 'Testimonials'), ('host-city', 'Host City'), ('contact', 'Contact')], max_length=30, unique=True, verbose_name='section')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('title_en', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_ko', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_ru', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_es', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('title_zh_hans', models.CharField(max_length=200, null=True, verbose_name='title')),
                        ('introduction', models.TextField(blank=True, help_text='One or two sentences under the title.', verbose_name='introduction')),
                        ('introduction_en', models.TextField(blank=True, help_text='One or two sentences under the title.', null=True, verbose_name='introduction')),
                        ('introduction_ko', models.TextField(blank=True, help_text='One or two sentences under the title.', null=True, verbose_name='introduction')),
                        ('introduction_ru', models.TextField(blank=True, help_text='One or two sentences under the title.', null=True, verbose_name='introduction')),
                        ('introduction_es', models.TextField(blank=True, help_text='One or two sentences under the title.', null=True, verbose_name='introduction')),
                        ('introduction_zh_hans', models.TextField(blank=True, help_text='One or two sentences under the title.', null=True, verbose_name='introduction')),
                        ('body', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', verbose_name='body')),
                        ('body_en', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', null=True, verbose_name='body')),
                        ('body_ko', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', null=True, verbose_name='body')),
                        ('body_ru', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', null=True, verbose_name='body')),
                        ('body_es', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', null=True, verbose_name='body')),
                        ('body_zh_hans', models.TextField(blank=True, help_text='Paragraphs separated by a blank line. Allowed formatting: <h2>, <h3>, <p>, <ul>, <ol>, <li>, <a>, <strong>, <em>.', null=True, verbose_name='body')),
                        ('meta_description', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, verbose_name='meta description')),
                        ('meta_description_en', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, null=True, verbose_name='meta description')),
                        ('meta_description_ko', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, null=True, verbose_name='meta description')),
                        ('meta_description_ru', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, null=True, verbose_name='meta description')),
                        ('meta_description_es', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, null=True, verbose_name='meta description')),
                        ('meta_description_zh_hans', models.CharField(blank=True, help_text='Shown by search engines; defaults to the introduction.', max_length=300, null=True, verbose_name='meta description')),
                    ],
                    options={
                        'db_table': 'wego_site_page',
                        'verbose_name': 'section page',
                        'verbose_name_plural': 'section pages',
                        'ordering': ['key'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
        migrations.AlterModelTable(name="page", table=None),
    ]
