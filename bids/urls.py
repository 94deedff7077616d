from django.urls import path

from . import space, views

app_name = "bids"

urlpatterns = [
    # Public: the calls, their deadlines, the expression of interest, asking for a new private link.
    path("", views.CallListView.as_view(), name="list"),
    path("calendar.ics", views.calendar, name="calendar"),
    path("link/", views.AskLinkView.as_view(), name="ask-link"),
    path("sent/", views.InterestSentView.as_view(), name="interest-sent"),
    # Private: a city's bid space, opened by the secret of its link (models.BidAccess).
    path("space/<str:secret>/", space.BidSpaceView.as_view(), name="space"),
    path("space/<str:secret>/items/<int:item>/", space.upload, name="space-upload"),
    path("space/<str:secret>/answers/", space.answers, name="space-answers"),
    path("space/<str:secret>/invite/", space.invite, name="space-invite"),
    path("space/<str:secret>/submit/", space.submit, name="space-submit"),
    path("space/<str:secret>/documents/<int:pk>/", space.document, name="space-document"),
    path("<slug:slug>/", views.CallDetailView.as_view(), name="call"),
    path("<slug:slug>/interest/", views.InterestView.as_view(), name="interest"),
]
