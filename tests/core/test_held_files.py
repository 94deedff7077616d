"""Uploads that forgive (core.held_files): a file chosen in a form that comes back with an error
elsewhere is held, and taken back on the next submission; only by the same person, the same form and
field, and within the limit."""

from datetime import timedelta

import pytest
import time_machine
from django import forms
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.held_files import NOT_KEPT_MESSAGE, HoldsUploads, delete_expired, token_input_name
from core.publishing import PublicationStatus
from core.uploads import validate_document_file
from offices.models import HostingDocument
from tests.support.files import upload
from tests.support.held_files import admin_holding_uploads, empty_held_directory, held_paths, held_token
from tests.support.html import parse
from tests.support.tasks import queued_task_names, run_queued_tasks
from tools.seed_documents import guide_pdf, interest_form_docx

# Holding a file queues the task that deletes it later: a row of the task table.
pytestmark = pytest.mark.django_db


class ReportForm(HoldsUploads, forms.Form):
    """A form of the kind that loses files today: a required text beside a checked file."""

    title = forms.CharField()
    report = forms.FileField(validators=[validate_document_file])


@pytest.fixture(autouse=True)
def _no_held_files():
    empty_held_directory()
    yield
    empty_held_directory()


def pdf(name="report.pdf"):
    return upload(guide_pdf(), name, "application/pdf")


def held_form(held_for="session-a", **data):
    """A ReportForm sent with its title left blank and a good PDF: shown again, with the PDF held."""
    form = ReportForm({"title": "", **data}, {"report": pdf()}, held_for=held_for)
    assert not form.is_valid()
    return form


def resubmitted(form, held_for="session-a", files=None, **data):
    """The next submission of ``form``'s page: the title filled in, the file input empty unless ``files``."""
    token = form.held["report"].token
    return ReportForm({"title": "Annual report", token_input_name("report"): token, **data}, files, held_for=held_for)


# -- The form ------------------------------------------------------------------------------------------


def test_a_good_file_is_held_when_another_field_has_an_error():
    form = held_form()
    assert form.errors == {"title": ["This field is required."]}
    assert form.held["report"].name == "report.pdf"
    [path] = held_paths()
    assert path.startswith("held/") and path.endswith("/report.pdf")
    assert default_storage.open(path).read() == guide_pdf()

    html = str(form["report"])
    tags = parse(html).tags
    file_input = next(attrs for tag, attrs in tags if tag == "input" and attrs["type"] == "file")
    # The browser must let the form go with the input empty: the held file answers for it.
    assert "required" not in file_input
    assert "id_report_held" in file_input["aria-describedby"]
    assert held_token(html, "report") == form.held["report"].token
    size = form.held["report"].size_display
    assert f"Kept: report.pdf ({size}). Choose another file to replace it." in " ".join(html.split())


def test_a_refused_file_is_not_held():
    form = ReportForm({"title": ""}, {"report": upload(b"MZ\x90\x00", "tool.exe")}, held_for="session-a")
    assert not form.is_valid()
    assert "report" in form.errors
    assert form.held == {}
    assert held_paths() == []
    assert "Kept:" not in str(form["report"])


