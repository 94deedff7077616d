from django import template

from contact import structured_data

register = template.Library()


@register.simple_tag(takes_context=True)
def secretariat_json_ld(context, secretariat):
    """The Secretariat as schema.org JSON-LD; nothing when there is no Secretariat."""
    request = context.get("request")
    if not secretariat or request is None:
        return ""
    return structured_data.json_ld_script(structured_data.organization(secretariat, request))
