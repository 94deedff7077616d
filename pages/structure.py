"""The site's structure, as its section pages hold it up: who may take a section off the site, and
which addresses stop answering when one goes.

Each section's pages (the office list, the contact page, ...) show that section's page and answer
404 without it. So drafting, expiring or deleting a section page takes those addresses off the site in
every language; Editors may edit the text but not do that, superusers and Secretariat admins may,
after a confirmation that names the addresses.
"""

from django.conf import settings
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

from core.roles import is_secretariat_admin


def may_restructure(user):
    """Whether ``user`` may take a section page off the site (draft, schedule or delete it)."""
    return is_secretariat_admin(user)


def _url_names_showing(key, patterns, namespace=""):
    """The names of the URLs whose view shows the section page ``key`` (``SectionPageMixin.page_key``)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _url_names_showing(key, entry.url_patterns, inner)
        elif entry.name and getattr(getattr(entry.callback, "view_class", None), "page_key", None) == key:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def addresses_of(key):
    """Every address, in every language, that answers only while the section page ``key`` is public:
    ``[(language name, path), ...]``, grouped by address."""
    names = list(dict.fromkeys(_url_names_showing(key, get_resolver().url_patterns)))
    found = []
    for name in names:
        for code, language in settings.LANGUAGES:
            try:
                with translation.override(code):
                    path = reverse(name)
            except NoReverseMatch:
                break  # a URL that needs arguments: not a section's own address
            found.append((str(language), path))  # the language named in the admin's own
    return found
