"""The testimonials admin: session picker, thumbnails, featured and published toggles in the list."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from testimonials import models as testimonials
from wego_site.publishing import PublicationStatus

pytestmark = pytest.mark.django_db

# A 1x1 transparent GIF: enough for an ImageField.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@pytest.fixture
def staff(staff_client_factory):
    return staff_client_factory()


def test_changelist_shows_thumbnails_and_toggles(staff):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    testimonial.photo.save("mirela.gif", ContentFile(GIF), save=True)
    html = staff.get(reverse("admin:testimonials_testimonial_changelist")).content.decode()
    assert f'src="{testimonial.photo.url}"' in html
    assert 'name="form-0-featured"' in html
    assert 'name="form-0-publication_status"' in html


def test_featured_and_published_can_be_switched_from_the_list(staff):
    rows = list(testimonials.Testimonial.objects.order_by("order", "pk"))
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows)), "_save": "Save"}
    for index, row in enumerate(rows):
        data[f"form-{index}-id"] = str(row.pk)
        data[f"form-{index}-publication_status"] = row.publication_status
        if row.featured:
            data[f"form-{index}-featured"] = "on"
    mirela = next(i for i, row in enumerate(rows) if row.person == "Mirela Minca")
    data[f"form-{mirela}-featured"] = "on"
    data[f"form-{mirela}-publication_status"] = PublicationStatus.DRAFT
    response = staff.post(reverse("admin:testimonials_testimonial_changelist"), data)
    assert response.status_code == 302
    row = testimonials.Testimonial.objects.get(person="Mirela Minca")
    assert row.featured and row.publication_status == PublicationStatus.DRAFT


def test_change_form_picks_the_session_by_autocomplete(staff):
    testimonial = testimonials.Testimonial.objects.get(person="Mirela Minca")
    html = staff.get(reverse("admin:testimonials_testimonial_change", args=[testimonial.pk])).content.decode()
    assert 'name="session"' in html and "admin-autocomplete" in html
    response = staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "testimonials", "model_name": "testimonial", "field_name": "session", "term": "2013"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Seoul Program 2013"]


def test_filters_and_search(staff):
    url = reverse("admin:testimonials_testimonial_changelist")
    html = staff.get(url + "?featured__exact=1").content.decode()
    assert "Melissa Ovalle Buenrostro" in html and "Mirela Minca" not in html
    html = staff.get(url + "?q=Muscat").content.decode()
    assert "Khalid AC Zadjali" in html and "Mirela Minca" not in html
