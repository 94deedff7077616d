"""The Secretariat's back office for calls and bids.

A call is public content, edited and published like every other (``core.admin.PublishableAdmin``)
with its checklist, questions and scoring criteria. A bid is a private record: no one adds or deletes
one here. Its change page is the review page: what the city gave, read-only; the Secretariat's
scores and internal notes; the private links, which can be revoked; and the decision. A bid's status
changes only through ``bids.workflow``, which writes the timeline and tells the city.
"""

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import PublishableAdmin, ReadOnlyAdmin, in_every_language
from core.editing import when
from offices.models import RESERVED_SLUGS as OFFICE_RESERVED_SLUGS
from offices.models import Office, OfficeStatus

from . import exports, workflow
from .models import (
    Bid,
    BidAccess,
    BidDocument,
    BidStatus,
    Call,
    ChecklistItem,
    Criterion,
    DocumentAccess,
    InternalNote,
    Question,
    Score,
)

logger = logging.getLogger(__name__)

# The statuses the Secretariat moves a bid to. "In preparation" is reached by reopening the bid (with
# the date until which the city may change it), the earlier ones only by the city.
REVIEW_STATUSES = (BidStatus.REVIEW, BidStatus.SHORTLISTED, BidStatus.SELECTED, BidStatus.NOT_SELECTED)

# ---------------------------------------------------------------------------------------------- calls


class ChecklistItemInline(TranslationTabularInline):
    model = ChecklistItem
    fields = ["order", "title", "description", "required"]
    ordering = ["order", "pk"]
    extra = 0


class QuestionInline(TranslationTabularInline):
    model = Question
    fields = ["order", "text", "guidance", "required"]
    ordering = ["order", "pk"]
    extra = 0


class CriterionInline(TranslationTabularInline):
    model = Criterion
    fields = ["order", "name", "description", "weight"]
    ordering = ["order", "pk"]
    extra = 0


def _bids_of(call):
    return reverse("admin:bids_bid_changelist") + f"?call__id__exact={call.pk}"


