"""Refusing scripted messages without losing real ones: a signed start time, and a per-address rate limit.

The rate limit counts in Django's ``default`` cache, which production points at Redis, so every gunicorn
worker on every machine sees the same count.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

FILL_TIMER_SALT = "contact.form.started"
RATE_LIMIT_SALT = "contact.rate-limit"


class FormTimingError(Exception):
    """The form came back too fast, too late, or with a start time that was not ours."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "too_fast", "expired" or "invalid"


def start_token():
    """A signed “the form was shown now”, for a hidden field."""
    return signing.dumps(int(time.time()), salt=FILL_TIMER_SALT, compress=False)


def check_fill_time(token):
    """Raise :class:`FormTimingError` unless the form was shown long enough ago, and not too long ago."""
    try:
        started = signing.loads(token or "", salt=FILL_TIMER_SALT)
    except signing.BadSignature:
        raise FormTimingError("invalid") from None
    if not isinstance(started, int):
        raise FormTimingError("invalid")
    elapsed = time.time() - started
    if elapsed > settings.CONTACT_MAX_FORM_AGE:
        raise FormTimingError("expired")
    if elapsed < settings.CONTACT_MIN_FILL_SECONDS:
        raise FormTimingError("too_fast")


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added.

    Only the entries appended by the ``TRUSTED_PROXY_COUNT`` proxies in front of the site are trusted;
    anything to their left was written by the client and could be anything.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:100]
    return request.META.get("REMOTE_ADDR", "")[:100]


@dataclass(frozen=True)
class RateLimit:
    """A fixed-window counter of accepted messages per client address."""

    address: str

    @property
    def window(self):
        return settings.CONTACT_RATE_LIMIT_WINDOW

    def _key(self, now=None):
        # Hashed with the secret key: the cache never holds visitors' addresses.
        digest = salted_hmac(RATE_LIMIT_SALT, self.address).hexdigest()[:32]
        slot = int((now or time.time()) // self.window)
        return f"contact:rate:{digest}:{slot}"

    @property
    def cache(self):
        return caches["default"]

    def count(self):
        try:
            return self.cache.get(self._key(), 0)
        except Exception:
            # A message matters more than the limit: with the cache down, nobody is held back.
            logger.exception("Rate limit cache unreachable: not counting messages from this address")
            return 0

    def exceeded(self):
        return self.count() >= settings.CONTACT_RATE_LIMIT

    def record(self):
        key = self._key()
        try:
            # add() then incr() is atomic on Redis and on the local-memory cache: two workers never both
            # read 0.
            self.cache.add(key, 0, timeout=self.window + 60)
            try:
                return self.cache.incr(key)
            except ValueError:  # expired between add() and incr()
                self.cache.set(key, 1, timeout=self.window + 60)
                return 1
        except Exception:
            logger.exception("Rate limit cache unreachable: message not counted")
            return 0

    def retry_after(self):
        """Seconds until the current window ends."""
        return max(1, int(self.window - time.time() % self.window))
