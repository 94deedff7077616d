from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from programs.models import Programme


class TestimonialFilterForm(forms.Form):
    """Narrows the testimonials by programme and year; a plain GET form that needs no JavaScript."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All programmes"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, testimonials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.published().filter(sessions__testimonials__in=testimonials).distinct()
        )
        years = (
            testimonials.filter(session__start_date__isnull=False)
            .annotate(year=ExtractYear("session__start_date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, testimonials):
        if not self.is_bound or not self.is_valid():
            return testimonials
        if programme := self.cleaned_data["programme"]:
            testimonials = testimonials.for_programme(programme)
        if year := self.cleaned_data["year"]:
            testimonials = testimonials.for_year(year)
        return testimonials
