"""The pages of the composition root: the home page, robots.txt, the health check and error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from contact.models import Secretariat
from contact.structured_data import wego_organization
from core.context_processors import language_homes
from offices.models import Office
from pages.models import Page
from pages.views import SectionPageMixin
from programs.models import Session
from search.structured_data import website
from testimonials.models import Testimonial


class HomeView(SectionPageMixin, TemplateView):
    """WeGO in a sentence, then what is coming up, where the offices are and what participants say."""

    template_name = "home.html"
    page_key = Page.Key.HOME
    session_count = 3

    def get_structured_data(self, context):
        return [wego_organization(self.request, context["secretariat"]), website(self.request)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            secretariat=Secretariat.objects.current(),  # the footer's too: one query for both
            next_sessions=Session.objects.published()
            .current_and_upcoming()
            .select_related("programme", "image")[: self.session_count],
            offices=Office.objects.published().current().select_related("photo").with_public_contacts(),
            featured_testimonial=Testimonial.objects.published()
            .featured()
            .select_related("session__programme", "photo")
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
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# An error page is no page of the site, and its address is whatever was asked for, "//evil.example/"
# included: it prints no canonical, sharing or hreflang link to itself (error_page), and its language
# switcher leads to each language's home page.


def bad_request(request, exception=None):
    # Also the answer to a Host header not in ALLOWED_HOSTS: nothing here may build an absolute URL
    # from the request, which would raise again.
    return render(request, "400.html", {"error_page": True, "languages": language_homes()}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"error_page": True, "languages": language_homes()}, status=404)


def server_error(request):
    # No context processors that touch the database: the database may be what failed.
    context = {"error_page": True, "navigation": (), "languages": language_homes(), "secretariat": None}
    return render(request, "500.html", context, status=500)