def test_a_storage_failure_leaves_the_form_as_it_was_without_an_error_page(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(default_storage, "save", refuse)
    form = ReportForm({"title": ""}, {"report": pdf()}, held_for="session-a")
    assert not form.is_valid()
    assert form.held == {}
    assert "Kept:" not in str(form["report"])
    assert "could not be held" in caplog.text


def test_nothing_is_held_when_the_form_is_valid():
    form = ReportForm({"title": "Annual report"}, {"report": pdf()}, held_for="session-a")
    assert form.is_valid()
    assert form.held == {}
    assert held_paths() == []


def test_the_next_submission_takes_the_held_file_back_and_it_leaves_storage():
    again = resubmitted(held_form())
    assert again.is_valid(), again.errors
    taken = again.cleaned_data["report"]
    assert taken.name == "report.pdf"
    assert taken.size == len(guide_pdf())
    assert taken.read() == guide_pdf()
    assert held_paths() == []


def test_a_held_file_is_held_again_when_the_next_submission_has_an_error_too():
    again = resubmitted(held_form(), title="")
    assert not again.is_valid()
    assert again.held["report"].name == "report.pdf"
    assert len(held_paths()) == 1
    last = resubmitted(again)
    assert last.is_valid(), last.errors
    assert last.cleaned_data["report"].read() == guide_pdf()
    assert held_paths() == []


def test_a_newly_chosen_file_replaces_the_held_one():
    docx = upload(interest_form_docx(), "form.docx")
    again = resubmitted(held_form(), files={"report": docx})
    assert again.is_valid(), again.errors
    assert again.cleaned_data["report"].name == "form.docx"
    assert held_paths() == []  # the replaced file is not left behind


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "eyJwYXRoIjoiaGVsZC94L3JlcG9ydC5wZGYifQ:1vQ:abc"],
    ids=["garbage", "forged"],
)
def test_a_tampered_token_asks_for_the_file_again(token):
    form = ReportForm({"title": "Annual report", token_input_name("report"): token}, held_for="session-a")
    assert not form.is_valid()
    assert form.errors == {"report": [str(NOT_KEPT_MESSAGE)]}


def test_a_token_edited_by_one_character_is_refused():
    form = held_form()
    token = form.held["report"].token
    edited = token[:-1] + ("A" if token[-1] != "A" else "B")
    again = ReportForm({"title": "Annual report", token_input_name("report"): edited}, held_for="session-a")
    assert not again.is_valid()
    assert again.errors == {"report": [str(NOT_KEPT_MESSAGE)]}
    assert len(held_paths()) == 1  # still there for its owner, until it expires


def test_an_expired_token_asks_for_the_file_again(settings):
    settings.HELD_UPLOAD_MINUTES = 30
    form = held_form()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        again = resubmitted(form)
        assert not again.is_valid()
    assert again.errors == {"report": [str(NOT_KEPT_MESSAGE)]}


def test_a_token_within_the_limit_still_works(settings):
    settings.HELD_UPLOAD_MINUTES = 30
    form = held_form()
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        again = resubmitted(form)
        assert again.is_valid(), again.errors


def test_another_persons_token_is_refused_and_the_file_stays_theirs():
    form = held_form(held_for="session-a")
    stolen = resubmitted(form, held_for="session-b")
    assert not stolen.is_valid()
    assert stolen.errors == {"report": [str(NOT_KEPT_MESSAGE)]}
    mine = resubmitted(form, held_for="session-a")
    assert mine.is_valid(), mine.errors


def test_a_token_is_bound_to_its_field_and_its_form():
    class OtherForm(HoldsUploads, forms.Form):
        report = forms.FileField()

    form = held_form()
    token = form.held["report"].token
    other_form = OtherForm({token_input_name("report"): token}, held_for="session-a")
    assert not other_form.is_valid()
    assert other_form.errors == {"report": [str(NOT_KEPT_MESSAGE)]}
    prefixed = ReportForm(
        {"copy-title": "x", token_input_name("copy-report"): token}, prefix="copy", held_for="session-a"
    )
    assert not prefixed.is_valid()
    assert prefixed.errors == {"report": [str(NOT_KEPT_MESSAGE)]}


def test_an_empty_form_shows_nothing_held():
    html = str(ReportForm()["report"])
    assert "Kept:" not in html
    assert "required" in html


# -- Never served ------------------------------------------------------------------------------------


def test_held_files_are_served_by_no_address(client, superuser_client):
    held_form()
    [path] = held_paths()
    for visitor in (client, superuser_client):
        assert visitor.get(f"/files/{path}").status_code == 404
        assert visitor.get(f"/media/{path}").status_code == 404


# -- Clean-up ----------------------------------------------------------------------------------------


