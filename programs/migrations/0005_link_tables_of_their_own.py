"""The link tables of Programme.offices, Programme.partners and Session.cities become models of their
own (ProgrammeOffice, ProgrammePartner, SessionCity) on the tables Django made for them: only the
migration state changes. Table, columns, indexes and unique pair are Django's already, so no table,
column, index or row is touched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('offices', '0001_initial'),
        ('programs', '0004_session_document_checked'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ProgrammeOffice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.programme')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='offices.office')),
                    ],
                    options={
                        'verbose_name': 'programme-office relationship',
                        'verbose_name_plural': 'programme-office relationships',
                        'db_table': 'programs_programme_offices',
                        'default_permissions': (),
                        'unique_together': {('programme', 'office')},
                    },
                ),
                migrations.CreateModel(
                    name='ProgrammePartner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.programme')),
                        ('partner', models.ForeignKey(db_column='partnerorganisation_id', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.partnerorganisation')),
                    ],
                    options={
                        'verbose_name': 'programme-partnerorganisation relationship',
                        'verbose_name_plural': 'programme-partnerorganisation relationships',
                        'db_table': 'programs_programme_partners',
                        'default_permissions': (),
                        'unique_together': {('programme', 'partner')},
                    },
                ),
                migrations.CreateModel(
                    name='SessionCity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.session')),
                        ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.city')),
                    ],
                    options={
                        'verbose_name': 'session-city relationship',
                        'verbose_name_plural': 'session-city relationships',
                        'db_table': 'programs_session_cities',
                        'default_permissions': (),
                        'unique_together': {('session', 'city')},
                    },
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='offices',
                    field=models.ManyToManyField(blank=True, related_name='programmes', through='programs.ProgrammeOffice', to='offices.office', verbose_name='Regional Offices'),
                ),
                migrations.AlterField(
                    model_name='programme',
                    name='partners',
                    field=models.ManyToManyField(blank=True, related_name='programmes', through='programs.ProgrammePartner', to='programs.partnerorganisation', verbose_name='partner organisations'),
                ),
                migrations.AlterField(
                    model_name='session',
                    name='cities',
                    field=models.ManyToManyField(blank=True, related_name='sessions', through='programs.SessionCity', to='programs.city', verbose_name='participating cities'),
                ),
            ],
        ),
    ]
