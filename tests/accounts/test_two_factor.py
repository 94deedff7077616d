"""Two-factor login: a staff member with an authenticator app gives its code after the password; with
ADMIN_REQUIRE_2FA, superusers and Secretariat admins must set one up first."""

import datetime
import re
import time

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import EDITORS, SECRETARIAT_ADMINS
from tests.support.html import elements, texts

pytestmark = pytest.mark.django_db

SETUP = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"


def code_of(device):
    """What the authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def password_login(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": "pw", "next": "/admin/"})
    assert response.status_code == 302
    return client


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def root_device(root):
    return TOTPDevice.objects.create(user=root, name="phone", confirmed=True)


def test_with_a_device_the_password_alone_does_not_open_the_admin(root_device):
    client = password_login("root")
    response = client.get("/admin/auth/user/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fauth%2Fuser%2F"
    # Nor the pages around it: the password form, the two-factor page (which could turn it off), drafts.
    for path in ("/admin/password_change/", SETUP, "/offices/"):
        assert client.get(path)["Location"].startswith(VERIFY), path
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert texts(page.content.decode(), "h1") == ["Two-factor login"]
    response = client.post(VERIFY, {"code": code_of(root_device), "next": "/admin/auth/user/"})
    assert response.status_code == 302 and response["Location"] == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200


def test_a_wrong_code_is_refused_and_slows_the_next_one(root_device):
    client = password_login("root")
    wrong = f"{(int(code_of(root_device)) + 1) % 10**6:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    # Straight after a wrong code even the right one waits: guessing a million codes takes forever.
    response = client.post(VERIFY, {"code": code_of(root_device)})
    assert "Too many wrong codes in a row" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_is_good_once(root_device):
    code = code_of(root_device)
    first = password_login("root")
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_login("root")
    assert second.post(VERIFY, {"code": code}).status_code == 200  # refused: seen already
    assert second.get("/admin/").status_code == 302


def test_logging_out_stays_open_before_the_code(root_device):
    client = password_login("root")
    assert client.post("/admin/logout/").status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_superuser_sets_up_a_device_from_the_admin(superuser_client):
    index = superuser_client.get("/admin/").content.decode()
    assert elements(index, "a", href=SETUP), "a link in the user tools"
    page = superuser_client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert texts(html, "h1") == ["Set up two-factor login"]
    # The QR code is drawn into the page; nothing is fetched from anywhere else.
    assert re.search(r'<div class="two-factor-qr" role="img" aria-label="[^"]+"><svg ', html)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    device = TOTPDevice.objects.get(user__username=page.context["user"].username, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    response = superuser_client.post(SETUP, {"code": code_of(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    # This session gave the code: it goes on; the next login asks for it.
    assert superuser_client.get("/admin/").status_code == 200
    assert "Two-factor login is on" in superuser_client.get(SETUP).content.decode()


def test_the_first_code_must_be_right_to_turn_it_on(superuser_client):
    superuser_client.get(SETUP)
    assert superuser_client.post(SETUP, {"code": "000000"}).status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_an_owner_turns_it_off_with_a_code(root_device):
    client = password_login("root")
    client.post(VERIFY, {"code": code_of(root_device)})
    assert client.post(SETUP, {"code": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(pk=root_device.pk).exists()
    with time_machine.travel(datetime.timedelta(minutes=1)):  # past the wait a wrong code costs
        assert client.post(SETUP, {"code": code_of(root_device)}).status_code == 302
    assert not TOTPDevice.objects.exists()


def test_a_secretariat_admin_turns_it_off_for_a_colleague_who_lost_the_phone(
    secretariat_admin_client, django_user_model
):
    kim = django_user_model.objects.create_user("kim", is_staff=True)
    TOTPDevice.objects.create(user=kim, name="phone", confirmed=True)
    listing = secretariat_admin_client.get("/admin/auth/user/").content.decode()
    assert "Two-factor login" in texts(listing, "th")
    data = {"action": "turn_off_two_factor", "_selected_action": [kim.pk]}
    assert secretariat_admin_client.post("/admin/auth/user/", data).status_code == 302
    assert not TOTPDevice.objects.filter(user=kim).exists()


def test_required_setting_sends_superusers_and_secretariat_admins_to_set_it_up(settings, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    assert password_login("root").get("/admin/").status_code == 200, "off (the default), nobody is made to"
    settings.ADMIN_REQUIRE_2FA = True
    admin = django_user_model.objects.create_user("ada", password="pw", is_staff=True)
    admin.groups.add(Group.objects.get(name=SECRETARIAT_ADMINS))
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    for name in ("root", "ada"):
        client = password_login(name)
        response = client.get("/admin/")
        assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F", name
        page = client.get(SETUP)
        assert page.status_code == 200
        assert "must use two-factor login" in page.content.decode()
    assert password_login("ed").get("/admin/").status_code == 200


def test_the_two_factor_pages_are_for_staff_only(client, django_user_model):
    assert client.get(SETUP)["Location"].startswith("/admin/login/")
    visitor = django_user_model.objects.create_user("visitor", password="pw")
    other = Client()
    other.force_login(visitor)
    assert other.get(SETUP)["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()
