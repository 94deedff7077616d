"""Old addresses follow their content: when a save changes an item's public address, in any language,
a permanent redirect leads from the old address to the new one.

Before a content row is saved, its stored version is read (one query); after the save, both versions'
addresses (``get_absolute_url()`` in each language) are compared. Rows whose address may include this
one's (a session's includes its programme's slug) are the content models with a foreign key to it:
when the item's own address changed, their addresses are worked out with the old and with the new
version of it in place of the parent, so no address needs to be stored ahead. That covers one level of
nesting, all the site has. Saves that bypass signals (``QuerySet.update()``, fixtures loaded raw) make
no redirect.

Redirects are made whether or not the item was public: an address answers visitors again once its
item is published, and a draft's preview link keeps working for staff.
"""

import functools

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.urls import NoReverseMatch
from django.utils import translation

from core.discovery import content_models

from . import paths
from .models import Redirect

_BEFORE = "_redirects_stored_version"


def tracked_models():
    """Content models with a public page of their own."""
    return [model for model in content_models() if hasattr(model, "get_absolute_url")]


@functools.cache
def dependents():
    """{model: [(child model, foreign key)]}: the tracked rows whose address may include a model's."""
    tracked = tracked_models()
    found = {model: [] for model in tracked}
    for child in tracked:
        for field in child._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model in found:
                found[field.related_model].append((child, field))
    return found


def addresses(instance):
    """{language: path} of ``instance``'s page; a fragment or query string is not part of the address."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = instance.get_absolute_url()
            except NoReverseMatch:
                continue  # not addressable in this state (e.g. no slug yet)
        found[code] = paths.canonical(paths.split(url)[0])
    return found


def _moves(before, after):
    return {before[code]: new for code, new in after.items() if code in before and before[code] != new}


def remember(sender, instance, raw=False, using=None, **kwargs):
    """pre_save: keep the stored version of the row, to compare with after the save."""
    if raw or instance.pk is None:
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).first()
    if stored is not None:
        # The same parent row as the one already loaded: its address needs no query of its own.
        for field in sender._meta.concrete_fields:
            if (
                field.is_relation
                and field.is_cached(instance)
                and field.value_from_object(stored) == field.value_from_object(instance)
            ):
                field.set_cached_value(stored, field.get_cached_value(instance))
    instance.__dict__[_BEFORE] = stored


def follow(sender, instance, created, raw=False, using=None, **kwargs):
    """post_save: redirect the item's old addresses, and its children's, to the new ones."""
    stored = instance.__dict__.pop(_BEFORE, None)
    if raw:
        return
    now = addresses(instance)
    if stored is None:
        # A new item: its addresses are its own now.
        Redirect.objects.using(using).filter(old_path__in=now.values()).delete()
        return
    moves = _moves(addresses(stored), now)
    if not moves:
        return
    for child_model, field in dependents()[sender]:
        for child in child_model._base_manager.using(using).filter(**{field.attname: instance.pk}):
            field.set_cached_value(child, stored)
            old = addresses(child)
            field.set_cached_value(child, instance)
            moves |= _moves(old, addresses(child))
    Redirect.objects.using(using).record_moves(moves)


def connect_signals():
    """Called once from RedirectsConfig.ready()."""
    for model in tracked_models():
        label = model._meta.label_lower
        pre_save.connect(remember, sender=model, dispatch_uid=f"redirects-remember-{label}")
        post_save.connect(follow, sender=model, dispatch_uid=f"redirects-follow-{label}")
