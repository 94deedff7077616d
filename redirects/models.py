from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import paths


class Origin(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic: an item’s address changed")
    MANUAL = "manual", _("Added by staff")


class RedirectQuerySet(models.QuerySet):
    def catching(self, address):
        """The redirect that answers a request for ``address`` (path and query string), with the
        query string it carries along; (None, "") if there is none. One query."""
        candidates = paths.keys(address)
        found = {redirect.old_path: redirect for redirect in self.filter(old_path__in=candidates)}
        for key in candidates:
            if key in found:
                _path, query, _fragment = paths.split(address)
                return found[key], ("" if "?" in key else query)
        return None, ""

    def repoint(self, old_path, new_path, exclude=None):
        """Redirects that led to ``old_path`` lead straight to ``new_path``: no chains."""
        candidates = self.filter(
            models.Q(new_path=old_path)
            | models.Q(new_path__startswith=f"{old_path}?")
            | models.Q(new_path__startswith=f"{old_path}#")
        ).exclude(pk=exclude)
        for redirect in candidates:
            target = paths.forward(redirect.new_path, old_path, new_path)
            if target is None:
                continue
            if redirect.old_path in paths.keys(target):
                redirect.delete()  # it would lead to itself: the address it caught answers again
            else:
                self.filter(pk=redirect.pk).update(new_path=target)

    def record_moves(self, moves):
        """An item's public addresses changed, ``{old: new}``: each old one leads to its new one, in
        one hop, and the new ones are the item's own (a redirect from one would only be in the way)."""
        self.filter(old_path__in=moves.values()).delete()
        for old_path, new_path in moves.items():
            self.repoint(old_path, new_path)
            self.update_or_create(
                old_path=old_path,
                defaults={"new_path": new_path, "origin": Origin.AUTOMATIC, "is_permanent": True},
            )


class Redirect(models.Model):
    """An old address of the site and where it leads now: served only where the site would answer 404."""

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The address visitors still ask for, such as /eng/sub03_01.php, with its query string if it "
            "matters. A whole web address of the previous site may be pasted: its host is dropped."
        ),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=500,
        help_text=_("A path on this site, such as /offices/seoul/ or /ko/programmes/."),
    )
    is_permanent = models.BooleanField(
        _("permanent"),
        default=True,
        help_text=_("Permanent (301): search engines move to the new address. Untick for a temporary one (302)."),
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MANUAL, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    hits = models.PositiveIntegerField(_("visits"), default=0, editable=False)
    last_hit_at = models.DateTimeField(_("last visit"), null=True, blank=True, editable=False)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(old_path=models.F("new_path")),
                name="redirects_redirect_not_to_itself",
                violation_error_message=_("A redirect cannot lead to its own address."),
            ),
            models.CheckConstraint(
                condition=models.Q(old_path__startswith="/", new_path__startswith="/")
                & ~models.Q(new_path__startswith="//"),
                name="redirects_redirect_paths_on_this_site",
                violation_error_message=_("Both addresses are paths on this site, starting with a single /."),
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        """Both addresses in their one spelling; a redirect to a redirect is stored as one hop to the
        end (A -> B while B -> C: A -> C); one that leads back to its start is refused."""
        super().clean()
        errors = {}
        for field, clean in (("old_path", paths.clean_old_path), ("new_path", paths.clean_new_path)):
            if not getattr(self, field):
                continue  # required: the field's own check says so
            try:
                setattr(self, field, clean(getattr(self, field)))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)
        if not (self.old_path and self.new_path):
            return
        asked = self.new_path
        # Redirects never chain, so one step reaches the end.
        onward, carried = Redirect.objects.exclude(pk=self.pk).catching(asked)
        if onward is not None:
            self.new_path = paths.destination(onward.new_path, carried, paths.split(asked)[2])
        if self.old_path in paths.keys(self.new_path):
            route = [self.old_path, asked] if self.new_path == asked else [self.old_path, asked, self.new_path]
            raise ValidationError(
                {
                    "new_path": _("This redirect would lead back to where it starts (%(route)s).")
                    % {"route": " → ".join(route)}
                },
                code="loop",
            )
