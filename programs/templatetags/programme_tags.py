from django import template

from programs.dates import date_range_html

register = template.Library()


@register.simple_tag
def date_range(start, end=None):
    """``{% date_range session.start_date session.end_date %}``: “5–9 September 2011”, each end in <time>."""
    return date_range_html(start, end)
