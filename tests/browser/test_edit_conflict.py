"""Two editors on one office at once: the second save over the first is refused, names who saved,
and keeps what the second editor typed; leaving a form with unsaved changes asks first
(core/revisions.py, static/js/admin-unsaved-changes.js)."""

import re

from playwright.sync_api import expect

from core.roles import EDITORS
from offices.models import Office
from tests.support.browser import log_in, staff_member


def editor(django_user_model, username, first_name, last_name):
    return staff_member(django_user_model, username, EDITORS, first_name=first_name, last_name=last_name)


def open_office(page, site_url, username, path):
    log_in(page, site_url, username, path)
    expect(page.locator("h1")).to_contain_text("Regional Office")


def save(page):
    """Whichever saving button the form offers: publishing changes of a live item, or Django's Save."""
    page.locator(
        "#content-main form input[type=submit][name='_publish'], input[type=submit][name='_save']"
    ).first.click()


def test_the_second_of_two_editors_is_refused_and_keeps_what_they_typed(browser, site_url, django_user_model):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    path = f"/admin/offices/office/{office.pk}/change/"
    editor(django_user_model, "ana", "Ana", "Sokolova")
    editor(django_user_model, "ben", "Ben", "Park")
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB") for _ in range(2)]
    try:
        first, second = (context.new_page() for context in contexts)
        for page, username in ((first, "ana"), (second, "ben")):
            page.set_default_timeout(10_000)
            open_office(page, site_url, username, path)

        first.locator("#id_summary_en").fill("Ana's new summary of the office.")
        save(first)
        expect(first.locator(".messagelist")).to_be_visible()

        second.locator("#id_summary_en").fill("Ben's summary, typed in the meantime.")
        save(second)
        expect(second.get_by_role("alert").filter(has_text="someone else saved this item")).to_contain_text(
            "Ana Sokolova saved it on"
        )
        expect(second.locator(".wego-conflict")).to_contain_text("Summary [en]")  # what they changed
        expect(second.locator("#id_summary_en")).to_have_value("Ben's summary, typed in the meantime.")
        office.refresh_from_db()
        assert office.summary_en == "Ana's new summary of the office."

        second.get_by_label("Save over their changes").check()
        save(second)
        expect(second.locator(".messagelist")).to_be_visible()
        expect(second.get_by_role("alert").filter(has_text="someone else saved this item")).to_have_count(0)
        office.refresh_from_db()
        assert office.summary_en == "Ben's summary, typed in the meantime."
    finally:
        for context in contexts:
            context.close()


def test_leaving_a_form_with_unsaved_changes_asks_first(page, site_url, django_user_model):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    path = f"/admin/offices/office/{office.pk}/change/"
    editor(django_user_model, "ana", "Ana", "Sokolova")
    open_office(page, site_url, "ana", path)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))

    # Untouched, the form is left without a question.
    page.locator("a.historylink").click()
    expect(page.locator("h1")).to_contain_text("Change history")
    page.go_back()

    summary = page.locator("#id_summary_en")
    summary.click()
    summary.press_sequentially(" More.")
    with page.expect_event("dialog") as dialog:
        page.locator("a.historylink").click()
    assert dialog.value.type == "beforeunload"
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))  # the editor chose to stay
    expect(summary).to_have_value(re.compile(r" More\.$"))
    assert asked == ["beforeunload"]
