"""The back office's admin site: the index grouped the way the secretariat thinks about the site.

Each app says where its models are listed: ``admin_section`` on its AppConfig, or on a ModelAdmin for
one model that belongs elsewhere. What no app places (Django's users and groups) comes last, under
staff accounts.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AdminSection:
    """A group of the admin index; groups are shown by ``order``, lowest first."""

    key: str
    name: str
    order: int


STAFF = AdminSection("people", _("Staff accounts and roles"), order=1000)


def section_of(model_admin):
    """Where the admin index lists ``model_admin``'s model."""
    config = apps.get_app_config(model_admin.opts.app_label)
    return getattr(model_admin, "admin_section", None) or getattr(config, "admin_section", None) or STAFF


class WegoAdminSite(admin.AdminSite):
    site_header = _("WeGO website: back office")
    site_title = _("WeGO back office")
    index_title = _("Site content")
    index_template = "admin/wego_index.html"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            return app_list
        groups = {}  # section key: (section, its entry in the index)
        for app in app_list:
            for model in app["models"]:
                section = section_of(self._registry[model["model"]])
                entry = {"name": section.name, "app_label": section.key, "app_url": app["app_url"], "models": []}
                groups.setdefault(section.key, (section, entry))[1]["models"].append(model)
        return [entry for section, entry in sorted(groups.values(), key=lambda group: group[0].order)]

    def index(self, request, extra_context=None):
        """The index, with the dashboard (``core.dashboard``) and what each model's admin wants staff to
        see first (``index_context``), e.g. how many messages wait for an answer."""
        # Imported here: this module is loaded with the app registry (WegoAdminConfig), before models.
        from .dashboard import dashboard

        extra = dashboard(request)
        for model_admin in self._registry.values():
            if hasattr(model_admin, "index_context"):
                extra.update(model_admin.index_context(request))
        return super().index(request, {**extra, **(extra_context or {})})


class WegoAdminConfig(AdminConfig):
    default_site = "core.admin_site.WegoAdminSite"
