from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_info

from . import sections
from .meta import is_site_path


def _language(code, url):
    return {"code": code, "name": get_language_info(code)["name_local"], "url": url}


def _languages(request):
    """The current page in every language, for the switcher and the hreflang alternates.

    Only ever a path of this site: a path that names another host ("//evil.example") gives each
    language's home page, as do error pages (``language_homes``).
    """
    path = request.path
    if not is_site_path(path):
        return language_homes()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append(_language(code, url if is_site_path(url) else _home(code)))
    return links


def _home(code):
    with translation.override(code):
        return reverse("home")


def language_homes():
    """Each language's home page, for the switcher of pages that are not a page of the site: errors."""
    return [_language(code, _home(code)) for code, _name in settings.LANGUAGES]


def site(request):
    # The current item is found from the resolved URL name, never from the path. The navigation
    # itself comes from pages.context_processors: it leaves out the sections visitors cannot see.
    return {
        "languages": SimpleLazyObject(lambda: _languages(request)),
        "current_nav": sections.current(getattr(request, "resolver_match", None)),
    }
