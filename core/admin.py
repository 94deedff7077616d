"""Pieces every content admin shares: visibility at a glance, search in every language, thumbnails."""

from django.conf import settings
from django.contrib import admin
from django.db.models.functions import ExtractYear
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .images import rendition


def in_every_language(*field_names):
    """Search fields for translated text: every language's column, so a search finds a row by any of
    its translations, whatever language the admin itself is shown in."""
    return [build_localized_fieldname(name, code) for name in field_names for code, _name in settings.LANGUAGES]


@admin.display(description=_("Visible on the site"), boolean=True)
def visible_on_site(obj):
    """For list columns and read-only fields alike; an inline's unsaved row has no answer yet."""
    return obj.is_public if obj.pk else None


class VisibilityFilter(admin.SimpleListFilter):
    """Drafts and scheduled items at a glance: what visitors see now, and what they will see later."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("visible", _("Visible on the site")),
            ("scheduled", _("Scheduled for later")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        verbs = {"visible": "published", "scheduled": "scheduled", "draft": "drafts"}
        if self.value() in verbs:
            return getattr(queryset, verbs[self.value()])()
        return queryset


def thumbnail(field_file, spec="portrait", alt=""):
    """An <img> of a rendition for an admin list or form; empty without an image."""
    image = rendition(field_file, spec)
    if image is None:
        return ""
    return format_html('<img src="{}" width="{}" height="{}" alt="{}">', image.url, image.width, image.height, alt)


def year_filter(date_field):
    """A list filter by the year of ``date_field`` (which may follow relations), offering the years in use."""

    class YearFilter(admin.SimpleListFilter):
        title = _("year")
        parameter_name = "year"

        def lookups(self, request, model_admin):
            years = (
                model_admin.model._default_manager.filter(**{f"{date_field}__isnull": False})
                .annotate(year=ExtractYear(date_field))
                .values_list("year", flat=True)
                .distinct()
                .order_by("-year")
            )
            return [(str(year), str(year)) for year in years]

        def queryset(self, request, queryset):
            if self.value() and self.value().isdigit():
                return queryset.filter(**{f"{date_field}__year": int(self.value())})
            return queryset

    return YearFilter
