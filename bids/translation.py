"""The text of calls that staff give per language; English is the fallback. Bids are written by the
city in one language and stay as written."""

from modeltranslation.translator import TranslationOptions, register

from .models import Call, ChecklistItem, Criterion, Question


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "region", "summary", "eligibility", "terms", "outcome")


@register(ChecklistItem)
class ChecklistItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "guidance")


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
