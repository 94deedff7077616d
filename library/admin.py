"""The image library in the admin: a list with thumbnails, a search the pickers of other admins use,
the focal point set by clicking the image, previews of the crops pages show, and where each image is used.
"""

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import TranslatedAdmin, in_every_language, thumbnail
from core.files import file_url
from core.held_files import HoldsUploadsAdmin
from core.revisions import RevisionsAdmin

from .models import Image

# The crops shown under the focal point, in the order pages use them most.
PREVIEW_SPECS = ("card", "detail", "portrait", "og")


@admin.register(Image)
class ImageAdmin(HoldsUploadsAdmin, TranslatedAdmin, RevisionsAdmin, TabbedTranslationAdmin):
    list_display = ["preview", "title", "alt", "credit", "size", "updated"]
    # The title only: the thumbnail is described by it (alt=""), and a link with nothing to read has no name.
    list_display_links = ["title"]
    # The pickers of offices, sessions, testimonials, pages and partners (autocomplete_fields) search here.
    search_fields = ["title", *in_every_language("alt"), "credit"]
    readonly_fields = ["focal_point_picker", "crops", "where_used", "size"]
    fieldsets = [
        (None, {"fields": ["file", "title", "alt", "credit"]}),
        (
            _("Focal point"),
            {
                "fields": ["focal_point_picker", ("focal_x", "focal_y"), "crops"],
                "description": _(
                    "Click the part of the image that must stay in every crop, or use the arrow keys on it. "
                    "The crops below show the result after saving."
                ),
            },
        ),
        (_("Where it is used"), {"fields": ["where_used", "size"]}),
    ]

    class Media:
        css = {"all": ["css/admin-library.css"]}
        js = ["js/admin-focal-point.js"]

    @admin.display(description=_("image"))
    def preview(self, image):
        return thumbnail(image, alt="")

    @admin.display(description=_("size"))
    def size(self, image):
        if not image.width or not image.height:
            return "—"
        return _("%(width)s × %(height)s pixels") % {"width": image.width, "height": image.height}

    @admin.display(description=_("focal point"))
    def focal_point_picker(self, image):
        if not image.pk or not image.file:
            return _("Save the image first; then click it here to set its focal point.")
        # The whole image, uncropped, with a marker where its focal point is; the script moves both.
        return format_html(
            '<div class="focal-point" tabindex="0" role="group" aria-label="{}" data-x-input="id_focal_x" '
            'data-y-input="id_focal_y"><img src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-point__marker" style="left: {}%; top: {}%"></span></div>',
            _("Focal point: click the image or use the arrow keys"),
            file_url(image.file.name),
            image.width or "",
            image.height or "",
            round(image.focal_x * 100, 1),
            round(image.focal_y * 100, 1),
        )

    @admin.display(description=_("crops"))
    def crops(self, image):
        if not image.pk:
            return "—"
        return format_html(
            '<div class="library-crops">{}</div>',
            format_html_join(
                "",
                '<figure class="library-crops__crop" data-spec="{}">{}<figcaption>{}</figcaption></figure>',
                ((spec, thumbnail(image, spec), spec) for spec in PREVIEW_SPECS),
            ),
        )

    def get_object(self, request, object_id, from_field=None):
        image = super().get_object(request, object_id, from_field)
        if image is not None:
            # "Used by" links only the items this person may open, and a read-only field is given the
            # object alone: the request travels with it (never on the admin, which every request shares).
            image.admin_request = request
        return image

    @admin.display(description=_("used by"))
    def where_used(self, image):
        if not image.pk:
            return "—"
        request = getattr(image, "admin_request", None)
        items = [(model, row) for model, rows in image.uses() for row in rows]
        if not items:
            return _("Nothing uses this image yet; visitors cannot see it.")
        return format_html(
            "<ul class='library-uses'>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                ((capfirst(model._meta.verbose_name), self._link(request, row)) for model, row in items),
            ),
        )

    def _link(self, request, row):
        """The row's name, linked to its change form if the user may open it there."""
        model = row.__class__
        if (
            request is None
            or not self.admin_site.is_registered(model)
            or not self.admin_site.get_model_admin(model).has_view_or_change_permission(request, row)
        ):
            return str(row)
        opts = row._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk], current_app=self.admin_site.name
        )
        return format_html('<a href="{}">{}</a>', url, row)


class ChoosesImages:
    """For the admins of items that show library images: the picker keeps Django's links to add (upload),
    change (set the focal point) and view the image, but not to delete it, which would take it from
    every other item that shows it (and is refused while any does)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.related_model is Image and isinstance(
            getattr(formfield, "widget", None), RelatedFieldWidgetWrapper
        ):
            formfield.widget.can_delete_related = False
        return formfield


def chosen_image_preview(image, spec="card"):
    """Under an image picker: the chosen image as pages crop it, linked to the library's form (where its
    focal point is set); a sentence when none is chosen."""
    if image is None:
        return _("No image chosen yet.")
    return format_html(
        '<a href="{}" class="library-chosen">{}</a>',
        reverse("admin:library_image_change", args=[image.pk]),
        thumbnail(image, spec, alt=_("%(title)s, in the image library") % {"title": image.title}),
    )
