"""Uploads that forgive: a file chosen in a form that comes back with an error elsewhere is kept, so
nobody has to choose it again.

Browsers never send a chosen file twice: a form shown again with its errors has an empty file input.
So when a bound form is invalid, each file field whose own upload passed its checks is *held*: written
to the default storage (local disk or S3, so any app instance can take it back) under a name nobody
can guess, "held/<random>/<name>". The form comes back with a hidden input carrying a signed token and
the sentence "Kept: report.pdf (1.2 MB). Choose another file to replace it." On the next submission
an empty file input with a valid token takes the held file back, exactly as if it had been chosen
again; a newly chosen file replaces it.

The token is signed (``django.core.signing``) with a salt that names the form, the field and the person
(a staff account, a session, a bid space's link), so a token copied into another person's form does not
verify, and it expires after ``HELD_UPLOAD_MINUTES`` (60 by default). A token that is expired, tampered
with or someone else's gives the field a calm error asking to choose the file again, never an error page.

Held files are never served: "held/" is no content directory (core.files), so neither ``/files/`` nor
``/media/`` answers for them. A held file is deleted when it is taken back; one never taken back is
deleted by a task queued when it was held, to run once the limit has passed (``manage.py
delete_held_files`` sweeps any that a lost task left behind).

Use ``HoldsUploads`` first among a form's bases, with ``held_for`` naming the person; in the admin,
``HoldsUploadsAdmin`` and ``HoldsUploadsInline`` do it for the change form and its inlines.
"""

import contextlib
import logging
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .uploads import UnguessablePath, human_size

logger = logging.getLogger(__name__)

HELD_DIRECTORY = "held"
# The hidden input beside a file input "file" is "file__held" (no model field name has "__").
INPUT_SUFFIX = "__held"
_SALT = "core.held_files"
_held_path = UnguessablePath(HELD_DIRECTORY)

NOT_KEPT_MESSAGE = _("The file you chose earlier is no longer kept. Choose it again.")


def limit():
    """How long a held file can be taken back: ``HELD_UPLOAD_MINUTES``."""
    return timedelta(minutes=settings.HELD_UPLOAD_MINUTES)


def token_input_name(html_name):
    return f"{html_name}{INPUT_SUFFIX}"


def scope(form_name, held_for, html_name):
    """What a token is bound to: which form, whose, which field."""
    return f"{form_name}|{held_for}|{html_name}"


class NotKept(Exception):
    """The held file cannot be taken back: the token expired, was tampered with or is someone else's,
    or the file is gone."""


@dataclass(frozen=True)
class HeldFile:
    """A held upload as its form shows it: the token for the hidden input, and the name and size."""

    token: str
    name: str
    size: int

    @property
    def size_display(self):
        return human_size(self.size)


def hold(upload, scope):
    """Write ``upload`` to storage under a private name; the token that takes it back within ``scope``."""
    path = default_storage.save(_held_path(None, upload.name), upload)
    forget_held_file.using(run_after=timezone.now() + limit()).enqueue(path)
    payload = {"path": path, "name": upload.name, "type": getattr(upload, "content_type", None) or ""}
    return HeldFile(signing.dumps(payload, salt=f"{_SALT}:{scope}"), upload.name, upload.size)


def _remove(path):
    default_storage.delete(path)
    # On local disk its random directory would stay behind, empty; object stores have no directories.
    with contextlib.suppress(OSError):
        default_storage.delete(path.rpartition("/")[0])


def _remove_quietly(path):
    """``_remove`` for a request: a file storage cannot delete now is left to the task queued with it
    (or to ``delete_held_files``), not turned into an error page."""
    try:
        _remove(path)
    except Exception:
        logger.exception("A held file could not be deleted; the task queued with it will try again")


@task()
def forget_held_file(path):
    """Delete a held file once nobody can take it back; gone already when it was taken back."""
    if path.startswith(f"{HELD_DIRECTORY}/") and default_storage.exists(path):
        _remove(path)


def _verified_path(token, scope, max_age=None):
    try:
        payload = signing.loads(token, salt=f"{_SALT}:{scope}", max_age=max_age)
        path = payload["path"]
    except (signing.BadSignature, KeyError, TypeError) as error:
        raise NotKept from error
    if not path.startswith(f"{HELD_DIRECTORY}/"):
        raise NotKept
    return payload, path


