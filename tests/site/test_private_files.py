"""Content files: unguessable names, shown only while their item is public, removed once nothing refers to them."""

import re
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from core import images
from core.files import file_url
from core.publishing import PublicationStatus
from offices.models import HostingDocument
from tests.offices.factories import make_document, make_office
from tests.support.images import make_image
from tools.seed_documents import guide_pdf

pytestmark = pytest.mark.django_db

DRAFT = {"publication_status": PublicationStatus.DRAFT}


def _body(response):
    return b"".join(response.streaming_content)


def test_a_draft_offices_photo_and_its_rendition_are_hidden_from_visitors_and_shown_to_staff(
    client, staff_client_factory
):
    office = make_office(photo=make_image(alt_en="The building"), **DRAFT)
    card = images.rendition(office.photo, "card")
    staff = staff_client_factory()
    for url in (file_url(office.photo.file.name), card.url):
        assert url.startswith("/files/")
        assert client.get(url).status_code == 404
        response = staff.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/")
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" not in response.get("Content-Disposition", "")


def test_staff_without_view_permission_get_no_draft_file(staff_client_factory):
    office = make_office(photo=make_image(alt_en="The building"), **DRAFT)
    assert staff_client_factory(is_superuser=False).get(file_url(office.photo.file.name)).status_code == 404


def test_a_draft_hosting_document_is_hidden_from_visitors_and_shown_to_staff(client, staff_client_factory):
    document = make_document(**DRAFT)
    url = file_url(document.file.name)
    assert client.get(url).status_code == 404
    response = staff_client_factory().get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert _body(response) == guide_pdf()


def test_public_files_are_served_to_visitors(client):
    office = make_office(photo=make_image(alt_en="The building"))
    document = make_document()
    response = client.get(images.rendition(office.photo, "detail").url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    response = client.get(file_url(document.file.name))
    assert response.status_code == 200
    assert _body(response) == guide_pdf()


def test_a_stored_name_that_belongs_to_no_row_is_not_served(client):
    default_storage.save("offices/photos/loose.png", ContentFile(b"x"))
    assert client.get("/files/offices/photos/loose.png").status_code == 404


def test_upload_names_are_unguessable():
    first = make_document(name="Guide to Hosting.pdf")
    second = make_document(name="Guide to Hosting.pdf")
    pattern = r"offices/documents/([A-Za-z0-9_-]{22})/guide-to-hosting\.pdf"
    tokens = [re.fullmatch(pattern, document.file.name).group(1) for document in (first, second)]
    assert tokens[0] != tokens[1]


def test_a_replaced_file_is_deleted_after_the_commit(django_capture_on_commit_callbacks):
    document = make_document()
    old = document.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document.file = ContentFile(guide_pdf(), name="new.pdf")
        document.save()
    assert default_storage.exists(old)  # not before the commit
    for callback in callbacks:
        callback()
    assert not default_storage.exists(old)
    assert default_storage.exists(document.file.name)


def test_deleting_an_office_keeps_its_photo_and_deleting_the_image_deletes_its_file_and_renditions(
    django_capture_on_commit_callbacks,
):
    # The photo is an image of the library, which other items may show too: it goes only with the image.
    office = make_office(photo=make_image(alt_en="The building"))
    image = office.photo
    name = image.file.name
    rendition_name = images.rendition_name(name, "card")
    images.rendition(image, "card")
    assert default_storage.exists(rendition_name)
    with django_capture_on_commit_callbacks(execute=True):
        office.delete()
    assert default_storage.exists(name)
    assert default_storage.exists(rendition_name)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not default_storage.exists(name)
    assert not default_storage.exists(rendition_name)


def test_a_file_another_row_still_holds_is_kept(django_capture_on_commit_callbacks):
    document = make_document()
    other = make_document()
    HostingDocument.objects.filter(pk=other.pk).update(file=document.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert default_storage.exists(document.file.name)


def test_the_orphan_command_deletes_unreferenced_files_only():
    document = make_document()
    office = make_office(photo=make_image(alt_en="The building"))
    images.rendition(office.photo, "card")
    kept_rendition = images.rendition_name(office.photo.file.name, "card")
    orphan = default_storage.save("offices/documents/abandoned/old.pdf", ContentFile(guide_pdf()))
    orphan_rendition = default_storage.save(images.rendition_name(orphan, "card"), ContentFile(b"x"))

    out = StringIO()
    call_command("delete_orphan_files", "--dry-run", stdout=out)
    assert orphan in out.getvalue()
    assert default_storage.exists(orphan)

    call_command("delete_orphan_files", stdout=StringIO())
    assert not default_storage.exists(orphan)
    assert not default_storage.exists(orphan_rendition)
    for name in (document.file.name, office.photo.file.name, kept_rendition):
        assert default_storage.exists(name)


def test_a_file_an_old_revision_holds_is_kept(django_capture_on_commit_callbacks):
    from django.contrib.contenttypes.models import ContentType
    from reversion.models import Revision, Version

    document = make_document()
    name = document.file.name
    revision = Revision.objects.create(comment="", date_created=timezone.now())
    Version.objects.create(
        revision=revision,
        object_id=str(document.pk),
        content_type=ContentType.objects.get_for_model(HostingDocument),
        db="default",
        format="json",
        serialized_data=f'[{{"model": "offices.hostingdocument", "fields": {{"file": "{name}"}}}}]',
        object_repr=str(document),
    )
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(guide_pdf(), name="new.pdf")
        document.save()
    assert default_storage.exists(name)
    revision.delete()
    call_command("delete_orphan_files", stdout=StringIO())
    assert not default_storage.exists(name)


def test_a_file_request_asks_only_the_field_its_directory_belongs_to(client, django_assert_num_queries):
    from testimonials.models import Testimonial

    testimonial = Testimonial.objects.get(person="Mirela Minca")  # on a session of a programme: two parents
    testimonial.photo = make_image(alt_en="Portrait of Ms. Mirela Minca")
    testimonial.save()
    url = images.rendition(testimonial.photo, "portrait").url
    document = make_document()
    # A library file costs two: its image, then whether a public item (this testimonial, its session and
    # programme published) shows it.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(1):  # a file of a row of its own: the row, its parents joined
        response = client.get(file_url(document.file.name))
    assert response.status_code == 200


def test_the_orphan_command_asks_the_same_queries_for_one_file_or_many():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            call_command("delete_orphan_files", "--dry-run", stdout=StringIO())
        return len(captured)

    default_storage.save("offices/documents/abandoned/0.pdf", ContentFile(b"x"))
    one = queries()
    for number in range(1, 6):
        default_storage.save(f"offices/documents/abandoned/{number}.pdf", ContentFile(b"x"))
    assert queries() == one


@pytest.mark.parametrize(
    "path", ["/files/library/abc%00.png", "/files/renditions/card-640x400/library/abc%00.png.webp"]
)
def test_a_name_with_a_nul_character_is_not_found_rather_than_an_error(client, path):
    """PostgreSQL refuses NUL in a text value: looking the name up must not turn into a server error."""
    assert client.get(path).status_code == 404
