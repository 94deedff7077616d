from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from core import uploads
from core.admin import (
    PublishableAdmin,
    PublishableInline,
    VisibilityFilter,
    in_every_language,
    thumbnail,
)
from library.admin import ChoosesImages, chosen_image_preview

from .admin_forms import MilestoneForm, OfficeForm
from .models import HostingDocument, HostingProgramme, Milestone, Office, OfficeFunction, StaffContact


class StaffContactInline(PublishableInline, TranslationStackedInline):
    model = StaffContact
    extra = 0
    ordering = ["order", "pk"]
    fields = [("name", "order"), "position", "affiliation", ("phone", "fax", "email")]


class MilestoneInline(PublishableInline, TranslationTabularInline):
    model = Milestone
    form = MilestoneForm
    extra = 0
    ordering = ["date", "order", "pk"]
    fields = ["date", "date_precision", "title", "order"]


@admin.register(Office)
class OfficeAdmin(ChoosesImages, PublishableAdmin, TabbedTranslationAdmin):
    form = OfficeForm
    list_display = ["thumbnail", "name", "region", "host_city", "status", "launch_date", "contact_count"]
    list_display_links = ["name"]
    list_filter = ["status", "region_en"]
    search_fields = [*in_every_language("name", "region", "host_city", "country"), "contacts__name"]
    # The slug follows the English name, whatever language the admin is shown in.
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["photo_preview"]
    # The picker searches the image library; its "+" uploads a new image without leaving the form.
    autocomplete_fields = ["photo"]
    list_select_related = ["photo"]
    view_on_site = True
    inlines = [MilestoneInline, StaffContactInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "region", ("host_city", "country"), "order"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("approved_on", "approved_precision"),
                    ("launched_on", "launched_precision"),
                    ("launch_event", "launch_place"),
                ]
            },
        ),
        (_("Text"), {"fields": ["summary", "body", "website"]}),
        (_("Photo"), {"fields": ["photo", "photo_preview"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contact_count=Count("contacts", distinct=True))

    @admin.display(description=_("launched"), ordering="launched_on")
    def launch_date(self, office):
        return office.launched or "—"

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contact_count(self, office):
        return office.contact_count

    @admin.display(description=_("Photo"))
    def thumbnail(self, office):
        return thumbnail(office.photo)

    @admin.display(description=_("current photo"))
    def photo_preview(self, office):
        return chosen_image_preview(office.photo)


class ShownOnTheOfficePage:
    """Contacts and milestones have no page of their own: "View on site" opens their office's."""

    def view_on_site(self, obj):
        return obj.office.get_absolute_url()


@admin.register(StaffContact)
class StaffContactAdmin(ShownOnTheOfficePage, PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["name", "position", "office", "phone", "email", "order"]
    list_filter = ["office"]
    search_fields = ["name", *in_every_language("position", "affiliation"), "office__name_en"]
    autocomplete_fields = ["office"]
    list_select_related = ["office"]
    fields = [("office", "order"), "name", "position", "affiliation", ("phone", "fax", "email")]


@admin.register(Milestone)
class MilestoneAdmin(ShownOnTheOfficePage, PublishableAdmin, TabbedTranslationAdmin):
    form = MilestoneForm
    list_display = ["title", "office", "when_display"]
    list_filter = [VisibilityFilter, "date_precision", "office"]  # placed by hand: no status filter
    search_fields = [*in_every_language("title", "description"), "office__name_en"]
    autocomplete_fields = ["office"]
    list_select_related = ["office"]
    date_hierarchy = "date"
    fields = ["office", ("date", "date_precision", "order"), "title", "description"]

    @admin.display(description=_("when"), ordering="date")
    def when_display(self, milestone):
        return milestone.when


class OfficeFunctionInline(TranslationTabularInline):
    model = OfficeFunction
    extra = 0
    ordering = ["order", "pk"]
    fields = ["text", "order"]


@admin.register(HostingProgramme)
class HostingProgrammeAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["__str__"]
    publishing_filters = ()  # one programme: nothing to filter
    inlines = [OfficeFunctionInline]
    view_on_site = True
    fieldsets = [(None, {"fields": ["eligibility", "selection", "benefits", "call", "interest"]})]

    def has_add_permission(self, request):
        # One programme: its text is edited, not added to.
        return super().has_add_permission(request) and not HostingProgramme.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HostingDocument)
class HostingDocumentAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "type_display", "size_display", "language", "version", "issued_on", "downloads"]
    list_filter = ["language"]
    search_fields = in_every_language("title", "description")
    readonly_fields = ["download_count", "size_display", "file_updated_at"]
    # When the file was last replaced: what staff look for when a document is out of date.
    date_hierarchy = "file_updated_at"
    fieldsets = [
        (None, {"fields": ["title", "description", "file", ("language", "version", "issued_on"), "order"]}),
        (_("File"), {"fields": ["size_display", "file_updated_at", "download_count"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            field.help_text = _("%(types)s At most %(limit)s.") % {
                "types": db_field.help_text,
                "limit": filesizeformat(uploads.max_upload_bytes()),
            }
        return field

    @admin.display(description=_("type"))
    def type_display(self, document):
        return document.type_label

    @admin.display(description=_("size"), ordering="file_size")
    def size_display(self, document):
        return document.size_display  # as the public page writes it; sorted by the byte count

    @admin.display(description=_("downloads"), ordering="download_count")
    def downloads(self, document):
        return document.download_count
