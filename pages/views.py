from django.http import Http404

from core import meta
from core.publishing import visible_to

from .models import Page


def visible_pages(request):
    """The section pages ``request`` may see (drafts only for staff), by key. Fetched once a request:
    the page's own view and the menu (pages.context_processors) both read them."""
    pages = getattr(request, "_section_pages", None)
    if pages is None:
        queryset = visible_to(Page.objects, request) if hasattr(request, "user") else Page.objects.published()
        pages = request._section_pages = {page.key: page for page in queryset}
    return pages


def get_page(request, key):
    """The section page for ``key``, as the visitor may see it (drafts only for staff)."""
    try:
        return visible_pages(request)[key]
    except KeyError:
        raise Http404("No such page") from None


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
        if self.page_key == Page.Key.HOME:
            crumbs = meta.trail()
        else:
            parents = [meta.section(above.url_name) for above in page.section.ancestors()]
            crumbs = meta.trail(*parents, (page.title, self.request.path))
        context["page_meta"] = meta.PageMeta(
            self.request,
            title=page.title,
            description=page.description,
            breadcrumbs=crumbs,
            data=self.get_structured_data(context),
        )
        return context
