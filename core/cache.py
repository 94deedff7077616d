"""The public page cache, and the one place where it is invalidated.

Anonymous GET requests for public pages are answered from a shared cache by a middleware at the top of
the stack, before sessions, CSRF, authentication and URL resolution run: a cached page costs about
what a static file costs. Requests with a session or messages cookie (staff, previews) bypass it, and
a response that sets a cookie is never stored: a cookie belongs to one visitor.

That one rule also keeps every page with a form out of the cache: a page that renders a CSRF token
(``{% csrf_token %}``, ``get_token()``) gets the CSRF cookie from Django's CSRF middleware, so it is
rendered for each request, with this visitor's token and, on the contact form, start time. Pages
marked ``Cache-Control: private`` are not stored either, and search results are so marked: whether
anyone searched a term shows neither in a header nor in the time an answer takes. Every response
rendered for a signed-in user gets ``Cache-Control: private, no-store``, so no proxy keeps a preview.

Two caches. The ``pages`` alias holds the pages, which may be evicted at will (Redis:
``maxmemory-policy allkeys-lru``). The ``default`` alias holds the content version and the message
desk's counters, which must not be evicted and must keep taking writes however many pages are
stored (Redis: an instance of its own with ``noeviction``). Without ``CACHE_URL`` both are files
beside the SQLite database, shared by every worker of the machine.

The cache has a bound. A page is stored under its scheme, host, path, the query parameters its view
declares with :func:`cache_query_params` (sorted), and the encoding (gzip or not), and only when:
the host is spelled as in ALLOWED_HOSTS (no wildcard, no other case, no port but the server's); every
query parameter is one the view declared, given once (anything else, tracking tags included, is
rendered and not stored: storing it under the page without them would let whoever sent it choose
what the page, rendered with it, shows everyone); and the view accepted the values (a view answers
values it does not know with ``Cache-Control: no-cache``). So the number of entries is bounded by the
site's pages, not by what visitors send.

Invalidation is explicit: any save or delete of content a page shows writes a new content version
(nanoseconds since the epoch, so also when it began), and a page counts only if it was stored under
the current one. The version is written again when the edit's transaction commits: a page rendered
meanwhile, from the rows as they were before the commit, is not kept. Beside the version the cache
keeps, for that version, the time of the next scheduled change after it began (the soonest
``publish_from`` or ``publish_until`` of any content row); once that time has passed the version is
replaced, so no page is served past a scheduled appearance or expiry of anything on the site.

When the content version cannot be written, no cached page is served rather than a stale one:

- The worker whose write failed stops using the cache, and deletes the version if it can (Redis still
  takes deletes when it is out of memory): with no version no worker can match a stored page.
- Every worker proves the version cache takes its writes at least every PROBE_SECONDS before it
  serves a cached page; one that cannot (or cannot read the version) stops using the cache too.
- A worker that stopped using the cache comes back through a new version: its first successful
  write replaces the version, so nothing stored before the trouble is served after it.

So when the cache refuses every write, other workers may serve pages stored before an edit for at
most PROBE_SECONDS; in every other case, not at all. The cache is an accelerator, not a dependency:
meanwhile pages are rendered as if it were off, and the failure is logged.
"""

import datetime
import functools
import hashlib
import logging
import time
from urllib.parse import urlencode

import django
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, has_vary_header, patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path
from django.utils.http import http_date, parse_http_date_safe

from .discovery import content_models
from .middleware import accepts_gzip

VERSIONS = "default"  # the content version, its schedule, the write probe (never evicted)
PAGES = "pages"  # the stored pages (evicted at will)
VERSION_KEY = "pagecache:version"
SCHEDULE_KEY = "pagecache:schedule"
PROBE_KEY = "pagecache:probe"
# How long a worker serves cached pages on the strength of its last successful write.
PROBE_SECONDS = 5
# Content fields whose time makes a row appear or disappear by itself.
# Dates at which a page changes by itself: publication starts or ends, a call for bids closes.
SCHEDULE_FIELDS = ("publish_from", "publish_until", "interest_deadline", "bid_deadline")
BYPASS_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding"}
# Part of every page's key: a release never reads entries that an older one (with another entry shape,
# or another Django, whose pickled responses may differ) left in a shared cache.
ENTRY_FORMAT = f"4-django{django.VERSION[0]}.{django.VERSION[1]}"

logger = logging.getLogger(__name__)

# Every query parameter some view declared: a request with any other is not looked up at all.
_declared_params = set()


