"""The pages of the site the rich-text editor can link to, found by title (core.richtext's "Link to a
page of this site"): the search index already holds one row per public page and language, with its
title and address.

Staff only: the root URLs put it under /admin/ behind the admin's own gate.
"""

from django.conf import settings
from django.http import JsonResponse

from core.text import one_line

from .models import SearchEntry

LIMIT = 10


def link_targets(request):
    """``?q=part of a title&language=ko``: at most ten public pages of that language whose title
    contains the words, as JSON ``{"results": [{"title", "url", "kind"}]}``."""
    # Invisible control characters made spaces: PostgreSQL refuses a NUL in a query, and no title has one.
    query = " ".join(one_line(request.GET.get("q", "")).split())[:100]
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    results = []
    if query:
        entries = (
            SearchEntry.objects.visible()
            .in_language(language)
            .filter(title__icontains=query)
            .only("kind", "title", "url")
            .order_by("title")[:LIMIT]
        )
        results = [{"title": entry.title, "url": entry.url, "kind": str(entry.get_kind_display())} for entry in entries]
    return JsonResponse({"results": results})
