from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import City, PartnerOrganisation, Programme, Session, SessionContact, TechnicalTour, Topic


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "website", "logo_thumbnail"]
    search_fields = ["name", "short_name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, partner):
        if not partner.logo:
            return "—"
        return format_html('<img src="{}" alt="" width="80">', partner.logo.url)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "session_count"]
    list_filter = ["country"]
    search_fields = ["name", "country"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_sessions=Count("sessions")).order_by("country", "name")

    @admin.display(description=_("sessions"), ordering="number_of_sessions")
    def session_count(self, city):
        return city.number_of_sessions


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["title", "slug", "start_date", "end_date", "status", "place", "publication_status"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["-start_date"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "running_since", "session_count", "order", "publication_status"]
    list_editable = ["order"]
    list_filter = ["kind", "publication_status", "partners"]
    search_fields = ["name", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partners", "offices"]
    inlines = [SessionInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "running_since", "summary", "body"]}),
        (_("Run with"), {"fields": ["partners", "offices"]}),
        (_("Publishing"), {"fields": ["order", "publication_status", "publish_from"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_sessions=Count("sessions")).order_by("order", "name")

    @admin.display(description=_("sessions"), ordering="number_of_sessions")
    def session_count(self, programme):
        return programme.number_of_sessions


class TopicInline(admin.TabularInline):
    model = Topic
    fields = ["name", "order"]
    ordering = ["order", "pk"]
    extra = 0


class TechnicalTourInline(admin.TabularInline):
    model = TechnicalTour
    fields = ["name", "order"]
    ordering = ["order", "pk"]
    extra = 0


class SessionContactInline(admin.TabularInline):
    model = SessionContact
    fields = ["honorific", "name", "role", "email", "order"]
    ordering = ["order", "pk"]
    extra = 0


class SessionYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            Session.objects.filter(start_date__isnull=False)
            .annotate(year=ExtractYear("start_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "dates", "status", "place", "participant_count", "publication_status"]
    list_filter = ["programme", SessionYearFilter, "status", "publication_status"]
    list_select_related = ["programme"]
    search_fields = ["title", "place", "programme__name", "cities__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "cities"]
    inlines = [TopicInline, TechnicalTourInline, SessionContactInline]
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "status"]}),
        (
            _("When and where"),
            {
                "fields": ["start_date", "end_date", "place", "application_period"],
                "description": _(
                    "The end date is on or after the start date. A planned session may have no dates yet."
                ),
            },
        ),
        (_("About the session"), {"fields": ["description", "document"]}),
        (_("Participants"), {"fields": ["participant_count", "cities"]}),
        (_("Publishing"), {"fields": ["publication_status", "publish_from"]}),
    ]

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, session):
        return session.date_range or _("to be announced")
