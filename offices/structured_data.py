"""What a Regional Office's page tells search engines: its staff contacts as Persons."""

from django.utils.translation import gettext

from core.meta import SCHEMA, PageMeta, section, share_image, trail


def person(request, contact, office):
    """A staff contact as a Person with the job title they hold at their Regional Office."""
    data = {
        "@context": SCHEMA,
        "@type": "Person",
        "name": contact.name,
        "url": request.build_absolute_uri(f"{office.get_absolute_url()}#contact-{contact.pk}"),
        "worksFor": {
            "@type": "Organization",
            "name": office.name,
            "url": request.build_absolute_uri(office.get_absolute_url()),
        },
    }
    if contact.position:
        data["jobTitle"] = contact.position
    if contact.affiliation:
        data["affiliation"] = contact.affiliation
    if contact.email:
        data["email"] = contact.email
    if contact.phone_uri:
        data["telephone"] = contact.phone_uri.removeprefix("tel:")
    return data


def office_meta(request, office):
    """A Regional Office's page: its photo, breadcrumbs and its staff contacts as Persons."""
    if office.summary:
        description = office.summary
    elif office.is_planned:
        description = gettext(
            "WeGO is looking into opening a new Regional Office in %(region)s: find out how to host it."
        ) % {"region": office.region}
    else:
        description = gettext("%(name)s, WeGO’s Regional Office for %(region)s: its history and staff contacts.") % {
            "name": office.name,
            "region": office.region,
        }
    return PageMeta(
        request,
        title=office.name,
        description=description,
        image=share_image(request, office.photo, getattr(office.photo, "alt", "")),
        breadcrumbs=trail(section("offices:list"), (office.name, office.get_absolute_url())),
        data=[person(request, contact, office) for contact in office.contacts.all()],
    )
