from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PublishableAdmin, in_every_language, thumbnail, year_filter

from .models import Testimonial

SessionYearFilter = year_filter("session__start_date")


@admin.register(Testimonial)
class TestimonialAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["full_name", "photo_thumbnail", "excerpt", "session", "featured"]
    list_display_links = ["full_name"]
    list_editable = ["featured"]
    # Placed by hand: no visibility filter, publication status second.
    list_filter = ["featured", "publication_status", "session__programme", SessionYearFilter, "quote_language"]
    list_select_related = ["session__programme"]
    search_fields = [
        "person",
        "quote",
        *in_every_language("position", "organisation", "city", "country"),
    ]
    autocomplete_fields = ["session"]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["quote", "quote_language", "session"]}),
        (
            _("Who said it"),
            {"fields": ["honorific", "person", "position", "organisation", "city", "country", "on_behalf_of"]},
        ),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
    ]
    publishing_fields = ["featured", "order", *PublishableAdmin.publishing_fields]

    @admin.display(description=_("person"), ordering="person")
    def full_name(self, testimonial):
        return testimonial.full_name

    @admin.display(description=_("Photo"))
    def photo_thumbnail(self, testimonial):
        return thumbnail(testimonial.photo)

    @admin.display(description=_("quote"))
    def excerpt(self, testimonial):
        return Truncator(testimonial.quote).words(12)
