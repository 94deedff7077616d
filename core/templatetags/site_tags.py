from django import template
from django.core.exceptions import DisallowedHost

from core import meta, richtext

register = template.Library()


@register.filter
def rich(text):
    """Render a staff-written body field as sanitised HTML."""
    return richtext.render(text)


@register.simple_tag(takes_context=True)
def absolute_uri(context, path=None):
    """The absolute URL of ``path`` (the page's own by default), only ever on this site's host: a path
    that names another one ("//evil.example") gives the home page (see core.meta.site_url)."""
    request = context.get("request")
    path = path or getattr(request, "path", "")
    if request is not None:
        try:
            return meta.site_url(request, path)
        except DisallowedHost:
            pass  # the 400 page for a Host header the site does not serve: the path alone, then
    return path if meta.is_site_path(path) else "/"


@register.inclusion_tag("includes/image.html")
def image(field_file, spec, alt="", css_class="", lazy=True):
    """An <img> of a rendition, with width, height and alt text: ``{% image office.photo "card" alt=... %}``."""
    from core.images import rendition

    return {"rendition": rendition(field_file, spec), "alt": alt, "css_class": css_class, "lazy": lazy}
