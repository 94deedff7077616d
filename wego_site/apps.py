from django.apps import AppConfig


class WegoSiteConfig(AppConfig):
    """The composition root: settings, root URLs, the home page and the site's commands.

    It holds no models any more; its migrations stay because databases already record them (the
    section pages and the search index moved to the ``pages`` and ``search`` apps)."""

    name = "wego_site"
    verbose_name = "WeGO site"
