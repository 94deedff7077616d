"""The message desk: nothing is lost, bad input gets a clear answer, abuse is refused."""

import time

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse

from contact.models import ContactMessage, MessageStatus, Purpose
from programs.models import Programme
from tests.support.contact import FAILING_BACKEND, contact_form, started_seconds_ago
from tests.support.html import elements, input_value, meta, texts

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"


def post(client, data, **extra):
    return client.post(CONTACT, data, **extra)


def error_summary(response):
    html = response.content.decode()
    start = html.index('id="message-errors"')
    return html[start : html.index("</div>", start)]


def _later(seconds):
    return time_machine.travel(time.time() + seconds)


# -- the purpose picker ------------------------------------------------------------------------------


def checked_purpose(html):
    return [i["value"] for i in elements(html, "input", name="purpose") if "checked" in i]


@pytest.mark.parametrize(
    ("query", "purpose"),
    [
        ("", "general"),
        ("?purpose=hosting", "hosting"),
        ("?purpose=programme", "programme"),
        ("?purpose=unknown", "general"),
        ("?purpose=%3Cscript%3Ealert(1)%3C/script%3E", "general"),
        ("?purpose=hosting&purpose=programme", "programme"),
        ("?purpose=" + "x" * 5000, "general"),
    ],
)
def test_the_purpose_comes_from_the_query_string_or_falls_back_to_general(client, query, purpose):
    response = client.get(CONTACT + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert checked_purpose(html) == [purpose]
    assert "<script>alert(1)" not in html


def programme_options(html):
    """``(value, text, selected)`` of each option of the programme list."""
    start = html.index('<select name="programme"')
    select = html[start : html.index("</select>", start) + len("</select>")]
    values = [(o["value"], "selected" in o) for o in elements(select, "option")]
    return [(value, text, selected) for (value, selected), text in zip(values, texts(select, "option"), strict=True)]


def test_the_programme_list_offers_the_published_programmes(client):
    Programme.objects.filter(slug="joint-workshop").update(publication_status="draft")
    html = client.get(CONTACT + "?purpose=programme").content.decode()
    options = programme_options(html)
    assert options[0] == ("", "Choose a programme", True)
    assert ("seoul-program", "Seoul Program", False) in options
    assert ("regional-offices-programs", "WeGO Regional Offices’ Programs", False) in options
    assert "joint-workshop" not in [value for value, _text, _selected in options]
    assert [value for value, _t, _s in options[1:]] == list(
        Programme.objects.published().order_by("order", "name").values_list("slug", flat=True)
    )
    [label] = elements(html, "label", **{"for": "id_programme"})
    assert label


def test_a_programme_link_preselects_the_programme(client):
    html = client.get(CONTACT + "?purpose=programme&programme=seoul-program").content.decode()
    assert checked_purpose(html) == ["programme"]
    assert [value for value, _text, selected in programme_options(html) if selected] == ["seoul-program"]


@pytest.mark.parametrize(
    "query",
    [
        "?purpose=programme&programme=no-such-programme",
        "?purpose=programme&programme=joint-workshop",  # a draft, made so below
        "?purpose=programme&programme=Seoul%20Program%22%3E%3Cb%3E",
        "?purpose=programme&programme=" + "x" * 5000,
        "?purpose=programme&programme=",
        "?purpose=general&programme=seoul-program",
        "?programme=seoul-program",
    ],
)
def test_an_unknown_or_odd_programme_in_the_link_is_ignored_calmly(client, query):
    Programme.objects.filter(slug="joint-workshop").update(publication_status="draft")
    response = client.get(CONTACT + query)
    assert response.status_code == 200
    html = response.content.decode()
    # Nothing chosen: the browser shows the first option, "Choose a programme".
    assert {value for value, _text, selected in programme_options(html) if selected} <= {""}
    assert "<b>" not in html
    assert "x" * 300 not in html


# -- a message that is accepted ------------------------------------------------------------------------


def test_a_message_is_saved_then_the_secretariat_is_notified_after_the_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, contact_form())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("contact:sent") + "?ref=")
    assert response["Location"].endswith("#main")
    assert "sessionid" not in response.cookies, "sending a message must not keep the visitor out of the page cache"
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.purpose, message.status) == (
        "Ana Lima",
        "ana@example.org",
        Purpose.GENERAL,
        MessageStatus.NEW,
    )
    assert message.consent is True
    # Nothing was sent while the transaction could still roll back.
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    [email] = mail.outbox
    assert email.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert email.reply_to == ["ana@example.org"]
    assert "Ana Lima" in email.subject
    assert "We would like to know more about WeGO membership." in email.body
    assert f"/admin/contact/contactmessage/{message.pk}/change/" in email.body
    message.refresh_from_db()
    assert message.notified_at is not None
    assert message.notification_attempts == 1


