"""Whether an address is a live page: a redirect from it would never be used, since redirects answer
only where the site would answer 404."""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

from . import paths

logger = logging.getLogger(__name__)

# What the probe keeps of the request that asks: the host and scheme pages build their links with.
_KEPT_META = ("HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "HTTP_X_FORWARDED_PROTO", "wsgi.url_scheme")


def answers(address, request):
    """Whether the site answers ``address`` to an anonymous visitor with a page (or a redirect).

    The view the address resolves to is called as for a visitor, in the address's language, without
    the middleware and without rendering its template: what it finds (or does not) decides.
    """
    path, query, _fragment = paths.split(address)
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return False
        probe = HttpRequest()
        probe.method = "GET"
        probe.path = probe.path_info = path
        probe.META = {key: request.META[key] for key in _KEPT_META if key in request.META}
        probe.GET = QueryDict(query)
        probe.user = AnonymousUser()
        try:
            response = match.func(probe, *match.args, **match.kwargs)
        except Http404:
            return False
        except Exception:
            # Not a page a visitor gets either; the redirect may be useful.
            logger.warning("Could not tell whether %s answers", address, exc_info=True)
            return False
    return response.status_code < 400
