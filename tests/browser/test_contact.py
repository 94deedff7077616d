"""A visitor writes to the Secretariat with the keyboard alone, and staff find the message in the admin."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import log_in, staff_member

YOUTUBE = re.compile(r"https://([a-z0-9-]+\.)*(youtube|youtube-nocookie|ytimg|googlevideo)\.com/.*")


@pytest.fixture
def quick_form(settings):
    # The minimum fill time keeps scripts out; a test types faster than a person.
    settings.CONTACT_MIN_FILL_SECONDS = 0


def tab_to(page, selector, limit=120):
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_send_a_hosting_interest_with_the_keyboard_and_find_it_in_the_admin(
    page, site_url, quick_form, django_user_model
):
    page.goto(site_url + "/contact/?purpose=hosting")
    expect(page.get_by_role("radio", name="Hosting a Regional Office")).to_be_checked()
    # Only the fields this purpose needs are shown.
    expect(page.get_by_label("Region of interest")).to_be_visible()
    expect(page.get_by_label("Programme", exact=True)).to_be_hidden()

    tab_to(page, "input[name=purpose]:checked")
    tab_to(page, "#id_name")
    page.keyboard.type("Ana Lima")
    page.keyboard.press("Tab")
    page.keyboard.type("City of Lima")
    page.keyboard.press("Tab")
    page.keyboard.type("ana@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Lima")
    page.keyboard.press("Tab")
    page.keyboard.type("Peru")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Region of interest")).to_be_focused()
    page.keyboard.type("Latin America")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Your message")).to_be_focused()
    page.keyboard.type("Lima would like to host a WeGO Regional Office.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_label("I agree that the WeGO Secretariat may contact me")).to_be_checked()
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Thank you: your message has been received")

    staff_member(django_user_model, "secretariat")
    log_in(page, site_url, "secretariat", "/admin/contact/contactmessage/")
    row = page.locator("#result_list tbody tr", has_text="Ana Lima")
    expect(row).to_contain_text("Hosting a Regional Office")
    expect(row).to_contain_text("New")
    expect(row).to_contain_text("City of Lima")
    expect(row).to_contain_text("Peru")
    row.get_by_role("link", name="Ana Lima").click()
    expect(page.locator("#content")).to_contain_text("Lima would like to host a WeGO Regional Office.")
    expect(page.locator("#content")).to_contain_text("Latin America")


def test_a_refused_form_keeps_the_text_and_focuses_the_list_of_errors(page, site_url, quick_form):
    page.goto(site_url + "/contact/?purpose=programme")
    expect(page.get_by_label("Programme", exact=True)).to_be_visible()
    expect(page.get_by_label("Region of interest")).to_be_hidden()
    page.get_by_label("Your name").fill("Ana Lima")
    page.get_by_label("Your message").fill("Which programme suits a city of our size?")
    page.get_by_role("button", name="Send message").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("E-mail address: Enter your e-mail address")
    expect(summary).to_contain_text("Programme: Say which programme you are interested in.")
    expect(page.get_by_role("textbox", name="Your name")).to_have_value("Ana Lima")
    expect(page.get_by_role("textbox", name="Your message")).to_have_value("Which programme suits a city of our size?")
    # The error list links to the field.
    summary.get_by_role("link", name=re.compile("^E-mail address")).click()
    expect(page.get_by_role("textbox", name="E-mail address")).to_be_focused()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_ask_about_a_programme_from_its_page(page, site_url, quick_form):
    from contact.models import ContactMessage

    page.goto(site_url + "/programmes/seoul-program/")
    page.get_by_role("link", name="Ask about this programme").click()
    expect(page.get_by_role("radio", name="A training programme")).to_be_checked()
    programme = page.get_by_label("Programme", exact=True)
    expect(programme).to_be_visible()
    expect(programme).to_have_value("seoul-program")
    expect(programme.locator("option:checked")).to_have_text("Seoul Program")
    expect(page.get_by_label("Region of interest")).to_be_hidden()
    page.get_by_role("textbox", name="Your name").fill("Mina Park")
    page.get_by_role("textbox", name="E-mail address").fill("mina@example.org")
    page.get_by_role("textbox", name="Your message").fill("When does the next session start?")
    page.get_by_role("checkbox", name="I agree that the WeGO Secretariat may contact me").check()
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("h1")).to_have_text("Thank you: your message has been received")
    message = ContactMessage.objects.get(name="Mina Park")
    assert message.programme.slug == "seoul-program"


def test_the_form_is_sent_in_every_language_with_the_page_cache_on_and_off(page, site_url, quick_form, settings):
    """A page with a CSRF token is rendered for each request: with the cache on, the form works as without."""
    from contact.models import ContactMessage

    settings.CONTACT_RATE_LIMIT = 100  # ten messages from one address in a row
    languages = {"en": "", "ko": "/ko", "ru": "/ru", "es": "/es", "zh-hans": "/zh-hans"}
    expected = []
    for cache_seconds in [300, 0]:
        settings.PAGE_CACHE_SECONDS = cache_seconds
        mode = "cached" if cache_seconds else "uncached"
        if cache_seconds:
            # The cache is on: a page without a form is stored and served from it.
            page.request.get(site_url + "/offices/")
            assert page.request.get(site_url + "/offices/").headers["x-page-cache"] == "hit"
        for language, prefix in languages.items():
            response = page.goto(f"{site_url}{prefix}/contact/")
            assert response.status == 200
            assert "x-page-cache" not in response.headers
            expect(page.locator("html")).to_have_attribute("lang", language)
            name = f"Visitor {language} {mode}"
            page.locator("#id_name").fill(name)
            page.locator("#id_email").fill("visitor@example.org")
            page.locator("#id_message").fill(f"Sent in {language}, page cache {mode}.")
            page.locator("#id_consent").check()
            page.locator("form[data-contact-form] button[type=submit]").click()
            expect(page).to_have_url(re.compile(rf"{prefix}/contact/sent/\?ref="))
            expect(page.locator("html")).to_have_attribute("lang", language)
            expected.append((name, f"Sent in {language}, page cache {mode}."))

    stored = ContactMessage.objects.filter(email="visitor@example.org").order_by("pk").values_list("name", "message")
    assert list(stored) == expected


def test_the_form_in_korean_confirms_in_korean(page, site_url, quick_form):
    from contact.models import BusType

    BusType.objects.filter(name_en="Red Bus").update(name_ko="빨간 버스")
    page.goto(site_url + "/ko/contact/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", name="빨간 버스")).to_be_visible()
    expect(page.get_by_role("heading", name="Blue Bus")).to_be_visible()  # not translated: in English
    page.locator("#id_name").fill("Mina Park")
    page.locator("#id_email").fill("mina@example.org")
    page.locator("#id_message").fill("안녕하세요.")
    page.locator("#id_consent").check()
    page.locator("form[data-contact-form] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/ko/contact/sent/\?ref="))
    expect(page.locator("html")).to_have_attribute("lang", "ko")


def test_the_video_loads_nothing_from_youtube_until_asked(page, site_url):
    from contact.models import HostCity

    HostCity.objects.filter(pk=1).update(sharing_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    youtube_requests = []

    def refuse(route):
        youtube_requests.append(route.request.url)
        route.abort()

    page.route(YOUTUBE, refuse)
    page.goto(site_url + "/host-city/")
    expect(page.get_by_role("heading", name="Seoul Policy Sharing Initiative")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    assert youtube_requests == []

    page.get_by_role("button", name="Play the video “Seoul Policy Sharing Initiative” here").click()
    frame = page.locator("iframe")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
    expect(frame).to_have_attribute("title", "Seoul Policy Sharing Initiative")


def test_the_confirmation_and_the_video_pass_an_axe_scan(page, site_url, quick_form):
    from contact.models import HostCity

    HostCity.objects.filter(pk=1).update(sharing_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    page.route(YOUTUBE, lambda route: route.abort())
    failures = {}
    page.goto(site_url + "/host-city/")
    results = Axe().run(page)
    if results.violations_count:
        failures["host city with a video"] = results.generate_report()

    page.goto(site_url + "/contact/")
    page.get_by_role("textbox", name="Your name").fill("Ana Lima")
    page.get_by_role("textbox", name="E-mail address").fill("ana@example.org")
    page.get_by_role("textbox", name="Your message").fill("Hello.")
    page.get_by_role("checkbox", name="I agree that the WeGO Secretariat may contact me").check()
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("h1")).to_have_text("Thank you: your message has been received")
    expect(page.locator("main")).to_be_focused()
    results = Axe().run(page)
    if results.violations_count:
        failures["confirmation"] = results.generate_report()
    assert not failures, "\n\n".join(f"{name}\n{report}" for name, report in failures.items())