@admin.register(Call)
class CallAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "stage", "interest_until", "bids_until", "decision_on", "bid_count", "review"]
    list_filter = ["kind", "outcome_announced"]
    search_fields = in_every_language("title", "region", "summary")
    # The slug follows the English title, whatever language the admin is shown in.
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["documents"]
    readonly_fields = ["review"]
    view_on_site = True
    inlines = [ChecklistItemInline, QuestionInline, CriterionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "region", "summary"]}),
        (
            _("Key dates"),
            {
                "fields": ["interest_deadline", "bid_deadline", "decision_expected"],
                "description": _("In Seoul time. Cities with an incomplete bid are reminded before the bid deadline."),
            },
        ),
        (_("Terms"), {"fields": ["eligibility", "terms", "documents"]}),
        (_("Outcome"), {"fields": ["outcome_announced", "outcome"]}),
        (_("Bids"), {"fields": ["review"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_bids=Count("bids", distinct=True))

    @admin.display(description=_("stage"))
    def stage(self, call):
        if call.outcome_announced:
            return _("Decided")
        return _("Open") if call.is_open() else _("Closed: under review")

    @admin.display(description=_("expressions of interest until"), ordering="interest_deadline")
    def interest_until(self, call):
        return when(call.interest_deadline) if call.interest_deadline else "—"

    @admin.display(description=_("bids until"), ordering="bid_deadline")
    def bids_until(self, call):
        return when(call.bid_deadline) if call.bid_deadline else _("Standing call")

    @admin.display(description=_("decision expected"), ordering="decision_expected")
    def decision_on(self, call):
        return when(call.decision_expected) if call.decision_expected else "—"

    @admin.display(description=_("bids"), ordering="number_of_bids")
    def bid_count(self, call):
        return call.number_of_bids

    @admin.display(description=_("review"))
    def review(self, call):
        if call is None or call.pk is None:
            return _("The bids are listed here once the call is saved.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            _bids_of(call),
            _("The bids"),
            reverse("admin:bids_call_comparison", args=[call.pk]),
            _("Compare them"),
        )

    # -- The comparison and the export ------------------------------------------------------------

    def get_urls(self):
        # <int:…>: the revisions' "<path:object_id>/history/compare/" must not be taken for a call.
        own = [
            path(
                "<int:pk>/compare/",
                self.admin_site.admin_view(self.comparison_view),
                name="bids_call_comparison",
            ),
            path(
                "<int:pk>/export/<str:file_format>/",
                self.admin_site.admin_view(self.export_view),
                name="bids_call_export",
            ),
        ]
        return own + super().get_urls()

    def _may_review(self, request):
        """The comparison shows bids: it needs the permission to view bids, not calls."""
        bid_admin = self.admin_site._registry.get(Bid)
        if bid_admin is None or not bid_admin.has_view_permission(request):
            raise PermissionDenied

    def comparison_view(self, request, pk):
        self._may_review(request)
        call = get_object_or_404(Call, pk=pk)
        compared = exports.comparison(call)
        columns = compared.columns
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare the bids to “%(call)s”") % {"call": call},
            "opts": self.opts,
            "call": call,
            "columns": columns,
            "score_rows": [(criterion, [c.score_of(criterion) for c in columns]) for criterion in compared.criteria],
            "answer_rows": [(question, [c.answer_to(question) for c in columns]) for question in compared.questions],
            "bids_url": _bids_of(call),
        }
        return TemplateResponse(request, "admin/bids/call/comparison.html", context)

    def export_view(self, request, pk, file_format):
        self._may_review(request)
        exporters = {"xlsx": exports.as_xlsx, "csv": exports.as_csv}
        if file_format not in exporters:
            raise Http404
        call = get_object_or_404(Call, pk=pk)
        response = exporters[file_format](call)
        # Personal data leaving the back office: who took it, and when, shows in the call's history.
        LogEntry.objects.log_actions(
            request.user.pk,
            [call],
            CHANGE,
            change_message=gettext("Exported its bids as %(format)s.") % {"format": file_format.upper()},
        )
        logger.info("%s exported the bids to call %s as %s", request.user.get_username(), call.pk, file_format)
        return response


# ----------------------------------------------------------------------------------------------- bids


class ReviewForm(forms.ModelForm):
    """The decision part of the review page. The bid's own fields are all read-only: a status or a
    reopening goes through ``bids.workflow``, so the city is always told."""

    move_to = forms.ChoiceField(
        label=_("Move to status"),
        required=False,
        choices=[("", _("— unchanged —")), *((status.value, status.label) for status in REVIEW_STATUSES)],
    )
    message_to_city = forms.CharField(
        label=_("Message to the city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The city reads it on its timeline and by e-mail, with the new status if you chose one."),
    )
    reopen_until = forms.SplitDateTimeField(
        label=_("Reopen until"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("In Seoul time: the city may change and submit its bid again until then."),
    )

    class Meta:
        model = Bid
        fields = []

    def clean(self):
        cleaned_data = super().clean()
        until = cleaned_data.get("reopen_until")
        if until and cleaned_data.get("move_to"):
            raise ValidationError(_("Either move the bid to a status or reopen it, not both at once."))
        if until and until <= timezone.now():
            self.add_error("reopen_until", _("The bid can only be reopened until a date still ahead."))
        return cleaned_data


class ScoreInline(admin.TabularInline):
    """One score per criterion of the call, from 0 to 10: a row is ready for every criterion not yet scored."""

    model = Score
    fields = ["criterion", "score", "comment", "scored_by"]
    readonly_fields = ["scored_by"]
    extra = 0

    def _unscored(self, obj):
        if obj is None:
            return []
        scored = set(obj.scores.values_list("criterion_id", flat=True))
        return [criterion for criterion in obj.call.criteria.all() if criterion.pk not in scored]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "criterion" in formset.form.base_fields:
            formset.form.base_fields["criterion"].queryset = obj.call.criteria.all()
        initial = [{"criterion": criterion.pk} for criterion in self._unscored(obj)]

        class OneRowPerCriterion(formset):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initial", initial)
                super().__init__(*args, **kwargs)

        return OneRowPerCriterion

    def get_extra(self, request, obj=None, **kwargs):
        return len(self._unscored(obj)) if self.has_add_permission(request, obj) else 0

    def get_max_num(self, request, obj=None, **kwargs):
        return obj.call.criteria.count() if obj is not None else 0

    def has_add_permission(self, request, obj=None):
        # Scoring is part of reviewing the bid: whoever may change the bid may score it.
        return request.user.has_perm("bids.change_bid")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("bids.change_bid")

    def has_delete_permission(self, request, obj=None):
        return False


class InternalNoteInline(admin.TabularInline):
    """Notes are added, never rewritten: each says who wrote it and when. The city never sees them."""

    model = InternalNote
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("bids.change_bid")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AccessForm(forms.ModelForm):
    revoke = forms.BooleanField(
        label=_("revoke"), required=False, help_text=_("The link stops working at once; asking again gives no new one.")
    )

    class Meta:
        model = BidAccess
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.revoked_at:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True


class BidAccessInline(admin.TabularInline):
    """The private links to the bid space: who has one, since when, until when; revoke one here."""

    model = BidAccess
    form = AccessForm
    fields = ["name", "email", "invited_by", "issued_at", "expires_at", "last_used_at", "revoked_at", "revoke"]
    readonly_fields = ["name", "email", "invited_by", "issued_at", "expires_at", "last_used_at", "revoked_at"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invited_by")

    def has_add_permission(self, request, obj=None):
        return False  # a link is made by the city's own request, or its colleague's invitation

    def has_delete_permission(self, request, obj=None):
        return False


def create_office(bid):
    """The draft of the Regional Office a selected bid will host, linked to the bid; refused with the
    reason (``workflow.StepRefused``) when the bid is not selected or has its office already."""
    with transaction.atomic():
        bid = Bid.objects.select_for_update().select_related("call").get(pk=bid.pk)
        if bid.status != BidStatus.SELECTED:
            raise workflow.StepRefused(
                gettext("%(bid)s is not selected: only a selected bid becomes a Regional Office.") % {"bid": bid}
            )
        if bid.office_id:
            raise workflow.StepRefused(gettext("%(bid)s has its Regional Office already.") % {"bid": bid})
        region = (bid.call.region_en or bid.call.region or "")[:100]
        name = f"WeGO {region} Regional Office, {bid.city}" if region else f"WeGO Regional Office, {bid.city}"
        # The English columns: the language every other falls back to, whatever the admin is shown in.
        office = Office.objects.create(
            name_en=name[:200],
            slug=_free_office_slug(bid.city),
            region_en=region,
            host_city_en=bid.city[:100],
            country_en=bid.country[:100],
            status=OfficeStatus.PLANNED,
        )
        bid.office = office
        bid.save(update_fields=["office"])
    return office


def _free_office_slug(city):
    base = slugify(city)[:190] or "regional-office"
    slug, number = base, 1
    while slug in OFFICE_RESERVED_SLUGS or Office.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _move_to(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        moved, skipped = 0, []
        for bid in queryset.select_related("call"):
            if bid.submitted_at is None:
                skipped.append(str(bid))
            elif bid.status != status:
                workflow.change_status(bid, status, author=request.user)
                moved += 1
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d bid moved to “%(status)s”; its city is told.",
                "%(count)d bids moved to “%(status)s”; their cities are told.",
                moved,
            )
            % {"count": moved, "status": BidStatus(status).label},
            messages.SUCCESS,
        )
        if skipped:
            modeladmin.message_user(
                request,
                gettext("Not submitted yet, left as they were: %(bids)s.") % {"bids": "; ".join(skipped)},
                messages.WARNING,
            )

    action.__name__ = f"move_to_{status}"
    return action


CITY = ["call", "city", "country", "contact_name", "contact_role", "email", "phone", "is_member", "language", "message"]
STANDING = [
    "status",
    "completeness",
    "created_at",
    "submitted_at",
    "last_activity_at",
    "reopened_until",
    "weighted_total",
    "office_link",
]
REVIEWED = ["documents_given", "answers_given", "timeline"]


@admin.register(Bid)
class BidAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["city", "country", "call", "status", "completeness", "submitted_at", "last_activity_at"]
    list_display_links = ["city"]
    list_filter = ["call", "status"]
    list_select_related = ["call"]
    search_fields = ["city", "country", "contact_name", "email"]
    date_hierarchy = "last_activity_at"
    view_on_site = False  # a private record: no public page
    inlines = [ScoreInline, InternalNoteInline, BidAccessInline]
    actions = [
        _move_to(BidStatus.REVIEW, _("Move to “Under review” and tell the cities")),
        _move_to(BidStatus.SHORTLISTED, _("Shortlist and tell the cities")),
        _move_to(BidStatus.NOT_SELECTED, _("Mark as not selected and tell the cities")),
        "create_office_action",
    ]
    fieldsets = [
        (_("Where the bid stands"), {"fields": STANDING}),
        (_("Decision"), {"fields": ["move_to", "message_to_city", "reopen_until"]}),
        (_("The city"), {"fields": CITY}),
        (_("What the city gave"), {"fields": REVIEWED}),
    ]
    # What the city gave is a record: the Secretariat scores, notes and decides, never rewrites it.
    readonly_fields = [*CITY, *STANDING, *REVIEWED]

    def get_queryset(self, request):
        return super().get_queryset(request).with_progress()

    def has_add_permission(self, request):
        return False  # a bid starts with the city's expression of interest on the site

    def has_delete_permission(self, request, obj=None):
        return False  # bids are kept, then removed by their retention period

    # -- Columns and read-only fields ---------------------------------------------------------------

    @admin.display(description=_("completeness"))
    def completeness(self, bid):
        return exports.completeness(bid)

    @admin.display(description=_("weighted total"))
    def weighted_total(self, bid):
        total = bid.weighted_score()
        if total is None:
            return _("Not scored yet")
        return _("%(total)s out of 10") % {"total": total}

    @admin.display(description=_("Regional Office"))
    def office_link(self, bid):
        if bid.office_id is None:
            return "—"
        url = reverse("admin:offices_office_change", args=[bid.office_id])
        return format_html('<a href="{}">{}</a>', url, bid.office)

    @admin.display(description=_("documents"))
    def documents_given(self, bid):
        versions = {}
        for document in bid.documents.all():  # newest first within each item (the model's ordering)
            versions.setdefault(document.item_id, []).append(document)
        items = [
            {"item": item, "current": versions.get(item.pk, [None])[0], "previous": versions.get(item.pk, [])[1:]}
            for item in bid.call.checklist.all()
        ]
        return render_to_string("admin/bids/bid/documents.html", {"items": items})

    @admin.display(description=_("answers"))
    def answers_given(self, bid):
        answers = {answer.question_id: answer for answer in bid.answers.all()}
        rows = [(question, answers.get(question.pk)) for question in bid.call.questions.all()]
        return render_to_string("admin/bids/bid/answers.html", {"rows": rows})

    @admin.display(description=_("timeline"))
    def timeline(self, bid):
        return render_to_string("admin/bids/bid/timeline.html", {"events": bid.events.select_related("author")})

    # -- Saving: the decision goes through the workflow ---------------------------------------------

    def save_model(self, request, obj, form, change):
        # No field of the bid is edited here: the workflow saves what changes and tells the city.
        data = form.cleaned_data
        message = data.get("message_to_city", "").strip()
        if data.get("reopen_until"):
            workflow.reopen(obj, data["reopen_until"], message, author=request.user)
            self.message_user(request, gettext("The bid is reopened; the city is told."), messages.SUCCESS)
        elif (data.get("move_to") and data["move_to"] != obj.status) or message:
            workflow.change_status(obj, data.get("move_to"), message, author=request.user)
            self.message_user(request, gettext("The city is told."), messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        if formset.model is BidAccess:
            revoked = [f.instance for f in formset.forms if f.cleaned_data.get("revoke") and not f.instance.revoked_at]
            for access in revoked:
                workflow.revoke(access)
            # What the change message reads (the admin takes it from a saved formset).
            formset.new_objects, formset.deleted_objects = [], []
            formset.changed_objects = [(access, ["revoke"]) for access in revoked]
            return
        rows = formset.save(commit=False)
        for row in rows:
            if isinstance(row, InternalNote) and row.author_id is None:
                row.author = request.user
            if isinstance(row, Score):
                row.scored_by = request.user
            row.save()
        formset.save_m2m()

    def response_change(self, request, obj):
        if "_create_office" in request.POST:
            return self._create_office(request, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_create_office"] = obj.status == BidStatus.SELECTED and obj.office_id is None
            context["comparison_url"] = reverse("admin:bids_call_comparison", args=[obj.call_id])
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- The Regional Office of a selected bid -----------------------------------------------------

    def _create_office(self, request, bid):
        if not request.user.has_perm("offices.add_office"):
            raise PermissionDenied
        try:
            office = create_office(bid)
        except workflow.StepRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:bids_bid_change", args=[quote(bid.pk)]))
        LogEntry.objects.log_actions(
            request.user.pk,
            [office],
            ADDITION,
            change_message=gettext("Created from the bid of %(bid)s.") % {"bid": bid},
        )
        self.log_change(request, bid, gettext("Created the draft of its Regional Office."))
        self.message_user(
            request,
            gettext("The draft of the Regional Office is ready: complete it, then publish it."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:offices_office_change", args=[office.pk]))

    @admin.action(description=_("Create the draft Regional Office of the selected bid"), permissions=["change"])
    def create_office_action(self, request, queryset):
        bids = list(queryset[:2])
        if len(bids) != 1:
            self.message_user(request, gettext("Choose one selected bid."), messages.ERROR)
            return None
        return self._create_office(request, bids[0])

    # -- The documents, served to staff, each opening recorded ---------------------------------------

    def get_urls(self):
        own = [
            path(
                "document/<int:pk>/",
                self.admin_site.admin_view(self.document_view),
                name="bids_bid_document",
            ),
        ]
        return own + super().get_urls()

    def document_view(self, request, pk):
        """A bid document, to staff allowed to view bids; each opening is recorded (``DocumentAccess``)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        document = get_object_or_404(BidDocument, pk=pk)
        response = document.download()
        DocumentAccess.objects.create(document=document, user=request.user)
        return response


@admin.register(DocumentAccess)
class DocumentAccessAdmin(ReadOnlyAdmin):
    """Who opened which bid document, and when: a record, read only."""

    list_display = ["accessed_at", "document", "bid", "user"]
    list_select_related = ["document__bid", "user"]
    list_filter = [("document__bid__call", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["document__original_name", "document__bid__city", "user__username"]
    date_hierarchy = "accessed_at"

    @admin.display(description=_("bid"))
    def bid(self, access):
        return access.document.bid
