"""A visitor finds a Regional Office and its people, then downloads the guide to hosting one; staff edit a
contact in the admin and see the change on the office's page."""

from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from tests.support.browser import log_in, staff_member
from tools.seed_documents import GUIDE_PATH


def test_from_the_home_page_to_an_office_and_a_hosting_document(page, site_url):
    page.goto(site_url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Regional Offices", exact=True).click()
    expect(page.locator("h1")).to_have_text("Regional Offices")
    expect(page.get_by_role("heading", name="Our Regional Offices")).to_be_visible()
    expect(page.get_by_role("link", name="East Asia Regional Office")).to_be_visible()

    page.get_by_role("link", name="WeGO Europe Regional Office, Ulyanovsk Region").click()
    expect(page.locator("h1")).to_have_text("WeGO Europe Regional Office, Ulyanovsk Region")
    expect(page.locator("time[datetime='2014-03-11']").first).to_have_text("11 March 2014")
    contact = page.get_by_role("article", name="Svetlana Openysheva")
    expect(contact).to_contain_text("Secretary General")
    expect(contact.get_by_role("link", name="+7 (8422) 41-33-59")).to_have_attribute("href", "tel:+78422413359")
    expect(contact.get_by_role("link", name="Contact card of Svetlana Openysheva (vCard)")).to_be_visible()

    page.get_by_role("link", name="All Regional Offices").click()
    page.get_by_role("link", name="Find out how to host a Regional Office").click()
    expect(page.locator("h1")).to_have_text("Host a Regional Office")
    expect(page.get_by_role("heading", name="How a host city is selected")).to_be_visible()

    expected = (Path(settings.BASE_DIR) / "fixtures" / "media" / GUIDE_PATH).read_bytes()
    guide = page.get_by_role("link", name="Guide to hosting a WeGO Regional Office (PDF,")
    expect(guide).to_have_text(f"Guide to hosting a WeGO Regional Office (PDF, {round(len(expected) / 1024)} KB)")
    with page.expect_download() as download_info:
        guide.click()
    download = download_info.value
    assert download.suggested_filename == "guide-to-hosting-a-wego-regional-office.pdf"
    assert Path(download.path()).read_bytes() == expected

    expect(page.get_by_role("link", name="Send an expression of interest")).to_have_attribute(
        "href", "/contact/?purpose=hosting"
    )


def test_staff_edit_a_contact_in_the_admin_and_see_it_on_the_office_page(page, site_url, django_user_model):
    staff_member(django_user_model, "secretariat")
    log_in(page, site_url, "secretariat", "/admin/offices/office/")

    page.get_by_role("link", name="WeGO Europe Regional Office, Ulyanovsk Region").click()
    expect(page.locator("h1")).to_contain_text("Change Regional Office")
    contact = page.locator(".inline-related", has=page.get_by_text("Svetlana Openysheva (Secretary General)"))
    # The English tab is the one shown first; the field is the inline's English position.
    position = contact.locator("input[name$='-position_en']")
    expect(position).to_have_value("Secretary General")
    position.fill("Secretary General of the Regional Office")
    # A live office: the change goes live with "Publish changes" (the first of the two button rows).
    page.get_by_role("button", name="Publish changes").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published: visible on the site now.")

    page.goto(site_url + "/offices/europe-ulyanovsk-region/")
    card = page.get_by_role("article", name="Svetlana Openysheva")
    expect(card).to_contain_text("Secretary General of the Regional Office")
