"""Each app indexes its own models in its ``search.py``; the search app finds them as sitemaps are found."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import offices.search
import programs.search
from core.discovery import app_modules
from offices.models import Milestone
from search import index
from search.models import SearchEntry
from tests.offices.factories import make_office
from tests.support.content import PUBLISHED
from tests.support.html import texts

APP_SEARCH_MODULES = {
    "pages.search",
    "offices.search",
    "programs.search",
    "testimonials.search",
    "contact.search",
    "bids.search",
}


class MilestoneSource(index.Source):
    """A source that no app has: what adding one to an app's search.py does."""

    kind = "milestone"
    label = "Milestone"
    plural_label = "Milestones"
    position = 15  # between the offices and the people
    model = Milestone

    def entry(self, milestone):
        return {
            "title": milestone.title,
            "names": [milestone.office.name],
            "body": [milestone.description],
            "url": milestone.office.get_absolute_url(),
        }


@pytest.fixture
def offices_sources():
    """Sets the sources of offices/search.py for the test, and finds the sources anew before and after."""

    def replace(module, sources):
        patch.setattr(module, "sources", sources)
        index.sources.cache_clear()

    with pytest.MonkeyPatch.context() as patch:
        yield replace
    index.sources.cache_clear()


def test_the_kinds_are_those_of_the_apps_search_modules():
    modules = {module.__name__: module for module in app_modules("search")}
    # The search app's own package is not among them: it has no search.py, it reads them.
    assert set(modules) == APP_SEARCH_MODULES
    declared = {source.kind for module in modules.values() for source in getattr(module, "sources", ())}
    assert set(index.sources()) == declared
    assert all(isinstance(source, index.Source) for source in index.sources().values())


def test_the_facets_keep_their_order_and_labels():
    assert [(kind, str(source.label), str(source.plural_label)) for kind, source in index.sources().items()] == [
        ("office", "Regional Office", "Regional Offices"),
        ("person", "Person", "People"),
        ("call", "Call for bids", "Calls for bids"),
        ("programme", "Programme", "Programmes"),
        ("session", "Session", "Sessions"),
        ("testimonial", "Testimonial", "Testimonials"),
        ("document", "Document", "Documents"),
        ("page", "Page", "Pages"),
    ]


@pytest.mark.django_db
def test_a_source_added_to_an_apps_search_module_is_indexed_and_offered(offices_sources, indexed, client):
    offices_sources(offices.search, [*offices.search.sources, MilestoneSource()])
    assert list(index.sources())[:3] == ["office", "milestone", "person"]
    with indexed():
        office = make_office(name="Frobnitz office")
        milestone = Milestone.objects.create(
            office=office, date=datetime.date(2020, 5, 1), title="Frobnitz opened", **PUBLISHED
        )
    index.reindex("milestone", [milestone.pk])
    assert SearchEntry.objects.filter(kind="milestone", object_id=milestone.pk).count() == len(settings.LANGUAGES)

    html = client.get("/search/", {"q": "frobnitz"}).content.decode()
    facets = [text for text in texts(html, "a") if re.fullmatch(r".+ \(\d+\)", text)]
    assert facets == ["Regional Offices (1)", "Milestones (1)"]
    assert "Milestone" in texts(html, "p")
    html = client.get("/search/", {"q": "frobnitz", "kind": "milestone"}).content.decode()
    assert "1 result · Milestones" in texts(html, "p")


def test_two_sources_of_one_kind_are_refused(offices_sources):
    offices_sources(programs.search, [*programs.search.sources, offices.search.OfficeSource()])
    with pytest.raises(ImproperlyConfigured, match="'office'"):
        index.sources()
