"""A small vCard 3.0 writer (RFC 2426, with the escaping and folding rules of RFC 6350).

vCard 3.0 rather than 4.0 because it is what every address book imports, including older Outlook.
"""

from dataclasses import dataclass, field

CRLF = "\r\n"
# Content lines are folded at 75 octets; a continuation line starts with one space.
MAX_OCTETS = 75


def escape(value):
    """Escape a text value: backslash, comma, semicolon and line breaks carry meaning in vCard."""
    value = str(value).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts = []
    current = ""
    limit = MAX_OCTETS
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
            limit = MAX_OCTETS - 1  # the leading space of a continuation line counts
        else:
            current += char
    parts.append(current)
    return (CRLF + " ").join(parts)


@dataclass
class VCard:
    """The properties of one card; ``str(card)`` is the file."""

    lines: list = field(default_factory=list)

    def add(self, name, *components, params=None, raw=False):
        """Add a property; ``components`` are joined with “;” (structured values such as N and ADR).

        ``raw`` skips escaping, for values that are not text (a URI, coordinates).
        """
        value = ";".join(str(c) if raw else escape(c) for c in components)
        prefix = name.upper() + "".join(f";{key}={param}" for key, param in (params or {}).items())
        self.lines.append(f"{prefix}:{value}")
        return self

    def __str__(self):
        lines = ["BEGIN:VCARD", "VERSION:3.0", *self.lines, "END:VCARD"]
        return CRLF.join(fold(line) for line in lines) + CRLF


def secretariat_vcard(secretariat, url=""):
    """The Secretariat as an organisation's card: name, address, telephone and fax lines, e-mail, location."""
    card = VCard()
    card.add("FN", secretariat.name)
    # An organisation has no personal name; the empty N keeps vCard 3.0 readers happy.
    card.add("N", "", "", "", "", "")
    card.add("ORG", secretariat.name)
    card.add("X-ABShowAs", "COMPANY", raw=True)
    if secretariat.street_address or secretariat.locality:
        card.add(
            "ADR",
            "",
            "",
            secretariat.street_address,
            secretariat.locality,
            "",
            secretariat.postal_code,
            secretariat.country,
            params={"TYPE": "WORK"},
        )
    card.add("LABEL", ", ".join(secretariat.address_lines), params={"TYPE": "WORK"})
    for number in secretariat.telephone_numbers:
        card.add("TEL", number.uri.removeprefix("tel:"), params={"TYPE": "WORK,VOICE"}, raw=True)
    for number in secretariat.fax_numbers:
        card.add("TEL", number.uri.removeprefix("tel:"), params={"TYPE": "WORK,FAX"}, raw=True)
    if secretariat.email:
        card.add("EMAIL", secretariat.email, params={"TYPE": "INTERNET,WORK"})
    if secretariat.has_coordinates:
        card.add("GEO", f"{secretariat.latitude:f}", f"{secretariat.longitude:f}", raw=True)
    if url:
        card.add("URL", url, raw=True)
    return card
