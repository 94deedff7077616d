from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import live, paths
from .models import Redirect


class RedirectForm(forms.ModelForm):
    # The request of the admin page, set by RedirectAdmin.get_form: the live-page check asks as it.
    request = None

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "is_permanent"]

    def clean_old_path(self):
        old_path = paths.clean_old_path(self.cleaned_data["old_path"])
        if self.request is not None and live.answers(old_path, self.request):
            raise ValidationError(
                _("%(path)s is a page of the site: visitors who ask for it get the page, never a redirect."),
                code="live",
                params={"path": old_path},
            )
        return old_path


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path_link", "is_permanent", "origin", "hits", "last_hit_at", "created_at"]
    list_filter = ["origin", "is_permanent"]
    search_fields = ["old_path", "new_path"]
    record_fields = ["origin", "created_by", "created_at", "hits", "last_hit_at"]
    readonly_fields = record_fields

    @admin.display(description=_("new address"), ordering="new_path")
    def new_path_link(self, obj):
        return format_html('<a href="{}">{}</a>', iri_to_uri(obj.new_path), obj.new_path)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["old_path", "new_path", "is_permanent"]})]
        if obj is not None:
            fieldsets.append((_("Record"), {"fields": self.record_fields}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # Redirects to this one's old address now lead straight on: no chains.
        Redirect.objects.repoint(obj.old_path, obj.new_path, exclude=obj.pk)
        asked = paths.clean_new_path(form.cleaned_data["new_path"])
        if asked != obj.new_path:
            self.message_user(
                request,
                _("%(asked)s already redirects to %(end)s, so this redirect leads straight there.")
                % {"asked": asked, "end": obj.new_path},
                messages.INFO,
            )
