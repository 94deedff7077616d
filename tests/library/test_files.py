"""A library image's file is shown while a public item uses it, and deleted only with the image."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from core import images
from core.files import file_url
from core.publishing import PublicationStatus
from library.models import Image
from offices.models import Office
from testimonials import models as testimonials
from tests.offices.factories import make_office
from tests.support.files import png_bytes
from tests.support.images import make_image

pytestmark = pytest.mark.django_db

DRAFT = {"publication_status": PublicationStatus.DRAFT}


def _urls(image):
    return [file_url(image.file.name), images.rendition(image, "card").url]


def test_an_image_only_a_draft_uses_is_hidden_from_visitors_and_shown_to_staff(client, staff_client_factory):
    image = make_image()
    make_office(photo=image, **DRAFT)
    staff = staff_client_factory()
    for url in _urls(image):
        assert client.get(url).status_code == 404
        response = staff.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_an_image_nothing_uses_is_hidden_from_visitors(client):
    image = make_image()
    for url in _urls(image):
        assert client.get(url).status_code == 404


def test_an_image_a_public_item_uses_is_public_even_if_a_draft_uses_it_too(client):
    image = make_image()
    make_office(photo=image, **DRAFT)
    assert client.get(file_url(image.file.name)).status_code == 404
    testimonials.Testimonial.objects.filter(person="Mirela Minca").update(
        photo=image
    )  # published, on a published session
    for url in _urls(image):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=3600"


def test_a_testimonial_shown_only_with_its_draft_session_does_not_make_its_photo_public(client):
    image = make_image()
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    testimonial.photo = image
    testimonial.save()
    assert client.get(file_url(image.file.name)).status_code == 200
    session = testimonial.session
    session.publication_status = PublicationStatus.DRAFT
    session.save()
    assert client.get(file_url(image.file.name)).status_code == 404


def test_staff_without_permission_to_view_images_get_no_unused_image(staff_client_factory):
    image = make_image()
    assert staff_client_factory(is_superuser=False).get(file_url(image.file.name)).status_code == 404


def test_a_photo_moved_into_the_library_is_served_under_its_old_name(client):
    name = default_storage.save("offices/photos/abc/old.png", ContentFile(png_bytes()))
    image = make_image(title="Moved")
    image.file.name = name
    image.save()
    make_office(photo=image)
    assert client.get(file_url(name)).status_code == 200
    assert client.get(images.rendition(image, "detail").url).status_code == 200


def test_changing_an_items_image_keeps_the_image_and_its_file(django_capture_on_commit_callbacks):
    image = make_image()
    office = make_office(photo=image)
    with django_capture_on_commit_callbacks(execute=True):
        office.photo = make_image(title="Another")
        office.save()
    assert default_storage.exists(image.file.name)


def test_an_image_in_use_cannot_be_deleted_and_a_deleted_one_takes_its_files(
    superuser_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    office = make_office(photo=image)
    delete_url = reverse("admin:library_image_delete", args=[image.pk])
    response = superuser_client.post(delete_url, {"post": "yes"})
    assert response.status_code == 200  # Django's page naming the protected office
    assert office.name in response.content.decode()
    name, rendition = image.file.name, images.rendition_name(image.file.name, "card")
    assert default_storage.exists(rendition)

    Office.objects.filter(pk=office.pk).update(photo=None)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not default_storage.exists(name)
    assert not default_storage.exists(rendition)


def test_a_library_file_request_costs_two_queries_however_many_items_may_use_images(client, django_assert_num_queries):
    image = make_image()
    make_office(photo=image)
    url = file_url(image.file.name)
    with django_assert_num_queries(2):  # the image that holds the name; whether a public item uses it
        assert client.get(url).status_code == 200


def test_deleting_images_in_use_from_the_list_says_what_uses_them_and_deletes_none(superuser_client):
    used, unused = make_image(title="Used"), make_image(title="Unused")
    office = make_office(photo=used)
    response = superuser_client.post(
        reverse("admin:library_image_changelist"),
        {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert office.name in response.content.decode()
    assert set(Image.objects.filter(pk__in=[used.pk, unused.pk]).values_list("title", flat=True)) == {"Used", "Unused"}


def test_a_logo_only_a_draft_programmes_partner_shows_is_hidden_from_visitors(client):
    from programs.models import PartnerOrganisation
    from tests.programs.factories import make_programme

    image = make_image(title="Partner logo")
    partner = PartnerOrganisation.objects.create(name="Not yet announced", logo=image)
    make_programme(**DRAFT).partners.add(partner)
    for url in _urls(image):
        assert client.get(url).status_code == 404


def _scheduled_office(image):
    return make_office(photo=image, publish_from=timezone.now() + timedelta(days=1))


def _expired_office(image):
    return make_office(
        photo=image, publish_from=timezone.now() - timedelta(days=2), publish_until=timezone.now() - timedelta(days=1)
    )


def _session_of_a_draft_programme(image):
    from tests.programs.factories import make_programme, make_session

    return make_session(make_programme(**DRAFT), image=image)


@pytest.mark.parametrize("user", [_scheduled_office, _expired_office, _session_of_a_draft_programme])
def test_an_image_only_an_item_off_the_site_uses_is_hidden_from_visitors(client, staff_client_factory, user):
    image = make_image()
    user(image)
    staff = staff_client_factory()
    for url in _urls(image):
        assert client.get(url).status_code == 404
        assert staff.get(url).status_code == 200
