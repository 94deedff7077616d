"""Staff-written text per language: what is translated shows, what is not falls back to English."""

import pytest
from django.urls import reverse

from offices.models import HostingDocument, HostingProgramme, Milestone, Office, OfficeFunction, StaffContact
from tests.offices.factories import make_office
from tests.support.html import elements, html_of, texts
from tests.support.images import make_image

pytestmark = pytest.mark.django_db


def test_a_korean_text_shows_on_the_korean_page_and_the_rest_falls_back_to_english(client):
    office = Office.objects.get(slug="europe-ulyanovsk-region")
    office.name_ko = "WeGO 유럽 지역사무소, 울리야노프스크 주"
    office.save()
    contact = StaffContact.objects.get(name="Svetlana Openysheva")
    contact.position_ko = "사무총장"
    contact.save()
    Milestone.objects.filter(office=office, title="Opened").update(title_ko="개소")

    html = html_of(client.get("/ko/offices/europe-ulyanovsk-region/"))
    assert texts(html, "h1") == ["WeGO 유럽 지역사무소, 울리야노프스크 주"]
    assert "<title>WeGO 유럽 지역사무소, 울리야노프스크 주 | WeGO</title>" in html
    assert "사무총장" in html
    assert "개소" in html
    # Not translated: the English text, never a blank.
    assert "The Ulyanovsk Region will be hosting the 4th WeGO General Assembly in 2017." in html
    assert "Deputy Secretary General" in html
    assert "Officially launched at the CeBIT Trade Fair in Hannover, Germany" in html
    assert "Svetlana Openysheva" in texts(html, "h3")  # names are not translated

    english = html_of(client.get("/offices/europe-ulyanovsk-region/"))
    assert texts(english, "h1") == ["WeGO Europe Regional Office, Ulyanovsk Region"]
    assert "사무총장" not in english


def test_other_languages_fall_back_to_english_too(client):
    Office.objects.filter(slug="asia-chengdu").update(summary_ko="한국어 요약")
    html = html_of(client.get("/ru/offices/asia-chengdu/"))
    assert texts(html, "h1") == ["WeGO Asia Regional Office, Chengdu"]
    assert "한국어 요약" not in html


def test_the_office_list_shows_translated_cards(client):
    Office.objects.filter(slug="east-asia").update(name_ko="동아시아 지역사무소")
    html = html_of(client.get("/ko/offices/"))
    assert "동아시아 지역사무소" in texts(html, "h3")
    assert "Eurasia Regional Office" in texts(html, "h3")


def test_the_hosting_page_shows_translated_programme_text(client):
    programme = HostingProgramme.objects.get()
    programme.eligibility_ko = "WeGO 회원 도시는 누구나 지역사무소를 유치할 수 있습니다."
    programme.save()
    OfficeFunction.objects.filter(text="Manage members and secure new members in the region").update(
        text_ko="지역 내 회원 관리 및 신규 회원 확보"
    )
    HostingDocument.objects.filter(pk=1).update(title_ko="지역사무소 유치 안내서")
    html = html_of(client.get("/ko/offices/host/"))
    assert "WeGO 회원 도시는 누구나 지역사무소를 유치할 수 있습니다." in html
    assert "지역 내 회원 관리 및 신규 회원 확보" in texts(html, "li")
    assert any(link.startswith("지역사무소 유치 안내서") for link in texts(html, "a"))
    assert "selected by the Executive Committee through a bidding process" in html  # not translated: English


def test_a_document_with_a_title_in_another_alphabet_downloads_under_its_english_name(client):
    HostingDocument.objects.filter(pk=1).update(title_ko="지역사무소 유치 안내서")
    response = client.get("/ko/offices/host/documents/1/")
    assert response["Content-Disposition"] == 'attachment; filename="guide-to-hosting-a-wego-regional-office.pdf"'


# --- documents in the visitor's language first -----------------------------------------------------


def document_links(html):
    """The download links, in page order, as (address, document language)."""
    return [(a["href"], a["hreflang"]) for a in elements(html, "a") if "/host/documents/" in a["href"]]


def test_the_hosting_page_lists_the_documents_in_the_visitors_language_first(client):
    HostingDocument.objects.filter(pk=2).update(language="ko")

    korean = html_of(client.get("/ko/offices/host/"))
    assert document_links(korean) == [("/ko/offices/host/documents/2/", "ko"), ("/ko/offices/host/documents/1/", "en")]
    # The others come under their own heading, each labelled with its language ("영어" is English in Korean).
    [heading] = texts(korean, "h3")
    assert korean.index("/ko/offices/host/documents/2/") < korean.index(f"<h3>{heading}</h3>")
    assert korean.index(f"<h3>{heading}</h3>") < korean.index("/ko/offices/host/documents/1/")
    labels = [p for p in texts(korean, "p") if "1.0" in p]
    assert labels[0].startswith("한국어")
    assert labels[1].startswith("영어")

    english = html_of(client.get("/offices/host/"))  # reverse() would answer in the Korean the request left active
    assert document_links(english) == [("/offices/host/documents/1/", "en"), ("/offices/host/documents/2/", "ko")]
    assert texts(english, "h3") == ["In other languages"]
    assert [p for p in texts(english, "p") if "1.0" in p] == ["English · version 1.0", "Korean · version 1.0"]


def test_when_every_document_is_in_the_visitors_language_there_is_no_second_heading(client):
    html = html_of(client.get(reverse("offices:host")))
    assert "In other languages" not in html
    assert len(document_links(html)) == 2
    assert texts(html, "h3") == []


def test_the_verb_orders_by_language_then_display_order():
    HostingDocument.objects.filter(pk=2).update(language="ko")
    ordered = HostingDocument.objects.published().in_language_first("ko")
    assert [(d.pk, d.in_other_language) for d in ordered] == [(2, 0), (1, 1)]
    assert [d.pk for d in HostingDocument.objects.published().in_language_first("en")] == [1, 2]
    assert [d.pk for d in HostingDocument.objects.published().in_language_first("es")] == [1, 2]


# --- photos --------------------------------------------------------------------------------------


def test_an_office_photo_shows_on_its_page_and_its_card_with_size_and_description(client):
    make_office(slug="pictured", name="Pictured Office", photo=make_image(alt_en="The office building"))
    html = html_of(client.get("/offices/pictured/"))
    [image] = elements(html, "img", alt="The office building")
    assert (image["width"], image["height"]) == ("1200", "750")
    assert image["src"].startswith("/files/renditions/detail-")

    listing = html_of(client.get(reverse("offices:list")))
    [card_image] = elements(listing, "img", alt="The office building")
    assert (card_image["width"], card_image["height"]) == ("640", "400")
    assert card_image["src"].startswith("/files/renditions/card-")


def test_the_photo_description_is_translated_too(client):
    image = make_image(alt_en="The office building")
    make_office(slug="pictured", photo=image)
    image.alt_ko = "사무소 건물"
    image.save()
    assert elements(html_of(client.get("/ko/offices/pictured/")), "img", alt="사무소 건물")
    assert elements(html_of(client.get("/es/offices/pictured/")), "img", alt="The office building")


def test_an_office_without_a_photo_shows_no_image(client):
    html = html_of(client.get("/offices/europe-ulyanovsk-region/"))
    main = html[html.index("<main") : html.index("</main>")]
    assert "<img" not in main
