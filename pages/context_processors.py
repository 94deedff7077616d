from django.utils.functional import SimpleLazyObject

from core import sections

from .views import visible_keys


def navigation(request):
    """The main navigation without the sections whose page the visitor cannot see: a section page that
    is drafted, scheduled, expired or missing answers 404, so the menu must not link to it. Staff, who
    see drafts as previews, keep those. A section's own page adds no query: the menu reads the pages
    its view fetched."""

    def shown():
        keys = visible_keys(request)
        return tuple(section for section in sections.navigation() if section.key in keys)

    return {"navigation": SimpleLazyObject(shown)}