def take(token, scope):
    """The held file as a new upload (copied out of storage, then deleted there), or ``NotKept``."""
    payload, path = _verified_path(token, scope, max_age=limit())
    # In memory while small, on local disk beyond, as Django keeps uploads; it becomes the upload, so
    # it stays open after this function.
    copy = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    try:
        with default_storage.open(path, "rb") as held:
            for chunk in held.chunks():
                copy.write(chunk)
    except OSError as error:  # gone: taken back already, or deleted by delete_held_files
        copy.close()
        raise NotKept from error
    except Exception as error:
        # Storage that fails otherwise (an object store out of reach): the person chooses the file
        # again, as when it is gone, rather than meeting an error page.
        copy.close()
        logger.exception("A held file could not be taken back")
        raise NotKept from error
    size = copy.tell()
    copy.seek(0)
    _remove_quietly(path)
    return UploadedFile(copy, name=payload["name"], content_type=payload["type"] or None, size=size)


def discard(token, scope):
    """Delete the file a token holds, if the token is good: a newly chosen file replaced it."""
    try:
        _payload, path = _verified_path(token, scope)
    except NotKept:
        return
    _remove_quietly(path)


def take_back(data, files, scope_of, html_names=None):
    """``files`` with each held file of ``data``'s tokens put back where its input came empty, and the
    names of the inputs whose token was refused.

    ``scope_of(html_name)`` is the scope the token must have been made for; ``html_names`` limits the
    inputs looked at (a form's own file fields). ``files`` itself is never changed."""
    taken, refused = None, set()
    for key in list(data):
        if not key.endswith(INPUT_SUFFIX):
            continue
        html_name = key.removesuffix(INPUT_SUFFIX)
        token = data.get(key)
        if not token or (html_names is not None and html_name not in html_names):
            continue
        if files.get(html_name):
            discard(token, scope_of(html_name))
            continue
        try:
            upload = take(token, scope_of(html_name))
        except NotKept:
            refused.add(html_name)
            continue
        if taken is None:
            taken = files.copy()
        taken[html_name] = upload
    return (files if taken is None else taken), refused


