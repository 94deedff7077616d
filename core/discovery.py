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


def content_apps():
    """The apps whose rows public pages show (``content = True`` on their AppConfig): the page cache
    forgets its pages when they change, the Editors role edits them, the benchmark multiplies them."""
    return [config for config in project_apps() if getattr(config, "content", False)]


def content_models(include_auto_created=False):
    """The models of the content apps that public pages show: not private records such as messages
    (a model says so with ``private_record = True``)."""
    return [
        model
        for config in content_apps()
        for model in config.get_models(include_auto_created=include_auto_created)
        if not getattr(model, "private_record", False)
    ]


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
