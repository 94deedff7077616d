from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PublishableAdmin, in_every_language, thumbnail, year_filter
from library.admin import ChoosesImages, chosen_image_preview

from .models import Testimonial

SessionYearFilter = year_filter("session__start_date")


@admin.register(Testimonial)
class TestimonialAdmin(ChoosesImages, PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["full_name", "photo_thumbnail", "excerpt", "session", "featured"]
    list_display_links = ["full_name"]
    list_editable = ["featured"]
    list_filter = ["featured", "session__programme", SessionYearFilter, "quote_language"]
    list_select_related = ["session__programme", "photo"]
    search_fields = [
        "person",
        "quote",
        *in_every_language("position", "organisation", "city", "country"),
    ]
    # The photo picker searches the image library; its "+" uploads a new image without leaving the form.
    autocomplete_fields = ["session", "photo"]
    readonly_fields = ["photo_preview"]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["quote", "quote_language", "session"]}),
        (
            _("Who said it"),
            {"fields": ["honorific", "person", "position", "organisation", "city", "country", "on_behalf_of"]},
        ),
        (_("Photo"), {"fields": ["photo", "photo_preview"]}),
    ]
    publishing_fields = ["featured", "order", *PublishableAdmin.publishing_fields]

    @admin.display(description=_("person"), ordering="person")
    def full_name(self, testimonial):
        return testimonial.full_name

    @admin.display(description=_("Photo"))
    def photo_thumbnail(self, testimonial):
        return thumbnail(testimonial.photo)

    @admin.display(description=_("current photo"))
    def photo_preview(self, testimonial):
        return chosen_image_preview(testimonial.photo, "portrait")

    @admin.display(description=_("quote"))
    def excerpt(self, testimonial):
        return Truncator(testimonial.quote).words(12)
