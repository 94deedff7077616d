"""A member of the Secretariat works through the message desk: replies, takes a message, files it as
answered, filters the list and exports it with the notes."""

import csv
import datetime
import io
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from contact.models import ContactMessage, MessageStatus
from core.roles import EDITORS
from tests.support.browser import log_in, staff_member

CHANGELIST = "/admin/contact/contactmessage/"


def test_staff_reply_take_answer_filter_and_export_the_list(page, site_url, django_user_model):
    received = datetime.datetime(2026, 12, 3, 1, 0, tzinfo=datetime.UTC)
    ContactMessage.objects.create(
        name="Ana Lima",
        email="ana+lima@example.org",
        message="Could Lima host an office?",
        consent=True,
        created_at=received,
    )
    ContactMessage.objects.create(
        name="Omar Haddad", email="omar@example.org", message="About the Seoul Program.", consent=True
    )
    staff_member(django_user_model, "jun", role=EDITORS, first_name="Jun", last_name="Kim")
    log_in(page, site_url, "jun", CHANGELIST)

    page.locator("#result_list").get_by_role("link", name="Ana Lima").click()
    # The address is a link that opens an answer to the sender, the subject filled in.
    reply = page.get_by_role("link", name="ana+lima@example.org")
    href = reply.get_attribute("href")
    address, query = href.removeprefix("mailto:").split("?")
    assert address == "ana%2Blima@example.org"
    assert parse_qs(query) == {"subject": ["Re: your message to WeGO of Dec. 3, 2026"]}

    page.get_by_label("Staff notes").fill("Called back on Friday; she sends the council's letter.")
    page.get_by_role("button", name="Assign to me and save").click()
    expect(page.locator(".messagelist")).to_contain_text("The message is assigned to you.")
    expect(page.get_by_label("Assigned to")).to_have_value(str(django_user_model.objects.get(username="jun").pk))

    page.get_by_label("Status").select_option(label="Answered")
    page.get_by_role("button", name="Save", exact=True).click()
    row = page.locator("#result_list tbody tr", has_text="Ana Lima")
    expect(row).to_contain_text("Answered")
    expect(row.locator("td.field-assignee")).to_have_text("Jun Kim")
    expect(row.locator("td.field-handler")).to_have_text("Jun Kim")

    page.locator('details[data-filter-title="assigned to"]').get_by_role("link", name="Me").click()
    page.locator('details[data-filter-title="status"]').get_by_role("link", name="Answered").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export this list (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Ana Lima"], "the filtered list, not every message"
    [exported] = rows
    assert exported["staff notes"] == "Called back on Friday; she sends the council's letter."
    assert exported["status"] == "Answered"
    assert (exported["assigned to"], exported["handled by"]) == ("Jun Kim", "Jun Kim")
    assert exported["when"]

    message = ContactMessage.objects.get(name="Ana Lima")
    assert message.status == MessageStatus.ANSWERED
    assert urlsplit(page.url).query, "the list keeps its filters"