def test_the_confirmation_page_follows_the_redirect(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_form(), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Thank you: your message has been received"]
    number = ContactMessage.objects.get().pk
    assert f"number {number}, about “A general enquiry”" in html
    assert "A copy of your message" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_sender_gets_a_copy_when_asked(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_form(send_copy="on"), follow=True)
    assert "A copy of your message is on its way" in response.content.decode()
    notification, copy = mail.outbox
    assert notification.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert copy.to == ["ana@example.org"]
    assert "We would like to know more about WeGO membership." in copy.body


def test_a_hosting_interest_keeps_city_country_and_region(client, django_capture_on_commit_callbacks):
    data = contact_form(purpose="hosting", city="Lima", country="Peru", region_of_interest="Latin America")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, data).status_code == 302
    message = ContactMessage.objects.get()
    assert (message.purpose, message.city, message.country, message.region_of_interest) == (
        "hosting",
        "Lima",
        "Peru",
        "Latin America",
    )
    assert "Region of interest: Latin America" in mail.outbox[0].body


def test_a_programme_interest_is_filed_under_its_programme(client, django_capture_on_commit_callbacks):
    data = contact_form(purpose="programme", programme="seoul-program", send_copy="on")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, data).status_code == 302
    message = ContactMessage.objects.get()
    assert message.programme == Programme.objects.get(slug="seoul-program")
    notification, copy = mail.outbox
    assert "Programme: Seoul Program" in notification.body
    assert "Programme: Seoul Program" in copy.body


@pytest.mark.parametrize("programme", ["seoul-program", "no-such-programme"])
def test_fields_of_another_purpose_are_not_stored(client, django_capture_on_commit_callbacks, programme):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_form(region_of_interest="Africa\nBcc: x", programme=programme))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert (message.region_of_interest, message.programme) == ("", None)
    assert "Programme:" not in mail.outbox[0].body


@pytest.mark.parametrize("query", ["", "?ref=", "?ref=forged", "?ref=1", "?ref=%3Cscript%3E"])
def test_the_confirmation_page_without_a_valid_reference_is_calm(client, query):
    ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)
    response = client.get(reverse("contact:sent") + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["No message to confirm"]
    assert "<script>" not in html


def test_the_confirmation_link_expires_and_is_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    location = post(client, contact_form())["Location"]
    response = client.get(location)
    assert texts(response.content.decode(), "h1") == ["Thank you: your message has been received"]
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    with _later(2 * 24 * 3600):
        assert texts(client.get(location).content.decode(), "h1") == ["No message to confirm"]


# -- nothing is lost ------------------------------------------------------------------------------------


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_a_message_survives_a_failing_mail_server(client, django_capture_on_commit_callbacks, caplog):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contact_form(send_copy="on"))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.notified_at is None
    assert message.notification_attempts == 1
    assert "ConnectionRefusedError" in message.notification_error
    assert f"Could not notify the Secretariat of message {message.pk}" in caplog.text
    assert list(ContactMessage.objects.pending_notification()) == [message]


def test_the_command_resends_pending_notifications(client, django_capture_on_commit_callbacks, capsys):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND), django_capture_on_commit_callbacks(execute=True):
        post(client, contact_form())
    message = ContactMessage.objects.get()
    assert mail.outbox == []
    # A message younger than --min-age may still be on its first attempt: left alone.
    call_command("send_pending_notifications")
    assert mail.outbox == []
    with time_machine.travel(message.created_at.timestamp() + 600):
        call_command("send_pending_notifications", "--base-url", "https://www.example.org")
    [email] = mail.outbox
    assert f"https://www.example.org/admin/contact/contactmessage/{message.pk}/change/" in email.body
    message.refresh_from_db()
    assert message.notified_at is not None
    assert message.notification_attempts == 2
    assert message.notification_error == ""
    assert "Sent 1 pending notification(s); 0 failed." in capsys.readouterr().out
    call_command("send_pending_notifications", "--min-age", "0")
    assert len(mail.outbox) == 1, "a notified message is not sent twice"


def test_the_command_fails_loudly_when_the_mail_server_is_still_down(client):
    ContactMessage.objects.create(name="Ana", email="ana@example.org", message="Hello", consent=True)
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND), pytest.raises(CommandError, match="1 notification"):
        call_command("send_pending_notifications", "--min-age", "0")
    assert ContactMessage.objects.get().notification_attempts == 1


@override_settings(SECRETARIAT_NOTIFY_EMAILS=[])
def test_without_recipients_the_message_stays_pending(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, contact_form()).status_code == 302
    message = ContactMessage.objects.get()
    assert message.notified_at is None
    assert "SECRETARIAT_NOTIFY_EMAILS" in message.notification_error