def delete_expired(now=None):
    """Delete held files older than the limit, which no token can take back any more; their names."""
    cutoff = (now or timezone.now()) - limit()
    deleted = []
    try:
        directories, _files = default_storage.listdir(HELD_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        return deleted
    for directory in directories:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            for name in default_storage.listdir(f"{HELD_DIRECTORY}/{directory}")[1]:
                path = f"{HELD_DIRECTORY}/{directory}/{name}"
                if default_storage.get_modified_time(path) < cutoff:
                    _remove(path)
                    deleted.append(path)
    return deleted


# --- Forms ------------------------------------------------------------------------------------------


class HeldUploadBoundField(BoundField):
    """A file field that shows, after its input, what is held for it (the sentence and the token)."""

    @property
    def held(self):
        return self.form.held.get(self.name)

    @property
    def aria_describedby(self):
        described = super().aria_describedby
        if self.held is None or described is None or not self.auto_id:
            return described
        return f"{described} {self.auto_id}_held".strip()

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.held is not None:
            # An empty input is the point now: the browser must not refuse to send the form without it.
            attrs.pop("required", None)
        return attrs

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        html = super().as_widget(widget, attrs, only_initial)
        if self.held is None or only_initial:
            return html
        context = {
            "held": self.held,
            "input_name": token_input_name(self.html_name),
            "id": f"{self.auto_id}_held" if self.auto_id else "",
        }
        return html + render_to_string("includes/held_file.html", context)


class HoldsUploads:
    """A form mixin (first among the bases) that keeps chosen files across a form shown again.

    ``held_for`` names the person, so that nobody else can take their file: a view passes it (the
    session key, a bid space's access); the admin mixins set it to the staff account. A bound form
    without it is a mistake in the code, and says so. ``held`` maps each field name to its
    ``HeldFile`` once held.
    """

    bound_field_class = HeldUploadBoundField
    held_for = ""
    # Which form, in the tokens: the model for a model form (the admin builds a new class per
    # request), else the class.
    held_form_name = ""
    # False where the caller takes held files back itself, before the form exists (the admin does, so
    # that its publishing workflow sees them as chosen), telling the form which it could not.
    takes_held_files = True
    held_files_refused = frozenset()

    def __init__(self, *args, held_for=None, **kwargs):
        super().__init__(*args, **kwargs)
        if held_for is not None:
            self.held_for = held_for
        self.held = {}
        if not self.is_bound:
            self._refused = set()
            return
        if not self.held_for:
            # A token bound to nobody would give the file to whoever sends it back (a visitor without a
            # session yet has no session key to name them by).
            raise ImproperlyConfigured(f"{type(self).__name__} holds uploads: give it held_for, naming the person.")
        by_html_name = {self.add_prefix(name): name for name in self._file_fields()}
        refused = set(self.held_files_refused) & set(by_html_name)
        if self.takes_held_files:
            self.files, more = take_back(self.data, self.files, self._scope_of, html_names=set(by_html_name))
            refused |= more
        self._refused = {by_html_name[html_name] for html_name in refused}

    def _file_fields(self):
        return [
            name for name, field in self.fields.items() if isinstance(field, forms.FileField) and not field.disabled
        ]

    def _form_name(self):
        if self.held_form_name:
            return self.held_form_name
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is not None:
            return model._meta.label_lower
        return f"{type(self).__module__}.{type(self).__qualname__}"

    def _scope_of(self, html_name):
        return scope(self._form_name(), self.held_for, html_name)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self._refused:
            # The held file is what the person chose: asking for it again says more than "required".
            if self.has_error(name, "required"):
                del self._errors[name]
            self.add_error(name, ValidationError(NOT_KEPT_MESSAGE, code="held_file_not_kept"))
        if self._errors:
            self.hold_uploads()

    def hold_uploads(self):
        """Hold each newly chosen file that passed its own checks, unless held already.

        Called when the form is invalid; the admin calls it too when the form is valid but shown again
        (an inline's error, a refused draft)."""
        cleaned = getattr(self, "cleaned_data", {})
        for name in self._file_fields():
            upload = cleaned.get(name)
            if name in self.held or not isinstance(upload, UploadedFile) or self.has_error(name):
                continue
            try:
                self.held[name] = hold(upload, self._scope_of(self.add_prefix(name)))
            except Exception:
                # Keeping the file is a convenience: when storage fails the person chooses it again.
                logger.exception("A chosen file could not be held for the form shown again")


# --- The admin --------------------------------------------------------------------------------------


def _admin_form(form_class, request, form_name):
    """``form_class`` holding uploads for this staff member; the admin takes held files back itself."""
    attrs = {
        "held_form_name": form_name,
        "held_for": f"user-{request.user.pk}",
        "takes_held_files": False,
        "held_files_refused": frozenset(getattr(request, "held_files_refused", ())),
    }
    bases = (form_class,) if issubclass(form_class, HoldsUploads) else (HoldsUploads, form_class)
    return type(form_class.__name__, bases, attrs)


class HoldsUploadsAdmin:
    """A ModelAdmin mixin (before ``admin.ModelAdmin`` and any base that overrides ``changeform_view``):
    the change form and its inlines keep chosen files when they come back with an error.

    Held files are taken back before the change form's view runs, into ``request.FILES``, so everything
    after it (the publishing workflow's rule that a new file cannot wait in a draft, the inlines) treats
    them as chosen again; a preview, which leaves chosen files out, leaves held ones out too. Tokens are
    bound to this admin's form and the staff account. Give the inlines ``HoldsUploadsInline``."""

    def get_form(self, request, obj=None, **kwargs):
        return _admin_form(super().get_form(request, obj, **kwargs), request, f"admin:{self.opts.label_lower}")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            form_name, held_for = f"admin:{self.opts.label_lower}", f"user-{request.user.pk}"
            files, refused = take_back(
                request.POST, request.FILES, lambda html_name: scope(form_name, held_for, html_name)
            )
            # HttpRequest has no setter for FILES; core.editing binds its drafts the same way.
            request._files = files
            request.held_files_refused = refused
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            inline_forms = [form for inline in context.get("inline_admin_formsets", []) for form in inline.formset]
            for form in [context["adminform"].form, *inline_forms]:
                if isinstance(form, HoldsUploads):
                    form.hold_uploads()
        return super().render_change_form(request, context, add, change, form_url, obj)


class HoldsUploadsInline:
    """An inline's mixin (before its base). It holds files only inside an admin with
    ``HoldsUploadsAdmin``, which takes them back: elsewhere a kept file would never be used."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        site = self.admin_site
        if site.is_registered(self.parent_model) and isinstance(
            site.get_model_admin(self.parent_model), HoldsUploadsAdmin
        ):
            formset.form = _admin_form(formset.form, request, f"admin:{self.parent_model._meta.label_lower}")
        return formset
