"""Telephone and fax numbers: kept as written, checked on entry, and turned into what phones dial.

The Secretariat writes its lines as a range, “+82 (0)2 720 2934~7”: one printed form for four
lines. The printed form stays as written; :func:`dial_numbers` turns it into one ``tel:`` link per line.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# “(0)” is the trunk prefix dialled only from inside the country; it is dropped after a country code.
_TRUNK = re.compile(r"\(0\)")
_NOT_DIALABLE = re.compile(r"[^\d+]")
_RANGE = re.compile(r"^(?P<first>.*\d)\s*~\s*(?P<last>\d+)$")
# A longer range is a typo rather than a switchboard.
MAX_RANGE = 20


@dataclass(frozen=True)
class DialNumber:
    label: str  # "+82 2 720 2934": readable, without the trunk prefix
    uri: str  # "tel:+8227202934"
    tail: str  # "2934": the last group of digits, enough to tell the lines of a range apart

    def __str__(self):
        return self.label


def _number(written):
    label = " ".join(_TRUNK.sub(" ", written).replace("(", " ").replace(")", " ").split())
    digits = _NOT_DIALABLE.sub("", label)
    # A plus sign only counts at the start.
    digits = digits[:1] + digits[1:].replace("+", "")
    if len(digits.lstrip("+")) < 3:
        return None
    tail = re.findall(r"\d+", label)[-1]
    return DialNumber(label=label, uri=f"tel:{digits}", tail=tail)


def dial_numbers(written):
    """Every number a printed telephone field stands for, in order; empty when there is none.

    >>> [n.uri for n in dial_numbers("+82 (0)2 720 2934~7")]
    ['tel:+8227202934', 'tel:+8227202935', 'tel:+8227202936', 'tel:+8227202937']
    """
    written = (written or "").strip()
    match = _RANGE.match(written)
    if not match:
        number = _number(written)
        return [number] if number else []
    first = _number(match["first"])
    if first is None:
        return []
    last_digits = match["last"]
    width = len(last_digits)
    if width > len(first.tail):
        return [first]
    start = int(first.tail[-width:])
    stop = int(last_digits)
    if stop < start or stop - start >= MAX_RANGE:
        return [first]
    numbers = []
    stem = first.tail[:-width]
    head = first.label[: -len(first.tail)]
    for value in range(start, stop + 1):
        tail = f"{stem}{value:0{width}d}"
        numbers.append(_number(head + tail))
    return numbers


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
    """The number a phone dials for the first line: "+82 (0)2 720 2934~7" gives "+8227202934"."""
    numbers = dial_numbers(value)
    return numbers[0].uri.removeprefix("tel:") if numbers else ""
