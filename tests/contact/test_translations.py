"""The contact and host city pages in another language: translated names and texts, English where none."""

import pytest
from django.core import mail

from contact.models import BusType, ContactMessage, HostCity, MetroStation, Secretariat, SolutionArea
from tests.support.contact import contact_form
from tests.support.html import elements, texts
from tests.support.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean_host_city():
    HostCity.objects.filter(pk=1).update(solution_title_ko="서울 솔루션", sharing_text_ko="아래 동영상을 보세요.")
    SolutionArea.objects.filter(name_en="e-Government").update(name_ko="전자정부")


@pytest.fixture
def korean_directions():
    Secretariat.objects.filter(pk=1).update(name_ko="WeGO 사무국")
    MetroStation.objects.filter(name_en="Jonggak Station").update(name_ko="종각역", line_ko="1호선")
    BusType.objects.filter(name_en="Red Bus").update(name_ko="빨간 버스")


def test_the_host_city_page_in_korean_shows_the_korean_texts(client, korean_host_city):
    html = client.get("/ko/host-city/").content.decode()
    assert '<html lang="ko">' in html
    assert "서울 솔루션" in texts(html, "h2")
    areas = texts(html, "li")
    assert "전자정부" in areas
    # Not translated yet: in English.
    assert {"waterworks", "urban planning", "transportation"} <= set(areas)
    assert "Rutgers University-Newark" in html
    assert "“Seoul Solution” website" in html


def test_the_host_city_page_in_english_keeps_the_english_texts(client, korean_host_city):
    html = client.get("/host-city/").content.decode()
    assert "The Seoul Solution" in texts(html, "h2")
    assert "e-Government" in texts(html, "li")
    assert "서울" not in html


def test_the_video_text_is_translated_too(client, korean_host_city):
    HostCity.objects.filter(pk=1).update(sharing_video_url="https://youtu.be/dQw4w9WgXcQ")
    html = client.get("/ko/host-city/").content.decode()
    assert "아래 동영상을 보세요." in html
    assert "Seoul Policy Sharing Initiative" in texts(html, "h2")  # the title falls back to English


def test_the_contact_page_in_korean_shows_the_korean_names(client, korean_directions):
    html = client.get("/ko/contact/").content.decode()
    assert "WeGO 사무국" in texts(html, "h2")
    assert "종각역 (1호선)" in texts(html, "h3")
    bus_types = texts(html, "h4")
    assert bus_types[0].startswith("빨간 버스")
    # Not translated: the English name (followed by its colour in words where the name does not say it).
    assert [name.split(" (")[0] for name in bus_types[1:]] == ["Green Bus", "Blue Bus", "Airport Bus"]
    assert "Jonggak Station/Jongro 1-ga" in html  # the bus stop, not translated
    # Addresses and numbers are the same in every language.
    assert "Seoul Global Center 7th Floor, 38 Jongro, Jongno-gu, Seoul, Republic of Korea 03188" in html
    assert "+82 (0)2 720 2934~7" in html
    # The footer, too.
    footer = html[html.index('<footer class="site-footer">') :]
    assert "WeGO 사무국" in footer


def test_the_contact_page_in_english_is_untouched_by_the_korean_names(client, korean_directions):
    html = client.get("/contact/").content.decode()
    assert "WeGO Secretariat" in texts(html, "h2")
    assert "Jonggak Station (Line 1)" in texts(html, "h3")
    assert texts(html, "h4") == ["Red Bus", "Green Bus", "Blue Bus", "Airport Bus"]


def test_the_korean_contact_page_makes_as_many_queries_as_the_english_one(
    client, korean_directions, django_assert_num_queries
):
    with django_assert_num_queries(6):
        assert client.get("/ko/contact/").status_code == 200


def test_the_form_works_in_korean_and_confirms_in_korean(client):
    response = client.post("/ko/contact/", contact_form(purpose="programme", programme="seoul-program"))
    assert response.status_code == 302
    run_queued_tasks()
    assert response["Location"].startswith("/ko/contact/sent/?ref=")
    message = ContactMessage.objects.get()
    assert message.programme.slug == "seoul-program"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ko">' in html
    assert "/ko/contact/" in [a["href"] for a in elements(html, "a")]
    # The Secretariat reads its notification in the site's language, whichever language the sender used.
    notification = mail.outbox[0]
    assert "Programme: Seoul Program" in notification.body


def test_a_refused_form_in_korean_stays_in_korean(client):
    response = client.post("/ko/contact/", contact_form(email=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ko">' in html
    [form] = [form for form in elements(html, "form") if "data-contact-form" in form]
    assert form["action"] == "/ko/contact/#message-errors"
