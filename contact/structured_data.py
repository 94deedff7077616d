"""schema.org data about the Secretariat and WeGO itself, for search engines (JSON-LD)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.meta import SCHEMA, wego


def organization(secretariat, request):
    """An Organization with its PostalAddress, ContactPoint and location."""
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": secretariat.name,
        "url": request.build_absolute_uri(reverse("contact:contact")),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": secretariat.street_address or ", ".join(secretariat.address_lines),
            "addressLocality": secretariat.locality,
            "postalCode": secretariat.postal_code,
            "addressCountry": secretariat.country,
        },
    }
    data["address"] = {key: value for key, value in data["address"].items() if value}
    point = {"@type": "ContactPoint", "contactType": "Secretariat"}
    phones = [number.uri.removeprefix("tel:") for number in secretariat.telephone_numbers]
    if phones:
        data["telephone"] = phones[0]
        point["telephone"] = phones[0]
    if secretariat.fax_numbers:
        data["faxNumber"] = point["faxNumber"] = secretariat.fax_numbers[0].uri.removeprefix("tel:")
    if secretariat.email:
        data["email"] = point["email"] = secretariat.email
    # One ContactPoint per line of the switchboard, so that every number is listed.
    points = [point] + [{**point, "telephone": phone} for phone in phones[1:]]
    data["contactPoint"] = points
    if secretariat.has_coordinates:
        data["location"] = {
            "@type": "Place",
            "address": data["address"],
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(secretariat.latitude),
                "longitude": float(secretariat.longitude),
            },
        }
    return data


def secretariat_data(request, secretariat):
    """The JSON-LD of the pages about the Secretariat (contact, host city): nothing until it exists."""
    return [organization(secretariat, request)] if secretariat is not None else []


def wego_organization(request, secretariat=None):
    """WeGO as an Organization, for the home page: the Secretariat's address and contact points."""
    data = {
        "@context": SCHEMA,
        **wego(request),
        "alternateName": str(_("World Smart Sustainable Cities Organization")),
        "logo": request.build_absolute_uri(static("img/og-default.png")),
    }
    if secretariat is not None:
        details = organization(secretariat, request)
        for key in ("address", "telephone", "faxNumber", "email", "contactPoint", "location"):
            if key in details:
                data[key] = details[key]
    return data
