import csv
import io
import logging

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from openpyxl import Workbook

from core.admin import PublishableAdmin, PublishableInline, TranslatedAdmin, visible_on_site
from core.editing import person
from core.revisions import RevisionsAdmin
from core.spreadsheets import safe_cell

from .apps import MESSAGES
from .models import (
    BusRoute,
    BusType,
    ContactMessage,
    HostCity,
    MessageStatus,
    MetroStation,
    NotificationProblem,
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
class SecretariatAdmin(TranslatedAdmin, RevisionsAdmin, TabbedTranslationAdmin):
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
    list_filter = ["colour"]
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
    list_display = ["name", "has_video"]
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


def language_name(code):
    """One of the site's languages by its name in the admin's language; "" for none or another."""
    names = dict(settings.LANGUAGES)
    return str(names[code]) if code in names else ""


def desk_colleagues(keeping=None):
    """The staff a message may be assigned to: active staff who may read messages, and ``keeping``
    (the pk of the colleague it is assigned to already), so that saving it keeps its assignee even
    after they left the desk."""
    may_read = Permission.objects.filter(content_type__app_label="contact", codename="view_contactmessage")
    on_desk = Q(is_active=True, is_staff=True) & (
        Q(is_superuser=True) | Q(user_permissions__in=may_read) | Q(groups__permissions__in=may_read)
    )
    if keeping is not None:
        on_desk |= Q(pk=keeping)
    return get_user_model().objects.filter(on_desk).distinct().order_by("first_name", "last_name", "username")


class ColleagueFilter(admin.SimpleListFilter):
    """Messages by a colleague named in ``field``: "me", "nobody", then each colleague it names."""

    field = None

    def lookups(self, request, model_admin):
        named = {f"{self.field.related_query_name()}__isnull": False}
        people = get_user_model().objects.filter(**named).exclude(pk=request.user.pk).distinct()
        return [
            ("me", _("Me")),
            ("nobody", _("Nobody")),
            *((str(user.pk), person(user)) for user in people.order_by("first_name", "last_name", "username")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(**{self.field.name: request.user})
        if self.value() == "nobody":
            return queryset.filter(**{f"{self.field.name}__isnull": True})
        if self.value():
            if not self.value().isdecimal():  # isdigit() would let "²" through, which int() refuses
                raise IncorrectLookupParameters(self.value())
            return queryset.filter(**{self.field.name: self.value()})
        return queryset


class AssignedFilter(ColleagueFilter):
    title = _("assigned to")
    parameter_name = "assigned"
    field = ContactMessage._meta.get_field("assigned_to")


class HandledByFilter(ColleagueFilter):
    title = _("handled by")
    parameter_name = "handled_by"
    field = ContactMessage._meta.get_field("handled_by")


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
    "staff_notes",
    "assigned_to",
    "handled_by",
    "handled_at",
]

# The most messages one export takes: it is written in memory, and each message taken is logged.
# 5,000 of the longest messages take about 2 seconds and 26 MB (CSV); a longer list, spam included,
# is exported in narrower parts (by date, status or search).
EXPORT_LIMIT = 5000

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(queryset):
    """The heading and one row per message, each cell made safe for a spreadsheet by ``safe_cell``."""
    yield ["id", *(str(ContactMessage._meta.get_field(name).verbose_name) for name in CSV_COLUMNS[1:])]
    for message in queryset:
        row = []
        for name in CSV_COLUMNS:
            value = getattr(message, name)
            if name == "status":
                value = message.get_status_display()
            elif name == "purpose":
                value = message.get_purpose_display()
            elif name == "programme":
                value = message.programme.name if message.programme else ""
            elif name in {"assigned_to", "handled_by"}:
                value = person(value) if value else ""
            elif hasattr(value, "isoformat"):
                value = timezone.localtime(value).isoformat(timespec="minutes")
            row.append(safe_cell(value))
        yield row


def _csv_file(rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so that spreadsheets read the file as UTF-8
    csv.writer(response).writerows(rows)
    return response


def _xlsx_file(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Messages"))
    for row in rows:
        sheet.append(row)  # the cells come without control characters (safe_cell)
    content = io.BytesIO()
    workbook.save(content)
    return HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)


# Each format: how its file is written, its extension, the words of the message's history, the log's name.
EXPORT_FORMATS = {
    "csv": (_csv_file, "csv", _("Exported in a CSV file."), "CSV"),
    "xlsx": (_xlsx_file, "xlsx", _("Exported in an Excel file."), "XLSX"),
}


def _set_status(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        count = queryset.set_status(status, request.user)
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
    "reply_link",
    "city",
    "country",
    "region_of_interest",
    "message",
    "sender_language",
    "consent",
    "asked_for_acknowledgement",
]
HANDLED = ["handler", "handled_at"]
NOTIFICATION = ["notified_at", "notification_attempts", "notification_problem"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    admin_section = MESSAGES  # not with the rest of the app's page text
    list_display = [
        "created_at",
        "name",
        "reply_link",
        "purpose",
        "programme",
        "status",
        "assignee",
        "handler",
        "handled_at",
        "organisation",
        "country",
        "notified",
    ]
    list_display_links = ["created_at", "name"]
    list_filter = [
        "status",
        AssignedFilter,
        HandledByFilter,
        "purpose",
        ("programme", admin.RelatedOnlyFieldListFilter),
        NotificationFilter,
        "created_at",
    ]
    list_select_related = ["programme", "assigned_to", "handled_by"]
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
        "assign_to_me",
        _set_status(MessageStatus.IN_PROGRESS, _("Mark as in progress")),
        _set_status(MessageStatus.ANSWERED, _("Mark as answered")),
        _set_status(MessageStatus.SPAM, _("Mark as spam")),
        _set_status(MessageStatus.NEW, _("Mark as new")),
        "export_csv",
        "resend_notification",
    ]
    fieldsets = [
        (_("Handling"), {"fields": ["status", "assigned_to", "programme", "staff_notes", *HANDLED]}),
        (_("Message as received"), {"fields": AS_RECEIVED}),
        (_("Notification"), {"fields": NOTIFICATION}),
    ]
    # What the sender wrote is a record: staff change its status and notes, never its text.
    readonly_fields = [*AS_RECEIVED, *HANDLED, *NOTIFICATION]

    def has_add_permission(self, request):
        return False  # messages arrive through the form on the contact page

    def index_context(self, request):
        """How many messages wait for an answer, for the admin index of staff who may read them."""
        if not self.has_view_permission(request):
            return {}
        return {"new_messages": ContactMessage.new_messages()}

    def get_urls(self):
        export = path(
            "export/<str:file_format>/",
            self.admin_site.admin_view(self.export_view),
            name="contact_contactmessage_export",
        )
        return [export, *super().get_urls()]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and obj.assigned_to_id and "assigned_to" in form.base_fields:
            form.base_fields["assigned_to"].queryset = desk_colleagues(keeping=obj.assigned_to_id)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = desk_colleagues()
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = person
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "_assign_to_me" in request.POST:
            obj.assigned_to = request.user
        if change and "status" in form.changed_data:
            obj.record_status_change(request.user)
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_assign_to_me" in request.POST:
            self.message_user(request, gettext("The message is assigned to you."), messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    # The field keeps its old name; what the sender gets now is an acknowledgement, never a copy.
    @admin.display(description=_("asked for an acknowledgement"), boolean=True)
    def asked_for_acknowledgement(self, obj):
        return obj.send_copy

    @admin.display(description=_("notified"), boolean=True, ordering="notified_at")
    def notified(self, obj):
        return obj.is_notified

    # Colleagues by name, as the rest of the admin names them, not by their user names.
    @admin.display(description=_("assigned to"), ordering="assigned_to__first_name")
    def assignee(self, obj):
        return person(obj.assigned_to) if obj.assigned_to else "—"

    @admin.display(description=_("handled by"), ordering="handled_by__first_name")
    def handler(self, obj):
        return person(obj.handled_by) if obj.handled_by else "—"

    @admin.display(description=_("e-mail"), ordering="email")
    def reply_link(self, obj):
        # format_html escapes both parts; the link's address is percent-encoded as well (reply_url).
        return format_html('<a href="{}" title="{}">{}</a>', obj.reply_url(), gettext("Reply by e-mail"), obj.email)

    @admin.display(description=_("language"))
    def sender_language(self, obj):
        # The language of the page it was sent from, which the reply's subject is written in.
        return language_name(obj.language) or "—"

    @admin.display(description=_("last notification problem"))
    def notification_problem(self, obj):
        return obj.notification_problem() or "—"

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = queryset.update(assigned_to=request.user)
        self.message_user(
            request,
            ngettext("%d message assigned to you.", "%d messages assigned to you.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self.export(request, queryset.order_by("created_at", "pk"), "csv")

    def export_view(self, request, file_format):
        """“Export this list”: every message of the change list's filters and search, in its order."""
        if file_format not in EXPORT_FORMATS:
            raise Http404
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist_url = reverse("admin:contact_contactmessage_changelist")
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # A filter that no longer exists: the list says so itself.
            return HttpResponseRedirect(changelist_url + "?e=1")
        response = self.export(request, changelist.get_queryset(request), file_format)
        if response is None:  # refused: back to the same list, which says why
            query = request.GET.urlencode()
            return HttpResponseRedirect(f"{changelist_url}?{query}" if query else changelist_url)
        return response

    def export(self, request, queryset, file_format):
        """The file of ``queryset``; None, with a message to staff, for a list longer than EXPORT_LIMIT."""
        count = queryset.count()
        if count > EXPORT_LIMIT:
            self.message_user(
                request,
                ngettext(
                    "This list has %(count)s message, and an export takes at most %(limit)s. Narrow the list "
                    "with the filters, the search or the dates, and export each part.",
                    "This list has %(count)s messages, and an export takes at most %(limit)s. Narrow the list "
                    "with the filters, the search or the dates, and export each part.",
                    count,
                )
                % {
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(EXPORT_LIMIT, force_grouping=True),
                },
                messages.ERROR,
            )
            return None
        write, extension, history, name = EXPORT_FORMATS[file_format]
        exported = list(queryset.select_related("programme", "assigned_to", "handled_by"))
        response = write(export_rows(exported))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="wego-messages-{stamp}.{extension}"'
        # Personal data leaving the back office: who took which messages, and when, shows in each
        # message's history (and the admin's recent actions) as well as in the log.
        LogEntry.objects.log_actions(request.user.pk, exported, CHANGE, change_message=str(history))
        logger.info(
            "%s exported %d message(s) as %s: %s",
            request.user.get_username(),
            len(exported),
            name,
            ", ".join(str(message.pk) for message in exported),
        )
        return response

    @admin.action(description=_("Send the notification e-mail again"), permissions=["change"])
    def resend_notification(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        pending = queryset.exclude(status=MessageStatus.SPAM).select_related("programme")
        failures = [message for message in pending if not notify_secretariat(message, base_url)]
        sent = len(pending) - len(failures)
        if sent:
            self.message_user(
                request, ngettext("%d notification sent.", "%d notifications sent.", sent) % sent, messages.SUCCESS
            )
        if failures:
            # Each kind of failure once, in words staff can act on.
            problems = dict.fromkeys(str(NotificationProblem(message.notification_error).label) for message in failures)
            self.message_user(
                request,
                ngettext("%d notification could not be sent.", "%d notifications could not be sent.", len(failures))
                % len(failures)
                + " "
                + " ".join(problems),
                messages.ERROR,
            )
