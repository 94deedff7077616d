"""What a page tells search engines and chat apps about itself.

A view puts one ``PageMeta`` in its context as ``page_meta``, built by its app's structured_data
module or by the section-page mixin; ``templates/includes/page_meta.html`` prints it (the robots
rule, the canonical URL, the Open Graph and Twitter card tags), the breadcrumbs include shows its
trail, and base.html prints its schema.org JSON-LD: the app's things (Organization, Event,
EducationalOccupationalProgram, Person...) and the trail as a BreadcrumbList. The JSON-LD is built
from data as dicts and serialised with ``json.dumps``, never written as template text.
"""

import json
from dataclasses import InitVar, dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
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


# -- The page's own address -----------------------------------------------------------------------


def is_site_path(path):
    """Whether ``path`` is a path on this site, safe to print as a link: it starts with one "/" and
    names no other host or scheme.

    A request's path is whatever the visitor typed: browsers read "//evil.example/", "/\\evil.example"
    and "///evil.example" as another site, so a page that printed its own path as a link would send
    visitors off-site. Django's check for redirect targets knows all those spellings.
    """
    return (
        isinstance(path, str)
        and path.startswith("/")
        and not path.startswith("//")  # "//" alone names no host, but it is not a path either
        and url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    )


def site_url(request, path):
    """The absolute URL of ``path`` on this site; of the home page when ``path`` is not one of its paths."""
    return request.build_absolute_uri(path if is_site_path(path) else "/")


# -- Breadcrumbs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


def section(url_name):
    """The crumb of the site's section at ``url_name``, named as the navigation names it."""
    from .sections import by_url_name

    return Crumb(str(by_url_name(url_name).label), reverse(url_name))


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


@dataclass
class PageMeta:
    """What one page states about itself: ``PageMeta(request, title=..., ...)``, the request making its URLs absolute.

    ``image`` is a dict from ``share_image()``, the site's default image without one; ``breadcrumbs``
    the page's trail (see ``trail()``), shown only with more than one crumb: the home page has none;
    ``data`` schema.org dicts for its JSON-LD; ``robots`` the robots meta tag's rule ("noindex").
    """

    request: InitVar[HttpRequest]
    title: str
    description: str = ""
    image: dict | None = None
    breadcrumbs: list = field(default_factory=list)
    data: list = field(default_factory=list)
    robots: str = ""
    # The <script> elements base.html prints: ``data``, then the breadcrumbs as a BreadcrumbList.
    json_ld: list = field(init=False, repr=False)

    def __post_init__(self, request):
        self.title = str(self.title)
        self.description = plain(self.description)
        self.image = self.image or default_image(request)
        crumbs = list(self.breadcrumbs)
        self.breadcrumbs = crumbs if len(crumbs) > 1 else []
        self.data = list(self.data)
        things = [*self.data, breadcrumb_list(request, self.breadcrumbs)] if self.breadcrumbs else self.data
        self.json_ld = [json_ld_script(thing) for thing in things]


# -- schema.org things ---------------------------------------------------------------------------


def wego(request):
    """WeGO itself, as the organiser or provider of what the site lists."""
    return {"@type": "Organization", "name": SITE_NAME, "url": request.build_absolute_uri(reverse("home"))}
