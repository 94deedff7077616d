"""Full revisions of content in the admin, with django-reversion: history, compare, restore, the bin
of deleted items, and no edit lost to someone else's save.

- Every save in the admin keeps a revision of the whole item: every language's column, its inline
  rows (an office's staff contacts and milestones) and its many-to-many links, with who, when and
  the admin's change message. A content model is registered with reversion by its admin
  (``RevisionsAdmin``), following the relations of that admin's inlines and the link tables of its
  many-to-many fields, so a new inline is kept without a line here.
- The history page lists the revisions; any two can be compared field by field
  (``core.revision_diff``); any one can be restored as django-reversion's admin does it: the change
  form opens with that revision's data, and nothing is written until the editor saves it.
- A deleted item goes to its model's bin ("Deleted items") with its inline rows; Secretariat admins
  and superusers can bring it back.
- The change form remembers the revision it was opened at. A save over a newer revision (someone
  saved meanwhile) is refused before anything is written: the form comes back as the editor filled
  it, with who saved what and when, and the differences; the editor may then save over it on purpose.

Restoring and recovering write only the item's own rows (the item and the rows it follows), never
the other items a revision may hold (a bulk action keeps many items in one revision).
"""

import copy
from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from . import editing
from .publishing import PublicationStatus
from .revision_diff import Node, compare
from .roles import is_secretariat_admin

# The change form's hidden field: the latest version of the item when the form was opened.
OPENED = "_revision"
# The box an editor ticks to save over a newer revision; its value is the version they were shown.
SAVE_OVER = "_save_over"


# -- Registration: what a revision of an item holds -------------------------------------------------


@dataclass(frozen=True)
class Child:
    """Rows that a revision of ``parent`` keeps with it: an inline's rows, or a link table's."""

    follow: str  # the attribute reversion follows from the parent
    model: type
    key: str  # attname of the rows' key to the parent
    link_field: models.ManyToManyField | None = None  # for a link table: the parent's field it fills
    target_key: str = ""  # and the attname of its key to the other side


class _RowsOf:
    """The rows of ``model`` whose ``key`` points to the instance: something for reversion to follow
    where the relation has no accessor of its own (the link tables are declared with related_name="+")."""

    def __init__(self, model, key, target_attname):
        self.model, self.key, self.target_attname = model, key, target_attname

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return self.model._default_manager.filter(**{self.key: getattr(instance, self.target_attname)})


_children = {}  # model: {follow name: Child}


def translated_fields(model):
    """The names of ``model``'s translated fields (modeltranslation), whose language columns are kept."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _rows_child(parent, model, key_field, follow=None, link_field=None, target_key=""):
    accessor = None if key_field.remote_field.hidden else key_field.remote_field.get_accessor_name()
    follow = follow or accessor or f"_revision_rows_{model._meta.model_name}_{key_field.name}"
    if accessor is None and not hasattr(parent, follow):
        setattr(parent, follow, _RowsOf(model, key_field.attname, key_field.target_field.attname))
    return Child(follow, model, key_field.attname, link_field, target_key)


def _link_children(model):
    """The link tables of ``model``'s many-to-many fields with a through model: Django's serializer
    leaves those out of the row's own data, so their rows are kept beside it."""
    found = []
    for m2m in model._meta.concrete_model._meta.local_many_to_many:
        through = m2m.remote_field.through
        if through._meta.auto_created:
            continue  # stored in the row's own data
        source = through._meta.get_field(m2m.m2m_field_name())
        target = through._meta.get_field(m2m.m2m_reverse_field_name())
        found.append(_rows_child(model, through, source, link_field=m2m, target_key=target.attname))
    return found


def _inline_child(parent, inline):
    fks = [
        f
        for f in inline.model._meta.concrete_fields
        if f.many_to_one
        and issubclass(parent, f.remote_field.model)
        and (not inline.fk_name or f.name == inline.fk_name)
    ]
    return _rows_child(parent, inline.model, fks[0]) if fks else None


def register(model, children=()):
    """Register ``model`` with reversion, keeping ``children`` (and its link tables' rows) with it.
    Called again with more children (a model shown as an inline before its own admin is made), it
    registers again with all of them."""
    known = _children.setdefault(model, {})
    wanted = {child.follow: child for child in [*_link_children(model), *children]}
    if reversion.is_registered(model) and wanted.keys() <= known.keys():
        return
    known.update(wanted)
    for child in known.values():
        if child.link_field is not None and not reversion.is_registered(child.model):
            reversion.register(child.model)
    if reversion.is_registered(model):
        reversion.unregister(model)
    originals = translated_fields(model)
    opts = model._meta.concrete_model._meta
    fields = [f.name for f in [*opts.local_fields, *opts.local_many_to_many] if f.name not in originals]
    reversion.register(model, fields=fields, follow=tuple(known))


