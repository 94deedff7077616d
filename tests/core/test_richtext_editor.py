"""The rich-text editor of the back office (core.richtext): every rich-text field gets it, in every
language tab and inline; it offers only what the sanitiser keeps; existing content opens and saves
unchanged; what the server still removes is stored without it and reported; and links to the site's
pages are found by title."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import django_prose_editor
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from core.richtext import (
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    FORMATTING,
    RichTextEditorWidget,
    RichTextField,
    RichTextFormField,
    render,
)
from offices.admin import MilestoneInline, OfficeAdmin
from offices.models import Milestone, Office
from pages.models import Page
from search.link_targets import link_targets
from tests.support.admin import change_form_data, change_url
from tests.support.html import elements, html_of

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

WORD_PASTE = (
    '<p class="MsoNormal" style="margin-bottom:0cm"><span style="font-size:12.0pt;font-family:Calibri">'
    "<b>Smart</b> <i>cities</i><o:p></o:p></span></p>"
    '<ul style="margin-top:0cm"><li class="MsoListParagraph"><font face="Arial" color="red">One</font></li></ul>'
    '<h2 class="MsoHeading2"><span lang="EN-GB">Heading</span></h2>'
)


def form_field():
    return RichTextField("body", blank=True).formfield()


# The editor offers what the sanitiser keeps, and nothing else ------------------------------------------


def test_the_editor_makes_only_tags_the_sanitiser_keeps_and_every_kind_of_formatting():
    made = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"]
    assert made <= ALLOWED_TAGS
    # Only the older spellings of bold and italic are kept without the editor making them.
    assert ALLOWED_TAGS - made == {"b", "i"}
    for words, tags, _extensions in FORMATTING:
        assert made & set(tags), words


def test_every_extension_the_editor_is_given_is_one_the_editor_s_script_has():
    # admin-richtext.js looks each name up among the exports of prose-editor's editor.js.
    script = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    exported = set(re.findall(r"\bas (\w+)", re.search(r"export\{([^}]*)\}", script).group(1)))
    assert set(expand_extensions(EDITOR_EXTENSIONS)) <= exported
    assert {"createTextareaEditor", "initializeEditors"} <= exported


def test_headings_are_the_levels_the_sanitiser_keeps_and_links_never_open_new_windows():
    assert EDITOR_EXTENSIONS["Heading"] == {"levels": [2, 3, 4]}
    assert allowlist_from_extensions(EDITOR_EXTENSIONS)["attributes"]["a"] == {"href", "rel", "title"}


class MilestoneWithDetailsInline(MilestoneInline):
    """The office's milestones with their rich-text details: no inline of the site has a rich-text
    field today, and the editor must work in one."""

    fields = [*MilestoneInline.fields, "description"]


class ReportingOfficeAdmin(OfficeAdmin):
    """The offices' admin (PublishableAdmin reports removed markup), with rich text inline."""

    inlines = [MilestoneWithDetailsInline]


