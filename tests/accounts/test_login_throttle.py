"""Login throttling (django-axes): failed logins to one account, or from one address, lock logins out
for a while; the lock-out page says until when and whom to ask; an admin can lift it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import Client

from tests.support.html import texts

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def kim(django_user_model):
    return django_user_model.objects.create_user("kim", password="right-password", is_staff=True)


def log_in(client, username, password, **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers)


def logged_in(client):
    return "_auth_user_id" in client.session


def fail(client, times, username="kim", **headers):
    return [log_in(client, username, "wrong", **headers).status_code for _ in range(times)]


def test_repeated_wrong_passwords_lock_the_account_even_against_the_right_one(client, kim, settings):
    settings.AXES_FAILURE_LIMIT = 5
    assert fail(client, 4) == [200] * 4  # the login form again, with its error
    response = log_in(client, "kim", "wrong")
    assert response.status_code == 429
    response = log_in(client, "kim", "right-password")
    assert response.status_code == 429
    assert not logged_in(client)


def test_the_lock_out_page_says_until_when_and_whom_to_ask(client, kim, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    fail(client, 2)
    response = log_in(client, "kim", "wrong")
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    html = response.content.decode()
    assert texts(html, "h1") == ["Too many failed logins"]
    assert "paused after 3 failed attempts" in html
    assert "You can try again in 30\xa0minutes" in html
    assert "ask a Secretariat admin to lift the lock-out" in html
    assert 'href="/admin/login/"' in html
    assert "Content-Security-Policy" in response  # the site's headers, as on every page


def test_the_right_password_works_after_a_few_mistakes_which_are_counted(client, kim):
    assert fail(client, 3) == [200] * 3
    assert AccessAttempt.objects.get(username="kim").failures_since_start == 3
    assert log_in(client, "kim", "right-password").status_code == 302
    assert logged_in(client)


def test_many_accounts_tried_from_one_address_lock_that_address(client, kim, settings, django_user_model):
    settings.AXES_FAILURE_LIMIT = 5
    for name in ("ana", "bo", "cy", "di", "ed"):
        log_in(client, name, "guess", REMOTE_ADDR="198.51.100.9")
    assert log_in(client, "kim", "right-password", REMOTE_ADDR="198.51.100.9").status_code == 429
    assert log_in(Client(), "kim", "right-password", REMOTE_ADDR="192.0.2.1").status_code == 302


def test_behind_the_proxy_the_forwarded_address_is_counted(client, kim, settings):
    """With TRUSTED_PROXY_COUNT=1 every request comes from the proxy's address: counting that would lock
    everyone out at once. The address the proxy appended is counted, as by the message desk's limit."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for name in ("ana", "bo", "cy"):
        log_in(client, name, "guess", **attacker)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # Writing its own X-Forwarded-For entries does not give the attacker a new address.
    spoofed = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.1.1.1, 203.0.113.7"}
    assert log_in(client, "kim", "right-password", **spoofed).status_code == 429
    colleague = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.8"}
    assert log_in(Client(), "kim", "right-password", **colleague).status_code == 302


def test_a_forwarded_entry_that_is_no_address_falls_back_to_the_peer(client, kim, settings):
    """A proxy count higher than the real proxies lets the client write the entry taken."""
    settings.TRUSTED_PROXY_COUNT = 1
    log_in(client, "kim", "wrong", REMOTE_ADDR="192.0.2.4", HTTP_X_FORWARDED_FOR="not-an-address")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.4"]


def test_a_secretariat_admin_lifts_a_lock_out_in_the_admin(client, kim, settings, secretariat_admin_client):
    settings.AXES_FAILURE_LIMIT = 3
    fail(client, 3)
    assert log_in(client, "kim", "right-password").status_code == 429
    changelist = secretariat_admin_client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert "kim" in changelist.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = secretariat_admin_client.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "kim", "right-password").status_code == 302


def test_an_editor_cannot_see_login_attempts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_axes_reset_lifts_every_lock_out(client, kim, settings):
    settings.AXES_FAILURE_LIMIT = 3
    fail(client, 3)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, "kim", "right-password").status_code == 302


def test_the_test_clients_logins_keep_working(kim):
    """Client.login() authenticates without a request: nothing to count by, so axes lets it through."""
    client = Client()
    assert client.login(username="kim", password="right-password")
    assert client.get("/admin/").status_code == 200
    assert not client.login(username="kim", password="wrong")
    client.force_login(kim)
    assert AccessLog.objects.filter(username="kim").count() == 2  # logins are logged, whichever way
