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
# Models that belong to staff management: editors have no permission on them at all.
FORBIDDEN_APPS = {"auth"}


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
