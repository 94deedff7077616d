"""What the site search finds of the programmes: the programmes and their sessions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import richtext
from offices.models import Office
from search.index import Source, ids

from .models import City, PartnerOrganisation, Programme, Session, SessionContact, TechnicalTour, Topic


class ProgrammeSource(Source):
    kind = "programme"
    label = _("Programme")
    plural_label = _("Programmes")
    position = 30
    model = Programme

    def rows(self):
        return self.model.objects.prefetch_related(
            "partners", models.Prefetch("offices", queryset=Office.objects.published(), to_attr="public_offices")
        )

    def entry(self, programme):
        partners = [f"{partner.name} {partner.short_name}" for partner in programme.partners.all()]
        offices = [f"{office.name} {office.host_city}" for office in programme.public_offices]
        return {
            "title": programme.name,
            "names": [programme.get_kind_display(), *partners, *offices],
            "body": [programme.summary, richtext.plain(programme.body)],
            "url": programme.get_absolute_url(),
        }

    def watches(self):
        return {
            **super().watches(),
            PartnerOrganisation: lambda partner: ids(self.model.objects.filter(partners=partner)),
            Office: lambda office: ids(self.model.objects.filter(offices=office)),
        }


class SessionSource(Source):
    kind = "session"
    label = _("Session")
    plural_label = _("Sessions")
    position = 40
    model = Session

    def rows(self):
        return self.model.objects.select_related("programme").prefetch_related(
            "topics", "technical_tours", "contacts", "cities", "programme__partners"
        )

    def chain(self, session):
        return [session, session.programme]

    def entry(self, session):
        programme = session.programme
        cities = [f"{city.name} {city.country}" for city in session.cities.all()]
        partners = [f"{partner.name} {partner.short_name}" for partner in programme.partners.all()]
        return {
            "title": session.title,
            "names": [
                programme.name,
                session.place,
                *cities,
                *(topic.name for topic in session.topics.all()),
                *(tour.name for tour in session.technical_tours.all()),
                *(contact.name for contact in session.contacts.all()),
                *partners,
            ],
            "body": [session.date_range, richtext.plain(session.description), session.application_period],
            "url": session.get_absolute_url(),
        }

    def watches(self):
        sessions = self.model.objects
        return {
            **super().watches(),
            Programme: lambda programme: ids(sessions.filter(programme_id=programme.pk)),
            Topic: lambda topic: [topic.session_id],
            TechnicalTour: lambda tour: [tour.session_id],
            SessionContact: lambda contact: [contact.session_id],
            City: lambda city: ids(sessions.filter(cities=city)),
            PartnerOrganisation: lambda partner: ids(sessions.filter(programme__partners=partner)),
        }


sources = [ProgrammeSource(), SessionSource()]
