"""Finding what each app of the project contributes, the way the admin finds ``admin.py`` modules.

An app plugs a piece into the site by defining a module of an agreed name: ``sitemaps.py`` (a
``sitemaps`` dict), ``feeds.py`` (``urlpatterns`` under /feeds/), ``search.py`` (search sources).
Adding an app touches no shared file.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps


def project_apps():
    """The project's own apps (top-level folders of the project), in INSTALLED_APPS order."""
    from django.conf import settings

    return [config for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)]


def app_modules(name):
    """``<app>.<name>`` of every project app that has one, in INSTALLED_APPS order."""
    modules = []
    for config in project_apps():
        try:
            modules.append(import_module(f"{config.name}.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{name}":
                raise
    return modules
