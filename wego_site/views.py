from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .models import Page
from .publishing import visible_to


def get_page(request, key):
    """The section page for ``key``, as the visitor may see it (drafts only for staff)."""
    try:
        return visible_to(Page.objects, request).get(key=key)
    except Page.DoesNotExist:
        raise Http404("No such page") from None


class SectionPageMixin:
    """Adds the staff-edited section page (title, introduction, body) to a view's context."""

    page_key = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.setdefault("page", get_page(self.request, self.page_key))
        context["preview"] = context.get("preview") or not page.is_public
        return context


class SectionPageView(SectionPageMixin, TemplateView):
    template_name = "section_page.html"


class HomeView(SectionPageMixin, TemplateView):
    """WeGO in a sentence, then what is coming up, where the offices are and what participants say."""

    template_name = "home.html"
    page_key = Page.Key.HOME
    session_count = 3

    def get_context_data(self, **kwargs):
        from offices.models import Office
        from programs.models import Session
        from testimonials.models import Testimonial

        return super().get_context_data(
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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be what failed.
    return render(request, "500.html", {"navigation": (), "languages": (), "secretariat": None}, status=500)
