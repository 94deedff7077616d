"""The public page cache, and the one place where it is invalidated.

Anonymous GET requests for public pages are answered from the configured cache (local memory by
default, Redis in production, so every worker shares it) by a middleware at the top of the stack,
before sessions, CSRF, authentication and URL resolution run: a cached page costs about what a static
file costs. Requests with a session or messages cookie (staff, previews) bypass it, and a response
that sets a cookie is never stored: a cookie belongs to one visitor.

That one rule also keeps every page with a form out of the cache: a page that renders a CSRF token
(``{% csrf_token %}``, ``get_token()``) gets the CSRF cookie from Django's CSRF middleware, so it is
rendered for each request, with this visitor's token and, on the contact form, start time.

Invalidation is explicit: any save or delete of content a page shows bumps one version number, and
a cached page counts only if it was stored under the current version. Both are read in one cache
round trip, so the next anonymous request after an edit renders afresh in every worker. The version
is bumped again when the edit's transaction commits: a page rendered meanwhile, from the rows as they
were before the commit, is not kept.

The cache is an accelerator, not a dependency: if it cannot be reached, pages are rendered as if it
were off, and the failure is logged.
"""

import functools
import hashlib
import logging
import time

import django
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, has_vary_header, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .discovery import content_models

VERSION_KEY = "pagecache:version"
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding"}
# Part of every page's key: a release never reads entries that an older one (with another entry shape,
# or another Django, whose pickled responses may differ) left in a shared cache.
ENTRY_FORMAT = f"3-django{django.VERSION[0]}.{django.VERSION[1]}"

logger = logging.getLogger(__name__)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)  # another worker was first
    return version


def invalidate(**kwargs):
    """Forget every cached page: called whenever content changes."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # Pages stored before the edit may be served until PAGE_CACHE_SECONDS runs out.
        logger.exception("Page cache unreachable: cached pages could not be invalidated")


@functools.cache
def _content_labels():
    # With the link tables of many-to-many fields, which send m2m_changed.
    return {model._meta.label_lower for model in content_models(include_auto_created=True)}


def _content_changed(sender, **kwargs):
    if sender._meta.label_lower in _content_labels():
        invalidate()
        # Once more after the commit: a request in between may have rendered the rows as they were.
        transaction.on_commit(invalidate, robust=True)


def connect_signals():
    """Called once from WegoSiteConfig.ready(): only for content models, so that the others (the
    message desk, the search index) keep Django's fast, signal-free bulk delete."""
    for model in content_models():
        label = model._meta.label_lower
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    # Sent by the link tables of many-to-many fields; _content_changed checks they are content.
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return False
    if any(name in request.COOKIES for name in BYPASS_COOKIES):
        return False  # Logged-in staff (previews) and visitors with pending messages.
    return not request.path_info.startswith(("/admin/", settings.STATIC_URL, settings.MEDIA_URL))


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        # A cookie is one visitor's. This is also the one check that keeps pages with a CSRF token out:
        # get_token() makes Django's CSRF middleware set the CSRF cookie (its documented side effect; with
        # CSRF_USE_SESSIONS, the session's cookie). The request.META flag it sets is undocumented and
        # already reset to False when the response gets here.
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if has_vary_header(response, "*"):
        return False
    return response.get("Content-Type", "").startswith(("text/html", "application/xml", "text/calendar"))


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _key(request):
    encoding = "gzip" if _accepts_gzip(request) else "identity"
    raw = f"{request.get_host()}|{request.get_full_path()}|{encoding}"
    return f"pagecache:{ENTRY_FORMAT}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _lookup(key):
    """The current content version and the page stored under key if it is of that version: one read."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return content_version(), None
    entry = found.get(key)
    if entry is None or entry[0] != version:
        return version, None
    return version, entry[1]


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        try:
            version, hit = _lookup(key)
        except Exception:
            logger.exception("Page cache unreachable: rendering %s", request.path)
            return self.get_response(request)
        if hit is not None:
            # The stored response, unpickled afresh for this request. Django's own answer to
            # If-None-Match / If-Modified-Since (304) and failed preconditions.
            last_modified = parse_http_date_safe(hit.get("Last-Modified", ""))
            return get_conditional_response(request, etag=hit.get("ETag"), last_modified=last_modified, response=hit)

        response = self.get_response(request)
        # Requests with a session cookie never get here, so "Vary: Cookie" from an anonymous
        # request.user check does not make the page visitor-specific.
        if request.method == "GET" and _cacheable_response(request, response):
            self.store(request, response, key, version)
        return response

    def store(self, request, response, key, version):
        """Keep a copy of the response (it sets no cookie, see _cacheable_response)."""
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_vary_headers(response, ["Accept-Encoding"])
        stored = HttpResponse(response.content, status=response.status_code)
        for name, value in response.items():
            if name.lower() not in HOP_BY_HOP:
                stored[name] = value
        stored["X-Page-Cache"] = "hit"
        try:
            cache.set(key, (version, stored), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Page cache unreachable: %s not stored", request.path)
            return
        response["X-Page-Cache"] = "miss"
