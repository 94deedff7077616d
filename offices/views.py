import uuid

from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from core.publishing import visible_to
from core.vcard import VCard
from pages.models import Page
from pages.views import SectionPageMixin
from programs.models import Programme

from . import structured_data
from .models import HostingDocument, HostingProgramme, Milestone, Office, StaffContact


def _hosting_programme():
    """The published hosting programme with its functions (two queries), or None."""
    return HostingProgramme.objects.published().prefetch_related("functions").order_by("pk").first()


class OfficeListView(SectionPageMixin, ListView):
    page_key = Page.Key.OFFICES
    template_name = "offices/office_list.html"

    def get_queryset(self):
        return Office.objects.published().select_related("photo")

    def get_context_data(self, **kwargs):
        offices = self.object_list
        return super().get_context_data(
            active_offices=offices.current().with_public_contacts(),
            planned_offices=offices.planned(),
            former_offices=offices.former().with_public_contacts(),
            programme=_hosting_programme(),
            **kwargs,
        )


class OfficeDetailView(DetailView):
    template_name = "offices/office_detail.html"
    context_object_name = "office"

    def get_queryset(self):
        request = self.request
        return (
            visible_to(Office.objects, request)
            .select_related("photo")
            .prefetch_related(
                Prefetch("milestones", queryset=visible_to(Milestone.objects, request)),
                Prefetch("contacts", queryset=visible_to(StaffContact.objects, request)),
                Prefetch("programmes", queryset=Programme.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        office = self.object
        shown = [office, *office.milestones.all(), *office.contacts.all()]
        context["preview"] = any(not item.is_public for item in shown)
        context["page_meta"] = structured_data.office_meta(self.request, office)
        return context


class HostingView(SectionPageMixin, TemplateView):
    page_key = Page.Key.HOSTING
    template_name = "offices/hostingprogramme_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=_hosting_programme(),
            documents=HostingDocument.objects.published().in_language_first(get_language()),
            **kwargs,
        )


@require_safe
def vcard(request, slug, pk):
    office = get_object_or_404(visible_to(Office.objects, request), slug=slug)
    contact = get_object_or_404(visible_to(StaffContact.objects, request), office=office, pk=pk)
    office_url = request.build_absolute_uri(office.get_absolute_url())
    card = (
        VCard(contact.name)
        .add_text("KIND", "individual")
        .add_text("TITLE", contact.position)
        .add_structured("ORG", ["WeGO", office.name])
        .add_text("NOTE", contact.affiliation)
        .add_uri("TEL", contact.phone_uri, value="uri", type="voice")
        .add_uri("TEL", contact.fax_uri, value="uri", type="fax")
        .add_text("EMAIL", contact.email)
        .add_uri("URL", office.website or office_url)
        .add_uri("UID", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, request.build_absolute_uri())}")
    )
    response = HttpResponse(card.serialise(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contact.vcard_filename}"'
    return response


@require_safe
def download_document(request, pk):
    """A hosting document as an attachment, counted once per real download.

    A conditional GET that the visitor's copy satisfies gets 304 before anything is counted or read.
    """
    document = get_object_or_404(visible_to(HostingDocument.objects, request), pk=pk)
    last_modified = int(document.file_updated_at.timestamp())
    not_modified = get_conditional_response(request, etag=document.etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified["ETag"] = document.etag
        not_modified["Last-Modified"] = http_date(last_modified)
        return not_modified
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, ValueError) as error:  # ValueError: no file
        raise Http404(_("This document is not available.")) from error
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )
    response["ETag"] = document.etag
    response["Last-Modified"] = http_date(last_modified)
    # Revalidate every time, so shared caches cannot serve (and hide) downloads.
    patch_cache_control(response, no_cache=True)
    staff = request.user.is_authenticated and request.user.is_staff
    if request.method == "GET" and not staff:
        HostingDocument.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
    return response
