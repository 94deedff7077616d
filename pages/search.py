"""What the site search finds of the section pages: their own text, and what they show of other apps.

A section page may show content another app keeps (the host city page shows the Seoul host city
record); that app adds it to the page's entry by listing ``PageText`` objects as ``page_texts`` in its
own ``search.py``, next to its ``sources``.
"""

from functools import cached_property

from django.utils.translation import gettext_lazy as _

from core import richtext
from core.discovery import app_modules
from search.index import Source, ids

from .models import Page


class PageText:
    """Text of other models that the section page ``page_key`` shows, indexed with the page."""

    page_key = None
    # The models the text is read from: a change to one of them re-indexes the page.
    reads = ()

    def entry(self):
        """{"names": [...], "body": [...]} in the active language, as a source's entry gives them."""
        raise NotImplementedError


class PageSource(Source):
    kind = "page"
    label = _("Page")
    plural_label = _("Pages")
    position = 70
    model = Page

    @cached_property
    def texts(self):
        """{page key: [PageText]} of every app's ``search.py``."""
        found = {}
        for module in app_modules("search"):
            for text in getattr(module, "page_texts", ()):
                found.setdefault(text.page_key, []).append(text)
        return found

    def entry(self, page):
        names, body = [], []
        for text in self.texts.get(page.key, ()):
            extra = text.entry()
            names += extra.get("names", [])
            body += extra.get("body", [])
        return {
            "title": page.title,
            "names": names,
            "body": [page.introduction, richtext.plain(page.body), *body],
            "url": page.get_absolute_url(),
        }

    def watches(self):
        page_keys = {}
        for texts in self.texts.values():
            for text in texts:
                for model in text.reads:
                    page_keys.setdefault(model, set()).add(text.page_key)
        pages = self.model.objects
        return {
            **super().watches(),
            **{model: lambda instance, keys=keys: ids(pages.filter(key__in=keys)) for model, keys in page_keys.items()},
        }


sources = [PageSource()]