def register_admin(model, inlines):
    """Register an admin's model and its inlines' models, the first following the others."""
    children = [child for child in (_inline_child(model, inline) for inline in inlines) if child is not None]
    for child in children:
        register(child.model)
    register(model, children)


# -- Reading revisions ------------------------------------------------------------------------------


def versions_of(model, object_id):
    return Version.objects.get_for_object_reference(model, str(object_id))


def latest_version_id(model, object_id):
    return versions_of(model, object_id).order_by("-pk").values_list("pk", flat=True).first()


def tree(version):
    """The item of ``version`` and the rows it keeps with it in that revision, as a ``Node`` tree."""
    by_model = {}
    for other in Version.objects.filter(revision_id=version.revision_id).exclude(pk=version.pk):
        by_model.setdefault(other._model, []).append(other)

    def node_of(version, model, parent_key=""):
        node = Node(version, model, parent_key)
        for child in _children.get(model, {}).values():
            for row in by_model.get(child.model, []):
                if str(row.field_dict.get(child.key)) != version.object_id:
                    continue
                if child.link_field is not None:
                    node.links.setdefault(child.link_field.name, []).append(row.field_dict.get(child.target_key))
                    node.link_versions.append(row)
                else:
                    node.children.append(node_of(row, child.model, child.key))
        return node

    return node_of(version, version._model)


def differences(old_version, new_version):
    return compare(tree(old_version), tree(new_version), translated_fields)


def _current_rows(obj):
    """The item and the rows it keeps with it, as they are now."""
    found = [obj]
    for child in _children.get(type(obj), {}).values():
        for row in getattr(obj, child.follow).all():
            found.extend(_current_rows(row) if child.link_field is None else [row])
    return found


def _missing_dependency(version, restoring):
    """A key of ``version``'s row that points to a row that no longer exists (and is not being
    restored with it): such a row cannot come back."""
    model = version._model
    for model_field in model._meta.concrete_fields:
        if not model_field.many_to_one:
            continue
        value = version.field_dict.get(model_field.attname)
        if value is None or (model_field.related_model, str(value)) in restoring:
            continue
        if not model_field.related_model._base_manager.filter(**{model_field.target_field.attname: value}).exists():
            return model_field
    return None


def revert_item(version, delete_newer=True):
    """Write back the item of ``version`` and the rows kept with it, parents before children; with
    ``delete_newer``, delete the rows it has now that the revision did not hold. Other items in the
    same revision are left alone. Returns the rows that could not come back (their other side is gone)."""
    root = tree(version)
    nodes = list(root.walk())
    restoring = {(node.model, node.version.object_id) for node in nodes}
    obj = root.model._base_manager.filter(pk=version.object_id).first()
    if delete_newer and obj is not None:
        collector = Collector(using=version.db)
        kept = restoring | {(row._model, row.object_id) for node in nodes for row in node.link_versions}
        newer = [row for row in _current_rows(obj) if (type(row), str(row.pk)) not in kept]
        for row in newer:
            collector.collect([row])
        collector.delete()
    skipped = []
    for node in nodes:
        if _missing_dependency(node.version, restoring) is not None:
            if node is root:
                raise RevertError(
                    _("“%(name)s” cannot come back: a row it belongs to was deleted.")
                    % {"name": root.version.object_repr}
                )
            skipped.append(node.version)
            continue
        node.version.revert()
        for row in node.link_versions:
            if _missing_dependency(row, restoring) is None:
                row.revert()
            else:
                skipped.append(row)
    return skipped


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=True)


# -- The admin --------------------------------------------------------------------------------------


@dataclass
class Conflict:
    """Someone saved the item after this editor opened it."""

    opened: object  # the version the editor opened (None if the item had no revision then)
    current: object  # the latest version
    comparison: object  # core.revision_diff.Comparison, or None

    def who(self):
        return editing.person(self.current.revision.user)

    def when(self):
        return editing.when(self.current.revision.date_created)


class _RolledBack(Exception):
    def __init__(self, response):
        self.response = response


def may_recover(request):
    """Bringing deleted items back is for Secretariat admins and superusers only."""
    return is_secretariat_admin(request.user)


