"""Staff accounts in the admin: who may change whom.

Django's own UserAdmin lets anyone with the "change user" permission tick "superuser status" (on their
own account too) and set a superuser's password. Here a non-superuser never sees a superuser's
account, nor the fields that grant permissions beyond a role (superuser status, individual
permissions), and is offered only the site's roles as groups. Superusers keep everything.
"""

from axes.models import AccessFailureLog
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ROLES

User = get_user_model()

# Fields that give powers beyond the roles: superusers only.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")

# django-otp's device admin shows secret keys and QR codes; devices are set up by their owner on the
# two-factor page and turned off from the account (the action below). Axes' failure log stays empty
# (AXES_ENABLE_ACCESS_FAILURE_LOG is off): its attempts and successful logins are what staff see.
for model in (TOTPDevice, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "two_factor"]
    actions = ["turn_off_two_factor"]

    def get_queryset(self, request):
        in_use = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        queryset = super().get_queryset(request).annotate(has_two_factor=Exists(in_use))
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    @admin.display(description=_("Two-factor login"), boolean=True, ordering="has_two_factor")
    def two_factor(self, user):
        return user.has_two_factor

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS]})
            for name, options in fieldsets
        ]

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return [name for name in self.list_filter if name not in SUPERUSER_ONLY_FIELDS]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups" and request is not None and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES.values())
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Saving the form sets the groups it offered: a group a superuser gave, which a non-superuser is
        not offered, stays."""
        kept = []
        if change and not request.user.is_superuser:
            kept = list(form.instance.groups.exclude(name__in=ROLES.values()))
        super().save_related(request, form, formsets, change)
        form.instance.groups.add(*kept)

    def _may_manage(self, request, obj):
        return obj is None or request.user.is_superuser or not obj.is_superuser

    def has_view_permission(self, request, obj=None):
        return self._may_manage(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_manage(request, obj) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Turn off two-factor login"), permissions=["change"])
    def turn_off_two_factor(self, request, queryset):
        """For a lost phone: the person sets two-factor login up again at their next login."""
        users = list(queryset.filter(has_two_factor=True))
        TOTPDevice.objects.filter(user__in=users).delete()
        for user in users:
            # The history translates field names when it shows them.
            self.log_change(request, user, [{"changed": {"fields": [gettext_noop("Two-factor login")]}}])
        self.message_user(
            request,
            ngettext(
                "Two-factor login turned off for %(count)d account.",
                "Two-factor login turned off for %(count)d accounts.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
