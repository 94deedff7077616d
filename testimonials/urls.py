from django.urls import path

from wego_site.models import Page
from wego_site.views import SectionPageView

app_name = "testimonials"

urlpatterns = [
    path("", SectionPageView.as_view(page_key=Page.Key.TESTIMONIALS), name="list"),
]
