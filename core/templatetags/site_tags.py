from django import template

from core import richtext

register = template.Library()


@register.filter
def rich(text):
    """Render a staff-written body field as sanitised HTML."""
    return richtext.render(text)


@register.simple_tag(takes_context=True)
def absolute_uri(context, path=None):
    request = context.get("request")
    if request is None:
        return path or ""
    return request.build_absolute_uri(path or request.path)


@register.inclusion_tag("includes/image.html")
def image(field_file, spec, alt="", css_class="", lazy=True):
    """An <img> of a rendition, with width, height and alt text: ``{% image office.photo "card" alt=... %}``."""
    from core.images import rendition

    return {"rendition": rendition(field_file, spec), "alt": alt, "css_class": css_class, "lazy": lazy}
