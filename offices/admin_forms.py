"""The admin's forms for offices: dates are never shortened without the editor saying so.

A date is stored as the first day of the period its precision names (``offices.dates.normalise``),
so "14 March 2025" saved with the precision "Month" becomes 2025-03-01 and reads "March 2025". The
form refuses such a date once, on the date field, saying what will be shown and stored, and offers a
checkbox beside it that accepts exactly that date with that precision.
"""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .dates import DatePrecision, PartialDate, shortened

CONFIRM_SUFFIX = "_confirm"


class ShortenedDateWidget(AdminDateWidget):
    """The admin's date input, with a checkbox to accept the shortened date once the form asks."""

    confirmation = None  # (value, label), set by the form when it refuses the date

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.confirmation is None:
            return html
        confirm_value, label = self.confirmation
        confirm_id = f"{(attrs or {}).get('id') or 'id_' + name}{CONFIRM_SUFFIX}"
        return format_html(
            '{}<label class="vCheckboxLabel" for="{}"><input type="checkbox" name="{}" id="{}" value="{}"> {}</label>',
            html,
            confirm_id,
            name + CONFIRM_SUFFIX,
            confirm_id,
            confirm_value,
            label,
        )


class PreciseDatesForm(forms.ModelForm):
    """Refuses, once, a date that its precision would shorten. ``precise_dates`` maps each date field
    to its precision field."""

    precise_dates = {}

    def clean(self):
        cleaned_data = super().clean()
        for date_field, precision_field in self.precise_dates.items():
            day, precision = cleaned_data.get(date_field), cleaned_data.get(precision_field)
            if day is None or not precision:
                continue
            shown = shortened(day, precision)
            if shown is None:
                continue
            token = f"{day.isoformat()}/{precision}"
            if self.data.get(self.add_prefix(date_field) + CONFIRM_SUFFIX) == token:
                continue  # the editor ticked the box for this very date and precision
            becomes = {"shown": shown, "stored": shown.day.isoformat()}
            self.add_error(
                date_field,
                _(
                    "This date will be shown as %(shown)s and stored as %(stored)s: choose the precision "
                    "“%(day_precision)s” to keep %(typed)s, or confirm below."
                )
                % {**becomes, "day_precision": DatePrecision.DAY.label, "typed": PartialDate(day, DatePrecision.DAY)},
            )
            self.fields[date_field].widget.confirmation = (
                token,
                _("Yes, show it as %(shown)s (stored as %(stored)s).") % becomes,
            )
        return cleaned_data


class OfficeForm(PreciseDatesForm):
    precise_dates = {"approved_on": "approved_precision", "launched_on": "launched_precision"}

    class Meta:
        widgets = {"approved_on": ShortenedDateWidget, "launched_on": ShortenedDateWidget}


class MilestoneForm(PreciseDatesForm):
    precise_dates = {"date": "date_precision"}

    class Meta:
        widgets = {"date": ShortenedDateWidget}
