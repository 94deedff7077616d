"""Staff sessions last a working day and end with the browser."""

import datetime

import pytest
import time_machine
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_staff_login_lasts_a_working_day_and_ends_with_the_browser(client, django_user_model):
    django_user_model.objects.create_user("kim", password="right-password", is_staff=True)
    start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        response = client.post("/admin/login/", {"username": "kim", "password": "right-password", "next": "/admin/"})
        assert response.status_code == 302
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        # A browser-session cookie: no expiry of its own, gone when the browser closes.
        assert cookie["max-age"] == "" and cookie["expires"] == ""
        assert 9 * 3600 <= client.session.get_expiry_age() <= 10 * 3600
    with time_machine.travel(start + datetime.timedelta(hours=8, minutes=50), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=10), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
