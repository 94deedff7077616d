"""The library's list and search, and the pickers that choose its images for offices, sessions,
testimonials, section pages and partners."""

import json
import re

import pytest
from django.urls import reverse

from core import images
from library.models import Image
from tests.support.files import png_bytes, upload
from tests.support.html import elements, texts
from tests.support.images import make_image

pytestmark = pytest.mark.django_db


def _pick(client, app_label, model_name, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in json.loads(response.content)["results"]]


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name"),
    [
        ("offices", "office", "photo"),
        ("programs", "session", "image"),
        ("testimonials", "testimonial", "photo"),
        ("pages", "page", "image"),
        ("programs", "partnerorganisation", "logo"),
    ],
)
def test_every_picker_searches_the_library_by_title_description_in_any_language_and_credit(
    superuser_client, app_label, model_name, field_name
):
    make_image(title="Chengdu office, front", alt_en="A glass building", alt_ko="유리 건물", credit="© Chengdu")
    make_image(title="Seoul city hall")
    for term in ("Chengdu office", "glass", "유리", "© Chengdu"):
        assert _pick(superuser_client, app_label, model_name, field_name, term) == ["Chengdu office, front"], term


def test_the_list_shows_thumbnails_and_sizes(superuser_client):
    image = make_image(title="Listed picture")
    html = superuser_client.get(reverse("admin:library_image_changelist")).content.decode()
    row = next(r for r in html.split("<tr") if "Listed picture" in r)
    [thumbnail] = elements(row, "img", width="192", height="192")
    assert thumbnail["src"] == images.rendition(image, "portrait").url
    assert "800 × 500 pixels" in row


def test_an_office_chooses_its_photo_and_the_form_shows_it_and_where_it_is_used(superuser_client):
    from offices.models import Office

    image = make_image(title="Ulyanovsk office")
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    url = reverse("admin:offices_office_change", args=[office.pk])
    html = superuser_client.get(url).content.decode()
    assert "No image chosen yet." in html
    assert 'data-model-name="image"' in html or "admin-autocomplete" in html  # the searchable picker
    assert reverse("admin:library_image_add") in html  # the "+" that uploads a new image

    Office.objects.filter(pk=office.pk).update(photo=image)
    html = superuser_client.get(url).content.decode()
    [preview] = elements(html, "img", src=images.rendition(image, "card").url)
    assert preview["alt"] == "Ulyanovsk office, in the image library"
    used = superuser_client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    assert reverse("admin:offices_office_change", args=[office.pk]) in used
    assert office.name in used


def test_a_new_image_is_one_click_away_from_a_picker(superuser_client):
    """The picker's "+" opens the library's add form in a popup; saving hands the new image back."""
    url = reverse("admin:library_image_add") + "?_to_field=id&_popup=1"
    html = superuser_client.get(url).content.decode()
    assert "Save the image first; then click it here to set its focal point." in html
    response = superuser_client.post(
        url,
        {
            "file": upload(png_bytes(800, 500), "new.png", "image/png"),
            "title": "Uploaded from an office",
            "alt_en": "A new picture",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "_popup": "1",
            "_to_field": "id",
        },
    )
    assert response.status_code == 200
    assert "popup_response" in response.content.decode()
    assert Image.objects.filter(title="Uploaded from an office").exists()


def test_a_photo_chosen_with_a_mistake_elsewhere_is_kept_for_the_next_save(superuser_client):
    """Uploads that forgive (core.held_files): the description left blank, the photo need not be chosen again."""
    from tests.support.held_files import held_token

    url = reverse("admin:library_image_add")
    fields = {"title": "Chengdu office, front", "focal_x": "0.5", "focal_y": "0.5"}
    response = superuser_client.post(url, {**fields, "file": upload(png_bytes(800, 500), "front.png", "image/png")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Describe the image for visitors who cannot see it." in html
    assert "Kept: front.png" in html
    token = held_token(html)
    assert token

    response = superuser_client.post(url, {**fields, "alt_en": "The office's glass front", "file__held": token})
    assert response.status_code == 302
    image = Image.objects.get(title="Chengdu office, front")
    assert image.file.name.endswith("front.png")
    assert (image.width, image.height) == (800, 500)


def test_used_by_links_only_the_items_the_member_of_staff_may_open(django_user_model):
    """Someone who may edit images but not offices sees that an office uses the image, without a link
    that would only answer "403 Forbidden"."""
    from django.contrib.auth.models import Permission

    from offices.models import Office
    from tests.support.admin import logged_in

    image = make_image(title="Ulyanovsk office")
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    Office.objects.filter(pk=office.pk).update(photo=image)
    user = django_user_model.objects.create_user("images-only", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="library"))
    office_url = reverse("admin:offices_office_change", args=[office.pk])

    client = logged_in(user)
    assert client.get(office_url).status_code == 403
    html = client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    assert elements(html, "ul", **{"class": "library-uses"})
    assert f"Regional Office: {office.name}" in texts(html, "li")
    assert office_url not in html


def test_every_link_of_the_list_has_a_name_a_screen_reader_can_read(superuser_client):
    """The thumbnail says nothing (alt="": the title beside it does), so it must not be a link of its own:
    a link with no name is read as "link" and nothing more."""
    make_image(title="Listed picture")
    html = superuser_client.get(reverse("admin:library_image_changelist")).content.decode()
    row = next(r for r in html.split("<tr") if "Listed picture" in r)
    assert not re.search(r"<a [^>]*>\s*<img [^>]*alt=\"\"[^>]*>\s*</a>", row)
    assert re.search(r"<a [^>]*>Listed picture</a>", row)