class RevisionsAdmin(VersionAdmin):
    """The ModelAdmin side of revisions (see the module's docstring). First among the bases:
    ``class CityAdmin(RevisionsAdmin, TabbedTranslationAdmin)``."""

    change_list_template = "admin/revisions/change_list.html"
    history_per_page = 50

    def __init__(self, model, admin_site):
        # Before VersionAdmin's own registration, which would follow the inlines but not their
        # inlines' (a session's topics under a programme) nor any link table.
        register_admin(model, self.inlines)
        super().__init__(model, admin_site)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        compare_view = self.admin_site.admin_view(self.compare_view)
        own = [path("<path:object_id>/history/compare/", compare_view, name=f"{name}_compare")]
        return own + super().get_urls()

    def _versions(self, pk):
        return versions_of(self.model, pk)

    # -- Saving ------------------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            self._keep_first_state(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def _keep_first_state(self, request, object_id):
        """An item saved for the first time since revisions were kept (seed content) gets a first
        revision of how it was, so that its first change can be compared and undone."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_change_permission(request, obj) or self._versions(obj.pk).exists():
            return
        with reversion.create_revision():
            reversion.set_comment(_("As it was before its first change kept in the history."))
            reversion.add_to_revision(obj)
        request._revisions_first_state = latest_version_id(self.model, obj.pk)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """On POST, first of all: refuse to save over a revision newer than the one the form was
        opened at, whatever button was pressed."""
        if request.method == "POST" and object_id and OPENED in request.POST:
            obj = self.get_object(request, unquote(object_id))
            conflict = self._conflict(request, obj) if obj is not None else None
            if conflict is not None:
                request._revisions_conflict = conflict
                extra_context = {**(extra_context or {}), "revisions_conflict": conflict}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _conflict(self, request, obj):
        latest = self._versions(obj.pk).select_related("revision__user").order_by("-pk").first()
        opened = request.POST.get(OPENED, "")
        opened_id = int(opened) if opened.isdigit() else 0
        first_state = getattr(request, "_revisions_first_state", None)
        if latest is None or latest.pk in (opened_id, first_state):
            return None
        if request.POST.get(SAVE_OVER) == str(latest.pk):
            return None  # saved over on purpose, having been shown that version
        versions = self._versions(obj.pk)
        # Opened before the item had any revision: the first one kept is how it was then (kept by a
        # later request, e.g. when a draft of changes was saved from that form).
        opened_version = versions.filter(pk=opened_id).first() if opened_id else versions.order_by("pk").first()
        if opened_version is not None and opened_version.pk == latest.pk:
            return None
        comparison = differences(opened_version, latest) if opened_version and opened_version != latest else None
        return Conflict(opened_version, latest, comparison)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        # Someone else saved first: the form is checked and shown again, never saved.
        return form_class if getattr(request, "_revisions_conflict", None) is None else editing.never_saved(form_class)

    def save_model(self, request, obj, form, change):
        request._revisions_saved = True
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        """Several messages of one save (the change, then "Published.") all go into its revision."""
        before = reversion.get_comment() if reversion.is_active() else ""
        entry = super().log_change(request, obj, message)
        if before and reversion.is_active():
            text = entry.get_change_message()
            # "No fields changed." after another message says nothing.
            reversion.set_comment(before if not message or text in before else f"{before} {text}")
        return entry

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            posted = request.POST.get(OPENED, "") if request.method == "POST" else ""
            latest = latest_version_id(self.model, obj.pk)
            context["revisions"] = {
                "opened": posted if posted.isdigit() else (latest or 0),
                # A form that comes back (errors, someone else's save) holds what the editor typed; a
                # restored revision is not saved either.
                "unsaved": bool(context.get("errors"))
                or "revisions_conflict" in context
                or "revisions_restoring" in context,
            }
        response = super().render_change_form(request, context, add, change, form_url, obj)
        # Around whichever change form the admin uses (the publishing buttons' one), not instead of it.
        response.context_data["revisions_base"] = select_template(
            [response.template_name] if isinstance(response.template_name, str) else response.template_name
        )
        response.template_name = "admin/revisions/change_form.html"
        return response

    # -- Deleting ----------------------------------------------------------------------------------

    def _keep_before_deleting(self, request, obj):
        """A revision of the item as it is deleted, with its rows: what its bin entry brings back
        (also for an item never saved in the admin)."""
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("As it was when it was deleted."))
            reversion.add_to_revision(obj)

    def delete_model(self, request, obj):
        self._keep_before_deleting(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._keep_before_deleting(request, obj)  # one revision each: each comes back alone
        super().delete_queryset(request, queryset)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # Outside VersionAdmin's revision of the list: one around it would swallow the revisions
            # kept of each deleted item, and drop them with the items.
            return super(VersionAdmin, self).changelist_view(request, extra_context)
        return super().changelist_view(request, extra_context)

    # -- History and compare -----------------------------------------------------------------------

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist: it may have been deleted."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _admin_context(self, request, title):
        """What every page of this module shows around its own content: the admin's frame."""
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "module_name": capfirst(self.opts.verbose_name_plural),
        }

    def _page_context(self, request, obj, title):
        return {
            **self._admin_context(request, title),
            "object": obj,
            "history_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[quote(obj.pk)]),
            "has_change_permission": self.has_change_permission(request, obj),
        }

    def history_view(self, request, object_id, extra_context=None):
        """The item's revisions, newest first: who, when, what changed; pick two to compare, or one
        to restore. Below, everything the admin's log recorded of the item."""
        obj = self._object_or_404(request, object_id)
        versions = self._versions(obj.pk).select_related("revision__user").order_by("-pk")
        page = Paginator(versions, self.history_per_page).get_page(request.GET.get("p"))
        log = [
            {
                "when": editing.when(entry.action_time),
                "who": editing.person(entry.user),
                "message": entry.get_change_message(),
            }
            for entry in LogEntry.objects.filter(content_type=_content_type(self.model), object_id=str(obj.pk))
            .select_related("user")
            .order_by("-action_time")[:100]
        ]
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        may_change = self.has_change_permission(request, obj)
        rows = []
        for index, version in enumerate(page):
            newest = page.number == 1 and index == 0
            rows.append(
                {
                    **self._described(version),
                    # The newest is the item as it is: nothing to restore.
                    "restore_url": reverse(f"{info}_revision", args=[quote(obj.pk), version.pk])
                    if may_change and not newest
                    else "",
                    "pick": {0: "to", 1: "from"}.get(index) if page.number == 1 else None,
                }
            )
        context = {
            **self._page_context(request, obj, _("Change history: %s") % obj),
            "rows": rows,
            "page_obj": page,
            "compare_url": reverse(f"{info}_compare", args=[quote(obj.pk)]),
            "log": log,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/revisions/object_history.html", context)

    def compare_view(self, request, object_id):
        """Two revisions of the item side by side: each field and inline row that differs."""
        obj = self._object_or_404(request, object_id)
        versions = self._versions(obj.pk).select_related("revision__user")
        try:
            chosen = sorted(int(request.GET[name]) for name in ("from", "to"))
        except (KeyError, ValueError):
            raise Http404(_("Choose two revisions to compare.")) from None
        old = get_object_or_404(versions, pk=chosen[0])
        new = get_object_or_404(versions, pk=chosen[1])
        context = {
            **self._page_context(request, obj, _("Compare revisions: %(name)s") % {"name": obj}),
            "old": self._described(old),
            "new": self._described(new),
            "comparison": differences(old, new),
        }
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def _described(self, version):
        revision = version.revision
        return {
            "version": version,
            "who": editing.person(revision.user) if revision.user_id else "",
            "when": editing.when(revision.date_created),
            "comment": revision.get_comment(),
        }

    # -- Restoring a revision ----------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """The change form with the data of an earlier revision, for the editor to save (or not)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist: restore it from the deleted items."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(obj.pk).select_related("revision__user"), pk=version_id)
        restoring = self._described(version)
        context = {
            "title": _("Restore %(name)s") % {"name": obj},
            "revisions_restoring": restoring,
            **(extra_context or {}),
        }
        if request.method == "POST" and self._keeps_rows(request, obj):
            # A draft of changes of a live item (core.editing) keeps the item's rows as they are:
            # the restored data waits in the draft like any other change.
            return self.changeform_view(request, quote(str(obj.pk)), request.path, context)
        try:
            return self._restore(request, obj, version, restoring, context)
        except (RevertError, models.ProtectedError, IntegrityError) as error:
            self.message_user(
                request, _("This revision cannot be restored: %(error)s") % {"error": error}, messages.ERROR
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[quote(obj.pk)])
            )

    def _keeps_rows(self, request, obj):
        return (
            editing.SAVE_DRAFT in request.POST
            and getattr(obj, "publication_status", None) == PublicationStatus.PUBLISHED
        )

    def _restore(self, request, obj, version, restoring, context):
        """As django-reversion's admin: write the revision back and run the change form in one
        transaction; keep it only when the form saved the item, else roll it all back."""
        form_request = request
        if request.method == "GET":
            # The rows as restored, even when a draft of changes waits (core.editing shows that first).
            form_request = copy.copy(request)
            form_request.GET = request.GET.copy()
            form_request.GET["live"] = "1"
        # Signals stay connected (unlike django-reversion's admin, which mutes them for every thread
        # while a form opens): the rolled-back writes cost one needless page cache refresh at most.
        request._revisions_saved = False
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                revert_item(version)
                with self.create_revision(request):
                    response = self.changeform_view(form_request, quote(str(obj.pk)), request.path, context)
                    if request.method == "POST" and response.status_code == 302 and request._revisions_saved:
                        message = (
                            _("Restored the revision of %(when)s by %(who)s.") % restoring
                            if restoring["who"]
                            else _("Restored the revision of %(when)s.") % restoring
                        )
                        reversion.set_comment(f"{message} {reversion.get_comment()}".strip())
                        self.log_change(request, obj, message)
                        if response.get("Location") == request.path:  # "Save and continue": the form, not the restore
                            response["Location"] = reverse(
                                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(obj.pk)]
                            )
                        return response
                    if hasattr(response, "render"):
                        response.render()  # now, while the restored rows are there to be read
                    raise _RolledBack(response)
        except _RolledBack as rolled_back:
            return rolled_back.response

    # -- The bin -----------------------------------------------------------------------------------

    def recoverlist_view(self, request, extra_context=None):
        """The model's deleted items, latest first: what, when and by whom; a way back for those who
        may bring them back."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        deleted = Version.objects.get_deleted(self.model).select_related("revision__user").order_by("-pk")
        page = Paginator(deleted, 50).get_page(request.GET.get("p"))
        deletions = {
            entry.object_id: entry
            for entry in LogEntry.objects.filter(
                content_type=_content_type(self.model),
                action_flag=DELETION,
                object_id__in=[version.object_id for version in page],
            )
            .select_related("user")
            .order_by("action_time")
        }
        recover = may_recover(request) and self.has_add_permission(request)
        info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        rows = [
            {
                "name": version.object_repr,
                "deleted": self._deletion(deletions.get(version.object_id)),
                "saved_when": editing.when(version.revision.date_created),
                "url": reverse(f"{info}_recover", args=[version.pk]) if recover else "",
            }
            for version in page
        ]
        context = {
            **self._admin_context(request, _("Deleted %(name)s") % {"name": self.opts.verbose_name_plural}),
            "rows": rows,
            "page_obj": page,
            "may_recover": recover,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/revisions/deleted_items.html", context)

    def _deletion(self, entry):
        return entry and {"when": editing.when(entry.action_time), "who": editing.person(entry.user)}

    def recover_view(self, request, version_id, extra_context=None):
        """Bring a deleted item back with its rows, after the editor confirms."""
        if not (may_recover(request) and self.has_add_permission(request)):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_deleted(self.model).select_related("revision__user"), pk=version_id
        )
        root = tree(version)
        rows = {}
        for node in list(root.walk())[1:]:
            rows.setdefault(capfirst(str(node.model._meta.verbose_name_plural)), []).append(node.version.object_repr)
        deleted = (
            LogEntry.objects.filter(
                content_type=_content_type(self.model), object_id=version.object_id, action_flag=DELETION
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        if request.method == "POST":
            return self._recover(request, version, rows, deleted)
        context = {
            **self._admin_context(request, _("Restore “%(name)s”") % {"name": version.object_repr}),
            "version": version,
            "rows": rows,
            "deleted": self._deletion(deleted),
            "bin_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_recoverlist"),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/revisions/recover.html", context)

    def _recover(self, request, version, rows, deleted):
        bin_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_recoverlist")
        try:
            with transaction.atomic(using=router.db_for_write(self.model)), self.create_revision(request):
                skipped = revert_item(version, delete_newer=False)
                obj = self.model._base_manager.get(pk=version.object_id)
                parts = [_("Restored from the deleted items.")]
                if deleted is not None:
                    parts.append(
                        _("It had been deleted by %(who)s on %(when)s.")
                        % {"who": editing.person(deleted.user), "when": editing.when(deleted.action_time)}
                    )
                if rows:
                    parts.append(
                        _("With: %(rows)s.")
                        % {"rows": "; ".join(f"{title}: {len(names)}" for title, names in rows.items())}
                    )
                self.log_addition(request, obj, " ".join(parts))
        except (RevertError, IntegrityError, ObjectDoesNotExist) as error:
            self.message_user(request, _("It cannot be restored: %(error)s") % {"error": error}, messages.ERROR)
            return HttpResponseRedirect(bin_url)
        self.message_user(request, _("“%(name)s” is back, with its rows.") % {"name": obj}, messages.SUCCESS)
        if skipped:
            names = get_text_list([row.object_repr for row in skipped], _("and"))
            self.message_user(
                request,
                _("These rows could not come back, what they point to was deleted: %(names)s.") % {"names": names},
                messages.WARNING,
            )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(obj.pk)])
        )
