"""The login page, the lock-out page and the two-factor pages: one <h1> each, translated, valid HTML."""

import pytest
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.checker import validate_html
from tests.support.html import texts

pytestmark = pytest.mark.django_db


def locked_out_page(settings, django_user_model):
    settings.AXES_FAILURE_LIMIT = 1
    django_user_model.objects.create_user("kim", password="pw", is_staff=True)
    response = Client().post("/admin/login/", {"username": "kim", "password": "wrong"})
    assert response.status_code == 429
    return response.content.decode()


def two_factor_pages(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(root)
    pages = {"setup": client.get("/admin/two-factor/").content.decode()}
    TOTPDevice.objects.filter(user=root).update(confirmed=True)
    pages["verify"] = client.get("/admin/two-factor/verify/").content.decode()
    return pages


def test_each_page_has_one_heading(client, settings, django_user_model):
    assert texts(client.get("/admin/login/").content.decode(), "h1") == ["Log in to the back office"]
    assert texts(locked_out_page(settings, django_user_model), "h1") == ["Too many failed logins"]
    pages = two_factor_pages(django_user_model)
    assert texts(pages["setup"], "h1") == ["Set up two-factor login"]
    assert texts(pages["verify"], "h1") == ["Two-factor login"]


@pytest.mark.parametrize(
    ("language", "heading", "lock_out"),
    [
        ("ko", "관리자 페이지 로그인", "로그인 실패 횟수 초과"),
        ("ru", "Вход в административную панель", "Слишком много неудачных попыток входа"),
        ("es", "Iniciar sesión en la administración", "Demasiados inicios de sesión fallidos"),
        ("zh-hans", "登录管理后台", "登录失败次数过多"),
    ],
)
def test_the_pages_are_translated(language, heading, lock_out):
    with translation.override(language):
        assert translation.gettext("Log in to the back office") == heading
        assert translation.gettext("Too many failed logins") == lock_out


@pytest.mark.htmlcheck
def test_the_pages_are_valid_html(client, settings, django_user_model):
    documents = {
        "login": client.get("/admin/login/").content.decode(),
        "login with an error": client.post("/admin/login/", {"username": "x", "password": "y"}).content.decode(),
        "locked out": locked_out_page(settings, django_user_model),
        **two_factor_pages(django_user_model),
    }
    assert validate_html(documents) == []
