"""Rules that models of several apps share. No concrete model lives here: core has no tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Orderable(models.Model):
    """A row that staff put in its place among its siblings with a number, lowest first (as
    Wagtail's ``Orderable``). Rows with the same number stay in the order they were added."""

    order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class DescribedImage:
    """An image and the text that describes it for visitors who cannot see it: an image needs its
    description. One rule for the admin (``errors()``, from the model's ``clean()``) and for the
    database (``constraint()``), each with the model's own message.

    For a translated description, name the column of the language every other falls back to
    (``photo_alt_en``): that one is required.
    """

    def __init__(self, image, description, message):
        self.image = image
        self.description = description
        self.message = message

    def constraint(self, name):
        # A translated description's column is NULL until written, and CHECK lets NULL through: spelled out.
        described = models.Q(**{f"{self.description}__isnull": False}) & ~models.Q(**{self.description: ""})
        return models.CheckConstraint(
            condition=models.Q(**{self.image: ""}) | described, name=name, violation_error_message=self.message
        )

    def errors(self, instance):
        """``{description field: message}`` when the image has no description (blanks are none)."""
        if getattr(instance, self.image) and not (getattr(instance, self.description) or "").strip():
            return {self.description: self.message}
        return {}