def test_delete_expired_removes_only_files_older_than_the_limit(settings):
    settings.HELD_UPLOAD_MINUTES = 60
    held_form()
    [path] = held_paths()
    assert delete_expired(now=timezone.now() + timedelta(minutes=59)) == []
    assert held_paths() == [path]
    assert delete_expired(now=timezone.now() + timedelta(minutes=61)) == [path]
    assert held_paths() == []
    assert not default_storage.exists(path)


def test_the_clean_up_command_deletes_expired_held_files(settings, capsys):
    held_form()
    [path] = held_paths()
    call_command("delete_held_files")
    assert held_paths() == [path]  # not expired
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        call_command("delete_held_files")
    assert held_paths() == []
    output = capsys.readouterr().out
    assert path in output
    assert "Deleted 1 held file(s)." in output


def test_the_clean_up_command_has_nothing_to_do_without_held_files(capsys):
    call_command("delete_held_files")
    assert "Deleted 0 held file(s)." in capsys.readouterr().out


# -- The admin: a hosting document's change form -----------------------------------------------------


@pytest.fixture
def holding_admin():
    with admin_holding_uploads(HostingDocument) as model_admin:
        yield model_admin


ADD = "admin:offices_hostingdocument_add"


def document_data(**changes):
    return {"title_en": "Guide to hosting 2027", "language": "en", "order": 7, **changes}


