"""ASGI entry point. Deployments set DJANGO_SETTINGS_MODULE; production is the default."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings.production")

application = get_asgi_application()
