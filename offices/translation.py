"""The text of the offices pages that staff can give per language; English is the fallback.

Names of people and places' proper slugs stay single: a person's name is written one way everywhere.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import HostingDocument, HostingProgramme, Milestone, Office, OfficeFunction, StaffContact


@register(Office)
class OfficeTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "region",
        "host_city",
        "country",
        "launch_event",
        "launch_place",
        "summary",
        "body",
    )


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(StaffContact)
class StaffContactTranslationOptions(TranslationOptions):
    fields = ("position", "affiliation")


@register(HostingProgramme)
class HostingProgrammeTranslationOptions(TranslationOptions):
    fields = ("eligibility", "selection", "benefits", "call", "interest")


@register(OfficeFunction)
class OfficeFunctionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(HostingDocument)
class HostingDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