def cache_query_params(*names):
    """Declare the query parameters a view reads: its pages are stored for each value it accepts.

    A request with any other parameter, or one of these given twice, is rendered and not stored. The
    view must answer values it does not know (a year with no testimonials, a misspelt slug) with
    ``Cache-Control: no-cache`` (``patch_cache_control(response, no_cache=True)``), so that what is
    stored stays bounded by the site's own pages. For a class-based view, decorate ``dispatch`` with
    ``method_decorator``.
    """
    _declared_params.update(names)
    allowed = frozenset(names)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            request.page_cache_query_params = allowed
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class _Worker:
    """This process's standing with the version cache."""

    poisoned = False  # a read or write failed: render afresh until a new version is written
    last_write = float("-inf")  # time.monotonic() of the last write the version cache took


_worker = _Worker()


def _wrote():
    _worker.poisoned = False
    _worker.last_write = time.monotonic()


def _poison(reason):
    if not _worker.poisoned:
        logger.error("Page cache off in this worker until the content version can be written: %s", reason)
    _worker.poisoned = True


def _bump():
    """Write a new content version; return it, or None if the cache refused it."""
    version = time.time_ns()
    try:
        caches[VERSIONS].set(VERSION_KEY, version, timeout=None)
    except Exception:
        logger.exception("Page cache unreachable: the content version could not be written")
        return None
    _wrote()
    return version


def invalidate(**kwargs):
    """Forget every cached page: called whenever content changes."""
    if _bump() is not None:
        return
    _poison("cached pages could not be invalidated")
    try:
        caches[VERSIONS].delete(VERSION_KEY)
    except Exception:
        logger.exception("Page cache unreachable: the content version could not be deleted either")


@functools.cache
def _content_labels():
    # With the link tables of many-to-many fields, which send m2m_changed.
    return {model._meta.label_lower for model in content_models(include_auto_created=True)}


@functools.cache
def _scheduled_fields():
    """(model, its schedule fields) for every content model that has any: written so that models gain
    or lose such fields without a change here."""
    found = []
    for model in content_models():
        names = [name for name in SCHEDULE_FIELDS if any(f.name == name for f in model._meta.concrete_fields)]
        if names:
            found.append((model, names))
    return found


def next_change_after(version):
    """The soonest scheduled appearance or expiry after ``version`` began, as a POSIX time, or None."""
    since = datetime.datetime.fromtimestamp(version / 1e9, tz=datetime.UTC)
    times = []
    for model, names in _scheduled_fields():
        # Drafts too: a few needless new versions cost less than a rule about which rows count.
        found = model._base_manager.aggregate(**{name: Min(name, filter=Q(**{f"{name}__gt": since})) for name in names})
        times.extend(moment for moment in found.values() if moment is not None)
    return min(times).timestamp() if times else None


def _content_changed(sender, **kwargs):
    if sender._meta.label_lower in _content_labels():
        invalidate()
        # Once more after the commit: a request in between may have rendered the rows as they were.
        transaction.on_commit(invalidate, robust=True)


def connect_signals():
    """Called once from CoreConfig.ready(): only for content models, so that the others (the
    message desk, the search index) keep Django's fast, signal-free bulk delete."""
    for model in content_models():
        label = model._meta.label_lower
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    # Sent by the link tables of many-to-many fields; _content_changed checks they are content.
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m")


def _current_version():
    """The content version this worker may serve and store pages under, or None: render afresh."""
    if _worker.poisoned and _bump() is None:
        return None  # coming back only through a new version, so nothing from before is served
    versions = caches[VERSIONS]
    try:
        if time.monotonic() - _worker.last_write > PROBE_SECONDS:
            versions.set(PROBE_KEY, time.time(), timeout=PROBE_SECONDS * 12)
            _wrote()
        found = versions.get_many([VERSION_KEY, SCHEDULE_KEY])
        version = found.get(VERSION_KEY)
        if version is None:
            version = time.time_ns()
            if not versions.add(VERSION_KEY, version, timeout=None):
                version = versions.get(VERSION_KEY)  # another worker was first
    except Exception:
        logger.exception("Page cache unreachable: the content version could not be read or written")
        _poison("the content version could not be read or written")
        return None
    if version is None:
        return None
    schedule = found.get(SCHEDULE_KEY)
    if schedule is None or schedule[0] != version:
        try:
            schedule = (version, next_change_after(version))
        except Exception:
            logger.exception("Page cache: the next scheduled change could not be read")
            return None
        try:
            versions.set(SCHEDULE_KEY, schedule, timeout=None)
        except Exception:
            logger.exception("Page cache unreachable: the schedule could not be written")
            _poison("the schedule could not be written")
            return None
    next_change = schedule[1]
    if next_change is not None and next_change <= time.time():
        # Something appeared or expired since this version began: its pages may show it wrongly.
        version = _bump()
        if version is None:
            _poison("the content version could not be renewed after a scheduled change")
    return version


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if not getattr(settings, "PAGE_CACHE_SECONDS", 0):
        return False
    if any(name in request.COOKIES for name in BYPASS_COOKIES):
        return False  # Logged-in staff (previews) and visitors with pending messages.
    return not request.path_info.startswith(("/admin/", settings.STATIC_URL, settings.MEDIA_URL))


