"""Pieces every content admin shares: the publishing fields, visibility at a glance, search in every
language, thumbnails, where each translation stands (``TranslatedAdmin``) and the translation report
with its export and import (``TranslationReportAdmin``). And the task queue's results, in a group of
their own (``TaskResultAdmin``)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten, flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Subquery
from django.db.models.functions import ExtractYear
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max
from modeltranslation.utils import build_localized_fieldname

from .admin_site import AdminSection
from .editing import PublishingWorkflow, status_of
from .held_files import HoldsUploadsAdmin, HoldsUploadsInline
from .images import rendition
from .models import TranslationLanguageState, TranslationStatus
from .publishing import PublicationStatus
from .revisions import RevisionsAdmin
from .richtext import ReportsRemovedMarkup
from .translations import exchange
from .translations.status import (
    SOURCE,
    LanguageState,
    fields_of,
    filter_by,
    language_name,
    mark_current,
    states_of,
    statuses_of,
    target_languages,
    translated_models,
)


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


# -- Translations: where each item's translation stands (core.translations) -----------------------

MARK_CURRENT = "_translation_current"  # the change form's "Mark Korean as up to date" buttons


class TranslationFilter(admin.SimpleListFilter):
    """ "Korean missing", "Korean out of date", ...: what is left for a translator, language by language."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = []
        for code, _name in target_languages():
            name = language_name(code)
            choices += [
                (f"{code}:{TranslationLanguageState.MISSING}", gettext("%(language)s missing") % {"language": name}),
                (
                    f"{code}:{TranslationLanguageState.OUTDATED}",
                    gettext("%(language)s out of date") % {"language": name},
                ),
                (
                    f"{code}:{TranslationLanguageState.COMPLETE}",
                    gettext("%(language)s complete") % {"language": name},
                ),
            ]
        return choices

    def queryset(self, request, queryset):
        language, _colon, kind = (self.value() or "").partition(":")
        if language in dict(target_languages()) and kind in TranslationLanguageState.values:
            return filter_by(queryset, language, kind)
        return queryset


def _state_annotations(model):
    """Each language's state and counts, for the list's column without a query per row."""
    statuses = statuses_of(model)
    annotations = {}
    for code, _name in target_languages():
        own = statuses.filter(language=code)
        annotations[f"_translation_{code}"] = Subquery(own.values("state")[:1])
        annotations[f"_translation_{code}_missing"] = Subquery(own.values("missing_count")[:1])
    return annotations


@admin.display(description=_("Translations"))
def translation_states(obj):
    """Each language's state, one a line, in a sign and its words for screen readers and on hover
    (not colour alone): "ko ✓", "ru ✗ 2" (two fields missing), "es ↻" (out of date)."""
    items = []
    for code, _name in target_languages():
        state = getattr(obj, f"_translation_{code}", None)
        missing = getattr(obj, f"_translation_{code}_missing", 0) or 0
        name = language_name(code)
        if state is None:
            short, full = "–", gettext("%(language)s: not checked yet") % {"language": name}
        elif missing:
            short = f"✗ {missing}"
            full = ngettext(
                "%(language)s: %(count)d field missing", "%(language)s: %(count)d fields missing", missing
            ) % {"language": name, "count": missing}
        elif state == TranslationLanguageState.OUTDATED:
            short, full = "↻", gettext("%(language)s: out of date") % {"language": name}
        else:
            short, full = "✓", gettext("%(language)s: complete") % {"language": name}
        items.append((state or "unknown", full, code.split("-")[0], short))  # "zh": narrow enough
    return format_html(
        '<ul class="wego-translation-states">{}</ul>',
        format_html_join(
            "",
            '<li class="wego-translation-state wego-translation-state--{}" title="{}">'
            '<span aria-hidden="true">{}</span> <span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span></li>',
            ((state, full, code, short, full) for state, full, code, short in items),
        ),
    )


