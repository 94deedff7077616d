from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site search: an index of every public object in every language, and the search page."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import index

        # Finds every app's search.py (all models are loaded by now), then follows changes to the
        # models its sources show.
        index.connect_signals()
