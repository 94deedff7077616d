from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from . import search, structured_data
from .models import Page
from .publishing import visible_to


def get_page(request, key):
    """The section page for ``key``, as the visitor may see it (drafts only for staff)."""
    try:
        return visible_to(Page.objects, request).get(key=key)
    except Page.DoesNotExist:
        raise Http404("No such page") from None


class SectionPageMixin:
    """Adds the staff-edited section page (title, introduction, body) to a view's context.

    With it the page's sharing tags and breadcrumbs: Home, the section above it if any, the page.
    """

    page_key = None
    # The URL name of the section a page belongs under in the breadcrumbs ("offices:list" for hosting).
    parent_section = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.setdefault("page", get_page(self.request, self.page_key))
        context["preview"] = context.get("preview") or not page.is_public
        if self.page_key == Page.Key.HOME:
            crumbs = structured_data.trail()
        else:
            parents = [structured_data.section(self.parent_section)] if self.parent_section else []
            crumbs = structured_data.trail(*parents, (page.title, self.request.path))
        for key, value in structured_data.page_meta(
            self.request, title=page.title, description=page.description, breadcrumbs=crumbs
        ).items():
            context.setdefault(key, value)
        return context


class HomeView(SectionPageMixin, TemplateView):
    """WeGO in a sentence, then what is coming up, where the offices are and what participants say."""

    template_name = "home.html"
    page_key = Page.Key.HOME
    session_count = 3

    def get_context_data(self, **kwargs):
        from contact.models import Secretariat
        from offices.models import Office
        from programs.models import Session
        from testimonials.models import Testimonial

        secretariat = Secretariat.objects.order_by("pk").first()
        data = [structured_data.organization(self.request, secretariat), structured_data.website(self.request)]
        return super().get_context_data(
            json_ld=[structured_data.json_ld_script(item) for item in data],
            secretariat=secretariat,  # the footer's too: one query for both
            next_sessions=Session.objects.published()
            .current_and_upcoming()
            .select_related("programme")[: self.session_count],
            offices=Office.objects.published().current().with_public_contacts(),
            featured_testimonial=Testimonial.objects.published()
            .featured()
            .select_related("session__programme")
            .first(),
            **kwargs,
        )


@method_decorator(require_safe, name="dispatch")
class SearchView(TemplateView):
    """Results for ``q`` in the visitor's language, best first, ten a page; a calm page for any input."""

    template_name = "search/search_results.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        search_query = search.clean_query(request.GET.get("q", ""))
        results = search.search(search_query, get_language(), kind=request.GET.get("kind", ""))
        kind = results.kind  # "" unless a known kind
        paginator = Paginator(results.entries, self.paginate_by)
        paginator.count = results.total  # known from the counts per kind: no COUNT query of its own
        page_obj = paginator.get_page(request.GET.get("page"))
        query = results.query
        context.update(
            search_query=search_query,
            query=query,
            kind=kind,
            kind_label=search.KIND_PLURALS.get(kind, ""),
            facets=results.facets() if query else [],
            page_obj=page_obj,
            hits=[
                {
                    "entry": entry,
                    "title": search.highlight(entry.title, query),
                    "excerpt": search.excerpt(entry.text, query),
                }
                for entry in page_obj
            ],
            robots="noindex",
            **structured_data.page_meta(
                request,
                title=_("Search"),
                description=_("Search the WeGO website: Regional Offices, people, programmes, sessions and more."),
                breadcrumbs=structured_data.trail((_("Search"), reverse("search"))),
            ),
        )
        return context


@require_safe
@cache_control(max_age=86400, public=True)
def opensearch(request):
    """The OpenSearch description, so browsers can add the site's search."""
    return render(request, "opensearch.xml", content_type="application/opensearchdescription+xml")


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be what failed.
    return render(request, "500.html", {"navigation": (), "languages": (), "secretariat": None}, status=500)
