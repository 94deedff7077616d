"""The city's private bid space: one page, opened by the secret of a link (``BidAccess``), and the
steps posted from it (upload a document, save the answers, invite a colleague, submit).

Every view looks the secret up first (``with_space``): an unknown, expired or revoked link gets the
same calm page, which never says which of these it was nor repeats the secret. Every answer is
private: never stored by the page cache or any other cache, never indexed, and the page's address
(the secret) is never sent on as a Referer. A step the bid's state refuses (past the deadline,
submitted, incomplete) shows the page again with the sentence that says why and what was typed.
"""

import functools
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST, require_safe

from core.context_processors import language_homes
from core.meta import PageMeta

from . import workflow
from .models import Bid, BidAccess, BidDocument, ChecklistItem
from .space_forms import AnswersForm, DocumentUploadForm, InviteForm
from .workflow import StepRefused


@dataclass
class Space:
    """The access a link opened, and the secret that opened it (for the page's own addresses only)."""

    access: BidAccess
    secret: str

    @property
    def bid(self):
        return self.access.bid

    def url(self, anchor=""):
        return BidAccess.space_url(self.secret) + (f"#{anchor}" if anchor else "")


def keep_private(response):
    """No cache keeps it (the page cache refuses "private" and "no-store"), no search engine lists it,
    and no other site learns its address from a Referer."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    # "same-origin", not "no-referrer": browsers then send "Origin: null" with the page's forms, which
    # Django's CSRF check rightly refuses. Other sites still never see the address.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_not_valid(request):
    """The same page for a link that never existed, expired or was revoked: it names none of them."""
    # error_page: the page prints no address of its own (canonical, hreflang), which holds the secret.
    context = {"error_page": True, "languages": language_homes()}
    return render(request, "bids/space_invalid.html", context, status=404)


def with_space(view):
    """Look the secret up before anything else; the view gets a ``Space``. Every answer is private."""

    @functools.wraps(view)
    def wrapped(request, *args, secret, **kwargs):
        access = BidAccess.objects.for_secret(secret)
        if access is None:
            return keep_private(link_not_valid(request))
        return keep_private(view(request, Space(access, secret), *args, **kwargs))

    return wrapped


# ---------------------------------------------------------------------------------------------- page


def render_space(request, space, status=200, refusal="", upload_forms=None, answers_form=None, invite_form=None):
    """The bid space page. The forms given (bound, with what was typed) replace the blank ones.

    The same number of queries whatever the checklist, documents, answers and timeline hold."""
    bid = space.bid
    call = bid.call
    try:
        workflow.check_editable(bid)
        read_only_reason = ""
    except StepRefused as reason:
        read_only_reason = str(reason)
    editable = not read_only_reason
    versions = BidDocument.objects.filter(bid=bid).order_by("-uploaded_at", "-pk")
    items = list(call.checklist.prefetch_related(Prefetch("documents", versions, to_attr="versions")))
    questions = list(call.questions.all())
    missing_items, missing_questions = bid.missing()
    upload_forms = upload_forms or {}
    for item in items:
        item.current, item.previous = (item.versions[0], item.versions[1:]) if item.versions else (None, [])
        if editable:
            item.upload_form = upload_forms.get(item.pk) or DocumentUploadForm(item=item)
    if answers_form is None:
        answers_form = AnswersForm(questions=questions, answers=bid.answers.all())
    if not editable:
        answers_form.make_read_only()
    context = {
        "space": space,
        "secret": space.secret,
        "bid": bid,
        "call": call,
        "editable": editable,
        "refusal": refusal,
        "read_only_reason": read_only_reason,
        "items": items,
        "answers_form": answers_form,
        # Shown when the bid cannot be changed only if the city had typed something to keep.
        "show_answer_fields": editable or answers_form.is_bound,
        "missing_items": missing_items,
        "missing_questions": missing_questions,
        "invite_form": invite_form or InviteForm(bid=bid),
        "people": [access.name for access in bid.accesses.filter(revoked_at__isnull=True)],
        "events": list(bid.events.all()),
        "page_meta": PageMeta(
            request,
            title=_("Bid space: %(call)s") % {"call": call.title},
            description=_("The private space where %(city)s prepares its bid.") % {"city": bid.city},
            robots="noindex",
        ),
    }
    return render(request, "bids/space.html", context, status=status)


@method_decorator([require_safe, with_space], name="dispatch")
class BidSpaceView(View):
    """What the link in the city's e-mail opens."""

    def get(self, request, space):
        workflow.opened(space.access)
        return render_space(request, space)


# --------------------------------------------------------------------------------------------- steps


def _locked_editable_bid(space):
    """The bid, locked for the rest of the transaction, once more checked to be editable: a submission
    or the deadline may have come between the first check and the write."""
    bid = Bid.objects.select_for_update().select_related("call").get(pk=space.access.bid_id)
    workflow.check_editable(bid)
    return bid


@require_POST
@with_space
def upload(request, space, item):
    """A new document for one checklist item; an earlier one stays as a previous version."""
    item = get_object_or_404(ChecklistItem, pk=item, call_id=space.bid.call_id)
    try:
        workflow.check_editable(space.bid)
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal))
    form = DocumentUploadForm(request.POST, request.FILES, item=item)
    if not form.is_valid():
        return render_space(request, space, status=400, upload_forms={item.pk: form})
    uploaded = form.cleaned_data["file"]
    try:
        with transaction.atomic():
            bid = _locked_editable_bid(space)
            BidDocument.objects.create(
                bid=bid, item=item, file=uploaded, original_name=uploaded.name[-255:], uploaded_by=space.access
            )
            bid.touch()
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal))
    messages.success(request, _("“%(name)s” is uploaded for “%(item)s”.") % {"name": uploaded.name, "item": item})
    return redirect(space.url(f"item-{item.pk}"))


@require_POST
@with_space
def answers(request, space):
    """Save every answer at once; a refusal gives back what was typed, to copy."""
    form = AnswersForm(request.POST, questions=space.bid.call.questions.all())
    try:
        workflow.check_editable(space.bid)
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal), answers_form=form)
    if not form.is_valid():
        return render_space(request, space, status=400, answers_form=form)
    try:
        with transaction.atomic():
            bid = _locked_editable_bid(space)
            form.save(bid)
            bid.touch()
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal), answers_form=form)
    messages.success(request, _("Your answers are saved."))
    return redirect(space.url("questions"))


@require_POST
@with_space
def invite(request, space):
    """A colleague gets a link of their own, by e-mail from the task queue."""
    form = InviteForm(request.POST, bid=space.bid)
    try:
        workflow.check_editable(space.bid)
        if not form.is_valid():
            return render_space(request, space, status=400, invite_form=form)
        colleague = workflow.invite(space.access, form.cleaned_data["name"], form.cleaned_data["email"])
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal), invite_form=form)
    messages.success(
        request, _("%(name)s will receive a link of their own by e-mail in a few minutes.") % {"name": colleague.name}
    )
    return redirect(space.url("people"))


@require_POST
@with_space
def submit(request, space):
    """Submit the bid, or show the page again with the reason it was refused."""
    try:
        workflow.submit(space.access)
    except StepRefused as refusal:
        return render_space(request, space, status=400, refusal=str(refusal))
    messages.success(
        request,
        _("Your bid is submitted. The Secretariat has been told, and you will hear from it here and by e-mail."),
    )
    return redirect(space.url("status"))


@require_safe
@with_space
def document(request, space, pk):
    """One of this bid's documents, as a download; any other bid's is not found."""
    return get_object_or_404(BidDocument, pk=pk, bid_id=space.access.bid_id).download()
