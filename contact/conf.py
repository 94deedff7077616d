"""The message desk's settings, with their defaults; each can be set in the Django settings."""

from django.conf import settings

DEFAULTS = {
    # A person takes longer than this to fill in the form; a script does not.
    "CONTACT_MIN_FILL_SECONDS": 3,
    # A form left open longer than this must be sent again (its signed start time has expired).
    "CONTACT_MAX_FORM_AGE": 60 * 60 * 24,
    # Messages accepted from one address in one window, before the form answers 429.
    "CONTACT_RATE_LIMIT": 5,
    "CONTACT_RATE_LIMIT_WINDOW": 60 * 60,
    # How many reverse proxies in front of the site append the client's address to X-Forwarded-For.
    # 0 trusts only REMOTE_ADDR; behind one nginx, set 1, or every visitor would share one address.
    "TRUSTED_PROXY_COUNT": 0,
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])
