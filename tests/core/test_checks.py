"""`manage.py check --deploy` warns when the links in e-mails would not reach the public site."""

import pytest

from core.checks import check_site_url


@pytest.mark.parametrize(
    ("site_url", "warning"),
    [
        ("http://127.0.0.1:8000", "wego.W001"),
        ("http://localhost", "wego.W001"),
        ("http://www.example.org", "wego.W002"),
        ("https://www.example.org", None),
    ],
)
def test_site_url_must_be_the_public_https_address(settings, site_url, warning):
    settings.SITE_URL = site_url
    assert [message.id for message in check_site_url()] == ([warning] if warning else [])


def test_the_check_runs_only_with_deploy():
    from django.core.checks import registry

    assert check_site_url in registry.registry.get_checks(include_deployment_checks=True)
    assert check_site_url not in registry.registry.get_checks(include_deployment_checks=False)
