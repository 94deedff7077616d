from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Testimonial


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "photo_thumbnail", "excerpt", "session", "featured", "publication_status"]
    list_display_links = ["full_name"]
    list_editable = ["featured", "publication_status"]
    list_filter = ["featured", "publication_status", "session__programme", "session"]
    list_select_related = ["session"]
    search_fields = ["person", "position", "organisation", "city", "country", "quote"]
    autocomplete_fields = ["session"]
    fieldsets = [
        (None, {"fields": ["quote", "session"]}),
        (
            _("Who said it"),
            {"fields": ["honorific", "person", "position", "organisation", "city", "country", "on_behalf_of"]},
        ),
        (_("Photo"), {"fields": ["photo"]}),
        (_("Publishing"), {"fields": ["featured", "order", "publication_status", "publish_from"]}),
    ]

    @admin.display(description=_("person"), ordering="person")
    def full_name(self, testimonial):
        return testimonial.full_name

    @admin.display(description=_("photo"))
    def photo_thumbnail(self, testimonial):
        if not testimonial.photo:
            return "—"
        return format_html('<img src="{}" alt="" width="48" height="48">', testimonial.photo.url)

    @admin.display(description=_("quote"))
    def excerpt(self, testimonial):
        return Truncator(testimonial.quote).words(12)
