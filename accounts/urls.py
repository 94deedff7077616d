from django.contrib import admin
from django.urls import path

from . import views

app_name = "accounts"

# Under /admin/ (see the root URLs) and behind the admin's own gate: staff only, never cached, CSRF.
urlpatterns = [
    path("two-factor/", admin.site.admin_view(views.two_factor), name="two_factor"),
    path("two-factor/verify/", admin.site.admin_view(views.two_factor_verify), name="two_factor_verify"),
    path("language/", admin.site.admin_view(views.admin_language), name="admin_language"),
]
