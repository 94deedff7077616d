from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import uploads
from .models import HostingDocument, HostingProgramme, Milestone, Office, OfficeFunction, StaffContact


class StaffContactInline(admin.StackedInline):
    model = StaffContact
    extra = 0
    ordering = ["order", "pk"]
    fields = [("name", "order"), ("position", "affiliation"), ("phone", "fax", "email"), "publication_status"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    ordering = ["date", "order", "pk"]
    fields = ["date", "date_precision", "title", "order", "publication_status"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "name",
        "region",
        "host_city",
        "status",
        "launch_date",
        "contact_count",
        "publication_status",
    ]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["status", "region", "publication_status"]
    search_fields = ["name", "region", "host_city", "country", "contacts__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_preview"]
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
        (_("Photo"), {"fields": ["photo", "photo_alt", "photo_preview"]}),
        (_("Publishing"), {"fields": ["publication_status", "publish_from"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(contact_count=Count("contacts", distinct=True))

    @admin.display(description=_("launched"), ordering="launched_on")
    def launch_date(self, office):
        return office.launched or "—"

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contact_count(self, office):
        return office.contact_count

    @admin.display(description=_("photo"))
    def thumbnail(self, office):
        if not office.photo:
            return "—"
        return format_html('<img src="{}" alt="" width="64" height="48" class="offices-thumbnail">', office.photo.url)

    @admin.display(description=_("current photo"))
    def photo_preview(self, office):
        if not office.photo:
            return _("No photo yet.")
        return format_html('<img src="{}" alt="{}" width="240">', office.photo.url, office.photo_alt)


@admin.register(StaffContact)
class StaffContactAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "office", "phone", "email", "order", "publication_status"]
    list_filter = ["office", "publication_status"]
    search_fields = ["name", "position", "affiliation", "office__name"]
    autocomplete_fields = ["office"]
    list_select_related = ["office"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "when_display", "publication_status"]
    list_filter = ["office", "date_precision"]
    search_fields = ["title", "description", "office__name"]
    autocomplete_fields = ["office"]
    list_select_related = ["office"]

    @admin.display(description=_("when"), ordering="date")
    def when_display(self, milestone):
        return milestone.when


class OfficeFunctionInline(admin.TabularInline):
    model = OfficeFunction
    extra = 0
    ordering = ["order", "pk"]


@admin.register(HostingProgramme)
class HostingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publication_status"]
    inlines = [OfficeFunctionInline]
    fieldsets = [
        (None, {"fields": ["eligibility", "selection", "benefits", "call", "interest"]}),
        (_("Publishing"), {"fields": ["publication_status", "publish_from"]}),
    ]

    def has_add_permission(self, request):
        # One programme: its text is edited, not added to.
        return super().has_add_permission(request) and not HostingProgramme.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HostingDocument)
class HostingDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "type_display", "size_display", "language", "version", "downloads", "publication_status"]
    list_filter = ["publication_status", "language"]
    search_fields = ["title", "description"]
    readonly_fields = ["download_count", "size_display", "file_updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "description", "file", ("language", "version", "issued_on"), "order"]}),
        (_("File"), {"fields": ["size_display", "file_updated_at", "download_count"]}),
        (_("Publishing"), {"fields": ["publication_status", "publish_from"]}),
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
        return filesizeformat(document.file_size)

    @admin.display(description=_("downloads"), ordering="download_count")
    def downloads(self, document):
        return document.download_count
