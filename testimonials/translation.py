"""What staff may translate around a testimonial: who said it, never what was said.

The quote stays in the language it was said in (``Testimonial.quote_language``).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Testimonial


@register(Testimonial)
class TestimonialTranslationOptions(TranslationOptions):
    fields = ("position", "organisation", "city", "country", "on_behalf_of")
