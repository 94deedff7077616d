from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.db.models import BLANK_CHOICE_DASH
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core import sections
from core.admin import PublishableAdmin, in_every_language
from core.editing import UNPUBLISH
from core.publishing import PublicationStatus
from library.admin import ChoosesImages, chosen_image_preview

from .models import Page
from .structure import addresses_of, may_restructure

# Sent back with the change form once the editor has read which addresses an unpublish takes away.
UNPUBLISH_CONFIRMED = "_unpublish_confirmed"


@admin.register(Page)
class PageAdmin(ChoosesImages, PublishableAdmin, TabbedTranslationAdmin):
    """The section pages hold the site's structure up: each section answers only while its page is
    public (pages/structure.py). Editors write them; only superusers and Secretariat admins take one
    off the site (unpublish, schedule, delete), one at a time, after a confirmation naming the
    addresses that stop answering. A page stays its section's: the key is set once."""

    list_display = ["title", "key"]
    # The picker searches the image library; its "+" uploads a new image without leaving the form.
    autocomplete_fields = ["image"]
    search_fields = in_every_language("title", "introduction", "body")
    fieldsets = [
        (None, {"fields": ["key", "title", "introduction", "image", "image_preview", "body"]}),
        (_("Search engines"), {"fields": ["meta_description"]}),
    ]

    # -- Who may change the structure ----------------------------------------------------------------

    def free_keys(self):
        taken = set(Page.objects.values_list("key", flat=True))
        return [(key, label) for key, label in sections.key_choices() if key not in taken]

    def has_add_permission(self, request):
        # Every section has its one page: nothing is left to add.
        return super().has_add_permission(request) and bool(self.free_keys())

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_restructure(request.user)

    def has_unpublish_permission(self, request, obj=None):
        return super().has_unpublish_permission(request, obj) and may_restructure(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "image_preview"]
        if obj is not None:
            fields.append("key")
        if not may_restructure(request.user):
            # A schedule takes the page off the site too, at a set time.
            fields += ["publish_from", "publish_until"]
        return fields

    @admin.display(description=_("current image"))
    def image_preview(self, page):
        return chosen_image_preview(page.image)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "key":
            kwargs["choices"] = [*BLANK_CHOICE_DASH, *self.free_keys()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_actions(self, request):
        # Only one page at a time leaves the site, after its own confirmation.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        actions.pop("unpublish_selected", None)
        return actions

    # -- Confirmations that name the addresses ------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        asked = request.method == "POST" and UNPUBLISH in request.POST and UNPUBLISH_CONFIRMED not in request.POST
        obj = self.get_object(request, unquote(object_id)) if asked and object_id else None
        live = obj is not None and obj.publication_status == PublicationStatus.PUBLISHED
        if live and self.has_unpublish_permission(request, obj):
            return self.unpublish_confirmation(request, obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def unpublish_confirmation(self, request, obj):
        """The form as sent, held back until the admin confirms, with what the unpublish takes away."""
        kept = [
            (name, value)
            for name in request.POST
            if name not in {"csrfmiddlewaretoken", UNPUBLISH}
            for value in request.POST.getlist(name)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Unpublish “%(page)s”?") % {"page": obj},
            "object": obj,
            "opts": self.opts,
            "addresses": addresses_of(obj.key),
            "kept": kept,
            "unpublish": UNPUBLISH,
            "confirmed": UNPUBLISH_CONFIRMED,
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(obj.pk)]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/pages/page/unpublish_confirmation.html", context)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "addresses": addresses_of(obj.key) if obj is not None else []}
        return super().delete_view(request, object_id, extra_context)
