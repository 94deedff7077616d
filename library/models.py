"""The image library: each photo or logo is uploaded once, described and credited, and chosen by the
offices, sessions, testimonials, section pages and partners that show it.

An image is not published on its own: it is shown wherever a public item uses it (``is_public``), and
its file is served under that rule (core.files). Its renditions are cut around its focal point.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError

from core import images
from core.models import DescribedImage
from core.uploads import UnguessablePath

# The English description is the one every language falls back to, so it is the one required.
DESCRIBED = DescribedImage("file", "alt_en", _("Describe the image for visitors who cannot see it."))


def _fraction_field(verbose_name, help_text):
    return models.FloatField(
        verbose_name,
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=help_text,
    )


class ImageQuerySet(models.QuerySet):
    def in_public_use(self):
        """The images at least one public item shows (an item that is not published on its own, such as a
        partner organisation, shows its image whenever it exists): one query, whatever uses images."""
        conditions = []
        for model, field_name in _references(self.model):
            rows = model._default_manager.filter(**{field_name: models.OuterRef("pk")})
            if hasattr(rows, "published"):
                rows = rows.published()
            conditions.append(models.Exists(rows))
        return self.filter(reduce(or_, conditions)) if conditions else self.none()


def _references(model):
    """(model, foreign key name) of every item that may show an image of ``model``."""
    return [
        (relation.related_model, relation.field.name)
        for relation in model._meta.related_objects
        if not relation.many_to_many
    ]


class Image(models.Model):
    """A photo or logo, with its description in each language, its credit and where crops keep it."""

    # Photos and logos moved here from the items that held them keep their stored names, under their
    # old directories: the file view (core.files) looks for them here too.
    earlier_upload_directories = ("offices/photos", "programs/partners", "testimonials")

    file = models.ImageField(
        _("image file"),
        upload_to=UnguessablePath("library"),
        validators=[images.validate_image],
        help_text=_("A JPEG, PNG or WebP image. Pages crop it to their frames around its focal point."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("For finding the image in the library, e.g. “Chengdu office, front”. Visitors do not see it."),
    )
    alt = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it. Required in English."),
    )
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Who took or owns the image, e.g. “© WeGO”.")
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    focal_x = _fraction_field(
        _("focal point, across"), _("From 0 (left edge) to 1 (right edge). Set it by clicking the image.")
    )
    focal_y = _fraction_field(
        _("focal point, down"), _("From 0 (top edge) to 1 (bottom edge). Set it by clicking the image.")
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated = models.DateTimeField(_("changed"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created", "-pk"]
        constraints = [
            DESCRIBED.constraint("library_image_has_alt_text"),
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="library_image_focal_point_inside",
                violation_error_message=_("The focal point must lie on the image."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Measured once, from a new upload (or a file stored before the row): pages and the focal point
        # widget print the size without opening the file again.
        if self.file and (not self.file._committed or not self.width):
            try:
                self.width, self.height = images.dimensions(self.file)
            except (OSError, ValueError, UnidentifiedImageError):
                self.width = self.height = None  # a missing or broken file: measured again when replaced
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if errors := DESCRIBED.errors(self):
            raise ValidationError(errors)

    @property
    def focal_point(self):
        """(across, down), as fractions of the width and height: what crops keep (core.images)."""
        return (self.focal_x, self.focal_y)

    def rendition(self, spec_name):
        return images.rendition(self, spec_name)

    def uses(self):
        """The rows that show this image: (model, queryset) for each kind of item that may."""
        return [
            (model, model._default_manager.filter(**{field_name: self})) for model, field_name in _references(Image)
        ]

    @property
    def is_public(self):
        """Shown to visitors, and its file served to them (core.files), while a public item uses it."""
        return Image.objects.filter(pk=self.pk).in_public_use().exists()


def image_choice(verbose_name, related_name, help_text):
    """The foreign key by which an item shows an image of the library. An image in use cannot be deleted
    (PROTECT): the items that show it would lose it without anyone deciding so."""
    return models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        help_text=help_text,
    )
