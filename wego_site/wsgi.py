"""WSGI entry point for gunicorn. Deployments set DJANGO_SETTINGS_MODULE; production is the default."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings.production")

application = get_wsgi_application()
