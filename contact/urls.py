from django.urls import path

from wego_site.models import Page
from wego_site.views import SectionPageView

app_name = "contact"

urlpatterns = [
    path("contact/", SectionPageView.as_view(page_key=Page.Key.CONTACT), name="contact"),
    path("host-city/", SectionPageView.as_view(page_key=Page.Key.HOST_CITY), name="host-city"),
]
