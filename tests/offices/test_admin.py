import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from offices.models import HostingDocument, HostingProgramme, Office
from offices.seed_documents import guide_pdf
from tests.html import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff_client_factory):
    return staff_client_factory()


def test_the_office_list_shows_city_status_launch_and_contacts(admin_client):
    response = admin_client.get(reverse("admin:offices_office_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    for column in ["Host city", "Status", "Launched", "Contacts", "Photo"]:
        assert column in html
    row = next(r for r in texts(html, "tr") if "Ulyanovsk Region" in r and "11 March 2014" in r)
    assert "Former" in row
    assert " 4 " in f" {row} "  # four staff contacts


def test_offices_are_found_by_staff_name_and_filtered_by_status(admin_client):
    url = reverse("admin:offices_office_changelist")
    html = admin_client.get(url, {"q": "Openysheva"}).content.decode()
    assert "WeGO Europe Regional Office, Ulyanovsk Region" in html
    assert "Chengdu</a>" not in html
    html = admin_client.get(url, {"status__exact": "planned"}).content.decode()
    assert "Regional Office in Africa" in html
    assert "East Asia Regional Office" not in html
    assert admin_client.get(url, {"o": "6"}).status_code == 200  # sorted by contact count


def test_the_office_form_has_ordered_inlines_and_a_slug_from_the_name(admin_client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    response = admin_client.get(reverse("admin:offices_office_change", args=[office.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Svetlana Openysheva") < html.index("Vladimir Garanin") < html.index("Alexandr Riabushko")
    assert "&quot;id&quot;: &quot;#id_slug&quot;" in html  # the slug is filled in from the name
    assert "View on site" in html


def test_saving_a_launch_before_approval_is_refused_with_a_message(admin_client):
    url = reverse("admin:offices_office_add")
    data = {
        "name": "New Office",
        "slug": "new-office",
        "status": "active",
        "region": "Africa",
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
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The launch date cannot be before the approval date (May 2014)." in html
    assert "Use only digits, spaces and the signs" in html
    assert not Office.objects.filter(slug="new-office").exists()


def test_a_document_upload_is_stored_with_its_facts(admin_client):
    response = admin_client.post(
        reverse("admin:offices_hostingdocument_add"),
        {
            "title": "Uploaded guide",
            "file": SimpleUploadedFile("uploaded.pdf", guide_pdf(), content_type="application/pdf"),
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
def test_other_uploads_are_refused_with_a_reason(admin_client, name, content, reason):
    response = admin_client.post(
        reverse("admin:offices_hostingdocument_add"),
        {
            "title": "Bad file",
            "file": SimpleUploadedFile(name, content),
            "language": "en",
            "order": 5,
            "publication_status": "published",
        },
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not HostingDocument.objects.filter(title="Bad file").exists()


def test_the_document_list_shows_type_size_and_downloads(admin_client):
    html = admin_client.get(reverse("admin:offices_hostingdocument_changelist")).content.decode()
    for column in ["Type", "Size", "Downloads"]:
        assert column in html
    assert "Word document" in html
    assert "PDF" in html


def test_the_upload_field_states_the_limit(admin_client, settings):
    settings.DOCUMENT_UPLOAD_MAX_MB = 5
    html = admin_client.get(reverse("admin:offices_hostingdocument_add")).content.decode()
    assert "At most 5.0\xa0MB." in html


def test_there_is_one_hosting_programme(admin_client):
    assert HostingProgramme.objects.count() == 1
    assert admin_client.get(reverse("admin:offices_hostingprogramme_add")).status_code == 403
    programme = HostingProgramme.objects.get()
    response = admin_client.get(reverse("admin:offices_hostingprogramme_change", args=[programme.pk]))
    assert response.status_code == 200
    assert "Manage members and secure new members in the region" in response.content.decode()


def test_contacts_and_milestones_have_their_own_searchable_lists(admin_client):
    html = admin_client.get(reverse("admin:offices_staffcontact_changelist"), {"q": "Yarkova"}).content.decode()
    assert "Communication Coordinator" in html
    html = admin_client.get(reverse("admin:offices_milestone_changelist"), {"q": "CeBIT"}).content.decode()
    assert "11 March 2014" in html
