from django.views.generic import ListView

from pages.models import Page
from pages.views import SectionPageMixin

from .forms import TestimonialFilterForm
from .models import Testimonial


class TestimonialListView(SectionPageMixin, ListView):
    page_key = Page.Key.TESTIMONIALS
    context_object_name = "testimonials"

    def get_queryset(self):
        testimonials = Testimonial.objects.published()
        self.form = TestimonialFilterForm(self.request.GET or None, testimonials=testimonials)
        return self.form.filter(testimonials).select_related("session__programme")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, filtered=self.form.is_bound, **kwargs)
