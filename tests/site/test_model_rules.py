"""Rules the models of several apps share, each stated once in core: a place in a list (Orderable), a
description for every image (DescribedImage), and link tables that are models of their own."""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import isolate_apps
from django.urls import reverse

from core.discovery import content_apps
from core.link_tables import LinkTablesAdmin
from core.models import DescribedImage, Orderable
from library.models import Image
from programs.models import City, Programme, ProgrammeOffice, Session, SessionCity, Topic


def _content_models():
    return [model for config in content_apps() for model in config.get_models()]


# Orderable -------------------------------------------------------------------------------------------------


def test_every_model_that_staff_put_in_order_is_orderable():
    ordered = [model for model in _content_models() if any(field.name == "order" for field in model._meta.fields)]
    assert len(ordered) == 17  # with the bids' checklist items, questions and criteria
    for model in ordered:
        assert issubclass(model, Orderable), model
        assert model._meta.get_field("order").verbose_name == "display order", model
        assert "order" in model._meta.ordering, model


@pytest.mark.django_db
def test_rows_with_the_same_number_stay_in_the_order_they_were_added():
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    session.topics.all().delete()
    for name, order in [("second", 1), ("last", 2), ("third", 1), ("first", 0)]:
        Topic.objects.create(session=session, name=name, order=order)
    assert [topic.name for topic in session.topics.all()] == ["first", "second", "third", "last"]


# An image needs a description ------------------------------------------------------------------------------


@pytest.mark.parametrize("description", [None, "", "  \n"])
def test_an_image_without_a_description_is_refused_with_the_models_message(description):
    rule = DescribedImage("photo", "photo_alt", "Describe it.")
    assert rule.errors(SimpleNamespace(photo="x.jpg", photo_alt=description)) == {"photo_alt": "Describe it."}


def test_a_described_image_or_no_image_is_fine():
    rule = DescribedImage("photo", "photo_alt", "Describe it.")
    assert rule.errors(SimpleNamespace(photo="x.jpg", photo_alt="A portrait")) == {}
    assert rule.errors(SimpleNamespace(photo="", photo_alt=None)) == {}


def _image():
    # Offices, testimonials, partners, sessions and pages show images of the library: the one place an
    # image is described, so the one place the rule is checked.
    return Image(title="Described image", file="library/x.png")


MESSAGE = "Describe the image for visitors who cannot see it."


def test_an_image_of_the_library_asks_for_its_english_description_in_its_own_words():
    image = _image()
    image.alt_en = " "
    with pytest.raises(ValidationError) as error:
        image.clean()
    assert error.value.message_dict["alt_en"] == [MESSAGE]
    image.alt_en = "What it shows"
    image.clean()


@pytest.mark.django_db
@pytest.mark.parametrize("missing", [None, ""])  # a translated description is NULL until written
def test_the_database_refuses_an_image_without_a_description(missing):
    image = _image()
    image.alt_en = missing
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        image.save()
    assert "library_image_has_alt_text" in str(error.value)


# Link tables of their own ----------------------------------------------------------------------------------


def test_the_link_tables_are_the_ones_django_made_for_the_fields():
    fields = [Programme._meta.get_field("offices"), Programme._meta.get_field("partners")]
    fields.append(Session._meta.get_field("cities"))
    tables = {field.name: field.remote_field.through._meta for field in fields}
    assert {name: (meta.db_table, [f.column for f in meta.fields]) for name, meta in tables.items()} == {
        "offices": ("programs_programme_offices", ["id", "programme_id", "office_id"]),
        "partners": ("programs_programme_partners", ["id", "programme_id", "partnerorganisation_id"]),
        "cities": ("programs_session_cities", ["id", "session_id", "city_id"]),
    }


@pytest.mark.django_db
def test_the_seeded_links_are_there_and_named_by_what_they_join():
    assert (ProgrammeOffice.objects.count(), SessionCity.objects.count()) == (2, 15)
    link = SessionCity.objects.select_related("session", "city").first()
    assert str(link) == f"{link.session} – {link.city}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM programs_programme_partners")
        assert cursor.fetchone() == (Programme.partners.through.objects.count(),) == (4,)


@pytest.mark.django_db
def test_the_admin_edits_the_links_with_its_autocomplete_widgets(admin_client):
    programme = Programme.objects.get(slug="regional-offices-programs")
    html = admin_client.get(reverse("admin:programs_programme_change", args=[programme.pk])).content.decode()
    for name in ["partners", "offices"]:
        assert f'name="{name}"' in html
    assert html.count("admin-autocomplete") >= 2

    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    cities = list(City.objects.filter(name__in=["Gimpo", "Pokhara"]))
    data = {
        "programme": session.programme_id,
        "title_en": session.title,
        "slug": session.slug,
        "status": session.status,
        "start_date": session.start_date.isoformat(),
        "end_date": session.end_date.isoformat(),
        "place_en": session.place,
        "application_period_en": "",
        "description_en": session.description,
        "participant_count": session.participant_count or "",
        "cities": [city.pk for city in cities],
        "publication_status": session.publication_status,
        "publish_from_0": "",
        "publish_from_1": "",
    }
    for prefix in ["topics", "technical_tours", "contacts"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse("admin:programs_session_change", args=[session.pk]), data)
    assert response.status_code == 302
    assert set(SessionCity.objects.filter(session=session).values_list("city__name", flat=True)) == {
        "Gimpo",
        "Pokhara",
    }


def _club_admin(with_joining_date):
    """A club's admin whose members field goes through a link table, which may hold a date besides the keys."""

    class Member(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "core"

    class Club(models.Model):  # noqa: DJ008
        members = models.ManyToManyField(Member, through="Membership")

        class Meta:
            app_label = "core"

    class Membership(models.Model):  # noqa: DJ008
        club = models.ForeignKey(Club, on_delete=models.CASCADE)
        member = models.ForeignKey(Member, on_delete=models.CASCADE)
        if with_joining_date:
            joined_on = models.DateField()  # which a selection widget could not fill

        class Meta:
            app_label = "core"

    class ClubAdmin(LinkTablesAdmin, admin.ModelAdmin):
        fields = ["members"]

    return ClubAdmin(Club, admin.AdminSite())


@isolate_apps("core")
def test_the_admin_takes_a_link_table_that_holds_only_the_links():
    assert _club_admin(with_joining_date=False).check() == []


@isolate_apps("core")
def test_the_admin_still_refuses_a_link_table_that_holds_more_than_the_links():
    assert [error.id for error in _club_admin(with_joining_date=True).check()] == ["admin.E013"]
