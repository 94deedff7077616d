"""Names and texts of the contact and host city pages in every language (see contact/translation.py)."""

from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    "secretariat": ["name", "bus_stop"],
    "metrostation": ["name", "line"],
    "bustype": ["name"],
    "hostcity": ["record", "solution_title", "solution_body", "solution_link_text", "sharing_title", "sharing_text"],
    "solutionarea": ["name"],
}


def copy_to_english(apps, schema_editor):
    """Rows written before translations existed keep their text as the English version."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("contact", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": True}).update(**{f"{field}_en": F(field)})


class Migration(migrations.Migration):

    dependencies = [
        ('contact', '0003_remove_contactmessage_programme_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='bustype',
            name='name_en',
            field=models.CharField(help_text='For example “Blue Bus”.', max_length=100, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='bustype',
            name='name_es',
            field=models.CharField(help_text='For example “Blue Bus”.', max_length=100, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='bustype',
            name='name_ko',
            field=models.CharField(help_text='For example “Blue Bus”.', max_length=100, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='bustype',
            name='name_ru',
            field=models.CharField(help_text='For example “Blue Bus”.', max_length=100, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='bustype',
            name='name_zh_hans',
            field=models.CharField(help_text='For example “Blue Bus”.', max_length=100, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='record_en',
            field=models.TextField(blank=True, help_text='Why the city hosts the Secretariat. Shown under the page introduction. Paragraphs and links.', null=True, verbose_name='e-Government record'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='record_es',
            field=models.TextField(blank=True, help_text='Why the city hosts the Secretariat. Shown under the page introduction. Paragraphs and links.', null=True, verbose_name='e-Government record'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='record_ko',
            field=models.TextField(blank=True, help_text='Why the city hosts the Secretariat. Shown under the page introduction. Paragraphs and links.', null=True, verbose_name='e-Government record'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='record_ru',
            field=models.TextField(blank=True, help_text='Why the city hosts the Secretariat. Shown under the page introduction. Paragraphs and links.', null=True, verbose_name='e-Government record'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='record_zh_hans',
            field=models.TextField(blank=True, help_text='Why the city hosts the Secretariat. Shown under the page introduction. Paragraphs and links.', null=True, verbose_name='e-Government record'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_text_en',
            field=models.TextField(blank=True, help_text='Introduces the video; the section is shown once a video is set.', null=True, verbose_name='policy sharing: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_text_es',
            field=models.TextField(blank=True, help_text='Introduces the video; the section is shown once a video is set.', null=True, verbose_name='policy sharing: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_text_ko',
            field=models.TextField(blank=True, help_text='Introduces the video; the section is shown once a video is set.', null=True, verbose_name='policy sharing: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_text_ru',
            field=models.TextField(blank=True, help_text='Introduces the video; the section is shown once a video is set.', null=True, verbose_name='policy sharing: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_text_zh_hans',
            field=models.TextField(blank=True, help_text='Introduces the video; the section is shown once a video is set.', null=True, verbose_name='policy sharing: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_title_en',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy sharing: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_title_es',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy sharing: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_title_ko',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy sharing: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_title_ru',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy sharing: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='sharing_title_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy sharing: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_body_en',
            field=models.TextField(blank=True, null=True, verbose_name='policy collection: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_body_es',
            field=models.TextField(blank=True, null=True, verbose_name='policy collection: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_body_ko',
            field=models.TextField(blank=True, null=True, verbose_name='policy collection: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_body_ru',
            field=models.TextField(blank=True, null=True, verbose_name='policy collection: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_body_zh_hans',
            field=models.TextField(blank=True, null=True, verbose_name='policy collection: text'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_link_text_en',
            field=models.CharField(blank=True, help_text='Shown only with the website address below.', max_length=300, null=True, verbose_name='policy collection: text before the link'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_link_text_es',
            field=models.CharField(blank=True, help_text='Shown only with the website address below.', max_length=300, null=True, verbose_name='policy collection: text before the link'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_link_text_ko',
            field=models.CharField(blank=True, help_text='Shown only with the website address below.', max_length=300, null=True, verbose_name='policy collection: text before the link'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_link_text_ru',
            field=models.CharField(blank=True, help_text='Shown only with the website address below.', max_length=300, null=True, verbose_name='policy collection: text before the link'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_link_text_zh_hans',
            field=models.CharField(blank=True, help_text='Shown only with the website address below.', max_length=300, null=True, verbose_name='policy collection: text before the link'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_title_en',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy collection: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_title_es',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy collection: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_title_ko',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy collection: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_title_ru',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy collection: title'),
        ),
        migrations.AddField(
            model_name='hostcity',
            name='solution_title_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name='policy collection: title'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='line_en',
            field=models.CharField(help_text='For example “Line 1”.', max_length=60, null=True, verbose_name='line'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='line_es',
            field=models.CharField(help_text='For example “Line 1”.', max_length=60, null=True, verbose_name='line'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='line_ko',
            field=models.CharField(help_text='For example “Line 1”.', max_length=60, null=True, verbose_name='line'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='line_ru',
            field=models.CharField(help_text='For example “Line 1”.', max_length=60, null=True, verbose_name='line'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='line_zh_hans',
            field=models.CharField(help_text='For example “Line 1”.', max_length=60, null=True, verbose_name='line'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='name_en',
            field=models.CharField(help_text='For example “Jonggak Station”.', max_length=100, null=True, verbose_name='station'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='name_es',
            field=models.CharField(help_text='For example “Jonggak Station”.', max_length=100, null=True, verbose_name='station'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='name_ko',
            field=models.CharField(help_text='For example “Jonggak Station”.', max_length=100, null=True, verbose_name='station'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='name_ru',
            field=models.CharField(help_text='For example “Jonggak Station”.', max_length=100, null=True, verbose_name='station'),
        ),
        migrations.AddField(
            model_name='metrostation',
            name='name_zh_hans',
            field=models.CharField(help_text='For example “Jonggak Station”.', max_length=100, null=True, verbose_name='station'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='bus_stop_en',
            field=models.CharField(blank=True, help_text='Where the buses below stop; shown as “Buses to …”.', max_length=200, null=True, verbose_name='bus stop'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='bus_stop_es',
            field=models.CharField(blank=True, help_text='Where the buses below stop; shown as “Buses to …”.', max_length=200, null=True, verbose_name='bus stop'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='bus_stop_ko',
            field=models.CharField(blank=True, help_text='Where the buses below stop; shown as “Buses to …”.', max_length=200, null=True, verbose_name='bus stop'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='bus_stop_ru',
            field=models.CharField(blank=True, help_text='Where the buses below stop; shown as “Buses to …”.', max_length=200, null=True, verbose_name='bus stop'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='bus_stop_zh_hans',
            field=models.CharField(blank=True, help_text='Where the buses below stop; shown as “Buses to …”.', max_length=200, null=True, verbose_name='bus stop'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='name_en',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='name_es',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='name_ko',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='name_ru',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='secretariat',
            name='name_zh_hans',
            field=models.CharField(max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='solutionarea',
            name='name_en',
            field=models.CharField(max_length=100, null=True, verbose_name='area'),
        ),
        migrations.AddField(
            model_name='solutionarea',
            name='name_es',
            field=models.CharField(max_length=100, null=True, verbose_name='area'),
        ),
        migrations.AddField(
            model_name='solutionarea',
            name='name_ko',
            field=models.CharField(max_length=100, null=True, verbose_name='area'),
        ),
        migrations.AddField(
            model_name='solutionarea',
            name='name_ru',
            field=models.CharField(max_length=100, null=True, verbose_name='area'),
        ),
        migrations.AddField(
            model_name='solutionarea',
            name='name_zh_hans',
            field=models.CharField(max_length=100, null=True, verbose_name='area'),
        ),
        migrations.AddConstraint(
            model_name='bustype',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name_en'), name='bus_type_unique_name-en', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AddConstraint(
            model_name='bustype',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name_ko'), name='bus_type_unique_name-ko', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AddConstraint(
            model_name='bustype',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name_ru'), name='bus_type_unique_name-ru', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AddConstraint(
            model_name='bustype',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name_es'), name='bus_type_unique_name-es', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AddConstraint(
            model_name='bustype',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name_zh_hans'), name='bus_type_unique_name-zh-hans', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AddConstraint(
            model_name='solutionarea',
            constraint=models.UniqueConstraint(fields=('host_city', 'name_en'), name='solution_area_unique_name-en', violation_error_message='This policy area is already listed.'),
        ),
        migrations.AddConstraint(
            model_name='solutionarea',
            constraint=models.UniqueConstraint(fields=('host_city', 'name_ko'), name='solution_area_unique_name-ko', violation_error_message='This policy area is already listed.'),
        ),
        migrations.AddConstraint(
            model_name='solutionarea',
            constraint=models.UniqueConstraint(fields=('host_city', 'name_ru'), name='solution_area_unique_name-ru', violation_error_message='This policy area is already listed.'),
        ),
        migrations.AddConstraint(
            model_name='solutionarea',
            constraint=models.UniqueConstraint(fields=('host_city', 'name_es'), name='solution_area_unique_name-es', violation_error_message='This policy area is already listed.'),
        ),
        migrations.AddConstraint(
            model_name='solutionarea',
            constraint=models.UniqueConstraint(fields=('host_city', 'name_zh_hans'), name='solution_area_unique_name-zh-hans', violation_error_message='This policy area is already listed.'),
        ),
        migrations.AlterConstraint(
            model_name='busroute',
            name='bus_route_unique_number',
            constraint=models.UniqueConstraint(fields=('bus_type', 'number'), name='bus_route_unique_number', violation_error_message='This route is already listed for this bus type.'),
        ),
        migrations.AlterConstraint(
            model_name='bustype',
            name='bus_type_unique_name',
            constraint=models.UniqueConstraint(fields=('secretariat', 'name'), name='bus_type_unique_name', violation_error_message='There is already a bus type with this name: edit that one instead.'),
        ),
        migrations.AlterConstraint(
            model_name='secretariat',
            name='secretariat_coordinates_complete_and_on_earth',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('latitude__isnull', True), ('longitude__isnull', True)), models.Q(('latitude__gte', -90), ('latitude__isnull', False), ('latitude__lte', 90), ('longitude__gte', -180), ('longitude__isnull', False), ('longitude__lte', 180)), _connector='OR'), name='secretariat_coordinates_complete_and_on_earth', violation_error_message='Give both the latitude (−90 to 90) and the longitude (−180 to 180), or neither.'),
        ),
        migrations.AlterConstraint(
            model_name='solutionarea',
            name='solution_area_unique_name',
            constraint=models.UniqueConstraint(fields=('host_city', 'name'), name='solution_area_unique_name', violation_error_message='This policy area is already listed.'),
        ),
        # Last: on PostgreSQL, no table change may follow these updates in the same transaction.
        migrations.RunPython(copy_to_english, migrations.RunPython.noop),
    ]
