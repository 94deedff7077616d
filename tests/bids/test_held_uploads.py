"""Held uploads (core.held_files) and the bid space: its upload form has the file and nothing else, so
the only error it can come back with is the file's own. A refused document is never held (it says why,
as before), a good one is stored at once, and nothing the page is sent in place of a file can stand in
for one."""

import pytest
from django.urls import reverse

from bids.models import BidDocument
from bids.space_forms import DocumentUploadForm
from core.held_files import HoldsUploads, token_input_name
from tests.support.bids import EXE_BYTES, PDF_BYTES, add_checklist, make_access, make_bid, make_call
from tests.support.files import upload
from tests.support.held_files import empty_held_directory, held_paths
from tests.support.html import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """A bid to a call open for 30 more days, asking for one document."""
    call = make_call(title="Regional Office for Africa")
    (letter,) = add_checklist(call, "Letter of intent")
    bid = make_bid(call, city="Kigali")
    _access, secret = make_access(bid)
    empty_held_directory()
    yield {"bid": bid, "letter": letter, "secret": secret}
    empty_held_directory()


def upload_url(city):
    return reverse("bids:space-upload", kwargs={"secret": city["secret"], "item": city["letter"].pk})


def file_input(city):
    return f"item-{city['letter'].pk}-file"


def test_a_refused_document_says_why_as_before_and_is_not_held(client, city):
    response = client.post(upload_url(city), {file_input(city): upload(EXE_BYTES, "setup.exe")})

    assert response.status_code == 400
    html = response.content.decode()
    assert "“.exe” files are not accepted." in texts(html, "article")[0]
    assert "Kept:" not in html
    assert token_input_name(file_input(city)) not in html
    assert held_paths() == []
    assert not BidDocument.objects.exists()


def test_a_good_document_is_stored_at_once_and_nothing_is_held(client, city):
    response = client.post(
        upload_url(city), {file_input(city): upload(PDF_BYTES, "letter.pdf", content_type="application/pdf")}
    )

    assert response.status_code == 302
    document = BidDocument.objects.get(bid=city["bid"])
    assert document.file.read() == PDF_BYTES
    assert held_paths() == []


def test_a_token_sent_in_place_of_a_file_is_no_file(client, city):
    response = client.post(upload_url(city), {token_input_name(file_input(city)): "forged-token"})

    assert response.status_code == 400
    assert "Choose a file to upload." in texts(response.content.decode(), "article")[0]
    assert not BidDocument.objects.exists()


def test_the_upload_form_holds_uploads_once_it_has_a_field_beside_the_file(city):
    """Holding needs an error elsewhere in the form: a field added beside the file must come with
    ``HoldsUploads`` (first among the form's bases, ``held_for`` the link's access)."""
    fields = DocumentUploadForm(item=city["letter"]).fields
    assert list(fields) == ["file"] or issubclass(DocumentUploadForm, HoldsUploads)
