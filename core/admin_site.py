"""The back office's admin site: the index grouped the way the secretariat thinks about the site."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

# Sections of the admin index, in order. Models are placed by "app_label.modelname" first, then by
# app label; anything not named falls into the last section.
SECTIONS = [
    ("offices", _("Regional Offices"), ["offices"]),
    ("programmes", _("Programmes"), ["programs"]),
    ("testimonials", _("Testimonials"), ["testimonials"]),
    ("messages", _("Messages"), ["contact.contactmessage"]),
    ("pages", _("Pages"), ["pages", "contact"]),
    ("people", _("Staff accounts and roles"), ["auth", "admin"]),
]


def _section_for(app_label, model_name):
    for key, _name, members in SECTIONS:
        if f"{app_label}.{model_name}" in members:
            return key
    for key, _name, members in SECTIONS:
        if app_label in members:
            return key
    return SECTIONS[-1][0]


class WegoAdminSite(admin.AdminSite):
    site_header = _("WeGO website: back office")
    site_title = _("WeGO back office")
    index_title = _("Site content")
    index_template = "admin/wego_index.html"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label:
            return app_list
        sections = {key: {"name": name, "app_label": key, "models": []} for key, name, _m in SECTIONS}
        for app in app_list:
            for model in app["models"]:
                key = _section_for(app["app_label"], model["object_name"].lower())
                sections[key]["models"].append(model)
                sections[key].setdefault("app_url", app["app_url"])
        return [section for section in sections.values() if section["models"]]

    def index(self, request, extra_context=None):
        """The index, with what each model's admin wants staff to see first (``index_context``),
        e.g. how many messages wait for an answer."""
        extra = {}
        for model_admin in self._registry.values():
            if hasattr(model_admin, "index_context"):
                extra.update(model_admin.index_context(request))
        return super().index(request, {**extra, **(extra_context or {})})


class WegoAdminConfig(AdminConfig):
    default_site = "core.admin_site.WegoAdminSite"
