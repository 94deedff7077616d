"""The whole back office speaks Korean to staff who chose it: Django's own admin chrome, the section and
model names of the index, and every string of the project that the Korean catalogue holds, on every
index link, list, add form and change form of every registered model.

A string of ours shown in English although the catalogue translates it is a bug in the code (a string
not marked, or translated once at import time). A string the catalogue has not translated yet waits
for the translators: those fail the test too, named as such, so that none ships untranslated.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language_info
from modeltranslation.translator import translator

from accounts.models import StaffPreferences
from contact.models import ContactMessage
from core.discovery import project_apps
from tests.support.catalogues import untranslated_strings
from tests.support.html import elements, texts

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Django's translation of the admin's "Log out": the chrome is Korean.
LOG_OUT = "로그아웃"
# Not translated on purpose: Django's own search form writes its icon's alt="Search" untranslated (our
# catalogue has a "Search" too), and the language page names each language in itself ("English").
NOT_INTERFACE = {"Search", *(get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES)}


def content_texts():
    """The English of every translated field of the content: a row without Korean shows its English (a
    milestone "Launched"), which is content awaiting translation, not the interface."""
    found = set()
    for model in translator.get_registered_models():
        fields = [f"{name}_en" for name in translator.get_options_for_model(model).fields]
        for row in model._default_manager.values_list(*fields):
            found.update(" ".join(str(value).split()) for value in row if value)
    return found


def label(model):
    return model._meta.label


@pytest.fixture
def korean_staff(django_user_model):
    """A superuser who chose Korean: every page of the back office is open to them."""
    user = django_user_model.objects.create_superuser("korean", "korean@example.org", "pw")
    StaffPreferences.objects.create(user=user, admin_language="ko")
    client = Client()
    client.force_login(user)
    # The message desk has no seed rows; a message makes its change page walked too.
    ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)
    return client


def check_korean(client, url, ignored):
    """``url`` answers in Korean, with no string of ours in English (but for the ``ignored`` texts)."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="ko"' in html, url
    assert LOG_OUT in html, url
    translated_but_english, not_translated_yet = untranslated_strings(html, "ko", ignore=ignored)
    assert not translated_but_english, f"{url} shows these strings in English although translated"
    assert not not_translated_yet, f"{url}: the Korean catalogue does not translate these yet"


def test_the_index_names_its_sections_and_models_in_korean(korean_staff):
    response = korean_staff.get("/admin/")
    captions = [caption.strip() for caption in texts(response.content.decode(), "caption")]
    app_list = response.context["app_list"]
    with translation.override("ko"):
        korean = [str(group["name"]) for group in app_list]
    with translation.override("en"):
        english = {str(group["name"]) for group in app_list}
        # The project's models: django-axes and django-tasks-database ship no Korean for theirs.
        ours = {label(model) for config in project_apps() for model in config.get_models()}
        english_models = {
            str(model["name"]): label(model["model"])
            for group in app_list
            for model in group["models"]
            if label(model["model"]) in ours
        }
    assert captions == korean
    assert not set(captions) & english, f"sections without a Korean name: {set(captions) & english}"
    shown = {model["admin_url"]: str(model["name"]) for group in app_list for model in group["models"]}
    left = {english_models[name] for name in shown.values() if name in english_models}
    assert not left, f"models without a Korean name: {sorted(left)}"


def test_every_link_of_the_index_answers_in_korean(korean_staff):
    html = korean_staff.get("/admin/").content.decode()
    links = {link["href"].split("#")[0] for link in elements(html, "a") if link.get("href", "").startswith("/admin/")}
    links -= {reverse("admin:logout"), ""}
    ignored = NOT_INTERFACE | content_texts()
    assert len(links) > 20
    for url in sorted(links):
        check_korean(korean_staff, url, ignored)


def admin_url(model, view, *args):
    """The admin's page ``view`` of ``model``; None where its admin has no such page (a report has no
    add or change form)."""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_every_list_and_form_answers_in_korean(korean_staff, model):
    ignored = NOT_INTERFACE | content_texts()
    check_korean(korean_staff, admin_url(model, "changelist"), ignored)
    add = admin_url(model, "add")
    if add and korean_staff.get(add).status_code == 200:  # some models are not added by hand
        check_korean(korean_staff, add, ignored)
    obj = model._default_manager.order_by("pk").first()
    change = obj and admin_url(model, "change", obj.pk)
    if change:
        check_korean(korean_staff, change, ignored)
