from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreferences(models.Model):
    """How one member of staff wants the back office: for now, its language.

    The admin's language is the person's, not the site's: a translator in Seoul may work in Korean on
    English content. Blank means no choice: the browser's languages decide (see
    ``accounts.middleware.AdminLanguageMiddleware``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preferences", verbose_name=_("user")
    )
    admin_language = models.CharField(
        _("language of the back office"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Without a choice, the back office follows your browser's language."),
    )

    class Meta:
        verbose_name = _("staff preferences")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)
