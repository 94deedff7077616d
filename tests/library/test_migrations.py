"""The data migrations that moved photos and logos into the library: nothing lost.

Run with MigrationExecutor on a database of their own (transactional): back to the step before the
move, rows with photos made with the historical models, then forward again to today's models."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import images
from tests.support.files import png_bytes

BEFORE_THE_MOVE = [
    ("offices", "0010_photo_from_image_library"),
    ("testimonials", "0008_photo_from_image_library"),
    ("programs", "0010_logo_from_image_library"),
]


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    yield executor
    # Whatever happened, the database is left at today's migrations, with the seed content.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    call_command("load_site_content", verbosity=0)


def test_photos_and_logos_move_into_the_library_with_their_descriptions(executor, client):
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    photo = default_storage.save("offices/photos/tok/office.png", ContentFile(png_bytes(800, 500)))
    portrait = default_storage.save("testimonials/tok/person.png", ContentFile(png_bytes(300, 300)))
    logo = default_storage.save("programs/partners/tok/logo.png", ContentFile(png_bytes(480, 240)))
    office = old.get_model("offices", "Office").objects.create(
        name="Moved Office",
        name_en="Moved Office",
        slug="moved-office",
        region="Asia",
        region_en="Asia",
        publication_status="published",
        photo_file=photo,
        photo_alt="The building",
        photo_alt_en="The building",
        photo_alt_ko="건물",
    )
    unpictured = old.get_model("offices", "Office").objects.create(
        name="Bare", name_en="Bare", slug="bare", region="Asia", region_en="Asia"
    )
    testimonial = old.get_model("testimonials", "Testimonial").objects.create(
        honorific="Ms.", person="Moved Person", quote="“Fine,”", photo_file=portrait, photo_alt="Portrait of her"
    )
    partner = old.get_model("programs", "PartnerOrganisation").objects.create(
        name="Moved Partner", name_en="Moved Partner", logo_file=logo, logo_alt="Partner logo"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from library.models import Image
    from offices.models import Office
    from programs.models import PartnerOrganisation
    from testimonials.models import Testimonial

    moved = Office.objects.select_related("photo").get(pk=office.pk)
    assert moved.photo.file.name == photo  # the same stored file, not a copy
    assert (moved.photo.title, moved.photo.alt_en, moved.photo.alt_ko, moved.photo.alt_ru) == (
        "Moved Office",
        "The building",
        "건물",
        None,
    )
    assert (moved.photo.width, moved.photo.height, moved.photo.focal_point) == (800, 500, (0.5, 0.5))
    assert Office.objects.get(pk=unpictured.pk).photo is None
    person = Testimonial.objects.get(pk=testimonial.pk).photo
    assert (person.file.name, person.title, person.alt_en) == (portrait, "Ms. Moved Person", "Portrait of her")
    partner_logo = PartnerOrganisation.objects.get(pk=partner.pk).logo
    assert (partner_logo.file.name, partner_logo.title, partner_logo.alt_en) == (
        logo,
        "Moved Partner logo",
        "Partner logo",
    )
    assert Image.objects.count() == 3

    # The public page shows it as before: the same rendition address, the same description.
    html = client.get(moved.get_absolute_url()).content.decode()
    detail = images.rendition(moved.photo, "detail")
    assert detail.url == f"/files/{images.rendition_name(photo, 'detail')}"
    assert f'<img src="{detail.url}" width="1200" height="750" alt="The building"' in html
    assert client.get(detail.url).status_code == 200


def test_the_move_can_be_undone_with_every_description(executor):
    """Back to the step before the move: each item holds its file again, with its description in
    every language it had one."""
    from programs.models import PartnerOrganisation
    from testimonials.models import Testimonial
    from tests.offices.factories import make_office
    from tests.support.images import make_image

    photo = make_image(title="Office front", alt_en="The building", alt_ko="건물", alt_es="El edificio")
    office = make_office(photo=photo)
    portrait = make_image(title="Portrait", alt_en="Portrait of her")
    testimonial = Testimonial.objects.create(honorific="Ms.", person="Undone", quote="“Fine,”", photo=portrait)
    logo = make_image(title="Logo", alt_en="Partner logo")
    partner = PartnerOrganisation.objects.create(name="Undone Partner", logo=logo)

    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps

    old_office = old.get_model("offices", "Office").objects.get(pk=office.pk)
    assert old_office.photo_file.name == photo.file.name
    assert (old_office.photo_alt_en, old_office.photo_alt_ko, old_office.photo_alt_es, old_office.photo_alt_ru) == (
        "The building",
        "건물",
        "El edificio",
        None,
    )
    old_testimonial = old.get_model("testimonials", "Testimonial").objects.get(pk=testimonial.pk)
    assert (old_testimonial.photo_file.name, old_testimonial.photo_alt) == (portrait.file.name, "Portrait of her")
    old_partner = old.get_model("programs", "PartnerOrganisation").objects.get(pk=partner.pk)
    assert (old_partner.logo_file.name, old_partner.logo_alt) == (logo.file.name, "Partner logo")


MOVED_PHOTO = {"alt_field": "photo_alt", "image_field": "photo", "title": lambda f: f["name_en"], "translated": True}


@pytest.mark.django_db
def test_a_revision_saved_before_the_move_names_the_library_image_and_can_be_restored():
    """Revisions saved before the move name the photo's file and hold its descriptions; the migration
    points them at the library image (an existing one, or one made from the revision)."""
    import json

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from reversion.models import Revision, Version

    from library.migration_helpers import images_in_revisions
    from library.models import Image
    from offices.models import Office

    office = Office.objects.get(slug="asia-chengdu")
    stored = default_storage.save("offices/photos/tok/old.png", ContentFile(png_bytes(480, 300)))
    fields = {
        "name": office.name,
        "name_en": office.name_en,
        "slug": office.slug,
        "photo": stored,
        "photo_alt": "The old office",
        "photo_alt_en": "The old office",
        "photo_alt_ko": "옛 사무소",
    }
    version = Version.objects.create(
        revision=Revision.objects.create(comment="Before the library", date_created=timezone.now()),
        content_type=ContentType.objects.get_for_model(Office),
        object_id=str(office.pk),
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "offices.office", "pk": office.pk, "fields": fields}]),
        object_repr=office.name,
    )

    images_in_revisions(apps, "offices.Office", **MOVED_PHOTO)

    version.refresh_from_db()
    [saved] = json.loads(version.serialized_data)
    image = Image.objects.get(pk=saved["fields"]["photo"])
    assert (image.file.name, image.alt_en, image.alt_ko, image.title) == (
        stored,
        "The old office",
        "옛 사무소",
        office.name_en,
    )
    assert (image.width, image.height) == (480, 300)
    assert not {"photo_alt", "photo_alt_en", "photo_alt_ko"} & set(saved["fields"])
    assert version.field_dict["photo_id"] == image.pk  # django-reversion reads it back: it can be restored
    images_in_revisions(apps, "offices.Office", **MOVED_PHOTO)
    assert Image.objects.filter(file=stored).count() == 1, "a second run changes nothing"
