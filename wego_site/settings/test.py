"""Settings for the test suite: fast hashing, a private cache, mail kept in memory."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Local memory by default; `make test` runs the suite a second time on PostgreSQL with Redis, as in
# production (TEST_CACHE_URL, a database number of its own: the suite empties it between tests).
CACHES = {"default": env.cache_url("TEST_CACHE_URL", default="locmemcache://tests")}
# Under pytest-xdist each worker (gw0, gw1, ...) empties a Redis database of its own: 15, 14, ...
_worker = env.str("PYTEST_XDIST_WORKER", default="")
if _worker.startswith("gw") and CACHES["default"]["BACKEND"].endswith("RedisCache"):
    _base, _slash, _number = CACHES["default"]["LOCATION"].rpartition("/")
    CACHES["default"]["LOCATION"] = f"{_base}/{int(_number) - int(_worker[2:])}"
# The page cache's own alias: the same store, its keys prefixed, so emptying "default" empties both.
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
PAGE_CACHE_DEBUG_HEADER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVE_MEDIA = True
SECRETARIAT_NOTIFY_EMAILS = ["secretariat@example.org"]
# Tests that exercise the page cache turn it on with the `settings` fixture; elsewhere a test that
# changes rows with queryset.update() (no signals) must not see a stale page.
PAGE_CACHE_SECONDS = 0
