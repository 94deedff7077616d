from django.contrib import admin
from django.urls import path

from . import views

app_name = "accounts"

# Under /admin/ (see the root URLs) and behind the admin's own gate: staff only, never cached, CSRF.
urlpatterns = [
    path("", admin.site.admin_view(views.two_factor), name="two_factor"),
    path("verify/", admin.site.admin_view(views.two_factor_verify), name="two_factor_verify"),
]
