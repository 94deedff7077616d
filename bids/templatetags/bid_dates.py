from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..dates import seoul_iso, seoul_time

register = template.Library()


@register.simple_tag
def seoul_moment(moment, local=False):
    """``<time>`` with the moment in Seoul time, the zone named; ``local``: static/js/local-time.js adds
    the visitor's own time after it where their zone differs."""
    if local:
        return format_html(
            '<time datetime="{}" data-local-time="{}">{}</time>',
            seoul_iso(moment),
            gettext("— your time: {time}"),
            seoul_time(moment),
        )
    return format_html('<time datetime="{}">{}</time>', seoul_iso(moment), seoul_time(moment))
