"""The site's sections, each declared by the app that serves it.

A section is a part of the site with a page that staff write (``pages.Page``, found by the section's
key): its label, its URL, whether the main navigation shows it and the section above it in the
breadcrumbs. An app lists its sections on its AppConfig::

    class OfficesConfig(AppConfig):
        sections = [Section("offices", _("Regional Offices"), "offices:list", in_navigation=True, ...)]

and the navigation, the breadcrumbs' section crumbs and the section pages' keys are read from here,
so adding an app touches no shared file. Sections come in INSTALLED_APPS order, after the home page,
which is the root of every breadcrumb trail.
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str  # the section page's key; code names it in upper case (Page.Key.HOST_CITY for "host-city")
    label: str
    url_name: str
    in_navigation: bool = False
    # The key of the section shown above this one in the breadcrumbs; none: right under Home.
    parent: str = ""
    # The URL namespace whose other pages (a section's detail pages) belong to the section, so the
    # navigation marks it on them too.
    namespace: str = ""

    def ancestors(self):
        """The sections above this one in the breadcrumbs, from the top down (not Home: every trail has it)."""
        above = []
        section = self
        while section.parent:
            section = get(section.parent)
            above.insert(0, section)
        return above


HOME = Section("home", _("Home"), "home")


@functools.cache
def all_sections():
    """Home, then each app's sections in INSTALLED_APPS order. Read once: every page's navigation
    and breadcrumbs ask for them, and the apps are fixed once loaded."""
    found = [HOME]
    for config in apps.get_app_configs():
        found += getattr(config, "sections", [])
    keys = [section.key for section in found]
    if len(keys) != len(set(keys)):
        raise ImproperlyConfigured(f"Two sections have the same key: {sorted(k for k in keys if keys.count(k) > 1)}")
    return tuple(found)


def get(key):
    """The section of ``key``; LookupError for a key no app declares."""
    for section in all_sections():
        if section.key == key:
            return section
    raise LookupError(f"No section has the key {key!r}")


def by_url_name(url_name):
    """The section whose page is at ``url_name``; LookupError for a URL name no section has."""
    for section in all_sections():
        if section.url_name == url_name:
            return section
    raise LookupError(f"No section has the URL name {url_name!r}")


def navigation():
    """The sections of the main navigation, in order."""
    return tuple(section for section in all_sections() if section.in_navigation)


def current(match):
    """The navigation section of a resolved URL: the one it is the page of, or failing that the one
    whose namespace it is in (an office's page marks Regional Offices)."""
    if match is None:
        return None
    sections = navigation()
    exact = (section for section in sections if section.url_name == match.view_name)
    by_namespace = (section for section in sections if section.namespace and section.namespace == match.namespace)
    return next(exact, None) or next(by_namespace, None)


def key_choices():
    """The choices of a section page's key. A callable, so that a section added by an app needs no
    migration: migrations record this function, not the list."""
    return [(section.key, section.label) for section in all_sections()]


def key_members():
    """(name, (key, label)) of every section, for ``TextChoices``: ``Page.Key.HOST_CITY == "host-city"``."""
    return [(section.key.upper().replace("-", "_"), (section.key, section.label)) for section in all_sections()]
