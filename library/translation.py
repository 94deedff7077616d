"""An image's description is read in the visitor's language; English is the fallback (and required)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt",)
