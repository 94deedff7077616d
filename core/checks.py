"""System checks of the deployment (``manage.py check --deploy``) beyond Django's own."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """E-mails sent outside a request (private links, reminders) start their links with SITE_URL: left at
    its local default on a server, every city would get a link to its own machine."""
    parts = urlsplit(settings.SITE_URL)
    if parts.hostname in LOCAL_HOSTS or parts.hostname is None:
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails would point there.",
                hint="Set SITE_URL to the site's public address, e.g. https://www.example.org.",
                id="wego.W001",
            )
        ]
    if parts.scheme != "https":
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails would not use HTTPS.",
                hint="Start SITE_URL with https://.",
                id="wego.W002",
            )
        ]
    return []
