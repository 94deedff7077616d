from django.contrib import admin

from .models import Office


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "host_city", "status", "publication_status"]
    list_filter = ["status", "region", "publication_status"]
    search_fields = ["name", "host_city", "region"]
    prepopulated_fields = {"slug": ["name"]}
