"""What a page tells search engines and chat apps about itself.

Views call ``page_meta()`` from ``get_context_data`` and base.html prints the result: the canonical
URL, the Open Graph and Twitter card tags, the breadcrumbs (on the page and as a schema.org
BreadcrumbList) and any other schema.org JSON-LD (Organization, Event, EducationalOccupationalProgram,
Person). The JSON-LD is built from data as dicts and serialised with ``json.dumps``, never written as
template text.
"""

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from . import richtext

SCHEMA = "https://schema.org"
SITE_NAME = "WeGO"
# The same escapes as Django's json_script: the JSON can never close the <script> element around it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``data`` in a ``<script type="application/ld+json">`` element, escaped like ``json_script``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


# -- Breadcrumbs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


def section(url_name):
    """The crumb of a section of the main navigation, named as the navigation names it."""
    from .context_processors import NAVIGATION

    label = next(item.label for item in NAVIGATION if item.url_name == url_name)
    return Crumb(str(label), reverse(url_name))


def trail(*crumbs):
    """Home, then ``crumbs`` (Crumb or (name, url)); the last one is the page itself."""
    items = [Crumb(str(_("Home")), reverse("home"))]
    items += [crumb if isinstance(crumb, Crumb) else Crumb(str(crumb[0]), str(crumb[1])) for crumb in crumbs]
    return items


def breadcrumb_list(request, crumbs):
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.name,
                "item": request.build_absolute_uri(crumb.url),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


# -- Sharing -------------------------------------------------------------------------------------


def plain(text, words=40):
    """Plain text for a description (see richtext.plain), at most ``words`` words."""
    return Truncator(richtext.plain(text)).words(words)


def share_image(request, field_file, alt=""):
    """(absolute URL, width, height, alt) of the Open Graph rendition of a photo; None without one."""
    from .images import rendition

    found = rendition(field_file, "og") if field_file else None
    if found is None:
        return None
    return {"url": request.build_absolute_uri(found.url), "width": found.width, "height": found.height, "alt": alt}


def default_image(request):
    return {
        "url": request.build_absolute_uri(static("img/og-default.png")),
        "width": 1200,
        "height": 630,
        "alt": str(_("WeGO, World Smart Sustainable Cities Organization")),
    }


def page_meta(request, *, title, description="", image=None, breadcrumbs=(), data=()):
    """The context base.html reads for the canonical link, sharing tags, breadcrumbs and JSON-LD.

    ``image`` is a dict from ``share_image()`` (or None for the site's default image); ``data`` a list
    of schema.org dicts. Breadcrumbs of one crumb (the home page) are not shown.
    """
    breadcrumbs = list(breadcrumbs)
    scripts = [json_ld_script(item) for item in data]
    if len(breadcrumbs) > 1:
        scripts.append(json_ld_script(breadcrumb_list(request, breadcrumbs)))
    return {
        "og_title": str(title),
        "og_description": plain(description),
        "og_image": image or default_image(request),
        "breadcrumbs": breadcrumbs if len(breadcrumbs) > 1 else [],
        "json_ld": scripts,
    }


# -- schema.org things ---------------------------------------------------------------------------


def wego(request):
    """WeGO itself, as the organiser or provider of what the site lists."""
    return {"@type": "Organization", "name": SITE_NAME, "url": request.build_absolute_uri(reverse("home"))}


def organization(request, secretariat=None):
    """WeGO as an Organization, for the home page: the Secretariat's address and contact points."""
    data = {
        "@context": SCHEMA,
        **wego(request),
        "alternateName": str(_("World Smart Sustainable Cities Organization")),
        "logo": request.build_absolute_uri(static("img/og-default.png")),
    }
    if secretariat is not None:
        from contact.structured_data import organization as secretariat_organization

        details = secretariat_organization(secretariat, request)
        for key in ("address", "telephone", "faxNumber", "email", "contactPoint", "location"):
            if key in details:
                data[key] = details[key]
    return data


def website(request):
    """The site, with its search, so search engines can offer a search box for it."""
    search_url = request.build_absolute_uri(reverse("search"))
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": request.build_absolute_uri(reverse("home")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def _partner(partner):
    data = {"@type": "Organization", "name": partner.name}
    if partner.website:
        data["url"] = partner.website
    return data


