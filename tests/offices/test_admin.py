import re
from html import unescape

import pytest
from django.urls import reverse

from offices.models import HostingDocument, HostingProgramme, Milestone, Office, StaffContact
from tests.offices.factories import make_office
from tests.support.admin import change_form_data
from tests.support.files import upload
from tests.support.html import elements, view_on_site_href
from tests.support.images import make_image
from tools.seed_documents import guide_pdf

pytestmark = pytest.mark.django_db


def test_the_office_list_shows_city_status_launch_and_contacts(superuser_client):
    response = superuser_client.get(reverse("admin:offices_office_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    for column in ["Host city", "Status", "Launched", "Contacts", "Photo"]:
        assert column in html
    # Split rather than parse: the admin's long pages are slow for the general helpers in tests.support.html.
    row = next(list_items(r, "td") for r in html.split("<tr") if "Ulyanovsk Region" in r and "11 March 2014" in r)
    row = " ".join(row)
    assert "Former" in row
    assert " 4 " in f" {row} "  # four staff contacts


def test_offices_are_found_by_staff_name_and_filtered_by_status(superuser_client):
    url = reverse("admin:offices_office_changelist")
    html = superuser_client.get(url, {"q": "Openysheva"}).content.decode()
    assert "WeGO Europe Regional Office, Ulyanovsk Region" in html
    assert "Chengdu</a>" not in html
    html = superuser_client.get(url, {"status__exact": "planned"}).content.decode()
    assert "Regional Office in Africa" in html
    assert "East Asia Regional Office" not in html
    assert superuser_client.get(url, {"o": "6"}).status_code == 200  # sorted by contact count


def test_the_office_form_has_ordered_inlines_and_a_slug_from_the_name(superuser_client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    response = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Svetlana Openysheva") < html.index("Vladimir Garanin") < html.index("Alexandr Riabushko")
    assert "&quot;id&quot;: &quot;#id_slug&quot;" in html  # the slug is filled in from the name
    assert "View on site" in html


def test_saving_a_launch_before_approval_is_refused_with_a_message(superuser_client):
    url = reverse("admin:offices_office_add")
    data = {
        "name_en": "New Office",
        "slug": "new-office",
        "status": "active",
        "region_en": "Africa",
        "order": 0,
        "approved_on": "2014-05-01",
        "approved_precision": "month",
        "launched_on": "2013-01-01",
        "launched_precision": "year",
        "publication_status": "published",
        "milestones-TOTAL_FORMS": 0,
        "milestones-INITIAL_FORMS": 0,
        "contacts-TOTAL_FORMS": 1,
        "contacts-INITIAL_FORMS": 0,
        "contacts-0-name": "Someone",
        "contacts-0-phone": "call me maybe",
        "contacts-0-order": 0,
        "contacts-0-publication_status": "published",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The launch date cannot be before the approval date (May 2014)." in html
    assert "Use only digits, spaces and the signs" in html
    assert not Office.objects.filter(slug="new-office").exists()


def test_a_document_upload_is_stored_with_its_facts(superuser_client):
    response = superuser_client.post(
        reverse("admin:offices_hostingdocument_add"),
        {
            "title_en": "Uploaded guide",
            "file": upload(guide_pdf(), "uploaded.pdf", "application/pdf"),
            "language": "en",
            "order": 5,
            "publication_status": "published",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = HostingDocument.objects.get(title="Uploaded guide")
    assert document.file_size == len(guide_pdf())
    assert len(document.file_sha256) == 64
    assert document.download_count == 0


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("virus.exe", b"MZ\x90\x00", "“.exe” files are not accepted"),
        ("page.pdf", b"<html><body>hello</body></html>", "does not match its extension .pdf"),
    ],
)
def test_other_uploads_are_refused_with_a_reason(superuser_client, name, content, reason):
    response = superuser_client.post(
        reverse("admin:offices_hostingdocument_add"),
        {
            "title_en": "Bad file",
            "file": upload(content, name),
            "language": "en",
            "order": 5,
            "publication_status": "published",
        },
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not HostingDocument.objects.filter(title="Bad file").exists()


def test_the_document_list_shows_type_size_and_downloads(superuser_client):
    html = superuser_client.get(reverse("admin:offices_hostingdocument_changelist")).content.decode()
    for column in ["Type", "Size", "Downloads"]:
        assert column in html
    assert "Word document" in html
    assert "PDF" in html


def test_the_upload_field_states_the_limit(superuser_client, settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 5
    html = superuser_client.get(reverse("admin:offices_hostingdocument_add")).content.decode()
    assert "At most 5.0\xa0MB." in html


def test_there_is_one_hosting_programme(superuser_client):
    assert HostingProgramme.objects.count() == 1
    assert superuser_client.get(reverse("admin:offices_hostingprogramme_add")).status_code == 403
    programme = HostingProgramme.objects.get()
    response = superuser_client.get(reverse("admin:offices_hostingprogramme_change", args=[programme.pk]))
    assert response.status_code == 200
    assert "Manage members and secure new members in the region" in response.content.decode()


def test_contacts_and_milestones_have_their_own_searchable_lists(superuser_client):
    html = superuser_client.get(reverse("admin:offices_staffcontact_changelist"), {"q": "Yarkova"}).content.decode()
    assert "Communication Coordinator" in html
    html = superuser_client.get(reverse("admin:offices_milestone_changelist"), {"q": "CeBIT"}).content.decode()
    assert "11 March 2014" in html


# --- translations, images, publishing, deleting --------------------------------------------------


def list_items(html, tag="li"):
    """The text of each innermost single-line ``tag`` element, tags removed."""
    pattern = rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>"
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in re.findall(pattern, html)]


def office_change(superuser_client, slug="europe-ulyanovsk-region"):
    office = Office.objects.get(slug=slug)
    url = reverse("admin:offices_office_change", args=[office.pk])
    return url, change_form_data(superuser_client.get(url))


def test_the_office_form_has_a_field_per_language_for_text_but_not_for_names(superuser_client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    html = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    for field in ["name", "summary", "body", "contacts-0-position", "milestones-0-title"]:
        for code in ["en", "ko", "ru", "es", "zh_hans"]:
            assert f'id="id_{field}_{code}"' in html, (field, code)
    assert 'id="id_contacts-0-name"' in html
    assert 'id="id_contacts-0-name_ko"' not in html  # a person's name is written one way
    assert "&quot;#id_name_en&quot;" in html  # the slug follows the English name


def test_a_translation_entered_in_the_admin_is_stored_beside_the_english(superuser_client):
    url, data = office_change(superuser_client)
    index = next(i for i in range(4) if data[f"contacts-{i}-name"] == "Svetlana Openysheva")
    data[f"contacts-{index}-position_ko"] = "사무총장"
    data["summary_ko"] = "울리야노프스크 주의 WeGO 지역사무소."
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    contact = StaffContact.objects.get(name="Svetlana Openysheva")
    assert (contact.position_en, contact.position_ko, contact.position_ru) == ("Secretary General", "사무총장", None)
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    assert office.summary_ko == "울리야노프스크 주의 WeGO 지역사무소."
    assert office.summary_en.startswith("In September 2013, the Executive Committee approved")


def test_search_finds_an_office_by_its_name_in_any_language(superuser_client):
    Office.objects.filter(slug="asia-chengdu").update(name_ko="WeGO 아시아 지역사무소, 청두")
    html = superuser_client.get(reverse("admin:offices_office_changelist"), {"q": "청두"}).content.decode()
    assert "WeGO Asia Regional Office, Chengdu" in html  # the list itself is in English
    assert "East Asia Regional Office" not in html


def test_an_office_with_a_photo_shows_a_thumbnail_in_the_list(superuser_client):
    office = make_office(name="Photographed Office", photo=make_image(alt_en="The office building"))
    html = superuser_client.get(reverse("admin:offices_office_changelist")).content.decode()
    row = next(r for r in html.split("<tr") if "Photographed Office" in r)
    [thumbnail] = elements(row, "img", width="192", height="192", alt="")
    assert thumbnail["src"].startswith("/files/renditions/portrait-")
    change = superuser_client.get(reverse("admin:offices_office_change", args=[office.pk])).content.decode()
    assert elements(change, "img", width="640", height="400", alt="A test picture, in the image library")


def test_a_photo_chosen_from_the_library_is_saved(superuser_client):
    image = make_image(title="Ulyanovsk office")
    url, data = office_change(superuser_client)
    data["photo"] = str(image.pk)
    assert superuser_client.post(url, data).status_code == 302
    assert Office.objects.get(slug="europe-ulyanovsk-region").photo == image


def test_a_photo_that_is_not_in_the_library_is_refused(superuser_client):
    url, data = office_change(superuser_client)
    data["photo"] = "999999"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Office.objects.get(slug="europe-ulyanovsk-region").photo is None


def test_the_publishing_fields_are_on_every_form(superuser_client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    pages = [
        reverse("admin:offices_office_change", args=[office.pk]),
        reverse("admin:offices_staffcontact_change", args=[2]),
        reverse("admin:offices_milestone_change", args=[6]),
        reverse("admin:offices_hostingprogramme_change", args=[HostingProgramme.objects.get().pk]),
        reverse("admin:offices_hostingdocument_change", args=[1]),
    ]
    for page in pages:
        html = superuser_client.get(page).content.decode()
        assert 'name="_publish"' in html, page
        assert 'name="publish_from_0"' in html, page


def test_public_objects_link_to_their_page(superuser_client):
    programme = HostingProgramme.objects.get()
    html = superuser_client.get(reverse("admin:offices_hostingprogramme_change", args=[programme.pk])).content.decode()
    assert superuser_client.get(view_on_site_href(html))["Location"].endswith(reverse("offices:host"))
    # A contact or milestone has no page of its own: the link opens its office's.
    for name in ["admin:offices_staffcontact_change", "admin:offices_milestone_change"]:
        html = superuser_client.get(reverse(name, args=[2 if "contact" in name else 6])).content.decode()
        assert view_on_site_href(html) == "/offices/europe-ulyanovsk-region/"


def test_milestones_can_be_browsed_by_date(superuser_client):
    url = reverse("admin:offices_milestone_changelist")
    html = superuser_client.get(url).content.decode()
    assert elements(html, "a", href="?date__year=2014")
    html = superuser_client.get(url, {"date__year": "2017"}).content.decode()
    assert "Host of the 4th WeGO General Assembly" in html
    assert ">Opened</a>" not in html
    assert Milestone.objects.filter(date__year=2017).count() == 1


def test_deleting_an_office_first_lists_the_contacts_and_milestones_that_go_with_it(superuser_client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    response = superuser_client.get(reverse("admin:offices_office_delete", args=[office.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "All of the following related items will be deleted" in html
    listed = list_items(html)
    for contact in [
        "Public contact: Svetlana Openysheva (Secretary General)",
        "Public contact: Vladimir Garanin (Deputy Secretary General)",
        "Public contact: Kseniya Yarkova (Communication Coordinator)",
        "Public contact: Alexandr Riabushko (Open Data Consultant)",
    ]:
        assert contact in listed
    assert "Milestone: 11 March 2014: Officially launched at the CeBIT Trade Fair in Hannover, Germany" in listed
    assert "Public contacts: 4" in listed
    assert "Programme-office relationships: 1" in listed  # the office is linked to a programme
    [link] = [item for item in listed if item.startswith("Programme-office relationship:")]
    assert link == f"Programme-office relationship: {office.programmes.get()} – {office}"
    assert StaffContact.objects.filter(office=office).count() == 4  # looking deletes nothing
    superuser_client.post(reverse("admin:offices_office_delete", args=[office.pk]), {"post": "yes"})
    assert not StaffContact.objects.filter(name="Svetlana Openysheva").exists()


def test_an_editor_reaches_every_offices_list_add_and_change_page(editor_client):
    for model in [Office, StaffContact, Milestone, HostingProgramme, HostingDocument]:
        name = model._meta.model_name
        assert editor_client.get(reverse(f"admin:offices_{name}_changelist")).status_code == 200, name
        assert (
            editor_client.get(reverse(f"admin:offices_{name}_change", args=[model.objects.first().pk])).status_code
            == 200
        )
        # One hosting programme: its text is edited, never added to.
        expected = 403 if model is HostingProgramme else 200
        assert editor_client.get(reverse(f"admin:offices_{name}_add")).status_code == expected, name
