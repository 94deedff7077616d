from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: who may change whom in the admin, login throttling, two-factor login and how
    long a staff session lasts. The models are Django's (users, groups), axes' (login attempts) and
    django-otp's (TOTP devices); this app holds the rules around them, and each person's preferences
    for the back office (its language)."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import languages, two_factor

        user_logged_in.connect(two_factor.note_pending_step, dispatch_uid="accounts-two-factor")
        user_logged_in.connect(languages.remember_at_login, dispatch_uid="accounts-admin-language")
