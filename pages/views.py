from django.http import Http404

from core import meta
from core.publishing import visible_to

from .models import Page


def _visible(request):
    """The section pages ``request`` may see: drafts only for staff."""
    pages = visible_to(Page.objects, request) if hasattr(request, "user") else Page.objects.published()
    return pages.select_related("image")


def get_page(request, key):
    """The section page for ``key``, as the visitor may see it. A section's view fetches every page it
    may see, once, and keeps them on the request: the menu reads them there (``visible_keys``)."""
    pages = getattr(request, "_section_pages", None)
    if pages is None:
        pages = request._section_pages = {page.key: page for page in _visible(request)}
    try:
        return pages[key]
    except KeyError:
        raise Http404("No such page") from None


def visible_keys(request):
    """The keys of the section pages ``request`` may see: from the pages its view fetched, else (a page
    that is no section's) from a query of the keys alone."""
    pages = getattr(request, "_section_pages", None)
    return pages.keys() if pages is not None else set(_visible(request).order_by().values_list("key", flat=True))


class SectionPageMixin:
    """Adds the staff-edited section page (title, introduction, body) to a view's context.

    With it the page's ``page_meta``: its title and description, its breadcrumbs (Home, the sections
    above it if any, as the section registry places them, the page) and the schema.org things that
    ``get_structured_data()`` gives.
    """

    page_key = None

    def get_structured_data(self, context):
        """The page's schema.org dicts besides its breadcrumbs, from its app's structured_data module."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.setdefault("page", get_page(self.request, self.page_key))
        context["preview"] = context.get("preview") or not page.is_public
        context["page_image"] = page.image  # shown under the title (includes/page_header.html)
        if self.page_key == Page.Key.HOME:
            crumbs = meta.trail()
        else:
            parents = [meta.section(above.url_name) for above in page.section.ancestors()]
            crumbs = meta.trail(*parents, (page.title, self.request.path))
        context["page_meta"] = meta.PageMeta(
            self.request,
            title=page.title,
            description=page.description,
            image=meta.share_image(self.request, page.image, getattr(page.image, "alt", "")),
            breadcrumbs=crumbs,
            data=self.get_structured_data(context),
        )
        return context
