from functools import wraps

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from core.publishing import visible_to
from offices.models import Office
from pages.models import Page
from pages.views import SectionPageMixin
from testimonials.models import Testimonial

from . import structured_data
from .calendar import build_calendar
from .models import PartnerOrganisation, Programme, ProgrammeKind, Session


class ProgrammeListView(SectionPageMixin, ListView):
    """Programmes grouped by kind, each with its next session (or, failing that, its latest one)."""

    page_key = Page.Key.PROGRAMMES
    context_object_name = "programmes"

    def get_queryset(self):
        sessions = Session.objects.published()
        return Programme.objects.published().prefetch_related(
            Prefetch("sessions", queryset=sessions.current_and_upcoming()[:1], to_attr="next_sessions"),
            Prefetch("sessions", queryset=sessions.past()[:1], to_attr="latest_sessions"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = context["programmes"]
        context["groups"] = [
            (kind, group)
            for kind in ProgrammeKind
            if (group := [programme for programme in programmes if programme.kind == kind])
        ]
        return context


class ProgrammeDetailView(DetailView):
    context_object_name = "programme"

    def get_queryset(self):
        return visible_to(Programme.objects, self.request).prefetch_related(
            Prefetch("partners", queryset=PartnerOrganisation.objects.select_related("logo")),
            Prefetch("offices", queryset=Office.objects.published()),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = Session.objects.published().filter(programme=self.object).select_related("programme", "image")
        context["upcoming_sessions"] = list(sessions.current_and_upcoming())
        context["past_sessions"] = list(sessions.past())
        context["preview"] = not self.object.is_public
        context["page_meta"] = structured_data.programme_meta(self.request, self.object)
        return context


class SessionDetailView(DetailView):
    context_object_name = "session"

    def get_queryset(self):
        return (
            visible_to(Session.objects, self.request)
            .filter(programme__slug=self.kwargs["programme"])
            .select_related("programme", "image")
            .prefetch_related(
                "topics",
                "technical_tours",
                "contacts",
                "cities",
                Prefetch(
                    "testimonials",
                    queryset=Testimonial.objects.published().select_related("photo"),
                    to_attr="public_testimonials",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        context["programme"] = session.programme
        context["preview"] = not session.is_public
        context["page_meta"] = structured_data.session_meta(self.request, session)
        return context


def in_default_language(view):
    """Answer in the site's default language whatever the address's language prefix.

    For the calendar files: a subscribed calendar gets the same titles and links whichever page a
    visitor copied the address from, and never sees its events change language.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return view(request, *args, **kwargs)

    return wrapper


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@in_default_language
def calendar_feed(request):
    """Every published session with dates, for calendar applications to subscribe to."""
    sessions = Session.objects.published().dated().select_related("programme").order_by("start_date", "pk")
    return _calendar_response(build_calendar(sessions, request, _("WeGO programme sessions")), "wego-sessions.ics")


@require_safe
@in_default_language
def session_calendar(request, programme, slug):
    session = get_object_or_404(
        visible_to(Session.objects, request).select_related("programme"), programme__slug=programme, slug=slug
    )
    if session.start_date is None:
        raise Http404("This session has no dates yet.")
    return _calendar_response(build_calendar([session], request, session.title), f"wego-{programme}-{slug}.ics")