# -- bad input gets a clear answer and keeps what was typed ---------------------------------------------


def test_required_fields_are_named(client):
    response = post(client, contact_form(name="", email="", message="", consent=None))
    assert response.status_code == 400
    summary = error_summary(response)
    for text in [
        "Your name: Enter your name.",
        "E-mail address: Enter your e-mail address, so that the Secretariat can answer you.",
        "Your message: Write your message.",
        "Please agree to be contacted, so that the Secretariat can answer you.",
    ]:
        assert text in summary, text
    assert ContactMessage.objects.count() == 0
    html = response.content.decode()
    [name] = elements(html, "input", name="name")
    assert name["aria-invalid"] == "true"
    assert "id_name_error" in name["aria-describedby"]


def test_what_was_typed_is_kept(client):
    response = post(client, contact_form(email="not-an-address", organisation="Ciudad <b>Ejemplo</b>"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an e-mail address like name@example.org." in error_summary(response)
    assert elements(html, "input", name="email")[0]["value"] == "not-an-address"
    assert elements(html, "input", name="organisation")[0]["value"] == "Ciudad <b>Ejemplo</b>"
    assert "Ciudad <b>" not in html
    assert "We would like to know more about WeGO membership." in texts(html, "textarea")
    assert checked_purpose(html) == ["general"]


def test_length_limits(client):
    response = post(client, contact_form(message="x" * 5001, name="n" * 201))
    assert response.status_code == 400
    summary = error_summary(response)
    assert "Ensure this value has at most 5000 characters (it has 5001)." in summary
    assert "Ensure this value has at most 200 characters (it has 201)." in summary


def test_hosting_needs_city_country_and_region(client):
    response = post(client, contact_form(purpose="hosting"))
    assert response.status_code == 400
    summary = error_summary(response)
    for label in ["City", "Country", "Region of interest"]:
        assert f"{label}: Needed for an interest in hosting a Regional Office." in summary


def test_a_programme_interest_names_the_programme(client):
    response = post(client, contact_form(purpose="programme"))
    assert response.status_code == 400
    assert "Programme: Say which programme you are interested in." in error_summary(response)


@pytest.mark.parametrize("programme", ["joint-workshop", "no-such-programme", "1", "<b>x</b>"])
def test_a_programme_that_is_not_in_the_list_is_refused(client, programme):
    Programme.objects.filter(slug="joint-workshop").update(publication_status="draft")
    response = post(client, contact_form(purpose="programme", programme=programme))
    assert response.status_code == 400
    assert "Programme: Choose a programme from the list." in error_summary(response)
    assert "<b>x</b>" not in response.content.decode()
    assert ContactMessage.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"purpose": "bogus"},
        {"purpose": ""},
        {"name": "Ana\r\nBcc: victim@example.org"},
        {"email": "ana@example.org\nBcc: victim@example.org"},
        {"name": "\x00"},
        {"consent": "false"},
    ],
)
def test_odd_values_get_a_calm_400(client, overrides):
    response = post(client, contact_form(**overrides))
    assert response.status_code == 400
    assert ContactMessage.objects.count() == 0


def test_csrf_is_enforced():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(CONTACT, contact_form())
    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0
    # A calm page in the site's layout, not Django's technical one.
    html = response.content.decode()
    assert texts(html, "h1") == ["This form has expired"]
    assert texts(html, "title") == ["This form has expired | WeGO"]
    assert "could not be sent because it had expired" in meta(html, "description")
    assert meta(html, "robots") == "noindex"
    assert "Nothing was sent." in html
    assert "CSRF" not in html
    links = dict(zip(texts(html, "a"), [a.get("href") for a in elements(html, "a")], strict=True))
    assert links["Open the form again"] == "/contact/#message"
    assert links["Go to the home page"] == "/"
    assert elements(html, "nav", **{"aria-label": "Main"}), "the site's navigation is there"
    # With the token from the page, the same client gets through.
    html = strict.get(CONTACT).content.decode()
    token = input_value(html, "csrfmiddlewaretoken")
    assert strict.post(CONTACT, contact_form(csrfmiddlewaretoken=token)).status_code == 302


def test_an_expired_form_in_korean_gets_the_page_in_korean():
    response = Client(enforce_csrf_checks=True).post("/ko/contact/", contact_form())
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert len(texts(html, "h1")) == 1
    assert "/ko/contact/#message" in [a["href"] for a in elements(html, "a")]
    assert ContactMessage.objects.count() == 0


# -- abuse is refused without losing real messages ------------------------------------------------------


def test_the_honeypot_keeps_the_message_as_spam_and_announces_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, contact_form(website="https://spam.example"))
    assert response.status_code == 400
    assert texts(response.content.decode(), "h1") == ["Your message is held for review"]
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.SPAM
    assert callbacks == []
    assert mail.outbox == []
    assert list(ContactMessage.objects.pending_notification()) == []


