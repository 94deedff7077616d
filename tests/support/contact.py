"""The contact form as a visitor's browser sends it, and a mail server that is down."""

import time

from django.core import signing

from contact.abuse import FILL_TIMER_SALT

FAILING_BACKEND = "tests.support.contact.FailingEmailBackend"


class FailingEmailBackend:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def started_seconds_ago(seconds):
    """The form's signed fill timer, as if the page had been shown ``seconds`` ago."""
    return signing.dumps(int(time.time()) - seconds, salt=FILL_TIMER_SALT, compress=False)


def contact_form(**overrides):
    """The POST data of a filled-in contact form, shown a minute ago; ``None`` leaves a field out."""
    data = {
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
