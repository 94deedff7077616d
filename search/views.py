from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core import meta

from .highlight import excerpt, highlight
from .query import clean_query
from .results import search


@method_decorator(require_safe, name="dispatch")
# Never kept by a shared cache (the page cache, a proxy): one visitor's search is nobody else's business.
@method_decorator(cache_control(private=True), name="dispatch")
class SearchView(TemplateView):
    """Results for ``q`` in the visitor's language, best first, ten a page; a calm page for any input."""

    template_name = "search/search_results.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        search_query = clean_query(request.GET.get("q", ""))
        results = search(search_query, get_language(), kind=request.GET.get("kind", ""))
        kind = results.kind  # "" unless a known kind
        paginator = Paginator(results.entries, self.paginate_by)
        paginator.count = results.total  # known from the counts per kind: no COUNT query of its own
        page_obj = paginator.get_page(request.GET.get("page"))
        query = results.query
        context.update(
            search_query=search_query,
            query=query,
            kind=kind,
            kind_label=results.kind_label,
            facets=results.facets() if query else [],
            page_obj=page_obj,
            hits=[
                {
                    "entry": entry,
                    "title": highlight(entry.title, query),
                    "excerpt": excerpt(entry.text, query),
                }
                for entry in page_obj
            ],
            page_meta=meta.PageMeta(
                request,
                title=_("Search"),
                description=_("Search the WeGO website: Regional Offices, people, programmes, sessions and more."),
                breadcrumbs=meta.trail((_("Search"), reverse("search"))),
                robots="noindex",
            ),
        )
        return context


@require_safe
@cache_control(max_age=86400, public=True)
def opensearch(request):
    """The OpenSearch description, so browsers can add the site's search."""
    return render(request, "search/opensearch.xml", content_type="application/opensearchdescription+xml")
