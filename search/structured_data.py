"""The site as a WebSite with its search, so search engines can offer a search box for it."""

from django.urls import reverse

from core.meta import SCHEMA, SITE_NAME


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
