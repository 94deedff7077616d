"""The rich-text editor in the admin (core/richtext.py, static/js/admin-richtext.js): an editor types a
heading, bold words, a list and a link to a page of the site chosen by its title, in English and in
the Korean tab, pastes from Word, publishes, and visitors see it formatted in /en/ and /ko/; all of it
under the admin's Content-Security-Policy, with nothing blocked."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.roles import EDITORS
from offices.models import Office
from pages.models import Page
from search.models import SearchEntry
from tests.support.browser import log_in, staff_member
from tests.support.html import elements, texts

# The editor's search of the site's pages needs its URL (tests/support/richtext.py).
pytestmark = pytest.mark.urls("tests.support.richtext")

WORD_PASTE = (
    '<p class="MsoNormal"><span style="font-size:14pt;color:#C00000;font-family:Batang">'
    "<b>붙여넣은</b> 문단<o:p></o:p></span></p>"
    '<ul style="margin-top:0cm"><li class="MsoListParagraph"><font face="Arial">항목</font></li></ul>'
)


def editor_of(page, name):
    """The editable area of the editor that replaced the textarea ``name``."""
    return page.locator(f".prose-editor:has(textarea[name={name}]) [contenteditable=true]")


def write(page, name, heading, bold, items, target):
    """Replace the text of the editor ``name`` by a heading, a paragraph with bold words and a link to
    ``target`` (a SearchEntry) chosen in the search beside it, and a bulleted list."""
    row = page.locator(f".form-row:has(textarea[name={name}])")
    editor = editor_of(page, name)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    row.locator(".prose-menubar__selected").click()  # the block type menu
    row.get_by_role("button", name="Heading 2").click()
    page.keyboard.type(heading)
    page.keyboard.press("Enter")
    page.keyboard.press("Control+B")
    page.keyboard.type(bold)
    page.keyboard.press("Control+B")
    page.keyboard.type(" — ")
    search = row.get_by_role("searchbox", name="Link to a page of this site")
    search.fill(target.title)
    row.locator(".richtext-site-link-results button").filter(has_text=target.title).first.click()
    expect(editor.locator(f'a[href="{target.url}"]')).to_have_text(target.title)
    # The editor has the focus back, its caret after the link.
    page.keyboard.press("Enter")
    row.get_by_role("button", name="unordered list").click()
    for index, item in enumerate(items):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(item)
    expect(editor.locator("h2")).to_have_text(heading)
    expect(editor.locator("li")).to_have_count(len(items))


def paste(page, name, html):
    """Paste ``html`` after the list that ends the editor ``name``, as a word processor's clipboard
    gives it."""
    editor = editor_of(page, name)
    # The caret is still at the end of the list the editor typed.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list, into a new paragraph
    editor.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "붙여넣은 문단");
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def test_an_editor_formats_a_section_page_in_english_and_korean_and_visitors_see_it(
    browser, site_url, django_user_model
):
    section = Page.objects.get(key=Page.Key.OFFICES)
    target_en = SearchEntry.objects.filter(language="en", url__startswith="/programmes/").order_by("title").first()
    target_ko = SearchEntry.objects.get(
        language="ko", content_type=target_en.content_type, object_id=target_en.object_id
    )
    staff_member(django_user_model, "mina", EDITORS)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, site_url, "mina", f"/admin/pages/page/{section.pk}/change/")

    # Existing text opens as visitors see it.
    expect(editor_of(page, "body_en")).to_contain_text("To help the Secretariat")
    write(page, "body_en", "Where we work", "Five offices", ["Asia", "Europe"], target_en)

    page.select_option("#modeltranslation-main-switch", label="ko")  # every field's Korean tab
    expect(editor_of(page, "body_ko")).to_be_visible()
    write(page, "body_ko", "활동 지역", "다섯 개 사무소", ["아시아", "유럽"], target_ko)
    paste(page, "body_ko", WORD_PASTE)
    expect(editor_of(page, "body_ko").locator("strong")).to_have_text(["다섯 개 사무소", "붙여넣은"])
    expect(editor_of(page, "body_ko").locator("li")).to_have_text(["아시아", "유럽", "항목"])
    expect(editor_of(page, "body_ko").locator("[style], [class], font, span")).to_have_count(0)

    if os.environ.get("SCREENSHOTS"):  # SCREENSHOTS=1 writes the README's picture of the editor
        screenshot(page, "body_ko")

    page.get_by_role("button", name="Publish changes").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    expect(page.locator(".messagelist .warning")).to_have_count(0)  # nothing the editor made was removed
    section.refresh_from_db()
    assert "<o:p>" not in section.body_ko and "style=" not in section.body_ko and "class=" not in section.body_ko
    assert problems == [], problems  # no script or style blocked by the admin's CSP, no error

    visitor = context.new_page()
    for prefix, heading, bold, items, target in (
        ("", "Where we work", "Five offices", ["Asia", "Europe"], target_en),
        ("/ko", "활동 지역", "다섯 개 사무소", ["아시아", "유럽", "항목"], target_ko),
    ):
        visitor.goto(f"{site_url}{prefix}/offices/")
        prose = visitor.locator("main .prose").first
        expect(prose.locator("h2")).to_have_text(heading)
        expect(prose.locator("strong").first).to_have_text(bold)
        expect(prose.locator("li")).to_have_text(items)
        expect(prose.locator(f'a[href="{target.url}"]')).to_have_text(target.title)
        prose.locator(f'a[href="{target.url}"]').click()
        expect(visitor).to_have_url(site_url + target.url)
    html = section.body_ko
    assert texts(html, "h2") == ["활동 지역"]
    assert [a["href"] for a in elements(html, "a")] == [target_ko.url]
    context.close()


def screenshot(page, name):
    """docs/admin-editor.png: 1280 pixels wide, the field ``name`` with its language tabs, the editor
    and the search of the site's pages, the admin's menu folded away."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.locator("#toggle-nav-sidebar").click()
    row = page.locator(f".form-row:has(textarea[name={name}])")
    row.evaluate("element => window.scrollBy(0, element.getBoundingClientRect().top - 80)")
    box = row.bounding_box()
    top = box["y"] - 56  # the field's language tabs, just above it
    page.screenshot(
        path=str(Path(__file__).resolve().parents[2] / "docs" / "admin-editor.png"),
        clip={"x": 0, "y": top, "width": 1280, "height": box["height"] + 72},
    )
    page.locator("#toggle-nav-sidebar").click()


def test_rows_added_with_add_another_get_the_editor_and_its_search(page, site_url, django_user_model):
    office = Office.objects.filter(milestones__isnull=False).first()
    staff_member(django_user_model, "mina")
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, site_url, "mina", f"/admin/richtext-inline/offices/office/{office.pk}/change/")
    rows = office.milestones.count()
    name = f"milestones-{rows}-description_en"
    expect(page.locator(".inline-related:not(.empty-form) .prose-editor")).to_have_count(rows * 5)
    page.locator(".add-row a").click()  # "Add another milestone"
    editor = editor_of(page, name)
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("Control+B")
    page.keyboard.type("Opened")
    expect(editor.locator("strong")).to_have_text("Opened")
    expect(page.locator(f"textarea[name={name}]")).to_have_value("<p><strong>Opened</strong></p>")
    row = page.locator(f".form-row:has(textarea[name={name}])")
    row.get_by_role("searchbox", name="Link to a page of this site").fill("Seoul")
    expect(row.locator(".richtext-site-link-results button").first).to_be_visible()
    assert problems == [], problems
