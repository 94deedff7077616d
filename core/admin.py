"""Pieces every content admin shares: the publishing fields, visibility at a glance, search in every
language, thumbnails. And the task queue's results, in a group of their own (``TaskResultAdmin``)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten, flatten_fieldsets
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max
from modeltranslation.utils import build_localized_fieldname

from .admin_site import AdminSection
from .editing import PublishingWorkflow, status_of
from .images import rendition
from .publishing import PublicationStatus
from .revisions import RevisionsAdmin


def in_every_language(*field_names):
    """Search fields for translated text: every language's column, so a search finds a row by any of
    its translations, whatever language the admin itself is shown in."""
    return [build_localized_fieldname(name, code) for name in field_names for code, _name in settings.LANGUAGES]


@admin.display(description=_("Visible on the site"), boolean=True)
def visible_on_site(obj):
    """For list columns and read-only fields alike; an inline's unsaved row has no answer yet."""
    return obj.is_public if obj.pk else None


@admin.display(description=_("Status"), ordering="publication_status")
def publishing_status(obj):
    """Live, draft, scheduled, expired, and whether a draft of changes waits: beside the item's name."""
    status = status_of(obj)
    labels = {
        "live": _("Live"),
        "draft": _("Draft"),
        "scheduled": _("Scheduled"),
        "expired": _("Expired"),
        "hidden": _("Hidden with its parent"),
        "new": _("New"),
    }
    label = labels[status.kind]
    if status.kind == "scheduled":
        label = format_html("{} {}", label, date_format(localtime(obj.publish_from), "j M Y H:i"))
    if getattr(obj, "has_draft", False):
        label = format_html("{} + {}", label, _("unpublished changes"))
    return format_html('<span class="wego-list-status wego-list-status--{}">{}</span>', status.kind, label)


class VisibilityFilter(admin.SimpleListFilter):
    """Drafts and scheduled items at a glance: what visitors see now, and what they will see later."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("visible", _("Visible on the site")),
            ("scheduled", _("Scheduled for later")),
            ("draft", _("Draft")),
            ("expired", _("Expired")),
            *([("changes", _("With unpublished changes"))] if isinstance(model_admin, PublishingWorkflow) else []),
        ]

    def queryset(self, request, queryset):
        verbs = {"visible": "published", "scheduled": "scheduled", "draft": "drafts", "expired": "expired"}
        if self.value() in verbs:
            return getattr(queryset, verbs[self.value()])()
        if self.value() == "changes" and "has_draft" in queryset.query.annotations:
            return queryset.filter(has_draft=True)
        return queryset


def _placed(entries, pieces):
    """Whether an admin's own list already names one of ``pieces``: then it has placed them itself."""
    return any(piece in entries for piece in pieces)


def _with_publishing_fields(cls, as_row=True):
    """``cls``'s form with the publishing fields at its end: a last "Publishing" fieldset, or when it
    lists ``fields`` a last row (``as_row``) or last fields. Those that are not model fields
    (``visible_on_site``) are read-only."""
    pieces = list(cls.publishing_fields)
    named = [*pieces, "publication_status"]  # a form that names the status has placed them all
    if cls.fieldsets:
        if _placed(flatten_fieldsets(cls.fieldsets), named):
            return
        cls.fieldsets = [*cls.fieldsets, (_("Publishing"), {"fields": pieces})]
    elif cls.fields:
        if _placed(flatten(cls.fields), named):
            return
        cls.fields = [*cls.fields, tuple(pieces)] if as_row else [*cls.fields, *pieces]
    else:
        return  # the form shows every field of the model, the publishing ones with them
    cls.readonly_fields = [
        *cls.readonly_fields,
        *(piece for piece in pieces if callable(piece) and piece not in cls.readonly_fields),
    ]


class PublishableAdmin(RevisionsAdmin, PublishingWorkflow, admin.ModelAdmin):
    """The admin of a publishable model: publishing on purpose (``core.editing``), its publishing
    fields, columns and filters, written once.

    Added to what a subclass declares, when the class is made (so Django's checks and modeltranslation
    see them as declared): ``publishing_fields`` (the schedule; the buttons set the status) at the end
    of the form, ``publishing_columns`` beside the first column of ``list_display``,
    ``publishing_filters`` first in ``list_filter``. A subclass whose own list
    names one of them has placed them itself, and that list is kept as written. Use it before
    modeltranslation's admin: ``class OfficeAdmin(PublishableAdmin, TabbedTranslationAdmin)``.
    """

    publishing_fields = ("publish_from", "publish_until")
    publishing_columns = (publishing_status,)
    publishing_filters = (VisibilityFilter,)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _with_publishing_fields(cls)
        placed = (*cls.publishing_columns, "publication_status", visible_on_site)
        if not _placed(cls.list_display, placed):
            # Beside the name: after the first linked column (the first column by default).
            links = cls.list_display_links or cls.list_display[:1]
            at = cls.list_display.index(links[0]) + 1 if links and links[0] in cls.list_display else 1
            cls.list_display = [*cls.list_display[:at], *cls.publishing_columns, *cls.list_display[at:]]
        if not _placed(cls.list_filter, (*cls.publishing_filters, "publication_status")):
            cls.list_filter = [*cls.publishing_filters, *cls.list_filter]


class PublishableInline(admin.options.InlineModelAdmin):
    """An inline of publishable rows: ``publishing_fields`` at the end of each (see PublishableAdmin).
    Use it before the inline's own base: ``class MilestoneInline(PublishableInline, TranslationTabularInline)``."""

    publishing_fields = ("publication_status", "publish_from", "publish_until")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A table gives every field a column of its own: there they follow the others one by one.
        _with_publishing_fields(cls, as_row=not issubclass(cls, admin.TabularInline))

    def get_formset(self, request, obj=None, **kwargs):
        """A row added in the form is shown with its parent: the parent's own status decides when."""
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("publication_status")
        if field is not None:
            field.initial = PublicationStatus.PUBLISHED
        return formset


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


TASKS = AdminSection("tasks", _("Background tasks"), order=900)


# django_tasks_db registers its own admin when it is imported (above); this one takes its place.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    """Each run of a task (an e-mail, a reminder), where staff look when one did not go out: its own
    group of the index, what ran and when, failures first to filter. Read-only, as the library's: the
    worker writes these rows, ``manage.py prune_db_task_results`` removes old ones."""

    admin_section = TASKS
    list_display = ("task_column", "status", "enqueued_at", "run_after_column", "finished_at", "attempt")
    list_display_links = ("task_column",)
    list_filter = ("status",)
    search_fields = ("task_path",)
    date_hierarchy = "enqueued_at"

    @admin.display(description=_("Task"), ordering="task_path")
    def task_column(self, obj):
        return obj.task_path

    @admin.display(description=_("Run after"), ordering="run_after")
    def run_after_column(self, obj):
        # The library stores "as soon as possible" as the largest date there is.
        return self.get_empty_value_display() if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description=_("Attempt"))
    def attempt(self, obj):
        """The attempt number ``core.tasks.retry_on_failure`` passes on: each attempt is a row of its own."""
        return obj.args_kwargs.get("kwargs", {}).get("attempt", 1)
