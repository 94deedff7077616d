"""An editor changes a live office: the status bar says where it stands, Preview shows the unsaved
text in the public page, a draft of changes keeps the live page as it was until it is published
(core/editing.py)."""

import re

from playwright.sync_api import expect

from core.roles import EDITORS
from offices.models import Office
from tests.support.browser import log_in, staff_member

NEW_SUMMARY = "A summary rewritten for the new year."


def test_preview_draft_and_publish_a_change_to_a_live_office(browser, site_url, django_user_model):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    staff_member(django_user_model, "ana", EDITORS, first_name="Ana", last_name="Sokolova")
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, site_url, "ana", f"/admin/offices/office/{office.pk}/change/")
    status = page.get_by_role("status").filter(has_text="Live")
    expect(status).to_contain_text("Live on the site.")

    page.locator("#id_summary_en").fill(NEW_SUMMARY)
    with context.expect_page() as opened:
        page.get_by_role("button", name="Preview").first.click()
    preview = opened.value
    expect(preview.locator(".preview-banner")).to_contain_text("not saved")
    expect(preview.locator("main")).to_contain_text(NEW_SUMMARY)
    expect(preview.locator("h1")).to_have_text(office.name)

    page.get_by_role("button", name="Save changes as a draft").first.click()
    expect(page.locator(".messagelist")).to_contain_text("visitors still see the published version")
    expect(status).to_contain_text("With unpublished changes, saved as a draft by Ana Sokolova")
    expect(page.locator("#id_summary_en")).to_have_value(NEW_SUMMARY)

    visitor = browser.new_page()
    visitor.goto(site_url + office.get_absolute_url())
    expect(visitor.locator("main")).not_to_contain_text(NEW_SUMMARY)

    page.get_by_role("button", name="Publish changes").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published: visible on the site now.")
    expect(status).not_to_contain_text("unpublished changes")
    visitor.reload()
    expect(visitor.locator("main")).to_contain_text(NEW_SUMMARY)
    assert re.search(r"/admin/offices/office/\d+/change/$", page.url)
    context.close()
