"""A small vCard writer (RFC 6350, and RFC 2426 for version 3.0): what the site's cards need.

Staff contacts get vCard 4.0; the Secretariat's card is 3.0, which every address book imports.
Text values are escaped (backslash, comma, semicolon, newline), lines end in CRLF and are folded
at 75 octets without splitting a UTF-8 character, as section 3.2 of RFC 6350 asks.

No value may start a line of its own: every kind of line break (CR, LF, NEL U+0085, the Unicode
line and paragraph separators U+2028 and U+2029, vertical tab and form feed) becomes the escaped
``\\n``, and the other control characters, which vCard text may not contain, are dropped. URIs and
parameter values take no line break at all.
"""

from .text import multi_line, one_line

LINE_OCTETS = 75


def escape_text(value):
    return multi_line(value).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line):
    """Split a content line into physical lines of at most 75 octets; continuations start with a space."""
    pieces = []
    current = b""
    limit = LINE_OCTETS
    for character in line:
        encoded = character.encode()
        if len(current) + len(encoded) > limit:
            pieces.append(current)
            current = b""
            limit = LINE_OCTETS - 1  # the leading space of a continuation line counts
        current += encoded
    pieces.append(current)
    return b"\r\n ".join(pieces).decode()


class VCard:
    def __init__(self, full_name, version="4.0"):
        self.version = version
        self._lines = [("FN", {}, escape_text(full_name))]

    def add_text(self, name, value, **params):
        if value:
            self._lines.append((name, params, escape_text(value)))
        return self

    def add_structured(self, name, components, **params):
        """A value made of components separated by ";" (ORG, N, ADR), each escaped on its own."""
        if any(components):
            self._lines.append((name, params, ";".join(escape_text(c) for c in components)))
        return self

    def add_uri(self, name, uri, **params):
        """URIs are not text: commas and semicolons in them stay as they are."""
        if uri:
            self._lines.append((name, params, one_line(uri)))
        return self

    def serialise(self):
        lines = ["BEGIN:VCARD", f"VERSION:{self.version}"]
        for name, params, value in self._lines:
            rendered = "".join(f";{key.upper()}={_param(val)}" for key, val in params.items())
            lines.append(f"{name}{rendered}:{value}")
        lines.append("END:VCARD")
        return "".join(fold(line) + "\r\n" for line in lines)

    __str__ = serialise


def _param(value):
    """A parameter's value; a comma separates several values (TYPE=WORK,VOICE), other specials are quoted."""
    return ",".join(
        f'"{part}"' if any(character in part for character in ":;") else part
        for part in one_line(value).replace('"', "'").split(",")
    )
