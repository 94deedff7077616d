"""Every page of the back office answers an editor: the list, the add form and the change form of each model
registered in the admin, with Django's history of the object one click away. What editors may not reach
(staff accounts and groups) answers 403."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse

from contact.models import ContactMessage
from core.roles import EDITORS

pytestmark = pytest.mark.django_db

# Collected when the module is imported: every model registered at that point gets its own test ids.
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Models that belong to staff management (accounts, login attempts) and the task queue's results:
# editors have no permission on them.
FORBIDDEN_APPS = {"auth", "axes", "django_tasks_database"}


def label(model):
    return model._meta.label


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def one_message():
    """The message desk has no seed rows; a message makes its change page testable too."""
    return ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def may_add(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return admin.site._registry[model].has_add_permission(request)


def test_every_registered_model_is_checked():
    assert len(REGISTERED) >= 10
    assert {"contact.ContactMessage", "offices.Office", "pages.Page", "auth.User"} <= {label(m) for m in REGISTERED}


@pytest.mark.parametrize("model", [m for m in REGISTERED if m._meta.app_label not in FORBIDDEN_APPS], ids=label)
def test_an_editor_reaches_the_list_add_and_change_pages(editor, one_message, model):
    client, user = editor
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200, label(model)

    response = client.get(admin_url(model, "add"))
    assert response.status_code == (200 if may_add(model, user) else 403), label(model)

    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        pytest.skip(f"no {label(model)} row in the seed content")
    change = admin_url(model, "change", obj.pk)
    response = client.get(change)
    assert response.status_code == 200, label(model)
    html = response.content.decode()
    history = admin_url(model, "history", obj.pk)
    assert re.search(rf'<a href="{re.escape(history)}[^"]*" class="historylink">', html), label(model)
    response = client.get(history)
    assert response.status_code == 200, label(model)
    assert "Change history" in response.content.decode()


@pytest.mark.parametrize("model", [m for m in REGISTERED if m._meta.app_label in FORBIDDEN_APPS], ids=label)
def test_an_editor_is_refused_staff_management(editor, django_user_model, model):
    client, _user = editor
    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 403
        assert client.get(admin_url(model, "history", obj.pk)).status_code == 403


def test_the_history_shows_who_changed_what(editor):
    client, user = editor
    from contact.models import HostCity

    city = HostCity.objects.get(pk=1)
    url = admin_url(HostCity, "change", city.pk)
    texts = ["record", "solution_title", "solution_body", "solution_link_text", "sharing_title", "sharing_text"]
    data = {f"{field}_en": getattr(city, f"{field}_en") for field in texts}
    data.update(
        name=city.name,
        solution_url="https://solution.example.org/",
        sharing_video_url="",
        publication_status="published",
        **{"areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0"},
    )
    assert client.post(url, data).status_code == 302
    html = client.get(admin_url(HostCity, "history", city.pk)).content.decode()
    assert user.username in html
    assert "Changed Policy collection: website." in html


# -- The publishing fields, columns and filters, written once (core.admin.PublishableAdmin) ----------


def test_every_admin_of_a_publishable_model_adds_the_publishing_pieces_once():
    from core.admin import PublishableAdmin, PublishableInline
    from core.publishing import Publishable

    for model, model_admin in admin.site._registry.items():
        if issubclass(model, Publishable):
            assert isinstance(model_admin, PublishableAdmin), label(model)
        for inline in model_admin.inlines:
            if issubclass(inline.model, Publishable):
                assert issubclass(inline, PublishableInline), inline.__name__


def test_a_publishable_admin_gets_the_column_the_filters_and_the_fieldset():
    from core.admin import PublishableAdmin, VisibilityFilter, publishing_status
    from pages.models import Page

    class PageListing(PublishableAdmin):
        list_display = ["title"]
        list_filter = ["key"]
        fieldsets = [(None, {"fields": ["key", "title"]})]

    assert PageListing.list_display == ["title", publishing_status]
    assert PageListing.list_filter == [VisibilityFilter, "key"]
    assert PageListing.fieldsets[-1] == ("Publishing", {"fields": [*PublishableAdmin.publishing_fields]})
    assert PublishableAdmin.publishing_fields[-2:] == ("publish_from", "publish_until")
    assert PageListing(Page, admin.site).check() == []

    class Again(PageListing):
        pass

    assert Again.list_display == PageListing.list_display, "a subclass does not add them twice"
    assert len(Again.fieldsets) == 2


def test_a_list_that_names_a_publishing_piece_is_kept_as_written():
    from core.admin import PublishableAdmin, visible_on_site

    class PlacedByHand(PublishableAdmin):
        list_display = ["title", "publication_status", visible_on_site, "key"]
        list_filter = ["key", "publication_status"]
        fieldsets = [(None, {"fields": ["title", "publication_status"]})]

    assert PlacedByHand.list_display == ["title", "publication_status", visible_on_site, "key"]
    assert PlacedByHand.list_filter == ["key", "publication_status"]
    assert PlacedByHand.fieldsets == [(None, {"fields": ["title", "publication_status"]})]


def test_other_publishing_fields_join_the_fieldset_and_the_visibility_is_read_only():
    from core.admin import PublishableAdmin, visible_on_site

    class WithOrder(PublishableAdmin):
        fields = ["title"]
        publishing_fields = ["order", *PublishableAdmin.publishing_fields, visible_on_site]

    assert WithOrder.fields == ["title", ("order", *PublishableAdmin.publishing_fields, visible_on_site)]
    assert list(WithOrder.readonly_fields) == [visible_on_site]


def test_inlines_get_the_publishing_fields_as_a_row_or_as_columns():
    from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

    from core.admin import PublishableInline
    from offices.models import Milestone, StaffContact

    class Stacked(PublishableInline, TranslationStackedInline):
        model = StaffContact
        fields = ["name"]

    class Tabular(PublishableInline, TranslationTabularInline):
        model = Milestone
        fields = ["title"]

    assert Stacked.fields == ["name", ("publication_status", "publish_from", "publish_until")]
    assert Tabular.fields == ["title", "publication_status", "publish_from", "publish_until"]


def test_a_change_form_ends_with_the_publishing_fieldset(admin_client):
    from pages.models import Page

    page = Page.objects.order_by("pk").first()
    html = admin_client.get(admin_url(Page, "change", page.pk)).content.decode()
    headings = re.findall(r'<h2 id="fieldset-[^"]*" class="fieldset-heading">([^<]*)</h2>', html)
    assert headings[-1] == "Publishing"
    assert 'name="publication_status"' not in html  # the buttons set it
    assert html.index('name="publish_from_0"') > html.index(f">{headings[-2]}</h2>")
    assert html.index('name="publish_until_0"') > html.index('name="publish_from_0"') > html.index(">Publishing</h2>")


def test_every_publishable_list_filters_by_visibility_and_shows_the_status_beside_the_name():
    """One rule for every publishable admin (core.admin.PublishableAdmin), without exceptions by hand."""
    from django.contrib import admin

    from core.admin import PublishableAdmin, VisibilityFilter

    checked = 0
    for model_admin in admin.site._registry.values():
        if not isinstance(model_admin, PublishableAdmin):
            continue
        checked += 1
        name = type(model_admin).__name__
        if model_admin.publishing_filters:  # () only where one row exists: nothing to filter
            assert model_admin.list_filter[0] is VisibilityFilter, name
        assert "publication_status" not in model_admin.list_filter, name
        linked = (model_admin.list_display_links or model_admin.list_display[:1])[0]
        beside = model_admin.list_display[list(model_admin.list_display).index(linked) + 1]
        assert getattr(beside, "__name__", beside) == "publishing_status", name
    assert checked >= 8
