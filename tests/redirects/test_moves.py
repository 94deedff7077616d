"""A change of address leaves a permanent redirect behind, in every language, for the item and the
rows whose address includes its own."""

import pytest
from django.conf import settings
from django.utils import translation

from core.publishing import PublicationStatus
from pages.models import Page
from redirects.models import Origin, Redirect
from tests.offices.factories import make_office
from tests.programs.factories import make_programme, make_session

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PUBLISHED = {"publication_status": PublicationStatus.PUBLISHED}


def urls_of(item):
    found = {}
    for code in LANGUAGES:
        with translation.override(code):
            found[code] = item.get_absolute_url()
    return found


def assert_moved(client, old_urls, new_urls):
    assert old_urls.keys() == new_urls.keys() == set(LANGUAGES)
    for code in LANGUAGES:
        assert old_urls[code] != new_urls[code]
        response = client.get(old_urls[code])
        assert response.status_code == 301, old_urls[code]
        assert response["Location"] == new_urls[code]
        assert client.get(new_urls[code]).status_code == 200, new_urls[code]


def test_an_offices_old_address_leads_to_its_new_one_in_every_language(client):
    office = make_office(slug="ulyanovsk", **PUBLISHED)
    before = urls_of(office)
    assert before["ko"] == "/ko/offices/ulyanovsk/"
    assert client.get(before["ru"]).status_code == 200
    office.slug = "ulyanovsk-region"
    office.save()
    assert_moved(client, before, urls_of(office))
    assert set(Redirect.objects.values_list("origin", flat=True)) == {Origin.AUTOMATIC}
    assert Redirect.objects.get(old_path="/es/offices/ulyanovsk/").new_path == "/es/offices/ulyanovsk-region/"


def test_a_programmes_sessions_follow_it_to_its_new_address(client):
    programme = make_programme(slug="smart-city-training", **PUBLISHED)
    sessions = [make_session(programme, slug=slug, **PUBLISHED) for slug in ("2017", "2018")]
    before = {session.pk: urls_of(session) for session in sessions}
    programme_before = urls_of(programme)
    programme.slug = "smart-city-academy"
    programme.save()
    assert_moved(client, programme_before, urls_of(programme))
    for session in sessions:
        session.refresh_from_db()
        assert urls_of(session)["en"] == f"/programmes/smart-city-academy/{session.slug}/"
        assert_moved(client, before[session.pk], urls_of(session))
    assert Redirect.objects.count() == 3 * len(LANGUAGES)


def test_a_section_pages_address_moves_with_its_section(client):
    """A section page has no slug: its address is its section's. Heading another section moves it."""
    Page.objects.get(key=Page.Key.TESTIMONIALS).delete()
    page = Page.objects.get(key=Page.Key.HOSTING)
    before = urls_of(page)
    assert before["zh-hans"] == "/zh-hans/offices/host/"
    page.key = Page.Key.TESTIMONIALS
    page.save()
    assert_moved(client, before, urls_of(page))


def test_a_session_moves_on_its_own_and_its_programme_stays(client):
    programme = make_programme(**PUBLISHED)
    session = make_session(programme, slug="2019", **PUBLISHED)
    before = urls_of(session)
    session.slug = "2019-seoul"
    session.save()
    assert_moved(client, before, urls_of(session))
    assert client.get(urls_of(programme)["en"]).status_code == 200
    assert Redirect.objects.count() == len(LANGUAGES)


def test_a_save_that_keeps_the_address_makes_no_redirect():
    office = make_office(**PUBLISHED)
    office.name = "A new name"
    office.save()
    programme = make_programme(**PUBLISHED)
    make_session(programme, **PUBLISHED)
    programme.name = "Renamed"
    programme.save()
    assert not Redirect.objects.exists()


def test_moving_again_updates_the_older_redirects_so_none_chains(client):
    office = make_office(slug="first", **PUBLISHED)
    office.slug = "second"
    office.save()
    office.slug = "third"
    office.save()
    assert dict(Redirect.objects.filter(old_path__startswith="/offices/").values_list("old_path", "new_path")) == {
        "/offices/first/": "/offices/third/",
        "/offices/second/": "/offices/third/",
    }
    response = client.get("/ru/offices/first/")
    assert response.status_code == 301
    assert response["Location"] == "/ru/offices/third/"
    assert not Redirect.objects.filter(new_path__in=Redirect.objects.values("old_path")).exists()


def test_moving_back_to_an_old_address_leaves_no_loop(client):
    office = make_office(slug="back", **PUBLISHED)
    office.slug = "forth"
    office.save()
    office.slug = "back"
    office.save()
    assert dict(Redirect.objects.filter(old_path__startswith="/offices/").values_list("old_path", "new_path")) == {
        "/offices/forth/": "/offices/back/"
    }
    assert client.get("/offices/back/").status_code == 200
    assert client.get("/offices/forth/")["Location"] == "/offices/back/"


def test_a_new_item_takes_its_address_back_from_a_redirect(client):
    office = make_office(slug="taken", **PUBLISHED)
    office.slug = "moved"
    office.save()
    assert client.get("/offices/taken/").status_code == 301
    newcomer = make_office(slug="taken", **PUBLISHED)
    assert not Redirect.objects.filter(old_path__in=urls_of(newcomer).values()).exists()
    assert client.get("/offices/taken/").status_code == 200
    assert client.get("/offices/moved/").status_code == 200


def test_a_drafts_change_of_address_is_redirected_too(client):
    """Redirects are made whatever the status: staff previews keep working, and visitors find the
    item at its old address once it is published."""
    office = make_office(slug="draft-name", publication_status=PublicationStatus.DRAFT)
    office.slug = "final-name"
    office.save()
    assert client.get("/offices/draft-name/")["Location"] == "/offices/final-name/"
    assert client.get("/offices/final-name/").status_code == 404
    office.publication_status = PublicationStatus.PUBLISHED
    office.save()
    assert client.get("/offices/final-name/").status_code == 200


def test_a_hand_made_redirect_to_an_item_follows_it_when_it_moves(client):
    office = make_office(slug="old-site-target", **PUBLISHED)
    Redirect.objects.create(old_path="/eng/sub03_01.php", new_path="/offices/old-site-target/")
    office.slug = "new-site-target"
    office.save()
    hand_made = Redirect.objects.get(old_path="/eng/sub03_01.php")
    assert hand_made.new_path == "/offices/new-site-target/"
    assert hand_made.origin == Origin.MANUAL
    assert client.get("/eng/sub03_01.php")["Location"] == "/offices/new-site-target/"
