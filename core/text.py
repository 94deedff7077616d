"""Invisible characters: refused where text is typed, and made harmless where text is written out.

A title pasted from a word processor can carry a control character nobody sees (Word's manual line
break is U+000B). XML 1.0 cannot hold most of them, so an Atom feed fails; a line break written into
an iCalendar or vCard line starts a new property. So the rule is kept twice:

- on input: every CharField of the project's models refuses control characters and line separators,
  and every TextField refuses control characters other than tab and line breaks (``guard_fields``,
  called once from ``CoreConfig.ready()``); the message appears on the field in the admin and on the
  contact form;
- on output: what was stored before the rule, or arrived another way (fixtures, the shell), is
  cleaned by ``one_line()`` and ``multi_line()`` before it reaches a feed, a calendar or a card.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls, DEL, C1 controls (Unicode category Cc, NEL U+0085 among them), and the Unicode line and
# paragraph separators, which are not controls but do break lines.
_CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# What str.splitlines() breaks lines at, \r\n counted once.
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL_CHARACTER = re.compile(f"[{_CONTROL}]")
_CONTROL_RUN = re.compile(f"[{_CONTROL}]+")
_CONTROL_BUT_TAB_AND_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(value):
    """``value`` as one line: each run of control characters or line breaks becomes one space."""
    return _CONTROL_RUN.sub(" ", str(value))


def multi_line(value):
    """``value`` with every kind of line break as ``\\n`` and no other control character but tab."""
    return _CONTROL_BUT_TAB_AND_NEWLINE.sub("", _LINE_BREAK.sub("\n", str(value)))


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters and line separators, except those in ``allowed``."""

    def __init__(self, allowed, message):
        self.allowed = allowed
        self.message = message

    def __call__(self, value):
        for character in _CONTROL_CHARACTER.findall(str(value)):
            if character not in self.allowed:
                raise ValidationError(
                    self.message, code="control_character", params={"character": f"U+{ord(character):04X}"}
                )

    def __eq__(self, other):
        if not isinstance(other, ControlCharacterValidator):
            return NotImplemented
        return (self.allowed, self.message) == (other.allowed, other.message)

    def __hash__(self):
        return hash(self.allowed)


validate_one_line = ControlCharacterValidator(
    allowed="",
    message=_("Enter one line of text, without line breaks or invisible control characters (found %(character)s)."),
)
validate_multi_line = ControlCharacterValidator(
    allowed="\t\n\r\u2028\u2029",
    message=_("Remove the invisible control character from this text (found %(character)s)."),
)


def guard_fields(app_configs):
    """Give every CharField (its per-language copies included) and TextField of the apps' models the
    validator above that fits it.

    Appended to ``field.validators`` when the apps are ready, not declared on each field: a model added
    later gets it with no one remembering to, and no migration records it (migrations keep the
    validators a field declares, ``field._validators``, and this list is computed from them).
    """
    for config in app_configs:
        for model in config.get_models():
            for field in model._meta.fields:
                if isinstance(field, models.CharField):
                    validator = validate_one_line
                elif isinstance(field, models.TextField):
                    validator = validate_multi_line
                else:
                    continue
                # django-modeltranslation's per-language fields may share their original's list.
                if validator not in field.validators:
                    field.validators.append(validator)
