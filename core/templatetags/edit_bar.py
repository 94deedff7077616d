"""The staff bar: on a public page, a link to the record the page shows, in the back office.

``{% edit_bar %}`` (base.html, right after the skip link) renders ``includes/edit_bar.html`` for a
signed-in member of staff, and nothing at all for anyone else. The record is the first model instance
the page's context names under one of RECORD_KEYS:

- ``edit_object``: set by a view when the names below miss its record or name another one; set to
  None, it says the page has no single record.
- ``object``: what a DetailView shows (an office, a programme, a session, a call for bids).
- ``page``: the section page of ``pages.views.SectionPageMixin`` (home, the section lists, contact).

The bar links to the record's change form when the admin lets this user view or change it, and to
the list of its model; otherwise, and on pages without a record, to the admin's index.

Why it never reaches a visitor: a request without a session cookie gets an empty string before
anything is read, so an anonymous page is byte for byte what it was, with no extra query and no
``Vary: Cookie``. A request with one never reaches the page cache (core.cache bypasses it and marks
what a signed-in user gets ``Cache-Control: private, no-store``), so the bar is never stored for
anyone else either.
"""

from django import template
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()

# Where a page's context names its record, in order of precedence (see the module's docstring).
RECORD_KEYS = ("edit_object", "object", "page")


@register.simple_tag(takes_context=True)
def edit_bar(context):
    """The staff bar for this page, or "" for anyone who may not use the back office."""
    request = context.get("request")
    if not _shows_bar(request, context):
        return ""
    bar = {
        "language": get_language_info(get_language())["name_translated"],
        "index_url": reverse(f"{admin.site.name}:index"),
        **_record_links(request, *_record(context)),
    }
    # Rendered here rather than by an inclusion tag: for visitors the tag must add not even a newline.
    return context.template.engine.get_template("includes/edit_bar.html").render(context.new({"bar": bar}))


def _shows_bar(request, context):
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # nobody is signed in without a session: read nothing, query nothing
    if context.get("error_page") or getattr(request, "showing_preview", False):
        # Error pages may be rendered with the database away; a preview of unsaved changes is opened
        # from the change form itself, and its banner takes the bar's place.
        return False
    return admin.site.has_permission(request)  # active staff, as the admin itself asks


def _record(context):
    """(the record the page shows, the context key that named it), or (None, None)."""
    if "edit_object" in context:
        found = context["edit_object"]
        return (found, "edit_object") if isinstance(found, models.Model) else (None, None)
    for key in RECORD_KEYS[1:]:
        if isinstance(context.get(key), models.Model):
            return context[key], key
    return None, None


def _record_links(request, record, key):
    """The links to ``record`` in the admin that ``request``'s user may follow; {} for none."""
    if record is None or not admin.site.is_registered(type(record)):
        return {}
    model_admin = admin.site.get_model_admin(type(record))
    opts = record._meta
    links = {}
    list_url = _admin_url(opts, "changelist")
    if list_url and model_admin.has_view_permission(request):
        # Translators: a link to the admin's list of a model, e.g. "All Regional Offices", "All programmes".
        links["list"] = {"url": list_url, "label": _("All %(things)s") % {"things": opts.verbose_name_plural}}
    can_change = model_admin.has_change_permission(request, record)
    change_url = _admin_url(opts, "change", quote(record.pk)) if record.pk is not None else None
    if change_url and (can_change or model_admin.has_view_permission(request, record)):
        if key == "page":  # a section page is the page itself: staff know it as "this page"
            label = _("Edit this page") if can_change else _("View this page")
        elif can_change:
            # Translators: a link to a record in the admin, e.g. "Edit this Regional Office", "Edit this session".
            label = _("Edit this %(thing)s") % {"thing": opts.verbose_name}
        else:
            # Translators: as "Edit this %(thing)s", for staff who may only look at the record.
            label = _("View this %(thing)s") % {"thing": opts.verbose_name}
        if get_language() != settings.LANGUAGE_CODE:
            # The change form opens at the tabs of the page's language (static/js/admin-translation.js).
            change_url += f"#translate-{get_language()}"
        links["record"] = {"url": change_url, "label": label}
    return links


def _admin_url(opts, view, *args):
    try:
        return reverse(f"{admin.site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:  # an admin without that screen
        return None
