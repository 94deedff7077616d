"""A member of staff chooses a document, sends the form with a mistake elsewhere, and does not have to
choose the document again: the form says it is kept, and the next save stores it (core.held_files)."""

import re

from playwright.sync_api import expect

from offices.models import HostingDocument
from tests.support.browser import log_in, staff_member
from tests.support.held_files import admin_holding_uploads, empty_held_directory, held_paths
from tools.seed_documents import guide_pdf


def test_a_chosen_document_is_kept_after_an_error_and_stored_on_the_next_save(page, site_url, django_user_model):
    staff_member(django_user_model, "kim")
    empty_held_directory()
    with admin_holding_uploads(HostingDocument):
        log_in(page, site_url, "kim", "/admin/offices/hostingdocument/add/")
        page.locator("#id_title_en").fill("Guide to hosting 2027")
        page.locator("#id_file").set_input_files(
            files=[{"name": "guide-2027.pdf", "mimeType": "application/pdf", "buffer": guide_pdf()}]
        )
        # A date the browser lets through and the server refuses: the mistake elsewhere in the form.
        page.locator("#id_issued_on").fill("31 February")
        page.get_by_role("button", name="Save draft").first.click()

        expect(page.locator(".errorlist").first).to_contain_text("Enter a valid date.")
        kept = page.locator(".held-file")
        expect(kept).to_have_text(re.compile(r"Kept: guide-2027\.pdf \(\d+ KB\)\. Choose another file to replace it\."))
        expect(page.locator("#id_file")).to_have_attribute("aria-describedby", re.compile("id_file_held"))
        assert not HostingDocument.objects.filter(title_en="Guide to hosting 2027").exists()

        page.locator("#id_issued_on").fill("2027-01-15")
        page.get_by_role("button", name="Save draft").first.click()

        expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")
        expect(page.locator(".held-file")).to_have_count(0)
    document = HostingDocument.objects.get(title_en="Guide to hosting 2027")
    assert document.file.read() == guide_pdf()
    assert document.file_size == len(guide_pdf())
    assert document.issued_on.isoformat() == "2027-01-15"
    assert held_paths() == []
