"""Addresses as redirects store and compare them: a path on this site, with its query string.

One spelling for each address, so that an address typed by staff, one returned by
``get_absolute_url()`` (percent-encoded) and one a request asks for (decoded) compare equal:
non-ASCII characters and unreserved escapes decoded, spaces and reserved characters encoded
(``uri_to_iri(iri_to_uri(...))``). The response's Location header encodes it again.
"""

import unicodedata
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.encoding import iri_to_uri, uri_to_iri
from django.utils.translation import gettext_lazy as _

from core.meta import is_site_path


def canonical(address):
    return uri_to_iri(iri_to_uri(address))


def of_request(request):
    """The address a request asks for. Its path comes decoded: what would read as the start of a query
    string or fragment, or as an escape, is encoded again first."""
    path = request.path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
    return canonical(join(path, request.META.get("QUERY_STRING", "")))


def split(address):
    """(path, query, fragment) of an address of this site."""
    parts = urlsplit(address)
    return parts.path, parts.query, parts.fragment


def join(path, query="", fragment=""):
    return urlunsplit(("", "", path, query, fragment))


def keys(address):
    """The old addresses whose redirect catches a request for ``address``, the most specific first:
    with its query string, then the path alone (which carries the query along)."""
    path, query, _fragment = split(address)
    return [join(path, query), path] if query else [path]


def forward(address, old_path, new_path):
    """Where a visitor who asks for ``address`` ends if the redirect ``old_path`` -> ``new_path``
    catches the request; None if it does not."""
    path, query, fragment = split(address)
    if query and old_path == join(path, query):
        carried = ""
    elif old_path == path:
        carried = query
    else:
        return None
    return destination(new_path, carried, fragment)


def destination(new_path, carried_query="", fragment=""):
    """``new_path`` with the query string of the request it answers; a fragment in ``new_path`` wins
    over the request's, as browsers do with a Location header."""
    path, query, own_fragment = split(new_path)
    return join(path, "&".join(part for part in (query, carried_query) if part), own_fragment or fragment)


def _refuse_unsafe_characters(value):
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(_("An address cannot contain spaces or control characters."), code="characters")
    if "\\" in value:
        raise ValidationError(_("An address cannot contain a backslash (\\)."), code="backslash")


def clean_old_path(value):
    """The address a request asks for: a path, with its query string if it matters. A whole web
    address (of the organisation's previous site, say) is accepted: its host is dropped, since the
    request reaches this site whatever host it named. A fragment never reaches the server: dropped."""
    value = value.strip()
    _refuse_unsafe_characters(value)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError(
                _(
                    "Give the old address as a path such as /eng/sub03_01.php, "
                    "or as a web address starting with http:// or https://."
                ),
                code="scheme",
            )
        value = join(parts.path or "/", parts.query)
    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError(
            _("Give the old address as a path starting with a single /, such as /eng/sub03_01.php."), code="path"
        )
    path, query, _fragment = split(value)
    return canonical(join(path, query))


def clean_new_path(value):
    """Where visitors are sent: only ever a path on this site, never another site (an open redirect)."""
    value = value.strip()
    _refuse_unsafe_characters(value)
    if not is_site_path(value):
        raise ValidationError(
            _("Give a path on this site starting with a single /, such as /offices/seoul/, not a web address."),
            code="off_site",
        )
    return canonical(value)
