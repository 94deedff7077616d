from django.contrib import admin

from .models import Secretariat


@admin.register(Secretariat)
class SecretariatAdmin(admin.ModelAdmin):
    list_display = ["name", "telephone", "fax", "email"]

    def has_add_permission(self, request):
        # There is one secretariat; staff edit it rather than adding another.
        return not Secretariat.objects.exists()
