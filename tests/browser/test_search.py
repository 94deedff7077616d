"""A visitor types what they remember in the header box and lands on the page they meant."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

LABELS = {"en": ("Site", "Search the site"), "ko": ("사이트", "사이트 검색")}


def search_from_the_header(page, words, language="en"):
    region, label = LABELS[language]
    box = page.get_by_role("search", name=region).get_by_role("searchbox", name=label)
    box.fill(words)
    box.press("Enter")


def test_a_query_in_the_header_box_leads_to_the_office(page, site_url):
    page.goto(site_url + "/programmes/")
    search_from_the_header(page, "the Chengdu office")

    expect(page).to_have_url(re.compile(r"/search/\?q=the\+Chengdu\+office$"))
    expect(page.locator("h1")).to_have_text("Results for “the Chengdu office”")
    expect(page.get_by_role("searchbox", name="Words to look for")).to_have_value("the Chengdu office")
    first = page.locator(".search-result").first
    expect(first.locator(".search-result__kind")).to_have_text("Regional Office")
    expect(first.locator("mark").first).to_have_text("Office")
    first.get_by_role("link").click()

    expect(page).to_have_url(site_url + "/offices/asia-chengdu/")
    expect(page.locator("h1")).to_have_text("WeGO Asia Regional Office, Chengdu")


def test_the_workshop_with_the_world_bank_is_found_in_one_step(page, site_url):
    page.goto(site_url + "/")
    search_from_the_header(page, "workshop World Bank")
    results = page.locator(".search-result__title")
    expect(results.filter(has_text="Joint Workshop for Smart Sustainable Cities and e-Government")).to_have_count(1)
    page.get_by_role("link", name=re.compile(r"^Sessions \(\d+\)$")).click()
    expect(page).to_have_url(re.compile(r"kind=session"))
    expect(page.locator(".search-result__kind").first).to_have_text("Session")


def test_a_person_result_opens_their_card_on_the_office_page(page, site_url):
    page.goto(site_url + "/ko/")
    search_from_the_header(page, "Guangliang", language="ko")
    expect(page).to_have_url(re.compile(r"/ko/search/"))
    page.locator(".search-result").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/ko/offices/asia-chengdu/#contact-\d+$"))
    expect(page.get_by_role("heading", name="Mr. Wang “Charlie” Guangliang")).to_be_in_viewport()


def test_no_results_points_to_the_sections(page, site_url):
    page.goto(site_url + "/search/?q=qwertyuiop")
    expect(page.get_by_role("heading", name="Nothing matched")).to_be_visible()
    page.locator(".search-sections").get_by_role("link", name="Programmes").click()
    expect(page.locator("h1")).to_have_text("Programmes")


def test_search_pages_pass_an_axe_scan(page, site_url):
    axe = Axe()
    failures = {}
    for path in ["/search/?q=seoul", "/search/?q=qwertyuiop", "/search/", "/ko/search/?q=chengdu"]:
        page.goto(site_url + path)
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())
