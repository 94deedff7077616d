"""Telephone and fax numbers: kept as written, checked on entry, with a form a phone can dial."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ALLOWED = re.compile(r"^[0-9 +()\-~]*$")
MIN_DIGITS = 4
MAX_DIGITS = 20


def validate_phone(value):
    """Digits, spaces, + ( ) - and ~ (for a range such as "2934~7"), with a + only in front."""
    if not _ALLOWED.match(value):
        raise ValidationError(
            _("Use only digits, spaces and the signs + ( ) - ~, for example “+7 (8422) 41-33-59”."),
            code="phone_characters",
        )
    if "+" in value.lstrip()[1:]:
        raise ValidationError(_("A “+” may only start the number."), code="phone_plus")
    if value.count("(") != value.count(")"):
        raise ValidationError(_("The brackets in this number do not match."), code="phone_brackets")
    digits = sum(character.isdigit() for character in value)
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise ValidationError(
            _("A number has between %(min)s and %(max)s digits."),
            code="phone_length",
            params={"min": MIN_DIGITS, "max": MAX_DIGITS},
        )


def dialable(value):
    """The number a phone dials, for a ``tel:`` link: "+82 (0)2 720 2934~7" gives "+8227202934".

    A "(0)" after an international prefix is the trunk prefix, dialled only from inside the country;
    "~7" marks a range of lines, and the first line is the one to call.
    """
    number = (value or "").split("~", 1)[0].strip()
    if number.startswith("+"):
        number = number.replace("(0)", "")
    digits = "".join(character for character in number if character.isdigit())
    if not digits:
        return ""
    return ("+" if number.startswith("+") else "") + digits