def _canonical_host(request):
    """The host if it is spelled exactly as one of ALLOWED_HOSTS (and the server's port, if any)."""
    host = request.get_host()  # raises DisallowedHost for a host the site does not serve
    domain, _port = split_domain_port(host)  # lower case, without a trailing dot
    if host not in (domain, f"{domain}:{request.META.get('SERVER_PORT')}"):
        return None
    allowed = settings.ALLOWED_HOSTS or (["localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else [])
    return host if domain in allowed else None


def _query(request):
    """The query string as stored: declared names once each, sorted; None if it cannot be stored."""
    pairs = []
    for name, values in request.GET.lists():
        if name not in _declared_params or len(values) != 1:
            return None
        pairs.append((name, values[0]))
    return urlencode(sorted(pairs))


def _key(request):
    """The key of the page answering ``request``, or None if no such page may be stored."""
    host = _canonical_host(request)
    query = _query(request)
    if host is None or query is None:
        return None
    encoding = "gzip" if accepts_gzip(request) else "identity"
    raw = f"{request.scheme}|{host}|{escape_uri_path(request.path)}|{query}|{encoding}"
    return f"pagecache:{ENTRY_FORMAT}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _stored_page(key, version):
    try:
        entry = caches[PAGES].get(key)
    except Exception:
        logger.exception("Page cache unreachable: pages cannot be read")
        return None
    if entry is None or entry[0] != version:
        return None
    return entry[1]


def _storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if not set(request.GET) <= getattr(request, "page_cache_query_params", frozenset()):
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


def _keep_private(request, response):
    """Tell every other cache that a page rendered for a signed-in user is theirs alone."""
    cookie = settings.SESSION_COOKIE_NAME
    if cookie not in request.COOKIES and cookie not in response.cookies:
        return  # no session, so nobody signed in: nothing to look up
    try:
        signed_in = request.user.is_authenticated
    except Exception:
        signed_in = True  # in doubt (no user read yet, the database away), keep it out of shared caches
    if signed_in:
        patch_cache_control(response, private=True, no_store=True)


def _debug_header(response, value):
    if getattr(settings, "PAGE_CACHE_DEBUG_HEADER", False):
        response["X-Page-Cache"] = value


class PageCacheMiddleware:
    """Answer anonymous GETs from the page cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request) if _cacheable_request(request) else None
        version = _current_version() if key else None
        if version is not None:
            hit = _stored_page(key, version)
            if hit is not None:
                _debug_header(hit, "hit")
                # The stored response, unpickled afresh for this request. Django's own answer to
                # If-None-Match / If-Modified-Since (304) and failed preconditions.
                last_modified = parse_http_date_safe(hit.get("Last-Modified", ""))
                return get_conditional_response(
                    request, etag=hit.get("ETag"), last_modified=last_modified, response=hit
                )

        response = self.get_response(request)
        # Requests with a session cookie never get here with a key, so "Vary: Cookie" from an
        # anonymous request.user check does not make the page visitor-specific.
        if version is not None and request.method == "GET" and _storable(request, response):
            self.store(request, response, key, version)
        _keep_private(request, response)
        return response

    def store(self, request, response, key, version):
        """Keep a copy of the response (it sets no cookie, see _storable)."""
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        patch_vary_headers(response, ["Accept-Encoding"])
        stored = HttpResponse(response.content, status=response.status_code)
        for name, value in response.items():
            if name.lower() not in HOP_BY_HOP:
                stored[name] = value
        try:
            caches[PAGES].set(key, (version, stored), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Page cache unreachable: %s not stored", request.path)
            return
        _debug_header(response, "miss")
