"""The contact form as a visitor's browser sends it, and a mail server that is down."""

import time

from contact.abuse import start_token
from tests.support.html import input_value

# The test client checks no CSRF token, so any will do; the form's start time must name the one sent.
CSRF_TOKEN = "test-csrf-token"

FAILING_BACKEND = "tests.support.contact.FailingEmailBackend"


class FailingEmailBackend:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def started_seconds_ago(seconds, csrf_token=CSRF_TOKEN):
    """The form's signed start time, as if the page had been shown ``seconds`` ago with ``csrf_token``."""
    return start_token(csrf_token, started_at=time.time() - seconds)


def contact_form(**overrides):
    """The POST data of a filled-in contact form, shown a minute ago; ``None`` leaves a field out.

    Each call has a start time of its own: a start time is good for one message.
    """
    data = {
        "csrfmiddlewaretoken": CSRF_TOKEN,
        "purpose": "general",
        "name": "Ana Lima",
        "organisation": "City of Example",
        "email": "ana@example.org",
        "city": "",
        "country": "",
        "region_of_interest": "",
        "programme": "",
        "message": "We would like to know more about WeGO membership.",
        "consent": "on",
        "website": "",
        "started": started_seconds_ago(60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_tokens(html):
    """The CSRF token and start time a form page gave its visitor, as their browser sends them back."""
    return {"csrfmiddlewaretoken": input_value(html, "csrfmiddlewaretoken"), "started": input_value(html, "started")}
