"""Publishing on purpose, in the admin: the change form's buttons and status bar, drafts of live items,
the preview, and the list's status column and bulk actions.

- Everything starts as a draft. The change form has no status field: "Save draft", "Publish" and
  "Unpublish" say what happens, and a status bar at the top says where the item stands, with its
  dates in Seoul time.
- Changes to a published (or scheduled) item can be saved as a draft (``core.models.Draft``): the
  submitted form is kept and the item's rows stay as they are, so visitors see the live version until
  someone publishes. Opening the form shows the draft; "Publish" saves it as usual; "Discard" drops it.
- "Preview" renders the public page from the form as it is now, unsaved: the form is saved inside a
  transaction, the page's own view renders it, and the transaction is rolled back.
"""

import copy
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from django.forms.formsets import all_valid
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve, reverse
from django.utils import formats, timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Draft
from .publishing import PublicationStatus
from .richtext import report_removed_markup

SAVE_DRAFT, PUBLISH, UNPUBLISH, DISCARD = "_save_draft", "_publish", "_unpublish", "_discard_draft"
BUTTONS = (SAVE_DRAFT, PUBLISH, UNPUBLISH, DISCARD)
# What a stored draft leaves out of the submitted form: the token and the button pressed.
NOT_KEPT = {"csrfmiddlewaretoken", "_preview_language", *BUTTONS, "_save", "_continue", "_addanother"}


def zone_name():
    return _("Seoul time") if settings.TIME_ZONE == "Asia/Seoul" else settings.TIME_ZONE


def when(moment):
    """A date and time as editors enter them: in the site's zone, with the zone named."""
    local = timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))
    return f"{formats.date_format(local, 'j F Y, H:i')} ({zone_name()})"


def person(user):
    """Who, as the admin names staff: their full name, else their username."""
    if user is None:
        return _("someone unknown")
    return user.get_full_name() or user.get_username()


def never_saved(form_class):
    """``form_class`` validated as usual, so real errors show, but never valid: the admin renders it
    bound to the data given and saves nothing (a draft shown, a save refused after a conflict)."""

    class NeverSaved(form_class):
        def is_valid(self):
            super().is_valid()
            return False

    return NeverSaved


@dataclass(frozen=True)
class Status:
    """Where an item stands, for the status bar and the list: ``kind`` is a CSS and filter word."""

    kind: str  # new, draft, scheduled, live, expired, hidden
    text: str
    changes: str = ""  # "with unpublished changes", when a draft of changes waits


def status_of(obj, draft=None):
    if obj is None or obj.pk is None:
        return Status("new", _("New: not on the site until you publish it."))
    changes = ""
    if draft is not None:
        changes = _("With unpublished changes, saved as a draft by %(name)s on %(date)s.") % {
            "name": person(draft.saved_by),
            "date": when(draft.saved_at),
        }
    if obj.publication_status != PublicationStatus.PUBLISHED:
        return Status("draft", _("Draft: not on the site."), changes)
    now = timezone.now()
    if obj.publish_from and obj.publish_from > now:
        return Status("scheduled", _("Scheduled for %(date)s.") % {"date": when(obj.publish_from)}, changes)
    if obj.publish_until and obj.publish_until <= now:
        text = _("Expired on %(date)s: no longer on the site.") % {"date": when(obj.publish_until)}
        return Status("expired", text, changes)
    if not obj.is_public:
        parent = getattr(obj, obj.publication_parent)
        return Status(
            "hidden",
            _("Published, but not on the site while its %(parent)s “%(name)s” is not.")
            % {"parent": parent._meta.verbose_name, "name": parent},
            changes,
        )
    since = obj.last_published_at or obj.publish_from
    text = _("Live since %(date)s.") % {"date": when(since)} if since else _("Live on the site.")
    if obj.publish_until:
        text = f"{text} {_('Until %(date)s.') % {'date': when(obj.publish_until)}}"
    return Status("live", text, changes)


def drafts_of(model):
    """The drafts of changes of ``model``'s rows, as a subquery on their primary key."""
    return Draft.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(models.OuterRef("pk"), models.CharField()),
    )