def test_a_form_sent_faster_than_a_person_can_type_is_refused_and_kept_in_the_form(client):
    response = post(client, contact_form(started=started_seconds_ago(0)))
    assert response.status_code == 400
    assert "quicker than a person can fill in the form" in error_summary(response)
    assert ContactMessage.objects.count() == 0
    html = response.content.decode()
    assert elements(html, "input", name="name")[0]["value"] == "Ana Lima"
    # A fresh start time, so that sending again after a moment works.
    [started] = elements(html, "input", name="started")
    with _later(5):
        assert post(client, contact_form(started=started["value"])).status_code == 302


@pytest.mark.parametrize(
    ("started", "expected"),
    [
        (None, "could not be checked"),
        ("", "could not be checked"),
        ("forged:token", "could not be checked"),
        ("MTc5NTQ5MTE3Nw:1xVhH7:tampered", "could not be checked"),
        ("two-days-old", "open for a long time"),
    ],
)
def test_start_times_that_are_missing_forged_or_stale_are_refused(client, started, expected):
    if started == "two-days-old":
        started = started_seconds_ago(2 * 24 * 3600)
    response = post(client, contact_form(started=started))
    assert response.status_code == 400
    assert expected in error_summary(response)
    assert ContactMessage.objects.count() == 0


def test_the_minimum_fill_time_is_a_setting(client, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    assert post(client, contact_form(started=started_seconds_ago(0))).status_code == 302


def test_the_rate_limit_answers_429_and_gives_the_text_back(client, settings):
    settings.CONTACT_RATE_LIMIT = 2
    assert post(client, contact_form()).status_code == 302
    assert post(client, contact_form()).status_code == 302
    response = post(client, contact_form(message="My third message <script>x</script>"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert texts(html, "h1") == ["Too many messages from your connection"]
    assert "My third message &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html
    assert ContactMessage.objects.count() == 2
    # Another address is not held back...
    assert post(client, contact_form(), REMOTE_ADDR="198.51.100.7").status_code == 302
    # ...and the count is in the shared cache: clearing it lifts the limit.
    from django.core.cache import cache

    cache.clear()
    assert post(client, contact_form()).status_code == 302


def test_the_rate_limit_window_ends(client, settings):
    settings.CONTACT_RATE_LIMIT = 1
    assert post(client, contact_form()).status_code == 302
    assert post(client, contact_form()).status_code == 429
    with _later(3601):
        assert post(client, contact_form()).status_code == 302


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(client, settings):
    settings.CONTACT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.1", "REMOTE_ADDR": "127.0.0.1"}
    second = {"HTTP_X_FORWARDED_FOR": "203.0.113.2", "REMOTE_ADDR": "127.0.0.1"}
    assert post(client, contact_form(), **first).status_code == 302
    assert post(client, contact_form(), **first).status_code == 429
    assert post(client, contact_form(), **second).status_code == 302
    # A client cannot dodge the limit by writing its own X-Forwarded-For entries: only the proxy's counts.
    spoofed = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.1", "REMOTE_ADDR": "127.0.0.1"}
    assert post(client, contact_form(), **spoofed).status_code == 429


def test_with_the_cache_unreachable_messages_are_still_taken(client, settings, monkeypatch, caplog):
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    settings.CONTACT_RATE_LIMIT = 1
    for method in ("get", "add", "incr", "set"):
        monkeypatch.setattr(cache, method, unreachable)
    assert post(client, contact_form(name="First Writer")).status_code == 302
    assert post(client, contact_form(name="Second Writer")).status_code == 302  # no count to hold it back
    assert set(ContactMessage.objects.values_list("name", flat=True)) == {"First Writer", "Second Writer"}
    assert "Rate limit cache unreachable" in caplog.text


def test_rate_limited_submissions_are_checked_before_anything_is_saved(client, settings):
    settings.CONTACT_RATE_LIMIT = 0
    assert post(client, contact_form()).status_code == 429
    assert ContactMessage.objects.count() == 0


# -- from a programme's page ------------------------------------------------------------------------------


def test_a_programme_page_links_to_the_form_with_the_programme_chosen(client):
    programme = Programme.objects.get(slug="seoul-program")
    html = client.get(programme.get_absolute_url()).content.decode()
    links = dict(zip(texts(html, "a"), [a.get("href") for a in elements(html, "a")], strict=True))
    href = links["Ask about this programme"]
    assert href == "/contact/?purpose=programme&programme=seoul-program#message"
    html = client.get(href.split("#")[0]).content.decode()
    assert checked_purpose(html) == ["programme"]
    assert [value for value, _text, selected in programme_options(html) if selected] == ["seoul-program"]
    assert 'id="message"' in html
