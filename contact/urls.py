from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("contact/sent/", views.MessageSentView.as_view(), name="sent"),
    path("contact/wego-secretariat.vcf", views.secretariat_vcard_download, name="vcard"),
    path("host-city/", views.HostCityView.as_view(), name="host-city"),
]