class PublishingWorkflow:
    """The ModelAdmin side of publishing on purpose (see the module's docstring)."""

    change_form_template = "admin/publishing/change_form.html"

    # -- Permissions: hooks an admin narrows (section pages, say) ----------------------------------

    def has_publish_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)

    def has_unpublish_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    # -- The list ----------------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(has_draft=models.Exists(drafts_of(self.model)))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for name in ("publish_selected", "unpublish_selected"):
                function = getattr(type(self), name)
                actions[name] = (function, name, function.short_description)
        return actions

    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, PublicationStatus.PUBLISHED, self.has_publish_permission)

    publish_selected.short_description = gettext_lazy("Publish the selected items")

    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, PublicationStatus.DRAFT, self.has_unpublish_permission)

    unpublish_selected.short_description = gettext_lazy("Unpublish the selected items")

    def _bulk(self, request, queryset, status, allowed):
        done, refused = 0, []
        for obj in queryset:
            if not allowed(request, obj):
                refused.append(str(obj))
                continue
            if obj.publication_status != status:
                obj.publication_status = status
                obj.save()
                self._log_publishing(request, obj, status)
                done += 1
        verb = _("published") if status == PublicationStatus.PUBLISHED else _("unpublished")
        self.message_user(request, _("%(count)d items %(verb)s.") % {"count": done, "verb": verb}, messages.SUCCESS)
        if refused:
            text = _("Not allowed, left as they were: %(names)s.") % {"names": ", ".join(refused)}
            self.message_user(request, text, messages.WARNING)

    def _log_publishing(self, request, obj, status):
        message = _("Published.") if status == PublicationStatus.PUBLISHED else _("Unpublished.")
        self.log_change(request, obj, message)

    # -- The change form ---------------------------------------------------------------------------

    def _button(self, request):
        return next((name for name in BUTTONS if name in request.POST), None)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.preview_view)
        own = [
            path("add/preview/", view, name=f"{name}_preview_new"),
            path("<path:object_id>/preview/", view, name=f"{name}_preview"),
        ]
        return own + super().get_urls()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        draft = Draft.of(obj).select_related("saved_by").first() if obj is not None else None
        extra_context = {**(extra_context or {}), **self._publishing_context(request, obj, draft)}
        if obj is not None and request.method == "POST" and self.has_change_permission(request, obj):
            button = self._button(request)
            if button == DISCARD and draft is not None:
                draft.delete()
                self.log_change(request, obj, _("Discarded the draft of changes."))
                self.message_user(request, _("The draft of changes was discarded: the published version is unchanged."))
                return HttpResponseRedirect(request.path)
            if button == SAVE_DRAFT and obj.publication_status == PublicationStatus.PUBLISHED:
                response = self._save_changes_as_draft(request, obj)
                if response is not None:
                    return response
        if obj is not None and request.method == "GET" and draft is not None and not request.GET.get("live"):
            return self._render_draft(request, object_id, draft, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _publishing_context(self, request, obj, draft):
        live = obj is not None and obj.publication_status == PublicationStatus.PUBLISHED
        preview_url = (
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_preview", args=[quote(obj.pk)])
            if obj is not None
            else reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_preview_new")
        )
        return {
            "publishing": {
                "status": status_of(obj, draft),
                "live": live,
                "draft": draft,
                "may_publish": self.has_publish_permission(request, obj),
                "may_unpublish": live and self.has_unpublish_permission(request, obj),
                "preview_url": preview_url,
                "languages": settings.LANGUAGES,
            }
        }

    def _bound_forms(self, request, obj, data, files):
        """The change form and its inlines, bound to ``data``: as the admin builds them."""
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(request, obj, change=obj is not None, fields=flatten_fieldsets(fieldsets))
        form = form_class(data, files, instance=obj)
        bound = copy.copy(request)
        bound._post, bound._files, bound.method = data, files, "POST"
        formsets, _inlines = self._create_formsets(bound, form.instance, change=obj is not None)
        return form, formsets

    def _save_changes_as_draft(self, request, obj):
        """Keep the submitted changes of a live item as its draft; None when they cannot wait (the
        admin then shows the form as sent, with its errors, and saves nothing)."""
        if request.FILES:
            self.message_user(
                request,
                _("A new file cannot wait in a draft of a live item: publish to use it, or unpublish the item first."),
                messages.ERROR,
            )
            request._not_saving = True
            return None
        form, formsets = self._bound_forms(request, obj, request.POST, request.FILES)
        if not (form.is_valid() and all_valid(formsets)):
            return None
        # The draft keeps the text as typed, cleaned when it is published; the warning comes now.
        report_removed_markup(request, form, formsets)
        data = {name: request.POST.getlist(name) for name in request.POST if name not in NOT_KEPT}
        Draft.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            defaults={"data": data, "saved_by": request.user},
        )
        self.log_change(request, obj, _("Saved changes as a draft; the published version is unchanged."))
        self.message_user(
            request,
            _(
                "Your changes are saved as a draft: visitors still see the published version. "
                "Publish them when they are ready."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def _render_draft(self, request, object_id, draft, extra_context):
        """The change form filled with the draft's values: bound, as after a submission, but never
        saved (the form refuses to be valid) and with no errors shown (the draft was valid)."""
        bound = copy.copy(request)
        bound._post, bound._files, bound.method = draft.form_data(), MultiValueDict(), "POST"
        bound._not_saving = True
        return self._changeform_view(bound, object_id, "", extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        return never_saved(form_class) if getattr(request, "_not_saving", False) else form_class

    def save_model(self, request, obj, form, change):
        # "Save draft" keeps the status: a new item or a draft is a draft already, and the changes of a
        # published one wait in a Draft and never get here (see changeform_view).
        button = self._button(request)
        if button == PUBLISH:
            obj.publication_status = PublicationStatus.PUBLISHED
        elif button == UNPUBLISH:
            obj.publication_status = PublicationStatus.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj, button = form.instance, self._button(request)
        if button in (PUBLISH, UNPUBLISH):
            Draft.of(obj).delete()
            self._log_publishing(request, obj, obj.publication_status)

    def _check_button(self, request, obj):
        button = self._button(request)
        if button == PUBLISH and not self.has_publish_permission(request, obj):
            raise PermissionDenied
        if button == UNPUBLISH and not self.has_unpublish_permission(request, obj):
            raise PermissionDenied

    def save_form(self, request, form, change):
        self._check_button(request, form.instance if change else None)
        return super().save_form(request, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if self._button(request):
            return self._after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._button(request):
            return self._after_save(request, obj)
        return super().response_change(request, obj)

    def _after_save(self, request, obj):
        status = status_of(obj)
        if status.kind == "draft":
            text = _("Saved as a draft: not visible on the site.")
        elif status.kind == "live":
            text = _("Published: visible on the site now.")
        else:
            text = _("Published. %(status)s") % {"status": status.text}
        if self._button(request) == UNPUBLISH:
            text = _("Unpublished: no longer visible on the site.")
        self.message_user(request, text, messages.SUCCESS)
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(obj.pk)])
        return HttpResponseRedirect(url)

    # -- Preview -----------------------------------------------------------------------------------

    def preview_view(self, request, object_id=None):
        """The public page as the form would make it, rendered from the unsaved form, never stored."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and obj is None:
            raise PermissionDenied
        allowed = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        languages = dict(settings.LANGUAGES)
        language = request.POST.get("_preview_language")
        language = language if language in languages else translation.get_language()
        # Files chosen in the form are left out: a preview writes nothing, not even to storage.
        form, formsets = self._bound_forms(request, obj, request.POST, MultiValueDict())
        if not (form.is_valid() and all_valid(formsets)):
            context = {
                **self.admin_site.each_context(request),
                "title": _("The preview cannot be shown"),
                "form_errors": form.errors,
                "formset_errors": [error for formset in formsets for error in formset.errors if error]
                + [error for formset in formsets for error in formset.non_form_errors()],
                "opts": self.opts,
            }
            return TemplateResponse(request, "admin/publishing/preview_invalid.html", context)
        with transaction.atomic():
            new = form.save(commit=False)
            new.save()
            form.save_m2m()
            for formset in formsets:
                formset.instance = new
                formset.save()
            response = self._render_public_page(request, new, language)
            transaction.set_rollback(True)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def _render_public_page(self, request, obj, language):
        with translation.override(language):
            url = obj.get_absolute_url()
            try:
                match = resolve(url)
            except Resolver404:
                raise PermissionDenied from None
            page_request = copy.copy(request)
            page_request.method, page_request.path = "GET", url
            page_request.path_info = url
            page_request.GET = page_request.GET.copy()
            page_request.LANGUAGE_CODE = language
            page_request.showing_preview = True  # base.html's banner: a preview of unsaved changes
            response = match.func(page_request, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
