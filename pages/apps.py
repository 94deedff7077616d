from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The section pages: the heading, introduction and body that staff write for each section."""

    name = "pages"
    verbose_name = _("Pages")
