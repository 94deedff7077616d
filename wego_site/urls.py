import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve

from core.discovery import app_modules
from core.files import serve_file, upload_directories
from search.link_targets import link_targets

from . import views
from .sitemaps import collect_sitemaps

handler400 = "wego_site.views.bad_request"
handler404 = "wego_site.views.page_not_found"
handler500 = "wego_site.views.server_error"

# Public pages in every language: English at the root, the others under their prefix.
urlpatterns = i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("offices/", include("offices.urls")),
    path("bids/", include("bids.urls")),
    path("programmes/", include("programs.urls")),
    path("testimonials/", include("testimonials.urls")),
    path("", include("contact.urls")),
    path("", include("search.urls")),
    # Each app's feeds, from its feeds.py.
    *(path("feeds/", include(module.urlpatterns)) for module in app_modules("feeds")),
    prefix_default_language=False,
)

urlpatterns += [
    # Section pages were under the project's own app label until they got an app of their own.
    re_path(r"^admin/wego_site/page/(?P<rest>.*)$", RedirectView.as_view(url="/admin/pages/page/%(rest)s")),
    path("admin/", include("accounts.urls")),
    # The rich-text editor's search for a page of the site to link (core.richtext).
    path("admin/link-targets/", admin.site.admin_view(link_targets), name="richtext_link_targets"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # Content files and renditions, shown only while their item is public (core.files).
    path("files/<path:path>", serve_file, name="content_file"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": collect_sitemaps()},
        name="sitemap",
    ),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.ico", permanent=True)),
]

if settings.SERVE_MEDIA:
    # Local machines only; in production media is served by the storage backend or the proxy. Only the
    # directories of public content: private uploads (bid documents) are served by their own views.
    prefix = settings.MEDIA_URL.lstrip("/")
    public = "|".join(re.escape(directory) for directory in upload_directories())
    urlpatterns += [re_path(rf"^{prefix}(?P<path>(?:{public})/.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
