"""Security headers on every response, and production settings that refuse to start unsafe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", ["/", "/offices/", "/no-such-page/", "/healthz", "/admin/login/", "/robots.txt"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_allow_no_inline_scripts_or_styles(client):
    csp = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]


def run_production(env_overrides):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "TRUSTED_PROXY_COUNT", "USE_X_FORWARDED_PROTO"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "wego_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production({"ALLOWED_HOSTS": "www.example.org"})
    assert result.returncode != 0
    assert "The SECRET_KEY environment variable must be set when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "The ALLOWED_HOSTS environment variable must be set when DEBUG is off." in result.stderr


def test_production_starts_with_its_secrets():
    result = run_production({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "www.example.org", "TRUSTED_PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stderr


def test_production_turns_the_https_switches_on():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wego_site.settings.production"}
    env.update({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "www.example.org", "TRUSTED_PROXY_COUNT": "1"})
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


@pytest.mark.parametrize(
    "path",
    [
        "/%3Cscript%3Ealert(1)%3C/script%3E/",
        "/offices/../../etc/passwd",
        "/offices/?q=%3Cscript%3E",
        "/%00",
        "/" + "a" * 3000,
        "/sitemap.xml?p=999",
        "/sitemap.xml?p=abc",
    ],
)
def test_odd_paths_get_a_calm_answer(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert b"<script>alert(1)" not in response.content


def test_unexpected_methods_are_refused(client):
    assert client.post("/healthz").status_code == 405
    assert client.delete("/robots.txt").status_code == 405


def test_bad_host_header_is_refused(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


# -- The proxy count, and the same headers on every kind of answer ---------------------------------

PRODUCTION_SECRETS = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "www.example.org"}


def import_production_settings(env_overrides):
    """Import the production settings module alone in a fresh interpreter, as a server does first."""
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "TRUSTED_PROXY_COUNT", "USE_X_FORWARDED_PROTO"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | PRODUCTION_SECRETS | env_overrides
    code = "from wego_site.settings import production as s; print(s.TRUSTED_PROXY_COUNT)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_behind_a_proxy_without_the_proxy_count():
    result = import_production_settings({})
    assert result.returncode != 0
    assert "ImproperlyConfigured: The TRUSTED_PROXY_COUNT environment variable must be set when " in result.stderr


@pytest.mark.parametrize(
    ("overrides", "count"),
    [({"TRUSTED_PROXY_COUNT": "0"}, "0"), ({"TRUSTED_PROXY_COUNT": "2"}, "2"), ({"USE_X_FORWARDED_PROTO": "off"}, "0")],
)
def test_production_starts_once_the_proxy_count_is_said_or_no_proxy_is_trusted(overrides, count):
    result = import_production_settings(overrides)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [count]


def assert_security_headers(response, hsts=True):
    test_security_headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for name, value in test_security_headers.items():
        assert response.get(name) == value, name
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", "")
    assert "camera=()" in response.get("Permissions-Policy", "")
    if hsts:
        assert response.get("Strict-Transport-Security", "").startswith("max-age=3600")


class HTTPSClient(Client):
    def generic(self, *args, **kwargs):
        return super().generic(*args, **{**kwargs, "secure": True})


@pytest.fixture
def https_client(settings):
    """A visitor over HTTPS, with HSTS on as in production; the middleware is loaded after the settings."""
    settings.SECURE_HSTS_SECONDS = 3600
    return HTTPSClient()


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_a_bad_host_gets_the_error_page_with_every_security_header(settings, https_client, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds  # with the cache on, the cache's middleware refuses the host
    response = https_client.get("/offices/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_security_headers(response)
    html = response.content.decode()
    assert "evil.example" not in html
    assert "<h1>Bad request</h1>" in html


@pytest.mark.parametrize(
    ("page_cache_seconds", "validator"),
    # Django's ConditionalGetMiddleware answers from the ETag; the page cache also from Last-Modified.
    [(0, "ETag"), (600, "ETag"), (600, "Last-Modified")],
)
def test_a_304_carries_the_security_headers_of_the_page(settings, https_client, page_cache_seconds, validator):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    page = https_client.get("/offices/")
    assert page.status_code == 200
    assert_security_headers(page)
    header = {"ETag": "HTTP_IF_NONE_MATCH", "Last-Modified": "HTTP_IF_MODIFIED_SINCE"}[validator]
    response = https_client.get("/offices/", **{header: page[validator]})
    assert response.status_code == 304
    assert_security_headers(response)


def test_static_files_from_whitenoise_carry_the_security_headers(settings, https_client):
    settings.WHITENOISE_USE_FINDERS = True  # the files themselves, as collectstatic would copy them
    response = https_client.get("/static/css/site.css")
    assert response.status_code == 200
    assert type(response).__module__.startswith("whitenoise")
    assert_security_headers(response)


def test_a_redis_cache_that_does_not_answer_fails_fast():
    """Both caches get socket timeouts: a silent Redis must not hold every request."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wego_site.settings.local", "CACHE_URL": "redis://10.0.0.1:6379/0"}
    code = (
        "from django.conf import settings; "
        "print(sorted((alias, cache['OPTIONS']) for alias, cache in settings.CACHES.items()))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    timeouts = "{'socket_connect_timeout': 0.5, 'socket_timeout': 0.5}"
    assert result.stdout.strip().splitlines()[-1] == f"[('default', {timeouts}), ('pages', {timeouts})]", result.stderr
