"""The secrets of private links never reach a log line: Django's request log nor gunicorn's access log."""

import logging
from datetime import timedelta

from core.logs import RedactingGunicornLogger, RedactPrivatePaths, redact

SECRET = "Zx8-secret_part"


def test_a_private_path_is_written_redacted():
    assert redact(f"Bad Request: /bids/space/{SECRET}/answers/") == "Bad Request: /bids/space/[redacted]/answers/"
    assert redact(f"/ko/bids/space/{SECRET}/?x=1") == "/ko/bids/space/[redacted]/?x=1"
    assert redact("/bids/regional-offices/") == "/bids/regional-offices/"


def test_django_log_records_lose_the_secret():
    handler_filter = RedactPrivatePaths()
    record = logging.getLogger("django.request").makeRecord(
        "django.request", logging.WARNING, __file__, 1, "Bad Request: %s", (f"/bids/space/{SECRET}/",), None
    )
    handler_filter.filter(record)
    assert SECRET not in record.getMessage()
    assert "/bids/space/[redacted]/" in record.getMessage()


def test_the_settings_put_the_filter_on_the_console():
    from django.conf import settings

    assert "redact_private_paths" in settings.LOGGING["handlers"]["console"]["filters"]


def test_gunicorns_access_log_loses_the_secret():
    logger = RedactingGunicornLogger.__new__(RedactingGunicornLogger)  # atoms() reads no configuration

    class Response:
        status = "404 Not Found"
        sent = 10
        headers = ()

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/bids/space/{SECRET}/",
        "PATH_INFO": f"/bids/space/{SECRET}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://www.example.org/bids/space/{SECRET}/",
    }
    atoms = logger.atoms(Response(), {}, environ, timedelta(milliseconds=3))
    assert SECRET not in atoms["r"] + atoms["U"] + atoms["f"]
    assert atoms["r"] == "GET /bids/space/[redacted]/ HTTP/1.1"
