from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import (
    PublishableAdmin,
    PublishableInline,
    TranslatedAdmin,
    in_every_language,
    thumbnail,
    year_filter,
)
from core.link_tables import LinkTablesAdmin
from core.revisions import RevisionsAdmin
from library.admin import ChoosesImages, chosen_image_preview

from .admin_forms import SessionForm, SessionFormSet, warn_of_overlaps
from .models import City, PartnerOrganisation, Programme, Session, SessionContact, TechnicalTour, Topic


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(TranslatedAdmin, ChoosesImages, RevisionsAdmin, TabbedTranslationAdmin):
    list_display = ["name", "short_name", "website", "logo_thumbnail"]
    search_fields = in_every_language("name", "short_name")
    list_select_related = ["logo"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The picker searches the image library; its "+" uploads a new logo without leaving the form.
    autocomplete_fields = ["logo"]
    readonly_fields = ["logo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "website"]}),
        (_("Logo"), {"fields": ["logo", "logo_preview"]}),
    ]

    @admin.display(description=_("Logo"))
    def logo_thumbnail(self, partner):
        return thumbnail(partner.logo, "logo")

    @admin.display(description=_("current logo"))
    def logo_preview(self, partner):
        return chosen_image_preview(partner.logo, "logo")


@admin.register(City)
class CityAdmin(TranslatedAdmin, RevisionsAdmin, TabbedTranslationAdmin):
    list_display = ["name", "country", "session_count"]
    list_filter = ["country"]
    search_fields = in_every_language("name", "country")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_sessions=Count("sessions")).order_by("country", "name")

    @admin.display(description=_("sessions"), ordering="number_of_sessions")
    def session_count(self, city):
        return city.number_of_sessions


class SessionInline(PublishableInline, TranslationTabularInline):
    model = Session
    form = SessionForm
    formset = SessionFormSet
    fields = ["title", "slug", "start_date", "end_date", "status", "place", "publication_status"]  # placed by hand
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["-start_date"]
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(LinkTablesAdmin, PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "running_since", "session_count", "order"]
    list_editable = ["order"]
    list_filter = ["kind", "partners"]
    search_fields = in_every_language("name", "summary", "body")
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partners", "offices"]
    inlines = [SessionInline]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "running_since", "summary", "body"]}),
        (_("Run with"), {"fields": ["partners", "offices"]}),
    ]
    publishing_fields = ["order", *PublishableAdmin.publishing_fields]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_sessions=Count("sessions")).order_by("order", "name")

    @admin.display(description=_("sessions"), ordering="number_of_sessions")
    def session_count(self, programme):
        return programme.number_of_sessions

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Session:
            saved = [*formset.new_objects, *(session for session, _changed in formset.changed_objects)]
            warn_of_overlaps(self, request, saved)


class TopicInline(TranslationTabularInline):
    model = Topic
    fields = ["name", "order"]
    ordering = ["order", "pk"]
    extra = 0


class TechnicalTourInline(TranslationTabularInline):
    model = TechnicalTour
    fields = ["name", "order"]
    ordering = ["order", "pk"]
    extra = 0


class SessionContactInline(TranslationTabularInline):
    model = SessionContact
    fields = ["honorific", "name", "role", "email", "order"]
    ordering = ["order", "pk"]
    extra = 0


SessionYearFilter = year_filter("start_date")


@admin.register(Session)
class SessionAdmin(ChoosesImages, LinkTablesAdmin, PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "programme", "dates", "status", "place", "participant_count"]
    list_filter = ["programme", SessionYearFilter, "status"]
    list_select_related = ["programme"]
    date_hierarchy = "start_date"
    search_fields = in_every_language("title", "place", "programme__name", "cities__name")
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["programme", "cities", "image"]
    readonly_fields = ["image_preview"]
    inlines = [TopicInline, TechnicalTourInline, SessionContactInline]
    form = SessionForm
    view_on_site = True
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
        (_("About the session"), {"fields": ["description", "image", "image_preview", "document"]}),
        (_("Participants"), {"fields": ["participant_count", "cities"]}),
    ]

    @admin.display(description=_("current image"))
    def image_preview(self, session):
        return chosen_image_preview(session.image)

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, session):
        return session.date_range or _("to be announced")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_of_overlaps(self, request, [form.instance])
