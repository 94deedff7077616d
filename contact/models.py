from django.db import models
from django.utils.translation import gettext_lazy as _


class Secretariat(models.Model):
    """The WeGO Secretariat: one row, edited in the admin, shown in the footer and on the contact page."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), help_text=_("One line per address line, exactly as it should be printed."))
    telephone = models.CharField(_("telephone"), max_length=60, blank=True)
    fax = models.CharField(_("fax"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("Secretariat")
        verbose_name_plural = _("Secretariat")

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]
