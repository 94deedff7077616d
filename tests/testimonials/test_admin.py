"""The testimonials admin: session picker, thumbnails, featured and published toggles in the list."""

import pytest
from django.urls import reverse

from core.images import rendition
from core.publishing import PublicationStatus
from testimonials import models as testimonials
from tests.support.html import view_on_site_href
from tests.support.images import make_image

pytestmark = pytest.mark.django_db


def test_changelist_shows_thumbnails_and_toggles(superuser_client):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    testimonial.photo = make_image(title="Mirela Minca", alt_en="Portrait of Ms. Mirela Minca")
    testimonial.save()
    html = superuser_client.get(reverse("admin:testimonials_testimonial_changelist")).content.decode()
    portrait = rendition(testimonial.photo, "portrait")
    assert f'<img src="{portrait.url}" width="192" height="192" alt="">' in html
    assert testimonial.photo.file.url not in html  # the small rendition, never the original upload
    assert 'name="form-0-featured"' in html
    # The status changes by the Publish and Unpublish actions, which log it, not by a list field.
    assert 'name="form-0-publication_status"' not in html
    assert '<option value="publish_selected">' in html


def test_featured_can_be_switched_from_the_list(superuser_client):
    rows = list(testimonials.Testimonial.objects.order_by("order", "pk"))
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows)), "_save": "Save"}
    for index, row in enumerate(rows):
        data[f"form-{index}-id"] = str(row.pk)
        if row.featured:
            data[f"form-{index}-featured"] = "on"
    mirela = next(i for i, row in enumerate(rows) if row.person == "Mirela Minca")
    data[f"form-{mirela}-featured"] = "on"
    response = superuser_client.post(reverse("admin:testimonials_testimonial_changelist"), data)
    assert response.status_code == 302
    row = testimonials.Testimonial.objects.get(person="Mirela Minca")
    assert row.featured and row.publication_status == PublicationStatus.PUBLISHED


def test_change_form_picks_the_session_by_autocomplete(superuser_client):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    html = superuser_client.get(
        reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])
    ).content.decode()
    assert 'name="session"' in html and "admin-autocomplete" in html
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "testimonials", "model_name": "testimonial", "field_name": "session", "term": "2013"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Seoul Program 2013"]


def test_filters_and_search(superuser_client):
    url = reverse("admin:testimonials_testimonial_changelist")
    html = superuser_client.get(url + "?featured__exact=1").content.decode()
    assert "Melissa Ovalle Buenrostro" in html and "Mirela Minca" not in html
    html = superuser_client.get(url + "?q=Muscat").content.decode()
    assert "Khalid AC Zadjali" in html and "Mirela Minca" not in html


def change_form(testimonial, **changes):
    """The change form as the admin posts it: translated fields have one input per language."""
    data = {
        "quote": testimonial.quote,
        "quote_language": testimonial.quote_language,
        "session": testimonial.session_id or "",
        "honorific": testimonial.honorific,
        "person": testimonial.person,
        "position_en": testimonial.position,
        "organisation_en": testimonial.organisation,
        "city_en": testimonial.city,
        "country_en": testimonial.country,
        "on_behalf_of_en": testimonial.on_behalf_of,
        "photo": testimonial.photo_id or "",
        "order": testimonial.order,
        "publication_status": testimonial.publication_status,
        "publish_from_0": "",
        "publish_from_1": "",
    }
    return data | changes


def test_a_photo_is_chosen_from_the_library_and_shown_under_the_picker(superuser_client):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    url = reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])
    assert "No image chosen yet." in superuser_client.get(url).content.decode()
    image = make_image(title="Mirela Minca", alt_en="Portrait of Ms. Mirela Minca")
    response = superuser_client.post(url, change_form(testimonial, photo=str(image.pk)))
    assert response.status_code == 302
    testimonial.refresh_from_db()
    assert testimonial.photo == image
    html = superuser_client.get(url).content.decode()
    assert f'src="{rendition(image, "portrait").url}"' in html


def test_the_status_column_follows_the_publishing_rules(superuser_client):
    from programs.models import Session

    url = reverse("admin:testimonials_testimonial_changelist")
    html = superuser_client.get(url + "?q=Mirela").content.decode()
    assert "wego-list-status--live" in html
    # Her session becomes a draft: she is published but no longer visible.
    Session.objects.filter(testimonials__person="Mirela Minca").update(publication_status=PublicationStatus.DRAFT)
    html = superuser_client.get(url + "?q=Mirela").content.decode()
    assert "wego-list-status--hidden" in html and "wego-list-status--live" not in html


def test_the_list_has_year_and_language_filters(superuser_client):
    url = reverse("admin:testimonials_testimonial_changelist")
    html = superuser_client.get(url + "?year=2011").content.decode()
    assert "Melissa Ovalle Buenrostro" in html and "Mirela Minca" not in html
    assert superuser_client.get(url + "?year=abc").status_code == 200
    assert "Mirela Minca" in superuser_client.get(url + "?quote_language__exact=en").content.decode()


def test_view_on_site_leads_to_the_testimonial(superuser_client):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    html = superuser_client.get(
        reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])
    ).content.decode()
    response = superuser_client.get(view_on_site_href(html))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/testimonials/#testimonial-{testimonial.pk}")
