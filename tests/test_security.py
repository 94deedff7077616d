"""Security headers on every response, and production settings that refuse to start unsafe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
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
    result = run_production({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "www.example.org"})
    assert result.returncode == 0, result.stderr


def test_production_turns_the_https_switches_on():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wego_site.settings.production"}
    env.update({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "www.example.org"})
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
