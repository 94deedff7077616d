import time

import pytest
from django.core import signing

from contact.abuse import FILL_TIMER_SALT


class FailingEmailBackend:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


FAILING_BACKEND = "tests.contact.conftest.FailingEmailBackend"


def started_seconds_ago(seconds):
    return signing.dumps(int(time.time()) - seconds, salt=FILL_TIMER_SALT, compress=False)


@pytest.fixture
def form_data():
    """Makes the POST data of a filled-in form, shown a minute ago."""

    def make(**overrides):
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

    return make
