"""Held uploads (core.held_files) in tests: an admin that holds them, the token a page carries, and what
storage holds."""

import contextlib

from django.contrib import admin
from django.core.files.storage import default_storage

from core.held_files import HELD_DIRECTORY, HoldsUploadsAdmin, token_input_name
from tests.support.html import parse


@contextlib.contextmanager
def admin_holding_uploads(model):
    """``model``'s registered admin with ``HoldsUploadsAdmin`` for the duration, unless it has it already.

    The admin's URLs are bound to the registered instance, so its class is swapped in place rather than
    the instance replaced; methods are looked up on the class at each request."""
    model_admin = admin.site.get_model_admin(model)
    original = type(model_admin)
    if isinstance(model_admin, HoldsUploadsAdmin):
        yield model_admin
        return
    model_admin.__class__ = type(original.__name__, (HoldsUploadsAdmin, original), {})
    try:
        yield model_admin
    finally:
        model_admin.__class__ = original


def held_token(html, html_name="file"):
    """The token of the file held for the input ``html_name`` on the page; None when nothing is held."""
    name = token_input_name(html_name)
    for tag, attrs in parse(html).tags:
        if tag == "input" and attrs.get("name") == name:
            return attrs.get("value")
    return None


def held_paths():
    """Every file held in storage now."""
    try:
        directories, _files = default_storage.listdir(HELD_DIRECTORY)
    except FileNotFoundError:
        return []
    return [
        f"{HELD_DIRECTORY}/{directory}/{name}"
        for directory in directories
        for name in default_storage.listdir(f"{HELD_DIRECTORY}/{directory}")[1]
    ]


def empty_held_directory():
    """Storage is shared by the tests of a process (in memory): start each from no held files."""
    for path in held_paths():
        default_storage.delete(path)
