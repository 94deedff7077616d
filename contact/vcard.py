"""The Secretariat's card, in vCard 3.0: what every address book imports, including older Outlook."""

from core.vcard import VCard


def secretariat_vcard(secretariat, url=""):
    """The Secretariat as an organisation's card: name, address, telephone and fax lines, e-mail, location."""
    card = VCard(secretariat.name, version="3.0")
    # An organisation has no personal name; the empty N keeps vCard 3.0 readers happy.
    card.add_uri("N", ";;;;")
    card.add_structured("ORG", [secretariat.name])
    card.add_uri("X-ABShowAs", "COMPANY")
    if secretariat.street_address or secretariat.locality:
        address = ["", "", secretariat.street_address, secretariat.locality, "", secretariat.postal_code]
        card.add_structured("ADR", [*address, secretariat.country], TYPE="WORK")
    card.add_text("LABEL", ", ".join(secretariat.address_lines), TYPE="WORK")
    for number in secretariat.telephone_numbers:
        card.add_uri("TEL", number.uri.removeprefix("tel:"), TYPE="WORK,VOICE")
    for number in secretariat.fax_numbers:
        card.add_uri("TEL", number.uri.removeprefix("tel:"), TYPE="WORK,FAX")
    card.add_text("EMAIL", secretariat.email, TYPE="INTERNET,WORK")
    if secretariat.has_coordinates:
        card.add_uri("GEO", f"{secretariat.latitude:f};{secretariat.longitude:f}")
    card.add_uri("URL", url)
    return card
