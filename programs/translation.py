"""What staff may translate for the /ko/, /ru/, /es/ and /zh-hans/ pages; English is the fallback.

Slugs, dates, numbers and people's names are the same in every language and stay untranslated.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import City, PartnerOrganisation, Programme, Session, SessionContact, TechnicalTour, Topic


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "body")


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "description", "place", "application_period")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(TechnicalTour)
class TechnicalTourTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SessionContact)
class SessionContactTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(PartnerOrganisation)
class PartnerOrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name", "country")
