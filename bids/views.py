"""Public pages of the calls for bids: the list, a call, its deadlines as iCalendar, the expression of
interest, and asking for a new private link. The city's bid space is in ``space``."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from icalendar import Calendar, Event, vText

from contact.abuse import RateLimit, acknowledgement_allowed
from core.clients import client_address
from core.publishing import visible_to
from core.text import multi_line, one_line
from offices.models import HostingDocument
from pages.models import Page
from pages.views import SectionPageMixin
from programs.calendar import UID_DOMAIN
from programs.views import in_default_language

from . import structured_data, workflow
from .dates import SEOUL, KeyDate, seoul_time
from .forms import AskLinkForm, InterestForm
from .models import Call

PRODUCT_ID = "-//WeGO//Calls for bids//EN"


# -- dates ----------------------------------------------------------------------------------------------


def key_dates(call):
    """The dates a call has, in the order they come."""
    dates = [
        ("interest", _("Expressions of interest until"), call.interest_deadline),
        ("bids", _("Bids until"), call.bid_deadline),
        ("decision", _("Decision expected"), call.decision_expected),
    ]
    return [KeyDate(what, str(label), moment) for what, label, moment in dates if moment]


def _with_dates(calls):
    for call in calls:
        call.key_dates = key_dates(call)
    return calls


# -- the list and a call ----------------------------------------------------------------------------


class CallListView(SectionPageMixin, ListView):
    """Open calls (soonest deadline first, standing calls last), then those awaiting their decision, then
    the decided ones with their outcome. One query for the calls, whatever their number."""

    page_key = Page.Key.BIDS
    template_name = "bids/call_list.html"
    context_object_name = "calls"

    def get_queryset(self):
        return visible_to(Call.objects, self.request)

    def get_context_data(self, **kwargs):
        calls = _with_dates(list(self.object_list))
        now = timezone.now()
        far = datetime.max.replace(tzinfo=SEOUL)
        kwargs["open_calls"] = sorted(
            (call for call in calls if call.is_open(now)), key=lambda call: (call.bid_deadline or far, call.title)
        )
        kwargs["closed_calls"] = [call for call in calls if not call.outcome_announced and not call.is_open(now)]
        kwargs["decided_calls"] = [call for call in calls if call.outcome_announced]
        kwargs["preview"] = any(not call.is_public for call in calls)
        return super().get_context_data(**kwargs)

    def get_structured_data(self, context):
        return structured_data.call_list(
            self.request, [*context["open_calls"], *context["closed_calls"], *context["decided_calls"]]
        )


class CallDetailView(DetailView):
    template_name = "bids/call_detail.html"
    context_object_name = "call"

    def get_queryset(self):
        documents = visible_to(HostingDocument.objects, self.request).in_language_first(get_language())
        return visible_to(Call.objects, self.request).prefetch_related(
            Prefetch("documents", queryset=documents, to_attr="shown_documents"), "checklist", "questions"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        call = self.object
        call.key_dates = key_dates(call)
        context["preview"] = any(not item.is_public for item in [call, *call.shown_documents])
        context["page_meta"] = structured_data.call_meta(self.request, call)
        context["refusal"] = refusal(call)
        context["status"] = status(call)
        return context


def status(call, now=None):
    """Where the call stands, as the list groups it."""
    if call.outcome_announced:
        return gettext("Decided")
    if call.is_open(now):
        return gettext("Open")
    return gettext("Closed, awaiting the decision")


# -- the expression of interest ---------------------------------------------------------------------------


def refusal(call, now=None):
    """Why the call takes no expression of interest now, as a sentence; "" while it does."""
    now = now or timezone.now()
    if call.takes_interest(now):
        return ""
    if call.outcome_announced:
        return gettext("This call has been decided, so it no longer takes expressions of interest.")
    if call.bid_deadline is not None and call.bid_deadline <= now:
        sentence = gettext(
            "The deadline for bids to this call passed on %(date)s, so it no longer takes expressions of interest."
        )
        return sentence % {"date": seoul_time(call.bid_deadline)}
    return gettext("The deadline for expressions of interest in this call passed on %(date)s.") % {
        "date": seoul_time(call.interest_deadline)
    }


def _rate_limited(form, limit):
    minutes = (limit.retry_after() + 59) // 60
    message = ngettext(
        "To keep automated forms out, only a few are accepted an hour from one connection. Nothing was sent: "
        "please try again in about %(minutes)s minute; everything you typed is still here.",
        "To keep automated forms out, only a few are accepted an hour from one connection. Nothing was sent: "
        "please try again in about %(minutes)s minutes; everything you typed is still here.",
        minutes,
    )
    form.add_error(None, message % {"minutes": minutes})


class InterestView(View):
    """A city's expression of interest: stored with its private link before anything is sent; the
    e-mail with the link goes from the task queue (``workflow.express_interest``)."""

    template_name = "bids/interest_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.call = get_object_or_404(visible_to(Call.objects, request), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, form=None, status=200, retry_after=None):
        title = gettext("Express interest: %(call)s") % {"call": self.call.title}
        context = {
            "call": self.call,
            "form": form,
            "refusal": refusal(self.call),
            "preview": not self.call.is_public,
            "page_meta": structured_data.form_meta(self.request, self.call, title),
        }
        if form is not None:
            # {% csrf_token %} renders this very token, the one the form's start time is bound to.
            context["csrf_token"] = form.csrf_token
        response = render(self.request, self.template_name, context, status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    def get(self, request, slug):
        if refusal(self.call):
            return self.render(status=403)
        return self.render(InterestForm(call=self.call, csrf_token=get_token(request)))

    def post(self, request, slug):
        if refusal(self.call):
            return self.render(status=403)
        form = InterestForm(request.POST, call=self.call, csrf_token=get_token(request))
        if not form.is_valid():
            form.restart_timer()
            return self.render(form, status=400)
        # Reserved before anything is kept: the count goes up first, so concurrent posts cannot all pass.
        limit = RateLimit(client_address(request))
        if not limit.reserve():
            _rate_limited(form, limit)
            form.restart_timer()
            return self.render(form, status=429, retry_after=limit.retry_after())
        if not form.claim_start_time():
            form.restart_timer()
            return self.render(form, status=400)
        bid = form.save(commit=False)
        bid.language = get_language()
        workflow.express_interest(bid)
        return redirect(reverse("bids:interest-sent"))


class InterestSentView(TemplateView):
    """After an expression of interest (post/redirect/get): the same calm page for everyone."""

    template_name = "bids/interest_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = structured_data.page_meta(
            self.request,
            gettext("Expression of interest received"),
            gettext("Your city’s expression of interest reached the WeGO Secretariat."),
        )
        return context


class AskLinkView(View):
    """Asking for a new link to a bid space. Whatever the address, the answer is the same page, with the
    same status: only the mailbox of an address with a bid learns anything, by the e-mail it gets."""

    template_name = "bids/ask_link.html"
    sent_template_name = "bids/ask_link_sent.html"

    def render(self, template_name, form=None, status=200, retry_after=None):
        context = {
            "form": form,
            "page_meta": structured_data.page_meta(
                self.request,
                gettext("Ask for a new link to your bid space"),
                gettext("A city preparing a bid to WeGO gets a new private link to its bid space by e-mail."),
            ),
        }
        if form is not None:
            context["csrf_token"] = form.csrf_token
        response = render(self.request, template_name, context, status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    def get(self, request):
        return self.render(self.template_name, AskLinkForm(csrf_token=get_token(request)))

    def post(self, request):
        form = AskLinkForm(request.POST, csrf_token=get_token(request))
        if not form.is_valid():
            form.restart_timer()
            return self.render(self.template_name, form, status=400)
        limit = RateLimit(client_address(request))
        if not limit.reserve():
            _rate_limited(form, limit)
            form.restart_timer()
            return self.render(self.template_name, form, status=429, retry_after=limit.retry_after())
        if not form.claim_start_time():
            form.restart_timer()
            return self.render(self.template_name, form, status=400)
        email = form.cleaned_data["email"]
        # The message desk's daily cap per mailbox: nobody can make the site write to a city again and again.
        if acknowledgement_allowed(email):
            workflow.renew_links(email)
        return self.render(self.sent_template_name)


# -- the deadlines as iCalendar -----------------------------------------------------------------------------


def _summary(key_date, call):
    summaries = {
        "interest": gettext("Deadline for expressions of interest: %(call)s"),
        "bids": gettext("Deadline for bids: %(call)s"),
        "decision": gettext("Decision expected: %(call)s"),
    }
    return summaries[key_date.what] % {"call": call.title}


def deadline_event(call, key_date, request, stamp):
    """One date of a call as an event of no duration at that moment; its UID never changes."""
    url = request.build_absolute_uri(call.get_absolute_url())
    event = Event()
    event.add("uid", f"call-{call.pk}-{key_date.what}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", key_date.moment.astimezone(ZoneInfo("UTC")))
    event.add("summary", vText(multi_line(_summary(key_date, call))))
    event.add("description", vText(multi_line(f"{key_date.text}\n{url}")))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


@require_safe
@in_default_language
def calendar(request):
    """The dates of every published call not decided yet, for calendar applications to subscribe to.

    A call past its bid deadline stays until its outcome is announced: its decision date is still ahead."""
    calls = Call.objects.published().filter(outcome_announced=False).order_by("pk")
    ical = Calendar()
    ical.add("prodid", PRODUCT_ID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    ical.add("x-wr-calname", vText(one_line(gettext("WeGO calls for bids: deadlines"))))
    stamp = timezone.now().replace(microsecond=0)
    for call in calls:
        for key_date in key_dates(call):
            ical.add_component(deadline_event(call, key_date, request, stamp))
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wego-calls-for-bids.ics"'
    return response
