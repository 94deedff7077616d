from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import VisibilityFilter, in_every_language, visible_on_site

from .models import Page


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "key", "publication_status", "publish_from", visible_on_site]
    list_filter = [VisibilityFilter, "publication_status"]
    search_fields = in_every_language("title", "introduction", "body")
    fieldsets = [
        (None, {"fields": ["key", "title", "introduction", "body"]}),
        (_("Search engines"), {"fields": ["meta_description"]}),
        (_("Publishing"), {"fields": ["publication_status", "publish_from"]}),
    ]
