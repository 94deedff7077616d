"""The back office in each member of staff's language: their choice, else their browser's; times in Seoul
time, in each language's formats; the public site's languages untouched."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.admin import widgets
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from accounts.languages import SESSION_KEY
from accounts.models import StaffPreferences
from tests.support.admin import logged_in
from tests.support.checker import validate_html
from tests.support.html import elements, texts

pytestmark = pytest.mark.django_db

LANGUAGE_PAGE = reverse("accounts:admin_language")
# Django's own translation of the admin's "Log out" and "Home": proof the admin speaks the language.
LOG_OUT = {"en": "Log out", "ko": "로그아웃", "ru": "Выйти"}


@pytest.fixture
def staff(django_user_model):
    """A member of staff with no role at all: choosing one's language needs no permission."""
    return django_user_model.objects.create_user("translator", password="pw", is_staff=True)


def choose(user, language):
    StaffPreferences.objects.update_or_create(user=user, defaults={"admin_language": language})


def admin_html(client, path="/admin/"):
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_the_choice_is_stored_and_the_admin_follows_it_at_once(staff):
    client = logged_in(staff)
    response = client.post(LANGUAGE_PAGE, {"admin_language": "ko", "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert StaffPreferences.objects.get(user=staff).admin_language == "ko"
    response = admin_html(client)
    html = response.content.decode()
    assert LOG_OUT["ko"] in html
    assert '<html lang="ko"' in html
    assert response["Content-Language"] == "ko"
    assert "Accept-Language" in response["Vary"]
    # The confirmation, in the language just chosen (once translated: the catalogue is filled later).
    assert len(elements(html, "li", **{"class": "success"})) == 1


def test_a_chosen_language_follows_the_account_to_its_next_login(staff):
    choose(staff, "ru")
    client = logged_in(staff, headers={"accept-language": "ko"})  # the choice beats the browser
    assert client.session[SESSION_KEY] == "ru"
    assert LOG_OUT["ru"] in admin_html(client).content.decode()


def test_without_a_choice_a_korean_browser_gets_the_korean_admin(staff):
    client = logged_in(staff, headers={"accept-language": "ko-KR,ko;q=0.9,en;q=0.5"})
    html = admin_html(client).content.decode()
    assert LOG_OUT["ko"] in html
    assert '<html lang="ko"' in html


def test_otherwise_the_admin_is_english(staff):
    html = admin_html(logged_in(staff)).content.decode()
    assert LOG_OUT["en"] in html
    assert '<html lang="en"' in html
    html = admin_html(logged_in(staff, headers={"accept-language": "fr-FR,fr"})).content.decode()
    assert '<html lang="en"' in html


def test_choosing_the_browser_again_forgets_the_choice(staff):
    choose(staff, "ko")
    client = logged_in(staff, headers={"accept-language": "ru"})
    assert client.post(LANGUAGE_PAGE, {"admin_language": ""}).status_code == 302
    assert StaffPreferences.objects.get(user=staff).admin_language == ""
    assert SESSION_KEY not in client.session
    assert LOG_OUT["ru"] in admin_html(client).content.decode()


def test_the_login_and_two_factor_pages_follow_the_browser(client, staff):
    html = admin_html(Client(headers={"accept-language": "ko"}), "/admin/login/").content.decode()
    assert '<html lang="ko"' in html
    assert "비밀번호" in html  # Django's "Password:"
    html = admin_html(logged_in(staff, headers={"accept-language": "ko"}), "/admin/two-factor/").content.decode()
    assert '<html lang="ko"' in html


def test_the_form_refuses_an_unknown_language(staff):
    client = logged_in(staff)
    for language in ("fr", "klingon", "ko-KR"):
        response = client.post(LANGUAGE_PAGE, {"admin_language": language})
        assert response.status_code == 200
        assert response.context["form"].errors["admin_language"]
        assert "Please choose one of the languages below." in texts(response.content.decode(), "p")
    assert not StaffPreferences.objects.filter(user=staff).exists()


def test_the_form_offers_the_five_languages_each_in_its_own_name(staff):
    html = admin_html(logged_in(staff), LANGUAGE_PAGE).content.decode()
    offered = [radio["value"] for radio in elements(html, "input", type="radio", name="admin_language")]
    assert offered == ["", "en", "ko", "ru", "es", "zh-hans"]
    for name in ("English", "한국어", "Русский", "español", "简体中文"):
        assert name in html
    assert texts(html, "h1") == ["Language of the back office"]


def test_each_language_is_named_with_its_own_lang_so_screen_readers_say_it_right(staff):
    html = admin_html(logged_in(staff), LANGUAGE_PAGE).content.decode()
    labels = {label["for"]: label.get("lang") for label in elements(html, "label") if label.get("for")}
    radios = {radio["value"]: radio["id"] for radio in elements(html, "input", type="radio", name="admin_language")}
    assert {value: labels[radio_id] for value, radio_id in radios.items()} == {
        "": None,  # "The language of my browser", in the page's own language
        "en": "en",
        "ko": "ko",
        "ru": "ru",
        "es": "es",
        "zh-hans": "zh-hans",
    }


def test_the_user_tools_link_to_the_language_page_naming_the_language(staff):
    choose(staff, "ko")
    html = admin_html(logged_in(staff)).content.decode()
    [link] = elements(html, "a", id="admin-language")
    assert link["href"] == f"{LANGUAGE_PAGE}?next=/admin/"
    assert any("한국어" in text for text in texts(html, "a"))


def test_the_next_page_must_be_one_of_ours(staff):
    response = logged_in(staff).post(LANGUAGE_PAGE, {"admin_language": "es", "next": "https://evil.example/"})
    assert response["Location"] == reverse("admin:index")


def test_the_page_is_for_staff_only(client, django_user_model):
    assert client.get(LANGUAGE_PAGE).status_code == 302  # to the login
    visitor = django_user_model.objects.create_user("visitor", password="pw")
    response = logged_in(visitor).post(LANGUAGE_PAGE, {"admin_language": "ko"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not StaffPreferences.objects.exists()


# -- The public site is left alone -----------------------------------------------------------------


def test_public_pages_keep_their_languages_for_staff_who_chose_korean(staff):
    choose(staff, "ko")
    client = logged_in(staff, headers={"accept-language": "ko"})
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert response["Content-Language"] == "en"
    response = client.get("/ru/")
    assert '<html lang="ru"' in response.content.decode()


def test_a_korean_browser_gets_the_english_public_page_from_the_root(client):
    response = Client(headers={"accept-language": "ko"}).get("/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert response["Content-Language"] == "en"


# -- Times and dates ---------------------------------------------------------------------------------


def test_every_admin_page_says_times_are_seoul_time(staff):
    html = admin_html(logged_in(staff)).content.decode()
    assert "Times are Seoul time" in texts(html, "span")


def test_a_stored_time_is_shown_in_seoul_time_in_the_languages_format(superuser_client):
    from contact.models import ContactMessage

    received = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # 08:30 on 2 March in Seoul
    message = ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)
    ContactMessage.objects.filter(pk=message.pk).update(created_at=received)
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    assert "March 2, 2026, 8:30 a.m." in superuser_client.get(url).content.decode()

    superuser_client.post(LANGUAGE_PAGE, {"admin_language": "ko"})
    with translation.override("ko"):
        in_seoul = formats.date_format(datetime.datetime(2026, 3, 2, 8, 30), "DATETIME_FORMAT")
    assert in_seoul.startswith("2026년 3월 2일")
    assert in_seoul in superuser_client.get(url).content.decode()


@pytest.mark.parametrize("language", ["en", "ko", "ru", "es", "zh-hans"])
def test_date_and_time_inputs_accept_what_they_show(language):
    """The admin's date and time widgets write a value in the language's first input format, and the
    field reads it back: what staff see in a field is what they may type."""
    seoul = ZoneInfo("Asia/Seoul")
    moment = datetime.datetime(2026, 11, 28, 17, 45, tzinfo=seoul)
    with translation.override(language):
        field = forms.SplitDateTimeField(widget=widgets.AdminSplitDateTime)
        shown = field.widget.decompress(moment)
        typed = [field.widget.widgets[0].format_value(shown[0]), field.widget.widgets[1].format_value(shown[1])]
        assert field.clean(typed) == moment
        date_field = forms.DateField(widget=widgets.AdminDateWidget)
        assert date_field.clean(date_field.widget.format_value(moment.date())) == moment.date()
        # And the day as the language writes it in lists is its own format, not English's.
        written = formats.date_format(moment.date(), "DATE_FORMAT")
    expected = {
        "en": "Nov. 28, 2026",
        "ko": "2026년 11월 28일",
        "ru": "28 ноября 2026 г.",
        "es": "28 de noviembre de 2026",
    }
    if language in expected:
        assert written == expected[language]


@pytest.mark.parametrize(
    ("language", "typed"),
    [("ko", "2026-11-28"), ("ko", "2026년 11월 28일"), ("ru", "28.11.2026"), ("ru", "28.11.26"), ("es", "28/11/2026")],
)
def test_dates_typed_the_way_each_language_writes_them_are_accepted(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == datetime.date(2026, 11, 28)


@pytest.mark.htmlcheck
def test_the_language_page_and_a_section_page_are_valid_html(staff, admin_client):
    client = logged_in(staff)
    documents = {
        "language": client.get(LANGUAGE_PAGE).content.decode(),
        "language refused": client.post(LANGUAGE_PAGE, {"admin_language": "fr"}).content.decode(),
        "section": admin_client.get(reverse("admin:section", args=["pages"])).content.decode(),
        "list": admin_client.get(reverse("admin:contact_bustype_changelist")).content.decode(),
    }
    assert validate_html(documents) == []
