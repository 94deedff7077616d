from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import PublishableAdmin, in_every_language

from .models import Page


@admin.register(Page)
class PageAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "key"]
    search_fields = in_every_language("title", "introduction", "body")
    fieldsets = [
        (None, {"fields": ["key", "title", "introduction", "body"]}),
        (_("Search engines"), {"fields": ["meta_description"]}),
    ]
