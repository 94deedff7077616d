"""What visitors read on the contact and host city pages, in every language of the site.

Addresses, numbers (telephone, exit, distance, routes), coordinates and web addresses are the same in
every language and are not translated; names and texts are. Anything left untranslated falls back to
English.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import BusType, HostCity, MetroStation, Secretariat, SolutionArea


@register(Secretariat)
class SecretariatTranslationOptions(TranslationOptions):
    fields = ("name", "bus_stop")


@register(MetroStation)
class MetroStationTranslationOptions(TranslationOptions):
    fields = ("name", "line")


# Names unique per language: an untranslated name is stored as NULL, not "", so that two untranslated
# rows do not collide in the per-language unique constraints.
@register(BusType)
class BusTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = None


@register(HostCity)
class HostCityTranslationOptions(TranslationOptions):
    fields = ("record", "solution_title", "solution_body", "solution_link_text", "sharing_title", "sharing_text")


@register(SolutionArea)
class SolutionAreaTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = None
