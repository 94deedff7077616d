from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from core.cache import cache_query_params
from pages.models import Page
from pages.views import SectionPageMixin

from .forms import TestimonialFilterForm
from .models import Testimonial


@method_decorator(cache_query_params("programme", "year"), name="dispatch")
class TestimonialListView(SectionPageMixin, ListView):
    page_key = Page.Key.TESTIMONIALS
    context_object_name = "testimonials"

    def get_queryset(self):
        testimonials = Testimonial.objects.published()
        self.form = TestimonialFilterForm(self.request.GET or None, testimonials=testimonials)
        return self.form.filter(testimonials).select_related("session__programme", "photo")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, filtered=self.form.is_bound, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            # A filter value the form does not know: not one of the pages the page cache may keep.
            patch_cache_control(response, no_cache=True)
        return response
