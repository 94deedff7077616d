from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<slug:programme>/<slug:slug>/", views.SessionDetailView.as_view(), name="session"),
    path("<slug:programme>/<slug:slug>/calendar.ics", views.session_calendar, name="session-calendar"),
]
