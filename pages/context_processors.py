from django.utils.functional import SimpleLazyObject

from core import sections

from .views import visible_pages


def navigation(request):
    """The main navigation without the sections whose page the visitor cannot see: a section page that
    is drafted, scheduled, expired or missing answers 404, so the menu must not link to it. Staff, who
    see drafts as previews, keep those. Listed after ``core.context_processors.site``, whose unfiltered
    ``navigation`` this replaces; the pages are the ones a section's view reads anyway (one query)."""

    def shown():
        pages = visible_pages(request)
        return tuple(section for section in sections.navigation() if section.key in pages)

    return {"navigation": SimpleLazyObject(shown)}
