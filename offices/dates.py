"""Dates known only as precisely as the sources say: "11 March 2014", "September 2013", "late 2013".

A date is stored as a day plus a precision. The day stored is the first day of the period the
precision names, so two rows that say "September 2013" are equal and sort together; visitors only
ever see the part the precision names, never an invented day.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day (11 March 2014)")
    MONTH = "month", _("Month (September 2013)")
    EARLY_YEAR = "early", _("Early in the year (early 2018)")
    MID_YEAR = "mid", _("Middle of the year (mid-2018)")
    LATE_YEAR = "late", _("Late in the year (late 2013)")
    YEAR = "year", _("Year (2017)")


# The first month of each period; a year is split in thirds for "early", "mid" and "late".
_FIRST_MONTH = {
    DatePrecision.EARLY_YEAR: 1,
    DatePrecision.MID_YEAR: 5,
    DatePrecision.LATE_YEAR: 9,
    DatePrecision.YEAR: 1,
}

PRECISION_HELP = _(
    "Only what the precision names is shown: the date is stored as the first day of that period. "
    "A date typed with more detail than its precision keeps is confirmed before it is saved."
)


def normalise(day, precision):
    """The first day of the period ``precision`` names around ``day``."""
    if day is None:
        return day
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    first_month = _FIRST_MONTH.get(precision)
    # A day-precise date stays as it is, and so does one with an unknown precision, which the
    # field's choices refuse with a message of their own.
    return datetime.date(day.year, first_month, 1) if first_month else day


def shortened(day, precision):
    """What ``precision`` makes of ``day`` when it drops part of it: the date as visitors will read
    it and the day stored (``PartialDate``); None when the day is kept as typed."""
    stored = normalise(day, precision)
    return PartialDate(stored, precision) if stored != day else None


@dataclass(frozen=True)
class PartialDate:
    day: datetime.date
    precision: str

    @property
    def iso(self):
        """For ``<time datetime>``: as precise as the source, no more."""
        if self.precision == DatePrecision.DAY:
            return self.day.isoformat()
        if self.precision == DatePrecision.MONTH:
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return f"{self.day.year:04d}"

    def __str__(self):
        year = self.day.year
        match self.precision:
            case DatePrecision.DAY:
                # Formats are translatable: each language orders day, month and year its own way.
                return format_date(self.day, pgettext("date with a day", "j E Y"))
            case DatePrecision.MONTH:
                return format_date(self.day, pgettext("date with a month", "F Y"))
            case DatePrecision.EARLY_YEAR:
                return gettext("early %(year)s") % {"year": year}
            case DatePrecision.MID_YEAR:
                return gettext("mid-%(year)s") % {"year": year}
            case DatePrecision.LATE_YEAR:
                return gettext("late %(year)s") % {"year": year}
        return str(year)


def partial_date(day, precision):
    return PartialDate(day, precision) if day is not None else None
