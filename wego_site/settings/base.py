"""Settings shared by every environment, read from the environment with django-environ.

Every variable is documented once, in ``.env.example``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file is optional; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so translated fields get their admin widgets.
    "modeltranslation",
    "core.admin_site.WegoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    # Revisions of content, kept on every save in the admin (core/revisions.py).
    "reversion",
    # Login throttling and two-factor login for staff (see the accounts app).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The task queue (e-mails, reminders): its results are rows of the site's own database.
    "django_tasks",
    "django_tasks_db",
    # The rich-text editor of the back office (core.richtext).
    "django_prose_editor",
    # The project's apps: core imports none of the others; wego_site, the composition root, comes last.
    "core",
    "library",
    "pages",
    "search",
    "offices",
    "programs",
    "testimonials",
    "contact",
    "bids",
    "accounts",
    "redirects",
    "wego_site",
]

MIDDLEWARE = [
    # The security headers first, so that every answer carries them: static files from WhiteNoise,
    # pages from the page cache, 304s (which keep only a few of a page's headers) and the 400 for a
    # Host header the middleware below refuses.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.SiteCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that reads sessions or cookies: a cached page skips that work.
    "core.cache.PageCacheMiddleware",
    "core.middleware.TextGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in each member of staff's language (LocaleMiddleware gives unprefixed paths English).
    "accounts.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session gave its two-factor code; staff who still owe one are sent to give it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sees a view's 404 before the middleware above: answers it with a redirect if one matches.
    "redirects.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes asks: turns a locked-out login's answer into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wego_site.urls"
WSGI_APPLICATION = "wego_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "pages.context_processors.navigation",
                "contact.context_processors.secretariat",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches (core/cache.py). "default": the page cache's content version and the message desk's
# counters, which must never be evicted (Redis: an instance with maxmemory-policy noeviction). "pages":
# the cached pages, which may be (allkeys-lru); PAGE_CACHE_URL defaults to CACHE_URL, its keys prefixed.
# Without CACHE_URL both are files beside the SQLite database (var/db.sqlite3-cache/), which every
# worker of the machine shares: an edit shows at once whichever worker answers.
_sqlite = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
_FILE_CACHES = (
    f"{DATABASES['default']['NAME']}-cache"
    if _sqlite and DATABASES["default"]["NAME"] not in ("", ":memory:")
    else str(VAR_DIR / "cache")
)
CACHES = {
    "default": env.cache_url("CACHE_URL", default=f"filecache://{_FILE_CACHES}/shared?max_entries=100000"),
    "pages": env.cache_url(
        "PAGE_CACHE_URL", default=env.str("CACHE_URL", default=f"filecache://{_FILE_CACHES}/pages?max_entries=5000")
    ),
}
CACHES["pages"].setdefault("KEY_PREFIX", "pages")
# A Redis that does not answer must fail fast: the page cache then renders afresh and the message
# desk counts in each worker's memory, instead of every request waiting on the socket.
for _cache in CACHES.values():
    if _cache["BACKEND"].endswith("RedisCache"):
        _cache.setdefault("OPTIONS", {}).setdefault("socket_connect_timeout", 0.5)
        _cache["OPTIONS"].setdefault("socket_timeout", 0.5)
# How long an anonymous public page stays in the cache; content changes invalidate it at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Say in an X-Page-Cache header whether a page came from the cache (hit) or was stored (miss). Off in
# production: it would tell anyone what others have recently asked for.
PAGE_CACHE_DEBUG_HEADER = env.bool("PAGE_CACHE_DEBUG_HEADER", default=False)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that accepts the connection and then hangs must not hold a worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="WeGO website <noreply@we-gov.org>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Who receives the notifications of the message desk.
SECRETARIAT_NOTIFY_EMAILS = env.list("SECRETARIAT_NOTIFY_EMAILS", default=[])
# The task queue: e-mails and reminders run outside the request, in `manage.py db_worker` (`make run`
# starts it beside the site). Its queue is a table of the site's database, so no other server is needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A failed task is tried again this many times in all, after 1, 5, 30 minutes, 2 and 12 hours.
TASK_ATTEMPTS = env.int("TASK_ATTEMPTS", default=5)
# Bids: days a private link to a bid space stays valid (a city asks again for a new one); days before
# a bid deadline when cities with an incomplete bid are reminded; days bids are kept after a decision.
# The site's public address, for links in e-mails sent outside a request (reminders, bid links).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
BID_LINK_DAYS = env.int("BID_LINK_DAYS", default=30)
BID_REMINDER_DAYS = env.list("BID_REMINDER_DAYS", cast=int, default=[14, 3])
BID_RETENTION_YEARS = env.int("BID_RETENTION_YEARS", default=5)
# The message desk: seconds a person needs at least to fill in the form; messages per window per address.
CONTACT_MIN_FILL_SECONDS = env.int("CONTACT_MIN_FILL_SECONDS", default=3)
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
CONTACT_RATE_LIMIT_WINDOW = env.int("CONTACT_RATE_LIMIT_WINDOW", default=3600)
# A form left open longer than this (seconds) must be sent again: its signed start time has expired.
CONTACT_MAX_FORM_AGE = env.int("CONTACT_MAX_FORM_AGE", default=60 * 60 * 24)
# The acknowledgement a sender may ask for: at most this many a day to one address, and the answer
# time it promises, in working days.
CONTACT_ACKNOWLEDGEMENTS_PER_DAY = env.int("CONTACT_ACKNOWLEDGEMENTS_PER_DAY", default=3)
CONTACT_ANSWER_WORKING_DAYS = env.int("CONTACT_ANSWER_WORKING_DAYS", default=5)
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (1 behind one nginx).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff accounts (the accounts app). Only staff log in: visitors never get a session.
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked-out account or address is refused before its password is tried.
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes, counted in the database): after LOGIN_FAILURE_LIMIT failed logins to
# one account, or from one client address, logins are refused until LOGIN_LOCKOUT_MINUTES have passed
# since the last attempt. Lift a lock-out in the admin (Access attempts) or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client address by the site's one rule, TRUSTED_PROXY_COUNT included.
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# A success does not wipe the failures counted: they include other accounts' from the same address.
AXES_RESET_ON_SUCCESS = False
# Two-factor login (django-otp, TOTP codes from an authenticator app). With ADMIN_REQUIRE_2FA on,
# superusers and Secretariat admins must set it up before they use the admin: recommended in production.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "WeGO website"
# Staff sessions last a working day from logging in, and end when the browser closes.
SESSION_COOKIE_AGE = 60 * 60 * 9
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# English at the root, the other languages under their prefix (/ko/, /ru/, /es/, /zh-hans/).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content translations (django-modeltranslation): each translated field gets a column per language;
# what is not translated falls back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The admin's language tabs need jQuery UI; served from our own static files, as the CSP allows.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Largest photo or logo the admin accepts, in MB.
IMAGE_UPLOAD_MAX_MB = env.int("IMAGE_UPLOAD_MAX_MB", default=10)
# Largest hosting document (PDF or office file) the admin accepts, in MB.
DOCUMENT_UPLOAD_MAX_MB = env.int("DOCUMENT_UPLOAD_MAX_MB", default=20)
# How long a file chosen in a form shown again with errors is kept for its next submission (core.held_files).
HELD_UPLOAD_MINUTES = env.int("HELD_UPLOAD_MINUTES", default=60)
# Serve MEDIA_ROOT from Django itself; only for a single local machine.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# Media goes through STORAGES so that an S3-compatible backend can replace local disk:
# set MEDIA_STORAGE_BACKEND (e.g. "storages.backends.s3.S3Storage") and its options.
STORAGES = {
    "default": {
        "BACKEND": env.str("MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Flash messages in a signed cookie: reading them never touches the session, so public pages stay
# cacheable (a page that reads the session varies by cookie and is never shared).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Security headers on every response. The HTTPS switches are off here and on in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# No inline scripts or styles on the public site; the admin gets a relaxed style-src in
# core.middleware because Django's admin templates carry style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Paths whose one group is the secret of a private link: logs write "[redacted]" instead (core.logs).
LOG_REDACTED_PATHS = [r"/bids/space/([^/?#\s]+)"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_private_paths": {"()": "core.logs.RedactPrivatePaths"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_private_paths"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
