"""Every rendition of a library image is written when the image is saved, not on a visitor's first view.

After the save commits (nothing is written for a save that is rolled back): each spec of
core.images.SPECS, cut around the current focal point, and the crops of an earlier focal point are
deleted, since no page links them any more. Written in the request that saves the image, so the change
form shows the new crops at once; a page that finds one missing (a storage failure) still writes it
itself, so a failure here is logged and the save stands.

The focal point is read again from the database when the crops are written: of two saves of the same
image at once, the one whose crops are written last keeps those of the focal point stored last, not
those of the copy it saved.
"""

from django.db import transaction
from django.db.models.signals import post_save

from core import images

from .models import Image


def refresh_renditions(pk):
    """Write the renditions of the image ``pk`` and delete those of its earlier focal points."""
    image = Image.objects.filter(pk=pk).first()
    if image is None or not image.file:
        return  # deleted since: its files go with it (core.files)
    images.make_renditions(image)
    current = {images.rendition_name(image.file.name, spec, image.focal_point) for spec in images.SPECS}
    for name in images.stored_rendition_names(image.file.name):
        if name not in current:
            images.delete_rendition(name)


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loading fixtures: pages write what they need
    transaction.on_commit(lambda pk=instance.pk: refresh_renditions(pk), robust=True)


def connect_signals():
    post_save.connect(_after_save, sender=Image, dispatch_uid="library-image-renditions")
