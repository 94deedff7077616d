"""The kinds of search entry are those the apps' search sources declare (``search.index.sources()``):
the column no longer lists them, so an app that adds a source needs no migration here."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='searchentry',
            name='wego_site_searchentry_kind_valid',
        ),
        migrations.AlterField(
            model_name='searchentry',
            name='kind',
            field=models.CharField(max_length=20, verbose_name='kind'),
        ),
    ]
