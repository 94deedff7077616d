"""Refusing scripted messages without losing real ones.

Four locks: a signed start time that is bound to the visitor's CSRF token and good for one message; a
per-address rate limit; a cap on acknowledgements per recipient address; and the honeypot field (in
the form). Counters and used start times live in Django's ``default`` cache, which production points
at Redis, so every gunicorn worker on every machine sees the same state.

When that cache cannot be reached, they fall back to a cache in the worker's own memory rather than
failing open or closed. Failing open (as this module once did) turned an outage into unlimited
messages and e-mails to any address; failing closed would turn it into a contact form that takes no
message at all. Counted per worker, the limits still hold, multiplied at most by the number of
workers, and real messages are still taken. Every fallback is logged.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

logger = logging.getLogger(__name__)

FILL_TIMER_SALT = "contact.form.started"
RATE_LIMIT_SALT = "contact.rate-limit"
ACKNOWLEDGEMENT_SALT = "contact.acknowledgement"
# The acknowledgement cap counts per day: a mailbox gets at most a few a day, whoever asks.
ACKNOWLEDGEMENT_WINDOW = 60 * 60 * 24

# Only while the shared cache is unreachable; see the module's docstring.
local_fallback = LocMemCache("contact.abuse.fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _in_cache(operation, what):
    """``operation(cache)`` on the shared cache, or on this worker's memory when the shared one fails."""
    try:
        return operation(caches["default"])
    except Exception:
        logger.exception("Message desk cache unreachable: %s kept in this worker's memory only.", what)
        return operation(local_fallback)


def _increment(cache, key, timeout):
    """Add one to the counter at ``key`` and return the new count.

    ``add`` and ``incr`` are each atomic on Redis and in local memory, so concurrent requests get
    distinct counts: no two of them can both see the last free place.
    """
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # gone between add() and incr() (expired, or evicted from the fallback): count afresh
        cache.add(key, 1, timeout=timeout)
        return 1


def _reserve(kind, salt, subject, limit, window):
    """Count one more for ``subject`` in the current window; True while the count stays within ``limit``."""
    # Hashed with the secret key: the cache never holds visitors' addresses.
    digest = salted_hmac(salt, subject).hexdigest()[:32]
    key = f"contact:{kind}:{digest}:{int(time.time() // window)}"
    count = _in_cache(lambda cache: _increment(cache, key, window + 60), f"the {kind} count")
    return count <= limit


# -- the form's start time -------------------------------------------------------------------------------


class FormTimingError(Exception):
    """The form came back too fast, too late, or with a start time that was not ours or this visitor's."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "too_fast", "expired" or "invalid"


def _csrf_digest(csrf_token):
    # The start time is signed, so a plain hash suffices to name the token it belongs with.
    return hashlib.sha256(str(csrf_token or "").encode()).hexdigest()[:24]


def start_token(csrf_token, started_at=None):
    """A signed “the form was shown now, to the visitor holding ``csrf_token``”, for a hidden field.

    ``csrf_token`` is the exact token the page renders in the form (``csrfmiddlewaretoken``); the CSRF
    middleware checks that one against the visitor's own cookie, so a start time taken from another
    visitor's page names a token this visitor cannot send. The random part makes each start time
    unique, so that using one up (:func:`claim`) never blocks another form.
    """
    payload = {
        "t": int(time.time() if started_at is None else started_at),
        "n": get_random_string(12),
        "c": _csrf_digest(csrf_token),
    }
    return signing.dumps(payload, salt=FILL_TIMER_SALT, compress=False)


def check_fill_time(token, csrf_token):
    """Raise :class:`FormTimingError` unless the start time is ours, this visitor's, and neither too recent nor too old.

    ``csrf_token`` is the ``csrfmiddlewaretoken`` the form came back with.
    """
    try:
        payload = signing.loads(token or "", salt=FILL_TIMER_SALT)
    except signing.BadSignature:
        raise FormTimingError("invalid") from None
    if not (isinstance(payload, dict) and isinstance(payload.get("t"), int) and isinstance(payload.get("c"), str)):
        raise FormTimingError("invalid")  # also a start time from before they were bound to a visitor
    if not constant_time_compare(payload["c"], _csrf_digest(csrf_token)):
        raise FormTimingError("invalid")
    elapsed = time.time() - payload["t"]
    if elapsed > settings.CONTACT_MAX_FORM_AGE:
        raise FormTimingError("expired")
    if elapsed < settings.CONTACT_MIN_FILL_SECONDS:
        raise FormTimingError("too_fast")


def claim(token):
    """Use up a start time: True the first time, False for a replay.

    Kept as long as a start time is valid at all: an older one is refused as expired anyway.
    """
    key = "contact:used:" + hashlib.sha256(str(token or "").encode()).hexdigest()[:32]
    return _in_cache(lambda cache: cache.add(key, True, timeout=settings.CONTACT_MAX_FORM_AGE), "the used start time")


# -- counting messages and acknowledgements -------------------------------------------------------------


@dataclass(frozen=True)
class RateLimit:
    """A fixed-window count of messages per client address, reserved before a message is saved."""

    address: str

    @property
    def window(self):
        return settings.CONTACT_RATE_LIMIT_WINDOW

    def reserve(self):
        """Take a place for one more message; False when the window is full.

        Increment first, then compare: checking and recording separately let twelve concurrent posts
        all pass a limit of five. A refused attempt keeps its count: that changes no outcome.
        """
        return _reserve("rate", RATE_LIMIT_SALT, self.address, settings.CONTACT_RATE_LIMIT, self.window)

    def retry_after(self):
        """Seconds until the current window ends."""
        return max(1, int(self.window - time.time() % self.window))


def normalised_address(email):
    """One key per mailbox: case folded, a ``+tag`` removed (``Ana+x@Example.org`` is ``ana@example.org``)."""
    local, _at, domain = str(email).strip().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}".casefold()


def acknowledgement_allowed(email):
    """Count one acknowledgement to ``email``; False once the address had its share for the day.

    Nobody has verified the address: without a cap, the form would send our e-mail to anyone's
    mailbox as often as someone cared to ask.
    """
    return _reserve(
        "ack",
        ACKNOWLEDGEMENT_SALT,
        normalised_address(email),
        settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY,
        ACKNOWLEDGEMENT_WINDOW,
    )
