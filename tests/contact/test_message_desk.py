"""The message desk: nothing is lost, bad input gets a clear answer, abuse is refused."""

import threading
import time

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from contact import abuse
from contact.abuse import FILL_TIMER_SALT, RateLimit, normalised_address
from contact.models import ContactMessage, MessageStatus, NotificationProblem, Purpose
from programs.models import Programme
from tests.support.contact import FAILING_BACKEND, contact_form, page_tokens, started_seconds_ago
from tests.support.html import elements, input_value, meta, texts
from tests.support.tasks import queued_task_names, run_queued_tasks

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


def sent_mail():
    """The outbox as ``(notifications, acknowledgements)``: the task sends the acknowledgement first."""
    secretariat = settings.SECRETARIAT_NOTIFY_EMAILS
    notifications = [email for email in mail.outbox if email.to == secretariat]
    return notifications, [email for email in mail.outbox if email.to != secretariat]


@pytest.fixture(autouse=True)
def _empty_fallback_counts():
    """What a test counted while its cache was down must not hold back the next test."""
    abuse.local_fallback.clear()
    yield
    abuse.local_fallback.clear()


@pytest.fixture
def cache_down(monkeypatch):
    """The shared cache refuses every call, as Redis does when it is down."""

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "add", "incr", "set", "set_many", "delete"):
        monkeypatch.setattr(cache, method, unreachable)


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


def test_a_message_is_saved_then_the_secretariat_is_notified_by_the_task_queue(client):
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
    # Nothing was sent while the transaction could still roll back: the worker sends it.
    assert mail.outbox == []
    assert queued_task_names() == ["contact.tasks.deliver_message"]
    [result] = run_queued_tasks()
    assert result.status == "SUCCESSFUL"
    [email] = mail.outbox
    assert email.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert email.reply_to == ["ana@example.org"]
    assert "Ana Lima" in email.subject
    assert "We would like to know more about WeGO membership." in email.body
    assert f"/admin/contact/contactmessage/{message.pk}/change/" in email.body
    message.refresh_from_db()
    assert message.notified_at is not None
    assert message.notification_attempts == 1


def test_the_message_and_its_task_are_stored_before_any_mail_is_sent(client):
    response = post(client, contact_form(send_copy="on"))
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert mail.outbox == [], "the request sends nothing: the worker does"
    assert queued_task_names() == ["contact.tasks.deliver_message"]
    task = DBTaskResult.objects.get()
    assert task.status == "READY"
    assert task.args_kwargs == {"args": [message.pk, "http://testserver/", "en"], "kwargs": {}}
    assert list(DBTaskResult.objects.ready()) == [task], "due at once"
    assert message.notified_at is None
    assert message.notification_attempts == 0


