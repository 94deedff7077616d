"""Production: every secret comes from the environment, and start-up stops without one."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, env


def _required(name, value):
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable must be set when DEBUG is off.")
    return value


if not DEBUG:
    SECRET_KEY = _required("SECRET_KEY", env.str("SECRET_KEY", default=""))
    ALLOWED_HOSTS = _required("ALLOWED_HOSTS", env.list("ALLOWED_HOSTS", default=[]))

# Behind an HTTPS reverse proxy the switches are on unless explicitly turned off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
if env.bool("USE_X_FORWARDED_PROTO", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind a proxy every request comes from the proxy's address: without the count of proxies that
    # append to X-Forwarded-For, the message desk's rate limit and the login throttle would count all
    # visitors as one. 0 is a valid answer when REMOTE_ADDR is already the visitor's, but it must be said.
    if "TRUSTED_PROXY_COUNT" not in env.ENVIRON:
        raise ImproperlyConfigured(
            "The TRUSTED_PROXY_COUNT environment variable must be set when USE_X_FORWARDED_PROTO is on: the "
            "number of reverse proxies in front of the site that append to X-Forwarded-For (1 behind one nginx)."
        )
