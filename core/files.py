"""Content files (photos, logos, documents) and their renditions: served only while their item is public,
and removed from storage once nothing refers to them.

Serving: pages link every content file and rendition to ``/files/<stored name>`` (``file_url``). The view
finds the row that holds the name (``owner_of``) and answers 404 unless that row is public (the one rule of
core.publishing; a row that is not published on its own, such as a library image, says with its own
``is_public`` when it is shown) or the user is staff allowed to view its model. The storage's own URL
(``/media/…`` or a bucket) must not be exposed for these directories.

Cleaning up: when a row is deleted or its file replaced, the old file is deleted after the transaction
commits (an admin preview saves inside a transaction and rolls back), and only when no row of any file
field and no saved revision (django-reversion's ``Version.serialized_data``) still names it. The
``delete_orphan_files`` command sweeps what is left over.
"""

import mimetypes
from functools import cache, reduce
from operator import or_
from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from .discovery import content_models

RENDITIONS_DIRECTORY = "renditions"


@cache
def content_file_fields():
    """(model, field) for every file or image field of the models public pages show."""
    return [
        (model, field)
        for model in content_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


@cache
def _all_file_fields():
    """Every concrete file field of every installed model: a name any of them holds is in use."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _upload_directory(field):
    """The storage directory ``field`` uploads to, from its ``upload_to``; "" when it does not say."""
    upload_to = field.upload_to
    directory = getattr(upload_to, "directory", None) or (upload_to if isinstance(upload_to, str) else "")
    return directory.strip("/")


def _field_directories(model, field):
    """Where the names ``field`` holds may start: its upload directory, and those its files were uploaded
    to before they moved to it (``earlier_upload_directories`` on the model, e.g. photos that moved into
    the image library keep their stored names)."""
    return (_upload_directory(field), *getattr(model, "earlier_upload_directories", ()))


def upload_directories():
    """The storage directories content uploads go to (from each field's ``upload_to``), and renditions'."""
    directories = {RENDITIONS_DIRECTORY} | {
        directory for model, field in content_file_fields() for directory in _field_directories(model, field)
    }
    return sorted(directories - {""})


def file_url(name):
    """The address pages use for a stored content file or rendition."""
    return reverse("content_file", kwargs={"path": name})


def source_of(name):
    """The original a rendition was made from ("renditions/<spec>/<original>.webp"), or ``name`` itself."""
    parts = name.split("/", 2)
    if len(parts) == 3 and parts[0] == RENDITIONS_DIRECTORY and parts[2].endswith(".webp"):
        return parts[2].removesuffix(".webp")
    return name


def _publication_parents(model):
    """The chain of publication parents ``is_public`` reads ("session__programme"), for select_related."""
    path = []
    while getattr(model, "publication_parent", None):
        path.append(model.publication_parent)
        model = model._meta.get_field(model.publication_parent).related_model
    return "__".join(path)


@cache
def _owner_lookups():
    return [
        (_field_directories(model, field), model, field.name, _publication_parents(model))
        for model, field in content_file_fields()
    ]


def owner_of(name):
    """The first content row whose file field holds ``name``, or None.

    Only the fields that upload to the name's directory are asked (every stored name starts with it),
    so a request costs one query, the row's publication parents joined for ``is_public``."""
    for directories, model, field_name, parents in _owner_lookups():
        if all(directories) and not any(name.startswith(f"{directory}/") for directory in directories):
            continue
        queryset = model._default_manager.filter(**{field_name: name})
        if parents:
            queryset = queryset.select_related(parents)
        row = queryset.first()
        if row is not None:
            return row
    return None


def _staff_may_view(user, row):
    opts = row._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


@require_safe
def serve_file(request, path):
    """A content file or rendition, if its row is public or the user is staff allowed to view it."""
    # No stored name holds a NUL character, and PostgreSQL refuses one in a query: not found, not an error.
    if not path or ".." in PurePosixPath(path).parts or path.startswith("/") or "\x00" in path:
        raise Http404
    row = owner_of(source_of(path))
    public = row is not None and getattr(row, "is_public", True)
    if row is None or not (public or _staff_may_view(request.user, row)):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    is_image = content_type.startswith("image/") and content_type != "image/svg+xml"
    response = FileResponse(
        handle, as_attachment=not is_image, filename=PurePosixPath(path).name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        response["Cache-Control"] = "public, max-age=3600"
    else:
        # A draft's file must not stay in a shared cache once the staff member has looked at it.
        response["Cache-Control"] = "private, no-store"
    return response


# --- Removing files nothing refers to ---------------------------------------------------------------


def _chunks(names, size):
    names = sorted(names)
    for start in range(0, len(names), size):
        yield names[start : start + size]


def referenced_names(names):
    """Those of ``names`` that a row of any file field, or a saved revision, still names: one query per
    file field and one scan of the revisions per few hundred names, however many names there are."""
    names = set(names)
    found = set()
    for model, field in _all_file_fields():
        for chunk in _chunks(names - found, 500):
            found.update(
                model._default_manager.filter(**{f"{field.name}__in": chunk}).values_list(field.name, flat=True)
            )
    if apps.is_installed("reversion"):
        from reversion.models import Version

        # The serialized row holds the name as a JSON string. Kept small: SQLite nests each OR a level deeper.
        for chunk in _chunks(names - found, 100):
            quoted = {name: f'"{name}"' for name in chunk}
            matching = reduce(or_, (Q(serialized_data__contains=text) for text in quoted.values()))
            for data in Version.objects.filter(matching).values_list("serialized_data", flat=True).iterator():
                found.update(name for name, text in quoted.items() if text in data)
    return found


def is_referenced(name):
    """Whether any row of any file field, or any saved revision, still names ``name``."""
    return name in referenced_names([name])


def rendition_names(name):
    """The stored renditions of ``name``, of every spec and focal point."""
    from .images import stored_rendition_names

    return stored_rendition_names(name)


def delete_if_unreferenced(name):
    """Delete ``name`` and its renditions from storage unless something still refers to it."""
    if not name or is_referenced(name):
        return False
    for stored in [name, *rendition_names(name)]:
        if default_storage.exists(stored):
            default_storage.delete(stored)
    return True


def _file_field_names(model):
    return [field.name for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _remember_old_files(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or not instance.pk:
        return
    # One query per save (an editor's, not a visitor's): by now the form has put the new file in place of
    # the old one, so the stored row is the only place its name is left.
    old = sender._default_manager.filter(pk=instance.pk).values(*_file_field_names(sender)).first() or {}
    instance._old_file_names = {field: value for field, value in old.items() if value}


def _delete_replaced_files(sender, instance, raw=False, **kwargs):
    old = getattr(instance, "_old_file_names", None)
    if raw or not old:
        return
    instance._old_file_names = {}
    for field, name in old.items():
        if getattr(instance, field).name != name:
            transaction.on_commit(lambda name=name: delete_if_unreferenced(name))


def _delete_files_of_deleted_row(sender, instance, **kwargs):
    for field in _file_field_names(sender):
        name = getattr(instance, field).name
        if name:
            transaction.on_commit(lambda name=name: delete_if_unreferenced(name))


def connect_signals():
    for model in {model for model, _field in content_file_fields()}:
        uid = f"wego-files-{model._meta.label_lower}"
        pre_save.connect(_remember_old_files, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_delete_replaced_files, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_delete_files_of_deleted_row, sender=model, dispatch_uid=f"{uid}-delete")
