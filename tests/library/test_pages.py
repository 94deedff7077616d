"""Public pages show library images as renditions with their size and the description in the visitor's
language: offices, sessions, testimonials, partners, and what pages share."""

import pytest
from django.core.files.storage import default_storage

from core import images
from offices.models import Office
from programs.models import PartnerOrganisation, Programme, Session
from testimonials import models as testimonials
from tests.support.html import elements, meta
from tests.support.images import make_image
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return make_image(title="Pictured", alt_en="The office building", alt_ko="사무소 건물")


def test_an_office_shows_its_photo_in_the_visitors_language(client, image):
    office = Office.objects.get(slug="asia-chengdu")
    office.photo = image
    office.save()
    detail = images.rendition(image, "detail")
    for path, alt in (
        (office.get_absolute_url(), "The office building"),
        (f"/ko{office.get_absolute_url()}", "사무소 건물"),
    ):
        [img] = elements(client.get(path).content.decode(), "img", src=detail.url)
        assert (img["width"], img["height"], img["alt"]) == ("1200", "750", alt)
    html = client.get("/offices/").content.decode()
    [card] = elements(html, "img", src=images.rendition(image, "card").url)
    assert card["alt"] == "The office building"
    og = meta(client.get(office.get_absolute_url()).content.decode(), "og:image")
    assert og.endswith(images.rendition(image, "og").url)


def test_a_session_shows_its_image_on_its_page_and_its_card(client, image):
    session = Session.objects.published().filter(start_date__isnull=False).select_related("programme").first()
    session.image = image
    session.save()
    html = client.get(session.get_absolute_url()).content.decode()
    assert elements(html, "img", src=images.rendition(image, "detail").url, alt="The office building")
    programme = client.get(session.programme.get_absolute_url()).content.decode()
    if session in Session.objects.published().current_and_upcoming():
        assert elements(programme, "img", src=images.rendition(image, "card").url)


def test_a_testimonial_and_a_partner_logo_show_their_images(client, image):
    testimonials.Testimonial.objects.filter(person="Mirela Minca").update(photo=image)
    html = client.get("/testimonials/").content.decode()
    [portrait] = elements(html, "img", src=images.rendition(image, "portrait").url)
    assert (portrait["width"], portrait["alt"]) == ("192", "The office building")

    partner = PartnerOrganisation.objects.filter(programmes__publication_status="published").first()
    partner.logo = image
    partner.save()
    programme = Programme.objects.published().filter(partners=partner).first()
    html = client.get(programme.get_absolute_url()).content.decode()
    [logo] = elements(html, "img", src=images.rendition(image, "logo").url)
    assert (logo["width"], logo["height"]) == ("320", "160")


def test_the_page_writes_no_rendition_that_saving_the_image_wrote(client, image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 0.3
        image.save()
    name = images.rendition_name(image.file.name, "detail", image.focal_point)
    assert default_storage.exists(name)  # written on save, before any visitor came


def test_a_section_page_shows_its_image_under_its_title(client, image):
    from pages.models import Page

    page = Page.objects.get(key=Page.Key.OFFICES)
    page.image = image
    page.save()
    detail = images.rendition(image, "detail")
    for path, alt in (("/offices/", "The office building"), ("/ko/offices/", "사무소 건물")):
        [img] = elements(client.get(path).content.decode(), "img", src=detail.url)
        assert (img["width"], img["alt"]) == ("1200", alt)
    assert meta(client.get("/offices/").content.decode(), "og:image").endswith(images.rendition(image, "og").url)
    assert client.get("/bids/link/").status_code == 200, "pages that name their metadata `page` show no image"


def _programme_with_sessions_and_partners():
    return (
        Programme.objects.published()
        .filter(sessions__publication_status="published", partners__isnull=False)
        .distinct()
        .first()
    )


@pytest.mark.parametrize("page", ["home", "offices", "testimonials", "programme", "session"])
def test_showing_an_image_on_every_item_of_a_page_costs_no_query_per_item(client, page):
    programme = _programme_with_sessions_and_partners()
    session = Session.objects.published().filter(programme=programme, testimonials__isnull=False).first()
    path = {
        "home": "/",
        "offices": "/offices/",
        "testimonials": "/testimonials/",
        "programme": programme.get_absolute_url(),
        "session": (session or Session.objects.published().first()).get_absolute_url(),
    }[page]
    programme.partners.add(*(PartnerOrganisation.objects.create(name=f"Partner {n}") for n in range(3)))
    without_images = count_queries(client, path)

    # Each item its own image, as a real site has.
    for model, field in (
        (Office, "photo"),
        (Session, "image"),
        (testimonials.Testimonial, "photo"),
        (PartnerOrganisation, "logo"),
    ):
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{field: make_image(title=f"{model.__name__} {pk}")})
    html = client.get(path).content.decode()
    assert html.count('src="/files/renditions/') >= 2, "the page shows several of the images"
    assert count_queries(client, path) == without_images
