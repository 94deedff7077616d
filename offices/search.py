"""What the site search finds of the offices: the offices, their staff contacts and the hosting documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import richtext
from search.index import Source, ids

from .models import HostingDocument, Milestone, Office, StaffContact


class OfficeSource(Source):
    kind = "office"
    label = _("Regional Office")
    plural_label = _("Regional Offices")
    position = 10
    model = Office

    def rows(self):
        return self.model.objects.prefetch_related(
            models.Prefetch("milestones", queryset=Milestone.objects.published(), to_attr="public_milestones")
        )

    def entry(self, office):
        milestones = [f"{m.title} {richtext.plain(m.description)}" for m in office.public_milestones]
        return {
            "title": office.name,
            "names": [office.region, office.host_city, office.country, office.launch_event, office.launch_place],
            "body": [office.summary, richtext.plain(office.body), *milestones],
            "url": office.get_absolute_url(),
        }

    def watches(self):
        return {**super().watches(), Milestone: lambda milestone: [milestone.office_id]}


class PersonSource(Source):
    """The staff contacts of the offices, found by name as people."""

    kind = "person"
    label = _("Person")
    plural_label = _("People")
    position = 20
    model = StaffContact

    def rows(self):
        return self.model.objects.select_related("office")

    def chain(self, contact):
        return [contact, contact.office]

    def entry(self, contact):
        office = contact.office
        return {
            "title": contact.name,
            "names": [contact.position, contact.affiliation, office.name, office.host_city, office.country],
            "body": [],
            "text": " · ".join(part for part in (contact.position, contact.affiliation, office.name) if part),
            "url": f"{office.get_absolute_url()}#contact-{contact.pk}",
        }

    def watches(self):
        return {**super().watches(), Office: lambda office: ids(self.model.objects.filter(office_id=office.pk))}


class DocumentSource(Source):
    """The documents for cities that consider hosting an office."""

    kind = "document"
    label = _("Document")
    plural_label = _("Documents")
    position = 60
    model = HostingDocument

    def entry(self, document):
        return {
            "title": document.title,
            "names": [document.language_name, document.type_label],
            "body": [document.description],
            "url": document.get_absolute_url(),
        }


sources = [OfficeSource(), PersonSource(), DocumentSource()]
