"""Development: the local defaults with DEBUG on and the autoreloading server (``make dev``)."""

from .local import *  # noqa: F403

DEBUG = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
