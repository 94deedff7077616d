"""schema.org data about the Secretariat, for search engines (JSON-LD)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe

# The same escapes as Django's json_script: the JSON can never close the <script> element around it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization(secretariat, request):
    """An Organization with its PostalAddress, ContactPoint and location."""
    data = {
        "@context": "https://schema.org",
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


def json_ld_script(data):
    """``data`` in a ``<script type="application/ld+json">`` element, escaped like ``json_script``."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
