"""The rich-text editor in tests (``pytest.mark.urls("tests.support.richtext")``): the root URLs and
an admin of offices whose milestones have their rich-text details inline."""

from django.contrib import admin
from django.urls import path
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from offices.models import Milestone, Office
from wego_site import urls as site_urls

handler400 = site_urls.handler400
handler404 = site_urls.handler404
handler500 = site_urls.handler500

urlpatterns = list(site_urls.urlpatterns)

# No inline of the site has a rich-text field yet; the editor must work in one, also in rows added with
# "Add another". This admin, under /admin/ like the real one (and so under the admin's CSP), has one.
inline_site = admin.AdminSite(name="richtext_inline")


class MilestoneDetailsInline(TranslationStackedInline):
    model = Milestone
    extra = 0
    fields = ["date", "title", "description"]


@admin.register(Office, site=inline_site)
class OfficeMilestonesAdmin(TabbedTranslationAdmin):
    fields = ["name"]
    inlines = [MilestoneDetailsInline]


urlpatterns.insert(0, path("admin/richtext-inline/", inline_site.urls))
