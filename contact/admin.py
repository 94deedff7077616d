import csv
import logging

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import PublishableAdmin, PublishableInline, visible_on_site
from core.revisions import RevisionsAdmin

from .apps import MESSAGES
from .models import (
    BusRoute,
    BusType,
    ContactMessage,
    HostCity,
    MessageStatus,
    MetroStation,
    Secretariat,
    SolutionArea,
)
from .notifications import notify_secretariat

logger = logging.getLogger(__name__)

# The forms here also say whether a row is visible now: a station or bus type is hidden with its page.
PUBLISHING_FIELDS = [*PublishableAdmin.publishing_fields, visible_on_site]
# A row of an inline has its own status: it is shown with its page.
ROW_PUBLISHING_FIELDS = [*PublishableInline.publishing_fields, visible_on_site]


class RowsFormSet(BaseInlineFormSet):
    """Repeated rows named by their column heading, not by the field's code name."""

    def get_unique_error_message(self, unique_check):
        headings = [str(self.model._meta.get_field(name).verbose_name) for name in unique_check if name != self.fk.name]
        return gettext("The same %(heading)s is listed twice: change or remove one of the rows.") % {
            "heading": get_text_list(headings, gettext("and"))
        }


class MetroStationInline(PublishableInline, TranslationTabularInline):
    model = MetroStation
    formset = RowsFormSet
    fields = ["order", "name", "line", "exit_number", "distance"]
    publishing_fields = ROW_PUBLISHING_FIELDS
    ordering = ["order", "pk"]
    extra = 0


