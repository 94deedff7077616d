from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from . import sections


def _languages(request):
    """The current page in every language, for the switcher and the hreflang alternates."""
    path = request.path
    return [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]


def site(request):
    # The current item is found from the resolved URL name, never from the path.
    return {
        "navigation": sections.navigation(),
        "languages": SimpleLazyObject(lambda: _languages(request)),
        "current_nav": sections.current(getattr(request, "resolver_match", None)),
    }
