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
