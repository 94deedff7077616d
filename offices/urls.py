from django.urls import path

from . import views

app_name = "offices"

urlpatterns = [
    path("", views.OfficeListView.as_view(), name="list"),
    path("host/", views.HostingView.as_view(), name="host"),
    path("host/documents/<int:pk>/", views.download_document, name="document"),
    path("<slug:slug>/", views.OfficeDetailView.as_view(), name="detail"),
    path("<slug:slug>/contacts/<int:pk>.vcf", views.vcard, name="vcard"),
]
