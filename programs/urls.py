from django.urls import path

from wego_site.models import Page
from wego_site.views import SectionPageView

app_name = "programs"

urlpatterns = [
    path("", SectionPageView.as_view(page_key=Page.Key.PROGRAMMES), name="list"),
]