class TranslatedAdmin:
    """The admin of a translated model (modeltranslation): the English beside the field being
    translated (static/js/admin-translation.js), each language's state at the top of the form and in
    a list column, a "Translation" list filter, and "Mark as up to date" for each language.
    ``PublishableAdmin`` has it; an admin without publishing puts it first:
    ``class CityAdmin(TranslatedAdmin, RevisionsAdmin, TabbedTranslationAdmin)``. On a model that is
    not translated it adds nothing."""

    @admin.display(description=_("Status"), ordering="publication_status")
    def publishing_status(self, obj):
        """The publishing status with each language's state below it: a column of its own would push
        the widest lists off the screen. Named as the column it replaces, so its cells keep their
        class (``column-publishing_status``)."""
        return format_html("{}{}", publishing_status(obj), translation_states(obj))

    @property
    def translated(self):
        return bool(fields_of(self.model))

    @property
    def media(self):
        media = super().media
        if self.translated:
            media += forms.Media(js=["js/admin-translation.js"], css={"all": ["css/admin-translation.css"]})
        return media

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.annotate(**_state_annotations(self.model)) if self.translated else queryset

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if not self.translated or translation_states in shown:
            return shown
        if publishing_status in shown:
            shown[shown.index(publishing_status)] = "publishing_status"
            return shown
        return [*shown, translation_states]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return [*filters, TranslationFilter] if self.translated and TranslationFilter not in filters else filters

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.translated and self.has_change_permission(request):
            for code, _name in target_languages():
                name = f"mark_{code}_current"
                description = gettext("Mark %(language)s as up to date") % {"language": language_name(code)}
                actions[name] = (self._mark_current_action(code), name, description)
        return actions

    def _mark_current_action(self, language):
        def mark(model_admin, request, queryset):
            done = 0
            for obj in queryset:
                if self.has_change_permission(request, obj):
                    mark_current(obj, language)
                    done += 1
            text = gettext("%(count)d items marked as up to date in %(language)s.")
            self.message_user(request, text % {"count": done, "language": language_name(language)}, messages.SUCCESS)

        return mark

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and MARK_CURRENT in request.POST and self.translated:
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
            language = request.POST[MARK_CURRENT]
            if language in dict(target_languages()):
                mark_current(obj, language)
                text = gettext("Marked the %(language)s translation as up to date.") % {
                    "language": language_name(language)
                }
                self.log_change(request, obj, text)
                self.message_user(request, text, messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if not self.translated:
            return response
        states = states_of(obj) if change and obj is not None else None
        response.context_data.update(
            {
                "translation_states": states,
                # "Mark Korean as up to date" buttons, for those who may change the item.
                "translation_marks": bool(states)
                and self.has_change_permission(request, obj)
                and any(state.outdated for state in states),
                "translation_mark_current": MARK_CURRENT,
                "translation_script": {
                    "source": SOURCE,
                    "sourceLabel": gettext("English"),
                    "empty": gettext("No English text yet."),
                },
                # Around whichever change form the admin uses (the revisions' one), not instead of it.
                "translations_base": response.resolve_template(response.template_name),
            }
        )
        response.template_name = "admin/translations/change_form.html"
        return response


class PublishableAdmin(
    ReportsRemovedMarkup, TranslatedAdmin, HoldsUploadsAdmin, RevisionsAdmin, PublishingWorkflow, admin.ModelAdmin
):
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


class PublishableInline(HoldsUploadsInline, admin.options.InlineModelAdmin):
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


# -- The translation report, with the export and import of what is left -----------------------------

TRANSLATIONS = AdminSection("translations", _("Translations"), order=55)
IMPORT_SALT = "core.translations.import"


class TranslationImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=target_languages)
    file = forms.FileField(
        label=_("File"), help_text=_("The .xlsx or .csv file made by the export, with the new translations typed in.")
    )


def change_url(obj, language):
    """The change form that edits ``obj`` (its own, or its parent's for an inline row), opened at
    ``language``'s tabs (static/js/admin-translation.js reads the fragment)."""
    model_admin, target = exchange.owner_of(obj)
    if model_admin is None or target is None:
        return ""
    opts = model_admin.opts
    return (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(target.pk)]) + f"#translate-{language}"
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin of rows the site writes itself (a record of who opened what, translation states):
    staff read them; nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TranslationStatus)
