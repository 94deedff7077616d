from django.http import Http404

from core import meta
from core.publishing import visible_to

from .models import Page


def get_page(request, key):
    """The section page for ``key``, as the visitor may see it (drafts only for staff)."""
    try:
        return visible_to(Page.objects, request).get(key=key)
    except Page.DoesNotExist:
        raise Http404("No such page") from None


class SectionPageMixin:
    """Adds the staff-edited section page (title, introduction, body) to a view's context.

    With it the page's sharing tags and breadcrumbs: Home, the section above it if any, the page.
    """

    page_key = None
    # The URL name of the section a page belongs under in the breadcrumbs ("offices:list" for hosting).
    parent_section = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.setdefault("page", get_page(self.request, self.page_key))
        context["preview"] = context.get("preview") or not page.is_public
        if self.page_key == Page.Key.HOME:
            crumbs = meta.trail()
        else:
            parents = [meta.section(self.parent_section)] if self.parent_section else []
            crumbs = meta.trail(*parents, (page.title, self.request.path))
        for key, value in meta.page_meta(
            self.request, title=page.title, description=page.description, breadcrumbs=crumbs
        ).items():
            context.setdefault(key, value)
        return context
