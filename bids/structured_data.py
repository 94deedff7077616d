"""What the pages of the calls for bids tell search engines.

A call with a bid deadline is an Event on that date (bids are sent on this site, so it takes place
online); a standing call has no date to give, so it is a WebPage about what may be hosted. The list
of calls is an ItemList of them.
"""

from django.utils.translation import gettext

from core import sections
from core.meta import SCHEMA, PageMeta, plain, section, trail, wego

from .dates import seoul_iso
from .models import CallKind


def _call_crumbs(call=None):
    """Home › Regional Offices › Calls for bids (› the call): the sections as the registry places them."""
    crumbs = [section(above.url_name) for above in sections.get("bids").ancestors()]
    crumbs.append(section("bids:list"))
    if call is not None:
        crumbs.append((call.title, call.get_absolute_url()))
    return crumbs


def description(call):
    """One or two sentences about the call, for search results and shared links."""
    if call.summary:
        return call.summary
    kind = CallKind(call.kind).label
    if call.region:
        return gettext("A call for cities to bid to host the WeGO %(kind)s for %(region)s.") % {
            "kind": kind,
            "region": call.region,
        }
    return gettext("A call for cities to bid to host a WeGO %(kind)s.") % {"kind": kind}


def event(request, call, text=""):
    """A call with a bid deadline as a schema.org Event on that date; None without one."""
    if call.bid_deadline is None:
        return None
    url = request.build_absolute_uri(call.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": call.title,
        "url": url,
        "startDate": seoul_iso(call.bid_deadline),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": wego(request),
    }
    if text:
        data["description"] = plain(text)
    return data


def web_page(request, call, text=""):
    """A call without a date: the page of a standing call, about what may be hosted."""
    data = {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": call.title,
        "url": request.build_absolute_uri(call.get_absolute_url()),
        "about": {"@type": "Thing", "name": str(CallKind(call.kind).label)},
        "publisher": wego(request),
    }
    if text:
        data["description"] = plain(text)
    return data


def call_list(request, calls):
    """The calls of the list page, in its order."""
    if not calls:
        return []
    return [
        {
            "@context": SCHEMA,
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": call.title,
                    "url": request.build_absolute_uri(call.get_absolute_url()),
                }
                for position, call in enumerate(calls, start=1)
            ],
        }
    ]


def call_meta(request, call):
    text = description(call)
    return PageMeta(
        request,
        title=call.title,
        description=text,
        breadcrumbs=trail(*_call_crumbs(call)),
        data=[event(request, call, text) or web_page(request, call, text)],
    )


def form_meta(request, call, title):
    """A form page of a call (the expression of interest): its trail, and kept out of search results."""
    return PageMeta(
        request,
        title=title,
        description=description(call),
        breadcrumbs=trail(*_call_crumbs(call), (title, request.path)),
        robots="noindex",
    )


def page_meta(request, title, text):
    """A page of the calls that search engines need not list (asking for a link, the confirmation)."""
    return PageMeta(
        request,
        title=title,
        description=text,
        breadcrumbs=trail(*_call_crumbs(), (title, request.path)),
        robots="noindex",
    )
