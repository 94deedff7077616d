"""The admin's forms for sessions: a taken slug is reported on the slug field, in the session's own form
and in its programme's list of sessions, and sessions that overlap are pointed out after saving."""

from django import forms
from django.contrib import messages
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from .models import Session


class SessionForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        # A Programme from the session's own form, or the parent in its programme's list.
        programme = cleaned_data.get("programme")
        if slug and programme is not None and programme.pk is not None:
            other = Session.objects.filter(programme=programme, slug=slug).exclude(pk=self.instance.pk).first()
            if other is not None:
                self.add_error(
                    "slug",
                    _("Another session of this programme, “%(other)s”, already has this slug: choose another.")
                    % {"other": other},
                )
        return cleaned_data


class SessionFormSet(BaseInlineFormSet):
    """A programme's sessions: two rows given one slug are told so on the second row's slug."""

    def clean(self):
        taken = {}
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            slug = getattr(form, "cleaned_data", {}).get("slug")
            if not slug:
                continue
            if slug in taken:
                form.add_error(
                    "slug",
                    _("“%(other)s” in this list has this slug too: choose another.") % {"other": taken[slug]},
                )
            else:
                taken[slug] = form.instance.title or slug  # the form has filled in its instance
        super().clean()


def warn_of_overlaps(model_admin, request, sessions):
    """A warning for each saved session that takes place on a day of another of its programme's.
    Never a refusal: two groups may really be trained at once."""
    told = set()
    for session in sessions:
        for other in Session.objects.overlapping(session):
            pair = frozenset((session.pk, other.pk))
            if pair in told:
                continue
            told.add(pair)
            model_admin.message_user(
                request,
                _(
                    "“%(session)s” (%(dates)s) overlaps “%(other)s” (%(other_dates)s) in the same programme. "
                    "Both are saved: check the dates if this is a mistake."
                )
                % {
                    "session": session,
                    "dates": session.date_range,
                    "other": other,
                    "other_dates": other.date_range,
                },
                messages.WARNING,
            )