class TranslationReportAdmin(ReadOnlyAdmin):
    """Its list is the translation report: per language, how many items are complete, missing fields
    or out of date across the site, and the items left, each linking to its form at that language.
    The rows are kept by ``core.translations.status``: nobody adds, changes or deletes them here."""

    admin_section = TRANSLATIONS

    def _shown_models(self, request):
        """The translated models whose items ``request``'s user may see in the admin: the report
        names and counts only theirs."""
        return [model for model in translated_models() if exchange.may_view(request, model)]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff and bool(self._shown_models(request))

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        model = obj.content_type.model_class()
        return model is not None and request.user.is_active and exchange.may_view(request, model)

    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            path("export/", view(self.export_view), name="core_translationstatus_export"),
            path("import/", view(self.import_view), name="core_translationstatus_import"),
        ]
        # The admin's own pages stay (a row is shown read-only, with its history), the list is the report.
        return own + super().get_urls()

    def _context(self, request, title):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.opts}

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        shown = self._shown_models(request)
        content_types = ContentType.objects.get_for_models(*shown)
        kept = TranslationStatus.objects.filter(content_type__in=content_types.values())
        languages = [
            {
                "code": code,
                "name": language_name(code),
                "counts": dict.fromkeys(TranslationLanguageState.values, 0),
                "items": [],
            }
            for code, _name in target_languages()
        ]
        by_code = {language["code"]: language for language in languages}
        for code, state, count in kept.values_list("language", "state").annotate(count=Count("pk")).order_by():
            if code in by_code:
                by_code[code]["counts"][state] = count
        for model in shown:
            statuses = list(
                kept.filter(content_type=content_types[model]).exclude(state=TranslationLanguageState.COMPLETE)
            )
            if not statuses:
                continue
            pk = model._meta.pk
            objects = exchange.items_of(model, {status.object_id for status in statuses})
            for status in statuses:
                obj = objects.get(pk.to_python(status.object_id))
                if obj is None or status.language not in by_code:
                    continue
                by_code[status.language]["items"].append(
                    {
                        "kind": model._meta.verbose_name,
                        "name": exchange.item_name(obj),
                        "text": LanguageState(model, status.language, status).text,
                        "state": status.state,
                        "url": change_url(obj, status.language),
                    }
                )
        context = {
            **self._context(request, gettext("Translation report")),
            "languages": languages,
            "states": TranslationLanguageState,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/translations/report.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language", "")
        kind = request.GET.get("format", "xlsx")
        if language not in dict(target_languages()) or kind not in ("xlsx", "csv"):
            return HttpResponseRedirect(reverse("admin:core_translationstatus_changelist"))
        stamp = timezone.localdate().isoformat()
        if kind == "xlsx":
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            response = HttpResponse(exchange.as_xlsx(language, request), content_type=content_type)
        else:
            response = HttpResponse(exchange.as_csv(language, request), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="wego-translation-{language}-{stamp}.{kind}"'
        response["Cache-Control"] = "private, no-store"
        return response

    def import_view(self, request):
        """Upload, then a preview of what would change (with each refused line and why), then "Apply",
        which checks the lines again before saving: the page may have waited while others edited."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        title = gettext("Import translations")
        salt = f"{IMPORT_SALT}:{request.user.pk}"  # what one member checked, only they apply
        if request.method == "POST" and "_apply" in request.POST:
            try:
                payload = signing.loads(request.POST.get("payload", ""), salt=salt, max_age=60 * 60 * 24)
            except signing.BadSignature:
                self.message_user(request, gettext("This import has expired: upload the file again."), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:core_translationstatus_import"))
            plan = exchange.check(payload["lines"], payload["language"], request)
            saved = exchange.apply(plan, request)
            text = gettext("%(count)d translations saved in %(language)s.") % {
                "count": saved,
                "language": language_name(plan.language),
            }
            self.message_user(request, text, messages.SUCCESS)
            if plan.errors:
                refused = gettext("%(count)d lines were refused: import them again once they are corrected.")
                self.message_user(request, refused % {"count": len(plan.errors)}, messages.WARNING)
            return HttpResponseRedirect(reverse("admin:core_translationstatus_changelist"))
        form = TranslationImportForm(request.POST or None, request.FILES or None)
        plan = payload = None
        if request.method == "POST" and form.is_valid():
            try:
                lines = exchange.read(form.cleaned_data["file"])
            except exchange.UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                language = form.cleaned_data["language"]
                plan = exchange.check([(n, c[0], c[1], c[7], None) for n, c in lines], language, request)
                payload = signing.dumps(plan.payload(), salt=salt, compress=True)
                limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                if limit is not None and len(payload) > limit - 1024:  # the form's other fields beside it
                    form.add_error(
                        "file",
                        gettext("This file has too many changes to apply at once: import it in several files."),
                    )
                    plan = payload = None
        context = {**self._context(request, title), "form": form, "plan": plan, "payload": payload}
        return TemplateResponse(request, "admin/translations/import.html", context)