def educational_program(request, programme, description=""):
    """A programme as an EducationalOccupationalProgram, provided by WeGO and its partners."""
    from programs.models import ProgrammeKind

    data = {
        "@context": SCHEMA,
        "@type": "EducationalOccupationalProgram",
        "name": programme.name,
        "url": request.build_absolute_uri(programme.get_absolute_url()),
        "programType": str(ProgrammeKind(programme.kind).label),
        "provider": [wego(request), *(_partner(partner) for partner in programme.partners.all())],
    }
    if description:
        data["description"] = plain(description)
    return data


def event(request, session, description=""):
    """A session as a schema.org Event: dates, place or online, organiser, status."""
    from programs.models import ProgrammeKind, SessionStatus

    programme = session.programme
    url = request.build_absolute_uri(session.get_absolute_url())
    online = programme.kind == ProgrammeKind.WEBINAR_SERIES
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": session.title,
        "url": url,
        "eventStatus": f"{SCHEMA}/EventCancelled"
        if session.status == SessionStatus.CANCELLED
        else f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{'Online' if online else 'Offline'}EventAttendanceMode",
        "organizer": [wego(request), *(_partner(partner) for partner in programme.partners.all())],
        "superEvent": {"@type": "EventSeries", "name": programme.name},
    }
    if session.start_date:
        data["startDate"] = session.start_date.isoformat()
        data["endDate"] = (session.end_date or session.start_date).isoformat()
    if online:
        data["location"] = {"@type": "VirtualLocation", "url": url}
    elif session.place:
        data["location"] = {"@type": "Place", "name": session.place, "address": session.place}
    if description:
        data["description"] = plain(description)
    return data


def person(request, contact, office):
    """A staff contact as a Person with the job title they hold at their Regional Office."""
    data = {
        "@context": SCHEMA,
        "@type": "Person",
        "name": contact.name,
        "url": request.build_absolute_uri(f"{office.get_absolute_url()}#contact-{contact.pk}"),
        "worksFor": {
            "@type": "Organization",
            "name": office.name,
            "url": request.build_absolute_uri(office.get_absolute_url()),
        },
    }
    if contact.position:
        data["jobTitle"] = contact.position
    if contact.affiliation:
        data["affiliation"] = contact.affiliation
    if contact.email:
        data["email"] = contact.email
    if contact.phone_uri:
        data["telephone"] = contact.phone_uri.removeprefix("tel:")
    return data


# -- Each kind of page ---------------------------------------------------------------------------


def office_meta(request, office):
    """A Regional Office's page: its photo, breadcrumbs and its staff contacts as Persons."""
    from django.utils.translation import gettext

    if office.summary:
        description = office.summary
    elif office.is_planned:
        description = gettext(
            "WeGO is looking into opening a new Regional Office in %(region)s: find out how to host it."
        ) % {"region": office.region}
    else:
        description = gettext("%(name)s, WeGO’s Regional Office for %(region)s: its history and staff contacts.") % {
            "name": office.name,
            "region": office.region,
        }
    return page_meta(
        request,
        title=office.name,
        description=description,
        image=share_image(request, office.photo, office.photo_alt),
        breadcrumbs=trail(section("offices:list"), (office.name, office.get_absolute_url())),
        data=[person(request, contact, office) for contact in office.contacts.all()],
    )


def programme_meta(request, programme):
    description = programme.summary or programme.name
    return page_meta(
        request,
        title=programme.name,
        description=description,
        breadcrumbs=trail(section("programs:list"), (programme.name, programme.get_absolute_url())),
        data=[educational_program(request, programme, description)],
    )


def session_meta(request, session):
    from django.utils.translation import gettext

    programme = session.programme
    description = gettext("%(title)s, a session of the %(programme)s: %(dates)s.") % {
        "title": session.title,
        "programme": programme.name,
        "dates": session.date_range or gettext("dates to be announced"),
    }
    if session.place:
        description = f"{description} {session.place}."
    return page_meta(
        request,
        title=session.title,
        description=description,
        breadcrumbs=trail(
            section("programs:list"),
            (programme.name, programme.get_absolute_url()),
            (session.title, session.get_absolute_url()),
        ),
        data=[event(request, session, session.description or description)],
    )
