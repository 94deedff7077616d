import re
from urllib.parse import urlencode

from django.core import signing
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView

from core.clients import client_address
from core.publishing import visible_to
from pages.models import Page
from pages.views import SectionPageMixin

from . import structured_data
from .abuse import RateLimit
from .forms import ContactMessageForm
from .models import BusType, ContactMessage, HostCity, MessageStatus, MetroStation, Purpose, Secretariat
from .tasks import deliver_message
from .vcard import secretariat_vcard

SENT_SALT = "contact.message-sent"
PROGRAMME_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
# How long the confirmation link of a message keeps showing it.
SENT_LINK_MAX_AGE = 60 * 60 * 24


def secretariat_with_directions(request):
    """The Secretariat with its metro stations and bus types (and their routes): four queries, whatever the rows."""
    # Each model's Meta.ordering ("order", then pk) applies to the prefetches too.
    stations = visible_to(MetroStation.objects, request)
    bus_types = visible_to(BusType.objects, request).prefetch_related("routes")
    return Secretariat.objects.prefetch_related(
        Prefetch("metro_stations", stations, to_attr="visible_stations"),
        Prefetch("bus_types", bus_types, to_attr="visible_bus_types"),
    ).current()


class ContactView(SectionPageMixin, FormView):
    """The Secretariat's address and directions, and the message form."""

    page_key = Page.Key.CONTACT
    template_name = "contact/secretariat_detail.html"
    form_class = ContactMessageForm

    def get_initial(self):
        initial = super().get_initial()
        purpose = self.request.GET.get("purpose", "")
        initial["purpose"] = purpose if purpose in Purpose.values else Purpose.GENERAL
        programme = self.request.GET.get("programme", "")
        if initial["purpose"] == Purpose.PROGRAMME and PROGRAMME_SLUG.fullmatch(programme):
            # A slug the list does not hold (a draft, a typo) simply selects nothing.
            initial["programme"] = programme
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["csrf_token"] = get_token(self.request)
        return kwargs

    def get_context_data(self, **kwargs):
        secretariat = secretariat_with_directions(self.request)
        kwargs["secretariat"] = secretariat
        if secretariat is not None:
            kwargs["preview"] = any(
                not item.is_public for item in [*secretariat.visible_stations, *secretariat.visible_bus_types]
            )
        context = super().get_context_data(**kwargs)
        # {% csrf_token %} renders this value rather than a new one: the very token the form's start time
        # is bound to (values from the view override those of context processors).
        context["csrf_token"] = context["form"].csrf_token
        return context

    def get_structured_data(self, context):
        return structured_data.secretariat_data(self.request, context["secretariat"])

    def form_invalid(self, form):
        form.restart_timer()
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        # Reserved before anything is kept: the count goes up first, so concurrent posts cannot all pass.
        limit = RateLimit(client_address(self.request))
        if not limit.reserve():
            return refused(self.request, "rate_limited", status=429, limit=limit)
        if not form.claim_start_time():
            return self.form_invalid(form)  # a replay: the form back, with a fresh start time
        spam = form.caught_in_honeypot
        if spam:
            form.instance.status = MessageStatus.SPAM
        form.instance.language = translation.get_language()  # the staff's reply is dated in it
        with transaction.atomic():
            message = form.save()
            if not spam:
                # Queued in the same transaction: the e-mails go out from the task worker, after the
                # message is safe in the database, whatever the mail server does.
                deliver_message.enqueue(message.pk, self.request.build_absolute_uri("/"), translation.get_language())
        if spam:
            return refused(self.request, "held", status=400)
        # A signed reference rather than the session: a session cookie would keep this visitor out of
        # the page cache for weeks. The explicit fragment replaces the form's "#message-errors".
        ref = signing.dumps(message.pk, salt=SENT_SALT)
        return redirect(f"{reverse('contact:sent')}?{urlencode({'ref': ref})}#main")


def refused(request, reason, status, limit=None):
    """A plain page saying why a message was not accepted, with what the visitor wrote."""
    retry_after = limit.retry_after() if limit else None
    response = render(
        request,
        "contact/contactmessage_refused.html",
        {
            "reason": reason,
            "text": request.POST.get("message", "")[:10_000],
            "retry_minutes": (retry_after + 59) // 60 if retry_after else None,
        },
        status=status,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@method_decorator(never_cache, name="dispatch")
class MessageSentView(TemplateView):
    """The confirmation after a message is saved (post/redirect/get). Never cached: it is one visitor's."""

    template_name = "contact/contactmessage_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            pk = signing.loads(self.request.GET.get("ref", ""), salt=SENT_SALT, max_age=SENT_LINK_MAX_AGE)
        except signing.BadSignature:
            pk = None
        context["message"] = ContactMessage.objects.filter(pk=pk).first() if isinstance(pk, int) else None
        return context


class HostCityView(SectionPageMixin, TemplateView):
    page_key = Page.Key.HOST_CITY
    template_name = "contact/hostcity_detail.html"

    def get_context_data(self, **kwargs):
        city = visible_to(HostCity.objects, self.request).prefetch_related("areas").order_by("pk").first()
        kwargs["host_city"] = city
        if city is not None and not city.is_public:
            kwargs["preview"] = True
        kwargs["secretariat"] = Secretariat.objects.current()  # the footer's too: one query for both
        return super().get_context_data(**kwargs)

    def get_structured_data(self, context):
        return structured_data.secretariat_data(self.request, context["secretariat"])


@require_safe
@cache_control(max_age=3600, public=True)
def secretariat_vcard_download(request):
    secretariat = Secretariat.objects.current()
    if secretariat is None:
        raise Http404("No Secretariat yet")
    card = secretariat_vcard(secretariat, url=request.build_absolute_uri("/"))
    response = HttpResponse(str(card), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wego-secretariat.vcf"'
    return response