def test_the_confirmation_page_follows_the_redirect(client):
    response = post(client, contact_form(), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Thank you: your message has been received"]
    number = ContactMessage.objects.get().pk
    assert f"number {number}, about “A general enquiry”" in html
    assert "A copy of your message" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_sender_gets_an_acknowledgement_when_asked(client):
    response = post(client, contact_form(send_copy="on"), follow=True)
    assert "A short acknowledgement that your message arrived is on its way" in response.content.decode()
    run_queued_tasks()
    [notification], [acknowledgement] = sent_mail()
    assert notification.to == settings.SECRETARIAT_NOTIFY_EMAILS
    assert acknowledgement.to == ["ana@example.org"]
    received = date_format(timezone.localtime(ContactMessage.objects.get().created_at), "DATE_FORMAT")
    assert acknowledgement.body.startswith(
        f"We received your message on {received}.\nThe WeGO Secretariat answers within 5 working days.\n"
    )
    assert acknowledgement.subject == "Your message to the WeGO Secretariat has arrived"


def test_a_hosting_interest_keeps_city_country_and_region(client):
    data = contact_form(purpose="hosting", city="Lima", country="Peru", region_of_interest="Latin America")
    assert post(client, data).status_code == 302
    run_queued_tasks()
    message = ContactMessage.objects.get()
    assert (message.purpose, message.city, message.country, message.region_of_interest) == (
        "hosting",
        "Lima",
        "Peru",
        "Latin America",
    )
    assert "Region of interest: Latin America" in mail.outbox[0].body


def test_a_programme_interest_is_filed_under_its_programme(client):
    data = contact_form(purpose="programme", programme="seoul-program", send_copy="on")
    assert post(client, data).status_code == 302
    run_queued_tasks()
    message = ContactMessage.objects.get()
    assert message.programme == Programme.objects.get(slug="seoul-program")
    [notification], [acknowledgement] = sent_mail()
    assert "Programme: Seoul Program" in notification.body
    assert "Seoul Program" not in acknowledgement.body


@pytest.mark.parametrize("programme", ["seoul-program", "no-such-programme"])
def test_fields_of_another_purpose_are_not_stored(client, programme):
    response = post(client, contact_form(region_of_interest="Africa\nBcc: x", programme=programme))
    assert response.status_code == 302
    run_queued_tasks()
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
def test_a_message_survives_a_failing_mail_server(client, caplog):
    response = post(client, contact_form(send_copy="on"))
    assert response.status_code == 302
    [result] = run_queued_tasks()
    assert result.status == "FAILED", "the worker records the failure; tests/core/test_tasks.py tries again"
    message = ContactMessage.objects.get()
    assert message.notified_at is None
    assert message.notification_attempts == 1
    # Staff read the problem in words (tests/contact/test_desk.py); the exception is in the log.
    assert message.notification_error == NotificationProblem.UNREACHABLE
    assert "ConnectionRefusedError: the mail server is down" in caplog.text
    assert f"Could not notify the Secretariat of message {message.pk}" in caplog.text
    assert list(ContactMessage.objects.pending_notification()) == [message]


def test_the_command_resends_pending_notifications(client, capsys):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        post(client, contact_form())
        run_queued_tasks()
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
def test_without_recipients_the_message_stays_pending(client):
    assert post(client, contact_form()).status_code == 302
    run_queued_tasks()
    message = ContactMessage.objects.get()
    assert message.notified_at is None
    assert message.notification_error == NotificationProblem.NO_ADDRESS


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


@pytest.mark.parametrize("field", ["name", "organisation", "city", "country", "region_of_interest"])
def test_a_line_break_in_a_one_line_field_is_refused_on_that_field(client, field):
    """These fields reach e-mail headers and CSV cells: the site-wide rule for one-line text holds here too."""
    hosting = {"purpose": "hosting", "city": "Seoul", "country": "Korea", "region_of_interest": "Asia"}
    response = post(client, contact_form(**{**hosting, field: "Ana\r\nBcc: victim@example.org"}))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert "without line breaks or invisible control characters (found U+000D)" in errors[field][0]
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
    # With the token and start time from the page, the same client gets through.
    page = page_tokens(strict.get(CONTACT).content.decode())
    with _later(5):
        assert strict.post(CONTACT, contact_form(**page)).status_code == 302


def test_an_expired_form_in_korean_gets_the_page_in_korean():
    response = Client(enforce_csrf_checks=True).post("/ko/contact/", contact_form())
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert len(texts(html, "h1")) == 1
    assert "/ko/contact/#message" in [a["href"] for a in elements(html, "a")]
    assert ContactMessage.objects.count() == 0


# -- abuse is refused without losing real messages ------------------------------------------------------


def test_the_honeypot_keeps_the_message_as_spam_and_announces_nothing(client):
    response = post(client, contact_form(website="https://spam.example"))
    assert response.status_code == 400
    assert texts(response.content.decode(), "h1") == ["Your message is held for review"]
    message = ContactMessage.objects.get()
    assert message.status == MessageStatus.SPAM
    assert queued_task_names() == []
    assert run_queued_tasks() == []
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
    with _later(5):
        assert post(client, contact_form(**page_tokens(html))).status_code == 302


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


def test_with_the_cache_unreachable_messages_are_taken_and_still_counted(client, settings, cache_down, caplog):
    settings.CONTACT_RATE_LIMIT = 2
    settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY = 1
    assert post(client, contact_form(name="First Writer", send_copy="on")).status_code == 302
    assert post(client, contact_form(name="Second Writer", send_copy="on")).status_code == 302
    # Counted in this process's memory: the limits hold instead of vanishing with the cache.
    response = post(client, contact_form(name="Third Writer", message="Kept for the visitor"))
    assert response.status_code == 429
    run_queued_tasks()
    assert "Kept for the visitor" in response.content.decode()
    assert set(ContactMessage.objects.values_list("name", flat=True)) == {"First Writer", "Second Writer"}
    notifications, acknowledgements = sent_mail()
    assert len(notifications) == 2
    assert [email.to for email in acknowledgements] == [["ana@example.org"]]
    assert "Message desk cache unreachable" in caplog.text


def test_with_the_cache_unreachable_a_start_time_is_still_single_use(client, cache_down):
    data = contact_form()
    assert post(client, data).status_code == 302
    response = post(client, data)
    assert response.status_code == 400
    assert "already been used to send a message" in error_summary(response)
    assert ContactMessage.objects.count() == 1


def test_rate_limited_submissions_are_checked_before_anything_is_saved(client, settings):
    settings.CONTACT_RATE_LIMIT = 0
    assert post(client, contact_form()).status_code == 429
    assert ContactMessage.objects.count() == 0


def test_reserving_counts_first_and_refuses_the_sixth_without_a_separate_check(settings):
    settings.CONTACT_RATE_LIMIT = 5
    limit = RateLimit("203.0.113.9")
    assert [limit.reserve() for _ in range(7)] == [True] * 5 + [False] * 2
    assert RateLimit("203.0.113.10").reserve() is True


def test_concurrent_reservations_never_pass_the_limit(settings):
    settings.CONTACT_RATE_LIMIT = 5
    start, results = threading.Barrier(12), []

    def one_post():
        start.wait()  # all twelve at once, as the concurrent posts of the finding
        results.append(RateLimit("203.0.113.9").reserve())

    threads = [threading.Thread(target=one_post) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True] * 5


# -- the form's start time: this visitor's, and good for one message ------------------------------------------


def test_a_start_time_from_another_visitors_page_is_refused_and_the_form_comes_back(settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_started = input_value(first.get(CONTACT).content.decode(), "started")
    second_token = input_value(second.get(CONTACT).content.decode(), "csrfmiddlewaretoken")
    data = contact_form(csrfmiddlewaretoken=second_token, started=first_started, name="Second Visitor")
    response = second.post(CONTACT, data)
    assert response.status_code == 400
    assert "The form could not be checked, so it was not sent." in error_summary(response)
    html = response.content.decode()
    assert elements(html, "input", name="name")[0]["value"] == "Second Visitor"
    assert ContactMessage.objects.count() == 0
    # The page it comes back with carries a start time of this visitor's own, which works.
    assert second.post(CONTACT, contact_form(**page_tokens(html))).status_code == 302


def test_the_form_page_binds_its_start_time_to_the_token_it_renders(settings):
    settings.CONTACT_MIN_FILL_SECONDS = 0
    visitor = Client(enforce_csrf_checks=True)
    page = page_tokens(visitor.get(CONTACT).content.decode())
    # Another valid token of the same visitor (same cookie, another mask) is not the one the start time names.
    other_token = input_value(visitor.get(CONTACT).content.decode(), "csrfmiddlewaretoken")
    response = visitor.post(CONTACT, contact_form(started=page["started"], csrfmiddlewaretoken=other_token))
    assert response.status_code == 400
    assert visitor.post(CONTACT, contact_form(**page)).status_code == 302


def test_a_start_time_is_good_for_one_message_only(client):
    data = contact_form()
    assert post(client, data).status_code == 302
    for address in ["192.0.2.1", "198.51.100.2"]:  # from anywhere
        response = post(client, {**data, "name": "Replayed Writer"}, REMOTE_ADDR=address)
        assert response.status_code == 400
        assert "This form has already been used to send a message, so it was not sent again." in error_summary(response)
        html = response.content.decode()
        assert elements(html, "input", name="name")[0]["value"] == "Replayed Writer"
        assert "We would like to know more about WeGO membership." in texts(html, "textarea")
    assert ContactMessage.objects.count() == 1
    # The form it comes back with has a fresh start time: the visitor can send it after all.
    with _later(5):
        assert post(client, {**data, **page_tokens(response.content.decode())}).status_code == 302
    assert ContactMessage.objects.count() == 2


def test_a_start_time_from_before_they_were_bound_gets_the_form_back():
    old_style = signing.dumps(int(time.time()) - 60, salt=FILL_TIMER_SALT, compress=False)
    response = Client().post(CONTACT, contact_form(started=old_style))
    assert response.status_code == 400
    assert "could not be checked" in error_summary(response)


# -- the acknowledgement relays nothing --------------------------------------------------------------------


def test_the_form_says_what_the_acknowledgement_is(client):
    html = client.get(CONTACT).content.decode()
    assert "Send me an acknowledgement by e-mail." in texts(html, "label")
    [checkbox] = elements(html, "input", name="send_copy")
    assert checkbox["aria-describedby"] == "id_send_copy_helptext"
    [help_text] = [text for text in texts(html, "p") if "It does not repeat your message." in text]
    assert help_text.startswith("A short note saying on which day your message arrived")
    assert "copy" not in help_text.lower()
    assert "Send me a copy of this message by e-mail." not in texts(html, "label")


def test_the_acknowledgement_carries_nothing_the_visitor_typed(client):
    typed = {
        "name": "Prize Desk",
        "organisation": "Claim at https://phish.example",
        "message": "You won! Log in at https://phish.example/login to claim your prize.",
        "purpose": "programme",
        "programme": "seoul-program",
        "email": "victim@example.org",
        "send_copy": "on",
    }
    assert post(client, contact_form(**typed)).status_code == 302
    run_queued_tasks()
    [notification], [acknowledgement] = sent_mail()
    assert "phish.example" in notification.body, "the Secretariat still reads the whole message"
    assert acknowledgement.to == ["victim@example.org"]
    assert acknowledgement.reply_to == []
    assert acknowledgement.from_email == settings.DEFAULT_FROM_EMAIL
    sent = acknowledgement.message().as_string()
    for text in ["Prize Desk", "phish.example", "You won", "Seoul Program", "A general enquiry"]:
        assert text not in sent, text


def test_the_acknowledgement_is_in_the_senders_language(client):
    assert client.post("/ko/contact/", contact_form(send_copy="on")).status_code == 302
    assert ContactMessage.objects.get().language == "ko", "kept, for the date of the staff's reply"
    run_queued_tasks()
    [notification], [acknowledgement] = sent_mail()
    with translation.override("ko"):
        received = date_format(timezone.localtime(ContactMessage.objects.get().created_at), "DATE_FORMAT")
    assert "년" in received
    assert f"{received}에 메시지를 받았습니다." in acknowledgement.body
    assert "We would like to know more" not in acknowledgement.body
    assert "Ana Lima" not in acknowledgement.body
    assert "A message arrived through the website" in notification.body, "the Secretariat's stays in English"


def test_acknowledgements_to_one_mailbox_are_capped(client, settings, caplog):
    settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY = 2
    addresses = ["victim@example.org", "Victim@Example.ORG", "victim+1@example.org", "other@example.org"]
    for number, address in enumerate(addresses):
        data = contact_form(email=address, send_copy="on")
        assert post(client, data, REMOTE_ADDR=f"192.0.2.{number + 1}").status_code == 302
    assert len(run_queued_tasks()) == 4
    assert ContactMessage.objects.count() == 4, "every message is kept"
    notifications, acknowledgements = sent_mail()
    assert len(notifications) == 4
    acknowledged = [email.to[0] for email in acknowledgements]
    assert acknowledged == ["victim@example.org", "Victim@Example.ORG", "other@example.org"]
    assert "its address had its share for the day" in caplog.text
    # A day later the mailbox may have its acknowledgements again.
    with _later(24 * 3600):
        assert post(client, contact_form(email="victim@example.org", send_copy="on")).status_code == 302
        run_queued_tasks()
    assert [email.to for email in sent_mail()[1][3:]] == [["victim@example.org"]]


@pytest.mark.parametrize(
    ("address", "normalised"),
    [
        ("ana@example.org", "ana@example.org"),
        (" Ana@Example.ORG ", "ana@example.org"),
        ("ana+news@example.org", "ana@example.org"),
        ("ana+a+b@example.org", "ana@example.org"),
    ],
)
def test_addresses_are_counted_by_mailbox(address, normalised):
    assert normalised_address(address) == normalised


def test_the_counters_never_hold_an_address_in_the_clear(client, monkeypatch):
    keys, real_add = [], cache.add

    def add(key, *args, **kwargs):
        keys.append(key)
        return real_add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", add)
    assert post(client, contact_form(send_copy="on"), REMOTE_ADDR="192.0.2.55").status_code == 302
    run_queued_tasks()  # the acknowledgement's counter is kept by the worker
    assert len(mail.outbox) == 2
    assert {key.split(":")[1] for key in keys} == {"rate", "used", "ack"}
    assert not [key for key in keys if "ana" in key or "example" in key or "192.0.2" in key]


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
