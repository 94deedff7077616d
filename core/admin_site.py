"""The back office's admin site: the index grouped the way the secretariat thinks about the site.

Each app says where its models are listed: ``admin_section`` on its AppConfig, or on a ModelAdmin for
one model that belongs elsewhere. What no app places (Django's users and groups) comes last, under
staff accounts. A section names the models that come first in it, its main item first; the others
follow by name. Each section has its own page (``admin:section``), which the index's captions, the
side navigation and the breadcrumbs of its models' pages link to, under the same name.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class AdminSection:
    """A group of the admin index; groups are shown by ``order``, lowest first.

    ``first``: the labels ("app_label.ModelName") of the models listed first in the group, in that
    order, the main item first; the other models follow by name.
    """

    key: str
    name: str
    order: int
    first: tuple[str, ...] = ()

    def position(self, model):
        """Where ``model`` comes in the group: named ones by their place in ``first``, the rest after."""
        label = model._meta.label
        return self.first.index(label) if label in self.first else len(self.first)


STAFF = AdminSection("people", gettext_lazy("Staff accounts and roles"), order=1000, first=("auth.User", "auth.Group"))


def section_of(model_admin):
    """Where the admin index lists ``model_admin``'s model."""
    config = apps.get_app_config(model_admin.opts.app_label)
    return getattr(model_admin, "admin_section", None) or getattr(config, "admin_section", None) or STAFF


class WegoAdminSite(admin.AdminSite):
    site_header = gettext_lazy("WeGO website: back office")
    site_title = gettext_lazy("WeGO back office")
    index_title = gettext_lazy("Site content")
    index_template = "admin/wego_index.html"

    def get_urls(self):
        return [
            path("section/<slug:key>/", self.admin_view(self.section_index), name="section"),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            return app_list
        groups = {}  # section key: (section, its entry in the index)
        for app in app_list:
            for model in app["models"]:
                section = section_of(self._registry[model["model"]])
                if section.key not in groups:
                    url = reverse("admin:section", args=[section.key], current_app=self.name)
                    groups[section.key] = (
                        section,
                        {"name": section.name, "app_label": section.key, "app_url": url, "models": []},
                    )
                groups[section.key][1]["models"].append(model)
        for section, entry in groups.values():
            entry["models"].sort(key=lambda model: (section.position(model["model"]), str(model["name"])))
        return [entry for section, entry in sorted(groups.values(), key=lambda group: group[0].order)]

    def section_index(self, request, key):
        """One section of the index on its own page, as Django's page of one app."""
        app_list = [entry for entry in self.get_app_list(request) if entry["app_label"] == key]
        if not app_list:
            raise Http404  # no such section, or none of its models open to this member of staff
        request.current_app = self.name
        context = {
            **self.each_context(request),
            "title": _("%(app)s administration") % {"app": app_list[0]["name"]},
            "subtitle": None,
            "app_list": app_list,
            "app_label": key,
        }
        return TemplateResponse(request, self.app_index_template or "admin/app_index.html", context)

    def section_of_page(self, request):
        """The section of the model whose admin page ``request`` asks for, found by the admin's URL names
        (``<app_label>_<model_name>_<page>``); None on pages of no model."""
        match = request.resolver_match
        if match is None or match.app_name != "admin" or not match.url_name:
            return None
        for model, model_admin in self._registry.items():
            if match.url_name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
                section = section_of(model_admin)
                return {"name": section.name, "url": reverse("admin:section", args=[section.key])}
        return None

    def each_context(self, request):
        # Imported here: this module is loaded with the app registry (WegoAdminConfig), before models.
        from .editing import zone_name

        return {
            **super().each_context(request),
            # The breadcrumbs name a model's section as the index does (templates/admin/section_crumb.html).
            "admin_section": self.section_of_page(request),
            "time_zone_name": zone_name(),
        }

    def index(self, request, extra_context=None):
        """The index, with the dashboard (``core.dashboard``) and what each model's admin wants staff to
        see first (``index_context``), e.g. how many messages wait for an answer."""
        from .dashboard import dashboard

        extra = dashboard(request)
        for model_admin in self._registry.values():
            if hasattr(model_admin, "index_context"):
                extra.update(model_admin.index_context(request))
        return super().index(request, {**extra, **(extra_context or {})})


class WegoAdminConfig(AdminConfig):
    default_site = "core.admin_site.WegoAdminSite"
