from django.urls import path

from wego_site.models import Page
from wego_site.views import SectionPageView

app_name = "offices"

urlpatterns = [
    path("", SectionPageView.as_view(page_key=Page.Key.OFFICES), name="list"),
    path("host/", SectionPageView.as_view(page_key=Page.Key.HOSTING), name="host"),
]
