"""The site in five languages: prefixed URLs, translated interface, complete catalogues."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.support.html import elements, parse, texts

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
LOCALE_DIRS = {"ko": "ko", "ru": "ru", "es": "es", "zh-hans": "zh_Hans"}
PAGES = ["home", "offices:list", "offices:host", "programs:list", "testimonials:list", "contact:contact"]
NAVIGATION = {
    "ko": "지역사무소",
    "ru": "Региональные офисы",
    "es": "Oficinas Regionales",
    "zh-hans": "区域办事处",
}


def catalogue(language):
    """The project's own translations for ``language`` (not Django's), from the compiled catalogue."""
    path = ROOT / "locale" / LOCALE_DIRS[language] / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def visible_text_nodes(html):
    """Every piece of text a person reads, one string per text node, whitespace folded."""
    collector = parse(html)
    nodes = set()
    for values in collector.text_by_tag.values():
        nodes.update(value for value in values if value)
    return nodes


def url(name, language):
    with translation.override(language):
        return reverse(name)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_each_language_answers_with_its_lang_and_translated_navigation(sitemap_pages, language, name):
    path = url(name, language)
    assert path.startswith(f"/{language}/")
    status, html = sitemap_pages[path]
    assert status == 200
    assert f'<html lang="{language}">' in html
    navigation = [a for a in elements(html, "a") if a.get("href") == url("offices:list", language)]
    assert navigation, "the navigation links stay in the visitor's language"
    assert NAVIGATION[language] in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_interface_string_is_left_in_english(sitemap_pages, language, name):
    """Every interface string the English page shows has its translation on the translated page."""
    strings = {msgid: msgstr for msgid, msgstr in catalogue(language).items() if isinstance(msgid, str) and msgid}
    english = visible_text_nodes(sitemap_pages[url(name, "en")][1])
    # The language switcher names each language in that language, on purpose.
    own_names = {translation.get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}
    interface = {node for node in english if node in strings and strings[node] != node} - own_names
    assert interface, "the page shows interface strings from the catalogue"
    translated = visible_text_nodes(sitemap_pages[url(name, language)][1])
    assert not interface & translated, f"left in English on {url(name, language)}: {sorted(interface & translated)}"


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_page(client):
    html = client.get("/offices/host/").content.decode()
    switcher = {a["hreflang"]: a["href"] for a in elements(html, "a") if a.get("hreflang") and a.get("lang")}
    assert switcher == {
        "en": "/offices/host/",
        "ko": "/ko/offices/host/",
        "ru": "/ru/offices/host/",
        "es": "/es/offices/host/",
        "zh-hans": "/zh-hans/offices/host/",
    }
    alternates = {link["hreflang"] for link in elements(html, "link", rel="alternate") if link.get("hreflang")}
    assert alternates == {"en", "ko", "ru", "es", "zh-hans", "x-default"}


@pytest.mark.django_db
def test_section_headings_come_translated_from_the_fixtures(client):
    assert texts(client.get("/ko/offices/").content.decode(), "h1") == ["지역사무소"]
    assert texts(client.get("/zh-hans/offices/").content.decode(), "h1") == ["区域办事处"]
    assert texts(client.get("/ru/contact/").content.decode(), "h1")[0] != "Contact"


@pytest.mark.django_db
def test_untranslated_content_falls_back_to_english(client):
    from offices.models import Office

    office = Office.objects.published().first()
    html = client.get(url("offices:list", "ko")).content.decode()
    assert office.name in html  # no Korean name given: the English one shows


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "written"), [("en", "5,000"), ("ru", "5\xa0000"), ("ko", "5,000")])
def test_numbers_are_grouped_as_the_language_writes_them(client, language, written):
    html = client.get(url("contact:contact", language)).content.decode()
    assert written in html
