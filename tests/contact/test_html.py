"""The pages of the message desk that the sitemap does not list are valid HTML too."""

import pytest
from django.test import Client, override_settings

from contact.models import HostCity
from tests.contact.conftest import started_seconds_ago
from tests.html import validate_html

pytestmark = pytest.mark.django_db


def test_message_desk_pages_are_valid_html(client, form_data, settings, django_capture_on_commit_callbacks):
    HostCity.objects.filter(pk=1).update(
        sharing_video_url="https://youtu.be/dQw4w9WgXcQ", solution_url="https://solution.example.org/"
    )
    documents = {
        "contact": client.get("/contact/?purpose=hosting").content.decode(),
        "host city with video and link": client.get("/host-city/").content.decode(),
        "form with errors": client.post("/contact/", form_data(email="x", purpose="hosting")).content.decode(),
        "too fast": client.post("/contact/", form_data(started=started_seconds_ago(0))).content.decode(),
        "honeypot": client.post("/contact/", form_data(website="x")).content.decode(),
        "sent, nothing to confirm": client.get("/contact/sent/").content.decode(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        documents["sent"] = client.post("/contact/", form_data(send_copy="on"), follow=True).content.decode()
    with override_settings(CONTACT_RATE_LIMIT=0):
        documents["rate limited"] = client.post("/contact/", form_data()).content.decode()
    documents["form expired (CSRF)"] = Client(enforce_csrf_checks=True).post("/contact/", form_data()).content.decode()
    documents["programme preselected"] = client.get(
        "/contact/?purpose=programme&programme=seoul-program"
    ).content.decode()
    assert validate_html(documents) == []
