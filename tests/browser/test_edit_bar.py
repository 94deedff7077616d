"""Staff go from a public page straight to its record in the admin, and the bar leaves with their login."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from offices.models import Office
from tests.support.browser import log_in, staff_member


def test_staff_open_an_office_in_the_admin_from_its_page_and_the_bar_goes_when_they_log_out(
    page, site_url, django_user_model
):
    office = Office.objects.get(slug="asia-chengdu")
    staff_member(django_user_model, "secretariat")
    log_in(page, site_url, "secretariat", "/admin/")

    page.goto(site_url + office.get_absolute_url())
    bar = page.get_by_role("navigation", name="Staff")
    expect(bar).to_contain_text("This page is in English.")
    # Right after the skip link, so the skip link stays the first stop of the keyboard.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(bar.get_by_role("link", name="Edit this Regional Office")).to_be_focused()
    expect(page.locator("h1")).to_have_count(1)
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}/admin/offices/office/{office.pk}/change/")
    expect(page.locator("h1")).to_contain_text("Change Regional Office")
    expect(page.locator("input[name='name_en']")).to_have_value(office.name_en)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in again")).to_be_visible()
    page.goto(site_url + office.get_absolute_url())
    expect(page.locator("h1")).to_have_text(office.name_en)
    expect(page.get_by_role("navigation", name="Staff")).to_have_count(0)
    expect(page.locator("link[href$='staff-bar.css']")).to_have_count(0)
