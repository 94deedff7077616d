"""The public page cache, and the one place where it is invalidated.

Anonymous GET requests for public pages are answered from the configured cache (local memory by
default, Redis in production, so every worker shares it) by a middleware at the top of the stack,
before sessions, CSRF, authentication and URL resolution run: a cached page costs about what a static
file costs. Requests with a session or messages cookie (staff, previews) bypass it, and pages that set
other cookies are never stored.

Pages with a form are cached too: the values that must be fresh for each visitor (the CSRF token,
and any hidden input an app registers with ``fresh_input``, such as the contact form's signed start
time) are cut out when the page is stored and filled in anew, with the CSRF cookie, on every hit.

Invalidation is explicit: any save or delete of content a page shows bumps one version number that
is part of every cache key, so the next anonymous request renders afresh in every worker.
"""

import gzip
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

VERSION_KEY = "pagecache:version"
# Apps whose models pages show; saving any of their rows invalidates every cached page.
CONTENT_APPS = {"wego_site", "offices", "programs", "testimonials", "contact"}
# Models that no public page shows (the message desk): saving them leaves the cache alone.
UNCACHED_MODELS = {"contact.contactmessage", "wego_site.searchentry"}
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding"}


CSRF_INPUT = "csrfmiddlewaretoken"
# Hidden inputs whose value is made for each visitor: name -> callable(request) -> str.
FRESH_INPUTS = {CSRF_INPUT: get_token}


def fresh_input(name, make_value):
    """Register a hidden form input whose value a cached page must not share between visitors."""
    FRESH_INPUTS[name] = make_value


def _placeholder(name):
    return f"\x00fresh:{name}\x00".encode()


def _input_pattern(name):
    return re.compile(rb'(<input type="hidden" name="' + re.escape(name.encode()) + rb'" value=")([^"]*)(")')


def _cut_fresh_inputs(content):
    """The page with every fresh input's value replaced by a placeholder, and whether it had any."""
    found = False
    for name in FRESH_INPUTS:
        content, count = _input_pattern(name).subn(rb"\g<1>" + _placeholder(name) + rb"\g<3>", content)
        found = found or bool(count)
    return content, found


def _fill_fresh_inputs(request, content):
    for name, make_value in FRESH_INPUTS.items():
        placeholder = _placeholder(name)
        if placeholder in content:
            content = content.replace(placeholder, str(make_value(request)).encode())
    return content


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def invalidate(**kwargs):
    """Forget every cached page: called whenever content changes."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS and sender._meta.label_lower not in UNCACHED_MODELS:
        invalidate()


def connect_signals():
    """Called once from WegoSiteConfig.ready()."""
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
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
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False  # a cookie other than CSRF's belongs to one visitor
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return response.get("Content-Type", "").startswith(("text/html", "application/xml", "text/calendar"))


def _key(request, version):
    encoding = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
    raw = f"{request.get_host()}|{request.get_full_path()}|{encoding}"
    return f"pagecache:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _not_modified(request, headers):
    etag = headers.get("ETag")
    if_none_match = request.headers.get("If-None-Match")
    if not (etag and if_none_match):
        return None
    if etag not in parse_etags(if_none_match) and if_none_match.strip() != "*":
        return None
    response = HttpResponseNotModified()
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        if name in headers:
            response[name] = headers[name]
    return response


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, content_version())
        hit = cache.get(key)
        if hit is not None:
            return self.from_cache(request, *hit)

        response = self.get_response(request)
        # Requests with a session cookie never get here, so "Vary: Cookie" from an anonymous
        # request.user check does not make the page visitor-specific.
        if request.method == "GET" and _cacheable_response(request, response):
            self.store(request, response, key)
        return response

    def from_cache(self, request, status, headers, content, fresh):
        if not fresh:
            not_modified = _not_modified(request, headers)
            if not_modified is not None:
                return not_modified
        else:
            csrf = CsrfViewMiddleware(lambda request: None)
            csrf.process_request(request)  # the visitor's own CSRF secret, from their cookie if valid
            content = _fill_fresh_inputs(request, content)
        # A page with per-visitor tokens goes out uncompressed: compressing it on every hit costs more
        # than the bytes it saves on loopback, and the reverse proxy may compress it in production.
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        if fresh:
            csrf.process_response(request, response)  # (re)sets the CSRF cookie, as Django does
        response["X-Page-Cache"] = "hit"
        return response

    def store(self, request, response, key):
        content = response.content
        if response.get("Content-Encoding") == "gzip":
            raw, fresh = _cut_fresh_inputs(gzip.decompress(content))
        else:
            raw, fresh = _cut_fresh_inputs(content)
        if not fresh and response.cookies:
            return  # a CSRF cookie without a token in the page: leave it alone
        headers = {k: v for k, v in response.items() if k.lower() not in HOP_BY_HOP}
        if fresh:
            # Filled in on every hit: stored uncompressed, without validators that would not hold.
            content = raw
            for name in ("Content-Encoding", "Content-Length", "ETag", "Last-Modified"):
                headers.pop(name, None)
        else:
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = headers["Last-Modified"] = http_date()
            patch_vary_headers(response, ["Accept-Encoding"])
            headers["Vary"] = response["Vary"]
        cache.set(key, (response.status_code, headers, content, fresh), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