class BusTypeInline(PublishableInline, TranslationTabularInline):
    model = BusType
    formset = RowsFormSet
    fields = ["order", "name", "colour", "route_list"]
    publishing_fields = ROW_PUBLISHING_FIELDS
    readonly_fields = ["route_list"]
    ordering = ["order", "pk"]
    extra = 0
    show_change_link = True  # routes are edited on the bus type's own page

    @admin.display(description=_("routes"))
    def route_list(self, obj):
        return ", ".join(route.number for route in obj.routes.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("routes")


@admin.register(Secretariat)
class SecretariatAdmin(RevisionsAdmin, TabbedTranslationAdmin):
    list_display = ["name", "telephone", "fax", "email"]
    fieldsets = [
        (None, {"fields": ["name", "telephone", "fax", "email"]}),
        (_("Address"), {"fields": ["address", "street_address", "locality", "postal_code", "country"]}),
        (_("Location"), {"fields": ["latitude", "longitude", "bus_stop"]}),
    ]
    inlines = [MetroStationInline, BusTypeInline]
    view_on_site = True  # the contact page

    def has_add_permission(self, request):
        # There is one secretariat; staff edit it rather than adding another.
        return super().has_add_permission(request) and not Secretariat.objects.exists()


class BusRouteInline(admin.TabularInline):
    model = BusRoute
    formset = RowsFormSet
    fields = ["order", "number"]
    ordering = ["order", "pk"]
    extra = 1


@admin.register(BusType)
class BusTypeAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["name", "colour", "route_count", "order"]
    list_editable = ["order"]
    list_filter = ["colour", "publication_status"]  # placed by hand: no visibility filter
    search_fields = ["name", "routes__number"]
    fieldsets = [(None, {"fields": ["secretariat", "name", "colour", "order"]})]
    publishing_fields = PUBLISHING_FIELDS
    inlines = [BusRouteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(route_count=Count("routes"))

    @admin.display(description=_("routes"), ordering="route_count")
    def route_count(self, obj):
        return obj.route_count

    def view_on_site(self, obj):
        return obj.secretariat.get_absolute_url()


class SolutionAreaInline(TranslationTabularInline):
    model = SolutionArea
    formset = RowsFormSet
    fields = ["order", "name"]
    ordering = ["order", "pk"]
    extra = 1


@admin.register(HostCity)
class HostCityAdmin(PublishableAdmin, TabbedTranslationAdmin):
    # The publishing columns and filter placed by hand: the video column last, no visibility filter.
    list_display = ["name", "publication_status", "publish_from", visible_on_site, "has_video"]
    list_filter = ["publication_status"]
    search_fields = ["name"]
    fieldsets = [
        (None, {"fields": ["name", "record"]}),
        (_("Policy collection"), {"fields": ["solution_title", "solution_body", "solution_link_text", "solution_url"]}),
        (_("Policy sharing"), {"fields": ["sharing_title", "sharing_text", "sharing_video_url"]}),
    ]
    publishing_fields = PUBLISHING_FIELDS
    inlines = [SolutionAreaInline]
    view_on_site = True  # the host city page
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        # The host city page shows one city; staff edit it rather than adding another.
        return super().has_add_permission(request) and not HostCity.objects.exists()

    @admin.display(description=_("video"), boolean=True)
    def has_video(self, obj):
        return bool(obj.video_id)


class NotificationFilter(admin.SimpleListFilter):
    title = _("Secretariat notified")
    parameter_name = "notified"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("Not yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(notified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(notified_at__isnull=True)
        return queryset


CSV_COLUMNS = [
    "pk",
    "created_at",
    "status",
    "purpose",
    "name",
    "organisation",
    "email",
    "city",
    "country",
    "region_of_interest",
    "programme",
    "message",
    "consent",
    "notified_at",
]


def csv_cell(value):
    """A cell a spreadsheet will not run: text starting with = + - @ is kept as text."""
    text = "" if value is None else str(value)
    if text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + text
    return text


def _set_status(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        count = queryset.update(status=status)
        modeladmin.message_user(
            request,
            ngettext("%(count)d message marked “%(status)s”.", "%(count)d messages marked “%(status)s”.", count)
            % {"count": count, "status": MessageStatus(status).label},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return action


AS_RECEIVED = [
    "created_at",
    "purpose",
    "name",
    "organisation",
    "email",
    "city",
    "country",
    "region_of_interest",
    "message",
    "consent",
    "asked_for_acknowledgement",
]
NOTIFICATION = ["notified_at", "notification_attempts", "notification_error"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    admin_section = MESSAGES  # not with the rest of the app's page text
    list_display = ["created_at", "name", "purpose", "programme", "status", "organisation", "country", "notified"]
    list_display_links = ["created_at", "name"]
    list_filter = [
        "status",
        "purpose",
        ("programme", admin.RelatedOnlyFieldListFilter),
        NotificationFilter,
        "created_at",
    ]
    list_select_related = ["programme"]
    search_fields = [
        "name",
        "organisation",
        "email",
        "city",
        "country",
        "region_of_interest",
        "programme__name",
        "message",
    ]
    date_hierarchy = "created_at"
    list_per_page = 50
    autocomplete_fields = ["programme"]
    view_on_site = False  # messages are private: no public page
    actions = [
        _set_status(MessageStatus.IN_PROGRESS, _("Mark as in progress")),
        _set_status(MessageStatus.ANSWERED, _("Mark as answered")),
        _set_status(MessageStatus.SPAM, _("Mark as spam")),
        _set_status(MessageStatus.NEW, _("Mark as new")),
        "export_csv",
        "resend_notification",
    ]
    fieldsets = [
        (_("Handling"), {"fields": ["status", "programme", "staff_notes"]}),
        (_("Message as received"), {"fields": AS_RECEIVED}),
        (_("Notification"), {"fields": NOTIFICATION}),
    ]
    # What the sender wrote is a record: staff change its status and notes, never its text.
    readonly_fields = [*AS_RECEIVED, *NOTIFICATION]

    def has_add_permission(self, request):
        return False  # messages arrive through the form on the contact page

    def index_context(self, request):
        """How many messages wait for an answer, for the admin index of staff who may read them."""
        if not self.has_view_permission(request):
            return {}
        return {"new_messages": ContactMessage.new_messages()}

    # The field keeps its old name; what the sender gets now is an acknowledgement, never a copy.
    @admin.display(description=_("asked for an acknowledgement"), boolean=True)
    def asked_for_acknowledgement(self, obj):
        return obj.send_copy

    @admin.display(description=_("notified"), boolean=True, ordering="notified_at")
    def notified(self, obj):
        return obj.is_notified

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="wego-messages-{stamp}.csv"'
        response.write("\ufeff")  # so that spreadsheets read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow(["id", *(str(ContactMessage._meta.get_field(name).verbose_name) for name in CSV_COLUMNS[1:])])
        exported = list(queryset.select_related("programme").order_by("created_at", "pk"))
        for message in exported:
            row = []
            for name in CSV_COLUMNS:
                value = getattr(message, name)
                if name == "status":
                    value = message.get_status_display()
                elif name == "purpose":
                    value = message.get_purpose_display()
                elif name == "programme":
                    value = message.programme.name if message.programme else ""
                elif hasattr(value, "isoformat"):
                    value = timezone.localtime(value).isoformat(timespec="minutes")
                row.append(csv_cell(value))
            writer.writerow(row)
        # Personal data leaving the back office: who took which messages, and when, shows in each
        # message's history (and the admin's recent actions) as well as in the log.
        LogEntry.objects.log_actions(
            request.user.pk, exported, CHANGE, change_message=gettext("Exported in a CSV file.")
        )
        logger.info(
            "%s exported %d message(s) as CSV: %s",
            request.user.get_username(),
            len(exported),
            ", ".join(str(message.pk) for message in exported),
        )
        return response

    @admin.action(description=_("Send the notification e-mail again"), permissions=["change"])
    def resend_notification(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        pending = queryset.exclude(status=MessageStatus.SPAM).select_related("programme")
        results = [notify_secretariat(message, base_url) for message in pending]
        sent, failed = results.count(True), results.count(False)
        if sent:
            self.message_user(
                request, ngettext("%d notification sent.", "%d notifications sent.", sent) % sent, messages.SUCCESS
            )
        if failed:
            self.message_user(
                request,
                ngettext("%d notification could not be sent.", "%d notifications could not be sent.", failed) % failed,
                messages.ERROR,
            )
