"""A call's moments as the site shows them: in Seoul time with the zone named, and in ``<time datetime>``
with Seoul's offset, which static/js/local-time.js turns into the visitor's own time where it differs.
The call pages, the bid space and the calendar all write dates this way."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext

from core.editing import zone_name

SEOUL = ZoneInfo(settings.TIME_ZONE)


def seoul_iso(moment):
    """For ``<time datetime>``: to the second (the HTML standard allows no more digits), Seoul's offset."""
    return timezone.localtime(moment, SEOUL).replace(microsecond=0).isoformat()


def seoul_time(moment):
    """A moment as the calls give it: "15 March 2027, 18:00 (Seoul time, KST)", the zone named."""
    local = timezone.localtime(moment, SEOUL)
    return gettext("%(day)s, %(time)s (%(zone)s, %(abbreviation)s)") % {
        # The day as the site writes one in the visitor's language (offices.dates).
        "day": format_date(local, pgettext("date with a day", "j E Y")),
        "time": local.strftime("%H:%M"),
        "zone": zone_name(),
        "abbreviation": local.tzname(),
    }


@dataclass(frozen=True)
class KeyDate:
    """A deadline or date of a call, for ``<time datetime>`` (``iso``, with Seoul's offset) and its text."""

    what: str  # "interest", "bids" or "decision": the calendar's UIDs use it
    label: str
    moment: datetime

    @property
    def iso(self):
        return seoul_iso(self.moment)

    @property
    def text(self):
        return seoul_time(self.moment)
