"""Translating in the admin: the English shown beside the field being translated, live and formatted
but never run, and the item's Korean state changing from missing to complete once it is saved
(static/js/admin-translation.js, core/translations/status.py)."""

import os
from pathlib import Path

from playwright.sync_api import expect

from core.models import Draft
from core.translations.status import SOURCE, column, fields_of
from offices.models import Office
from tests.support.browser import log_in, staff_member
from tests.support.translations import status

SLUG = "europe-ulyanovsk-region"


def korean_missing_only_the_summary():
    """The office with every Korean field written but its summary, and a formatted English body."""
    office = Office.objects.get(slug=SLUG)
    for name in fields_of(Office):
        if getattr(office, column(name, SOURCE)) and not getattr(office, column(name, "ko")):
            setattr(office, column(name, "ko"), f"번역: {name}")
    office.summary_en = "The office of the Ulyanovsk Region."
    office.summary_ko = ""
    office.body_en = '<h2>Mission</h2><p>It <strong>connects</strong> cities.<img src="x" onerror="window.hit=1"></p>'
    office.save()
    assert status(office, "ko").missing_fields == ["summary"]
    return office


def test_a_translator_sees_the_english_beside_the_korean_and_completes_it(page, site_url, django_user_model):
    office = korean_missing_only_the_summary()
    staff_member(django_user_model, "mina")
    change = f"/admin/offices/office/{office.pk}/change/"
    log_in(page, site_url, "mina", change + "#translate-ko")
    page.goto(site_url + change + "#translate-ko")  # the login redirect drops the fragment

    summary = page.locator("#id_summary_ko")
    expect(summary).to_be_visible()  # the Korean tabs are open
    expect(page.locator(".wego-translation-summary")).to_contain_text("Korean: missing: Summary")
    beside = page.locator("#id_summary_ko").locator("xpath=ancestor::*[contains(@class,'wego-translating')]")
    source = beside.locator(".wego-translation-source")
    expect(source).to_contain_text("English")
    expect(source).to_contain_text("The office of the Ulyanovsk Region.")
    # A screen reader reads the English with the Korean field.
    described = summary.get_attribute("aria-describedby").split()
    assert "id_summary_ko_source" in described
    expect(page.locator("#id_summary_ko_source")).to_have_text("The office of the Ulyanovsk Region.")
    # Side by side: the English box is to the right of the Korean field.
    field_box, source_box = summary.bounding_box(), source.bounding_box()
    assert source_box["x"] >= field_box["x"] + field_box["width"] - 1

    # Rich text is shown formatted, and what is not formatting is neither shown nor run.
    body = page.locator("#id_body_ko").locator("xpath=ancestor::*[contains(@class,'wego-translating')]")
    expect(body.locator(".wego-translation-source__text strong")).to_have_text("connects")
    expect(body.locator(".wego-translation-source__text h2")).to_have_text("Mission")
    expect(body.locator(".wego-translation-source__text img")).to_have_count(0)
    assert page.evaluate("window.hit") is None

    # The English is followed as it is typed.
    page.select_option("#modeltranslation-main-switch", label="en")
    page.locator("#id_summary_en").fill("The Regional Office of the Ulyanovsk Region.")
    page.select_option("#modeltranslation-main-switch", label="ko")
    expect(source).to_contain_text("The Regional Office of the Ulyanovsk Region.")

    summary.fill("울리야놉스크 지역 사무소.")
    page.locator(
        "#content-main form input[type=submit][name='_publish'], input[type=submit][name='_save']"
    ).first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    expect(page.locator(".wego-translation-summary")).to_contain_text("Korean: complete")
    office.refresh_from_db()
    assert office.summary_ko == "울리야놉스크 지역 사무소."
    assert status(office, "ko").state == "complete"

    page.goto(site_url + "/admin/offices/office/")
    row = page.locator("#result_list tr").filter(has_text=office.name_en)
    expect(row.locator(".wego-translation-state--complete").first).to_contain_text("ko")
    expect(row.locator(".wego-translation-state--complete[title='Korean: complete']")).to_have_count(1)


def test_the_translation_report_links_each_item_to_its_form_in_that_language(page, site_url, django_user_model):
    korean_missing_only_the_summary()
    staff_member(django_user_model, "mina")
    log_in(page, site_url, "mina", "/admin/core/translationstatus/")
    expect(page.locator("h1")).to_have_text("Translation report")
    expect(page.locator("#left-ko")).to_contain_text("Korean: missing: Summary")
    if os.environ.get("SCREENSHOTS"):  # SCREENSHOTS=1 writes the README's picture of the report
        docs = Path(__file__).resolve().parents[2] / "docs"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.screenshot(path=str(docs / "admin-translation-report.png"))
    page.locator("#left-ko a").filter(has_text="Ulyanovsk").first.click()
    expect(page.locator("#id_summary_ko")).to_be_visible()


def test_enter_in_a_field_saves_the_form_and_does_not_mark_a_language_up_to_date(page, site_url, django_user_model):
    """The "Mark Korean as up to date" buttons stand before the form's own buttons: Enter in a field
    must still submit the form as its save buttons do, keeping what was typed."""
    office = korean_missing_only_the_summary()
    office.summary_ko = "요약."
    office.save()
    office.region_en = "A renamed region"
    office.save()
    assert status(office, "ko").state == "outdated"
    staff_member(django_user_model, "mina")
    change = f"/admin/offices/office/{office.pk}/change/"
    log_in(page, site_url, "mina", change)
    page.goto(site_url + change + "#translate-ko")
    expect(page.locator(".wego-translation-summary button")).to_have_count(1)

    page.locator("#id_name_ko").fill("새 이름")
    page.locator("#id_name_ko").press("Enter")
    expect(page.locator(".messagelist")).to_be_visible()
    expect(page.locator(".messagelist")).not_to_contain_text("Marked the Korean translation as up to date")
    assert status(office, "ko").state == "outdated"
    assert Draft.of(office).exists()  # what was typed is kept, as a draft of changes to the live office
