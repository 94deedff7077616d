"""A visitor finds every section from the home page, and the pages work with the keyboard."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.sitemap import sitemap_paths

SECTIONS = {
    "Regional Offices": "Regional Offices",
    "Programmes": "Programmes",
    "Testimonials": "Testimonials",
    "Host City": "Host City Seoul",
    "Contact": "Contact",
}


def test_navigation_reaches_every_section(page, site_url):
    page.goto(site_url + "/")
    expect(page.locator("h1")).to_have_text("WeGO, World Smart Sustainable Cities Organization")
    for link, heading in SECTIONS.items():
        page.get_by_role("navigation", name="Main").get_by_role("link", name=link, exact=True).click()
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator("h1")).to_have_text(heading)
        expect(page.get_by_role("navigation", name="Main").locator("[aria-current=page]")).to_have_text(link)


def test_skip_link_moves_focus_to_main(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert re.search(r"#main$", page.url)


# The scan takes most of the browser tests' time: in halves, so that both pytest workers share it.
@pytest.mark.parametrize("half", [0, 1])
def test_every_public_page_passes_an_axe_scan(page, site_url, client, half):
    axe = Axe()
    failures = {}
    paths = [*sitemap_paths(client), "/no-such-page/"]
    for path in paths[half::2]:
        page.goto(site_url + path)
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())