@pytest.mark.django_db
def test_every_rich_text_field_of_the_admin_is_the_editor_in_every_language_tab_and_inline(rf, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    office = Office.objects.filter(milestones__isnull=False).first()
    request = rf.get(reverse("admin:offices_office_change", args=[office.pk]))
    request.user = user
    response = ReportingOfficeAdmin(Office, admin.site).changeform_view(request, str(office.pk))
    html = response.render().content.decode()
    form = response.context_data["adminform"].form
    for language, _name in settings.LANGUAGES:
        name = f"body_{language.replace('-', '_')}"
        assert isinstance(form.fields[name], RichTextFormField), name
        (textarea,) = elements(html, "textarea", name=name)
        config = json.loads(textarea["data-django-prose-editor-richtext"])
        assert set(config["extensions"]) >= set(EDITOR_EXTENSIONS)
        assert "Table" not in config["extensions"] and "Image" not in config["extensions"]
    # The inline rows, and the empty row "Add another" copies.
    details = [t for t in elements(html, "textarea") if t["name"].endswith("description_ko")]
    assert len(details) == office.milestones.count() + 1
    assert all("data-django-prose-editor-richtext" in textarea for textarea in details)
    assert "/static/js/admin-richtext.js" in html and "/static/css/admin-richtext.css" in html


def test_every_model_field_that_pages_render_as_rich_text_gets_the_editor():
    rich = [
        field for model in apps.get_models() for field in model._meta.get_fields() if isinstance(field, RichTextField)
    ]
    assert len(rich) >= 13 * 6  # each field and its five translations
    for field in rich:
        formfield = field.formfield()
        assert isinstance(formfield, RichTextFormField), field
        assert isinstance(formfield.widget, RichTextEditorWidget), field


# Existing content opens unchanged -----------------------------------------------------------------------


def fixture_values():
    """Every rich-text value of the seed content: (label, text)."""
    values = []
    for path in sorted(FIXTURES.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            model = apps.get_model(row["model"])
            for name, value in row["fields"].items():
                try:
                    field = model._meta.get_field(name)
                except LookupError:
                    continue
                if isinstance(field, RichTextField) and value:
                    values.append((f"{row['model']}:{row.get('pk')}:{name}", value))
    return values


def test_every_rich_text_value_of_the_seed_content_survives_a_round_trip_through_the_editor_form():
    values = fixture_values()
    assert len(values) >= 20
    field = form_field()
    for label, value in values:
        opened = field.prepare_value(value)
        saved = field.clean(opened)
        assert render(saved) == render(value), label
        assert not field.removed, label
        assert not field.has_changed(value, opened), label


def test_the_editor_receives_html_as_the_page_shows_it():
    field = form_field()
    older = "First line\nsecond line.\n\n<h2>A heading</h2>\n\nWith <strong>bold</strong>."
    assert field.prepare_value(older) == str(render(older))
    assert field.prepare_value(older).startswith("<p>First line<br>second line.</p>")
    assert field.prepare_value("") == ""


def test_a_change_visitors_would_see_counts_as_a_change():
    field = form_field()
    assert field.has_changed("One.\n\nTwo.", "<p>One.</p><p>Two, changed.</p>")
    assert not field.has_changed("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>")


# Pasting and what the server removes ----------------------------------------------------------------------


def test_a_paste_from_word_keeps_its_structure_and_drops_its_styling():
    field = form_field()
    saved = field.clean(WORD_PASTE)
    assert saved == "<p><b>Smart</b> <i>cities</i></p><ul><li>One</li></ul><h2>Heading</h2>"
    assert field.removed == {
        ("element", "span"): 2,
        ("element", "o:p"): 1,
        ("element", "font"): 1,
        ("attribute", "class"): 3,
        ("attribute", "style"): 2,
    }


def test_what_the_sanitiser_removes_is_not_stored_and_is_named():
    field = form_field()
    saved = field.clean(
        '<p style="color:red" onclick="x()">Hi <a href="javascript:x()">there</a></p><script>x()</script>'
    )
    assert saved == '<p>Hi <a rel="noopener">there</a></p>'
    assert field.removed == {
        ("attribute", "style"): 1,
        ("attribute", "onclick"): 1,
        ("attribute", "href"): 1,
        ("element", "script"): 1,
    }


def test_what_the_editor_makes_is_stored_as_it_is_and_nothing_is_reported():
    field = form_field()
    html = (
        '<h2>Title</h2><p>A <strong>bold</strong>, <em>italic</em> <a href="/ko/offices/">link</a><br>'
        "and a break.</p><ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>Said.</p></blockquote>"
    )
    assert field.clean(html) == html.replace('<a href="/ko/offices/">', '<a href="/ko/offices/" rel="noopener">')
    assert not field.removed


def form_data(model_admin, obj, user):
    """What the browser sends back from the change form of ``obj`` in ``model_admin``, unchanged."""
    request = RequestFactory().get(change_url(obj))
    request.user = user
    response = model_admin.changeform_view(request, str(obj.pk))
    return change_form_data(SimpleNamespace(context=response.context_data))


def save_in_admin(model_admin, obj, user, changes):
    """Post the change form of ``obj`` with ``changes``, as the editor's "Save draft" button; the
    response and the messages the admin gave."""
    url = change_url(obj)
    data = {**form_data(model_admin, obj, user), **changes, "_save_draft": "1"}
    request = RequestFactory().post(url, data)
    request.user, request.session = user, SessionStore()
    request._dont_enforce_csrf_checks = True
    request._messages = CookieStorage(request)
    response = model_admin.changeform_view(request, str(obj.pk))
    return response, [str(message) for message in get_messages(request)]


@pytest.mark.django_db
def test_the_admin_stores_the_sanitised_text_and_warns_the_editor_with_field_and_language(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    page = Page.objects.filter(publication_status="draft").first() or Page.objects.first()
    page.publication_status = "draft"
    page.save()
    changes = {"body_ko": '<p>안녕하세요 <span style="color:red">여러분</span></p><script>steal()</script>'}
    response, said = save_in_admin(admin.site.get_model_admin(Page), page, user, changes)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_ko == "<p>안녕하세요 여러분</p>"
    assert "Body [Korean]: 1 <script> element and 1 <span> element were removed." in said


@pytest.mark.django_db
def test_inline_rows_are_reported_with_their_row(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    milestone = Milestone.objects.select_related("office").first()
    office = milestone.office
    office.publication_status = "draft"
    office.save()
    model_admin = ReportingOfficeAdmin(Office, admin.site)
    data = form_data(model_admin, office, user)
    (row,) = [key for key, value in data.items() if key.endswith("-id") and str(value) == str(milestone.pk)]
    field = row.removesuffix("-id") + "-description_en"
    response, said = save_in_admin(model_admin, office, user, {field: '<p class="x">Opened.</p>'})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.description_en == "<p>Opened.</p>"
    assert f"Milestone “{milestone}”, Details [English]: 1 “class” attribute was removed." in said


# Links to the site's pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_site_s_pages_are_found_by_title_in_the_field_s_language():
    request = RequestFactory().get("/", {"q": "seoul", "language": "ko"})
    results = json.loads(link_targets(request).content)["results"]
    assert results
    assert all(result["url"].startswith("/ko/") for result in results)
    assert all(set(result) == {"title", "url", "kind"} for result in results)


@pytest.mark.django_db
def test_no_words_no_pages_and_an_unknown_language_is_english():
    assert json.loads(link_targets(RequestFactory().get("/", {"q": " "})).content) == {"results": []}
    request = RequestFactory().get("/", {"q": "office", "language": "xx"})
    results = json.loads(link_targets(request).content)["results"]
    assert results and not any(result["url"].startswith(("/ko/", "/ru/", "/es/", "/zh-hans/")) for result in results)


@pytest.mark.django_db
@pytest.mark.urls("tests.support.richtext")
def test_only_staff_may_search_the_pages(client, editor_client):
    url = reverse("richtext_link_targets")
    assert client.get(url, {"q": "seoul"}).status_code == 302
    response = editor_client.get(url, {"q": "seoul"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.urls("tests.support.richtext")
def test_the_editor_shows_the_search_beside_it(superuser_client):
    page = Page.objects.first()
    html = html_of(superuser_client.get(reverse("admin:pages_page_change", args=[page.pk])))
    boxes = elements(html, "div", **{"class": "richtext-site-link"})
    assert len(boxes) == len(settings.LANGUAGES)
    assert boxes[0]["data-url"] == reverse("richtext_link_targets")
    assert "Link to a page of this site" in html


def test_every_publishable_admin_reports_removed_markup():
    from core.admin import PublishableAdmin
    from core.richtext import ReportsRemovedMarkup

    assert issubclass(PublishableAdmin, ReportsRemovedMarkup)


@pytest.mark.django_db
def test_a_search_with_an_invisible_control_character_finds_the_pages_without_an_error():
    # PostgreSQL refuses a NUL character in a query: the search must not become an error page.
    request = RequestFactory().get("/", {"q": "seoul\x00", "language": "ko"})
    response = link_targets(request)
    assert response.status_code == 200
    expected = json.loads(link_targets(RequestFactory().get("/", {"q": "seoul", "language": "ko"})).content)
    assert expected["results"]
    assert json.loads(response.content) == expected


# What the sanitiser removed, for a field that is not a model field --------------------------------------


def test_a_rich_text_field_of_the_form_alone_is_reported_by_its_label(rf):
    from django import forms

    from core.richtext import report_removed_markup

    class PageWithNoteForm(forms.ModelForm):
        # A form-only field (a note for the e-mail to the translators, say): not a column of Page.
        note = RichTextFormField(label="Note to the translators", required=False)

        class Meta:
            model = Page
            fields = ["title"]

    form = PageWithNoteForm({"title": "About WeGO", "note": "<p>Hi</p><script>x()</script>"})
    form.is_valid()
    assert form.cleaned_data["note"] == "<p>Hi</p>"
    request = rf.post("/")
    request._messages = CookieStorage(request)
    report_removed_markup(request, form)
    assert [str(message) for message in get_messages(request)] == [
        "Note to the translators: 1 <script> element was removed."
    ]


def test_a_search_that_finds_nothing_is_announced_to_screen_readers():
    """The sentence appears in a live region the page already has, so a screen reader says it: an
    element shown from hidden is read out only inside one."""
    html = str(RichTextEditorWidget().render("body_ko", ""))
    region = re.search(r'<div role="status">(.*?)</div>', html, re.DOTALL)
    assert region, html
    assert "No page of the site has that in its title." in region.group(1)
    assert 'class="richtext-site-link-none" hidden' in region.group(1)