def test_the_admin_keeps_a_chosen_file_after_an_error_and_stores_it_on_the_next_save(holding_admin, superuser_client):
    response = superuser_client.post(reverse(ADD), document_data(title_en="", file=pdf("guide.pdf")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "Kept: guide.pdf (" in html
    token = held_token(html)
    assert token
    assert not HostingDocument.objects.filter(order=7).exists()

    response = superuser_client.post(reverse(ADD), document_data(**{token_input_name("file"): token}))
    assert response.status_code == 302, response.content.decode()[:3000]
    document = HostingDocument.objects.get(title_en="Guide to hosting 2027")
    assert document.file.name.startswith("offices/documents/")
    assert document.file.read() == guide_pdf()
    assert document.file_size == len(guide_pdf())
    assert len(document.file_sha256) == 64
    assert held_paths() == []


def test_the_admin_refuses_another_staff_members_token(holding_admin, superuser_client, staff_client_factory):
    response = superuser_client.post(reverse(ADD), document_data(title_en="", file=pdf("guide.pdf")))
    token = held_token(response.content.decode())
    colleague = staff_client_factory()
    response = colleague.post(reverse(ADD), document_data(**{token_input_name("file"): token}))
    assert response.status_code == 200
    assert str(NOT_KEPT_MESSAGE) in response.content.decode()
    assert not HostingDocument.objects.filter(title_en="Guide to hosting 2027").exists()
    assert len(held_paths()) == 1


def test_the_admin_shows_an_expired_token_calmly(holding_admin, superuser_client):
    response = superuser_client.post(reverse(ADD), document_data(title_en="", file=pdf("guide.pdf")))
    token = held_token(response.content.decode())
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = superuser_client.post(reverse(ADD), document_data(**{token_input_name("file"): token}))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(NOT_KEPT_MESSAGE) in html
    assert "This field is required." not in html  # the reason is said once, as why
    assert held_token(html) is None


def test_a_file_chosen_with_save_draft_of_a_live_item_is_kept_until_it_is_published(holding_admin, superuser_client):
    """A new file cannot wait in a draft of a live item (core.editing): the form comes back with the
    file kept, a held file counts as chosen for that rule, and "Publish" stores it."""
    document = HostingDocument.objects.filter(publication_status=PublicationStatus.PUBLISHED).first()
    url = reverse("admin:offices_hostingdocument_change", args=[document.pk])
    data = document_data(title_en=document.title_en, language=document.language, order=document.order)
    new_pdf = guide_pdf() + b"\n% a later edition\n"

    response = superuser_client.post(url, {**data, "_save_draft": "1", "file": upload(new_pdf, "edition.pdf")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A new file cannot wait in a draft" in html
    token = held_token(html)
    assert "Kept: edition.pdf" in html

    response = superuser_client.post(url, {**data, "_save_draft": "1", token_input_name("file"): token})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A new file cannot wait in a draft" in html
    token = held_token(html)
    assert "Kept: edition.pdf" in html

    response = superuser_client.post(url, {**data, "_publish": "1", token_input_name("file"): token})
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.file.read() == new_pdf
    assert held_paths() == []


# -- The admin: an inline ----------------------------------------------------------------------------


def test_an_inline_holds_its_files_for_the_change_form_it_sits_in(rf, admin_user):
    """No inline of the site has a file field yet: a test-only one, of a bid's documents."""
    from django.contrib import admin

    from bids.models import Bid, BidDocument
    from core.held_files import HoldsUploadsInline, scope, take_back

    class DocumentInline(HoldsUploadsInline, admin.TabularInline):
        model = BidDocument
        fields = ["item", "file"]

    request = rf.post("/")
    request.user = admin_user
    # Only inside an admin that takes held files back: elsewhere a kept file would never be used.
    assert not issubclass(DocumentInline(Bid, admin.site).get_formset(request).form, HoldsUploads)
    with admin_holding_uploads(Bid):
        formset_class = DocumentInline(Bid, admin.site).get_formset(request)
    data = {"documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0", "documents-0-item": ""}
    formset = formset_class(data, {"documents-0-file": pdf("letter.pdf")}, instance=Bid(), prefix="documents")
    assert not formset.is_valid()
    [form] = formset.forms
    assert "item" in form.errors
    held = form.held["file"]
    assert held.name == "letter.pdf"
    assert f'name="{token_input_name("documents-0-file")}"' in str(form["file"])

    # Taken back as the change form of a bid takes back its files, for this staff member only.
    def scope_of(user):
        return lambda html_name: scope("admin:bids.bid", f"user-{user.pk}", html_name)

    token_data = {token_input_name("documents-0-file"): held.token}
    files, refused = take_back(token_data, {}, scope_of(type(admin_user)(pk=admin_user.pk + 1)))
    assert (files, refused) == ({}, {"documents-0-file"})
    files, refused = take_back(token_data, {}, scope_of(admin_user))
    assert refused == set()
    assert files["documents-0-file"].read() == guide_pdf()


def test_a_held_file_nobody_takes_back_is_deleted_by_the_task_queued_with_it():
    form = held_form()
    [path] = held_paths()
    assert queued_task_names() == ["core.held_files.forget_held_file"]
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        run_queued_tasks()
    assert not default_storage.exists(path)
    assert form.errors


# -- Whose file, and storage that fails ----------------------------------------------------------------


def test_a_form_that_names_nobody_refuses_to_be_bound():
    """A token bound to nobody would take the file back for whoever sends it: a form that holds
    uploads must say whose they are."""
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        ReportForm({"title": ""}, {"report": pdf()})
    assert held_paths() == []
    assert "Kept:" not in str(ReportForm()["report"])  # an empty form holds nothing: it may name nobody


def test_storage_that_fails_while_taking_a_file_back_asks_for_it_again_without_an_error_page(monkeypatch, caplog):
    form = held_form()

    def unreachable(*args, **kwargs):
        # What an object store's client raises when the network fails: not an OSError.
        raise RuntimeError("bucket unreachable")

    monkeypatch.setattr(default_storage, "open", unreachable)
    again = resubmitted(form)
    assert not again.is_valid()
    assert again.errors == {"report": [str(NOT_KEPT_MESSAGE)]}
    assert "could not be taken back" in caplog.text


def test_a_held_file_that_cannot_be_deleted_once_read_is_still_taken_back(monkeypatch, caplog):
    form = held_form()

    def refuse(*args, **kwargs):
        raise RuntimeError("bucket unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(default_storage, "delete", refuse)
        again = resubmitted(form)
        assert again.is_valid(), again.errors
    assert again.cleaned_data["report"].read() == guide_pdf()
    # Left for the task queued with it, or for delete_held_files.
    assert len(held_paths()) == 1
    assert "could not be deleted" in caplog.text
