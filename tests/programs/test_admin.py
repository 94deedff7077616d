"""The admin: sessions inline under programmes, readable date errors, filters, autocomplete."""

import re
from datetime import date

import pytest
from django.urls import reverse

from core.images import rendition
from core.publishing import PublicationStatus
from programs.models import PartnerOrganisation, Programme, Session
from tests.support.files import png_bytes
from tests.support.html import elements, html_of, view_on_site_href
from tests.support.images import halves_png, make_image

from .factories import make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["programme", "session", "city", "partnerorganisation"])
def test_changelists_and_add_forms_answer(superuser_client, model):
    assert superuser_client.get(reverse(f"admin:programs_{model}_changelist")).status_code == 200
    assert superuser_client.get(reverse(f"admin:programs_{model}_add")).status_code == 200


def test_programme_page_has_its_sessions_inline(superuser_client):
    programme = Programme.objects.get(slug="seoul-program")
    html = superuser_client.get(reverse("admin:programs_programme_change", args=[programme.pk])).content.decode()
    assert html.count('name="sessions-') > 8 * 5
    assert 'value="2013-06-23"' in html
    assert "Seoul Program 2012 (May–June)" in html


def test_session_page_edits_topics_tours_contacts_and_cities(superuser_client):
    session = Session.objects.get(slug="2017-seoul")
    html = superuser_client.get(reverse("admin:programs_session_change", args=[session.pk])).content.decode()
    for prefix in ["topics-TOTAL_FORMS", "technical_tours-TOTAL_FORMS", "contacts-TOTAL_FORMS"]:
        assert f'name="{prefix}"' in html
    assert 'value="Bukcheon IoT Village (Living Lab)"' in html
    assert 'name="cities"' in html and "admin-autocomplete" in html


def session_form(session, **changes):
    """The change form as the admin posts it: translated fields have one input per language."""
    data = {
        "programme": session.programme_id,
        "title_en": session.title,
        "slug": session.slug,
        "status": session.status,
        "start_date": session.start_date.isoformat() if session.start_date else "",
        "end_date": session.end_date.isoformat() if session.end_date else "",
        "place_en": session.place,
        "application_period_en": "",
        "description_en": session.description,
        "participant_count": session.participant_count or "",
        "publication_status": session.publication_status,
        "publish_from_0": "",
        "publish_from_1": "",
    }
    for prefix in ["topics", "technical_tours", "contacts"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_an_end_before_the_start_is_refused_in_words(superuser_client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = superuser_client.post(
        reverse("admin:programs_session_change", args=[session.pk]),
        session_form(session, end_date="2014-04-01"),
    )
    assert response.status_code == 200
    assert "The session cannot end (2014-04-01) before it starts (2014-04-06)." in response.content.decode()
    session.refresh_from_db()
    assert session.end_date.isoformat() == "2014-04-13"


def test_a_confirmed_session_without_dates_is_refused_in_words(superuser_client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = superuser_client.post(
        reverse("admin:programs_session_change", args=[session.pk]), session_form(session, start_date="", end_date="")
    )
    assert "while they are unknown" in response.content.decode()


def test_a_valid_change_is_saved(superuser_client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = superuser_client.post(
        reverse("admin:programs_session_change", args=[session.pk]),
        session_form(session, place_en="Seoul, Republic of Korea", place_ko="대한민국 서울"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Seoul, Republic of Korea"
    assert session.place_ko == "대한민국 서울"


def test_the_inline_refuses_an_end_before_the_start_too(superuser_client):
    programme = Programme.objects.get(slug="regional-offices-programs")
    data = {
        "name_en": programme.name,
        "slug": programme.slug,
        "kind": programme.kind,
        "running_since": "2014",
        "summary_en": programme.summary,
        "body_en": programme.body,
        "order": "3",
        "publication_status": "published",
        "publish_from_0": "",
        "publish_from_1": "",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-title_en": "Webinar",
        "sessions-0-slug": "webinar",
        "sessions-0-start_date": "2030-05-09",
        "sessions-0-end_date": "2030-05-01",
        "sessions-0-status": "confirmed",
        "sessions-0-place_en": "Online",
        "sessions-0-publication_status": "published",
    }
    response = superuser_client.post(reverse("admin:programs_programme_change", args=[programme.pk]), data)
    assert response.status_code == 200
    assert "The session cannot end (2030-05-01) before it starts (2030-05-09)." in response.content.decode()
    assert not programme.sessions.exists()


def test_session_filters_by_programme_year_and_status(superuser_client):
    url = reverse("admin:programs_session_changelist")
    html = superuser_client.get(url + "?year=2013").content.decode()
    assert "Seoul Program 2013" in html and "Seoul Program 2011" not in html
    html = superuser_client.get(url + "?status__exact=planned").content.decode()
    assert "Joint Workshop 2018, Jeju" in html and "Seoul Program 2013" not in html
    assert superuser_client.get(url + "?year=abc").status_code == 200


def test_cities_and_partners_autocomplete(superuser_client):
    url = reverse("admin:autocomplete")
    response = superuser_client.get(
        url, {"app_label": "programs", "model_name": "session", "field_name": "cities", "term": "Nep"}
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} == {
        "Dhulikhel (Nepal)",
        "Pokhara (Nepal)",
        "Ramgram (Nepal)",
    }
    response = superuser_client.get(
        url, {"app_label": "programs", "model_name": "programme", "field_name": "partners", "term": "NIA"}
    )
    assert [r["text"] for r in response.json()["results"]] == ["National Information Society Agency (NIA)"]


def test_deleting_a_session_with_testimonials_is_refused(superuser_client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    response = superuser_client.post(reverse("admin:programs_session_delete", args=[session.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()


def test_the_delete_page_of_a_session_with_testimonials_explains_why_it_cannot_go(superuser_client):
    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    html = html_of(superuser_client.get(reverse("admin:programs_session_delete", args=[session.pk])))
    assert "Cannot delete session" in html
    assert "Deleting the session 'Seoul Program 2013' would require deleting the following protected" in html
    protected = html[html.index('id="deleted-objects"') :]
    protected = protected[: protected.index("</ul>")]
    for person in ["Ms. Mirela Minca", "Mr. Santiago Nieva Giralt", "Mr. Khalid AC Zadjali"]:
        assert person in protected
    assert 'name="post"' not in html  # no confirmation button to press
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_session_without_testimonials_can_be_deleted(superuser_client):
    session = make_session(make_programme(), date(2030, 1, 1))
    session.topics.create(name="Going too")
    html = html_of(superuser_client.get(reverse("admin:programs_session_delete", args=[session.pk])))
    assert "Going too" in html  # Django lists what goes with it
    response = superuser_client.post(reverse("admin:programs_session_delete", args=[session.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()


# The changelists: dates, visibility, view on site --------------------------------------------------------


def test_sessions_are_browsed_by_date(superuser_client):
    url = reverse("admin:programs_session_changelist")
    html = html_of(superuser_client.get(url))
    assert '<nav class="toplinks">' in html
    assert 'href="?start_date__year=2013"' in html
    html = html_of(superuser_client.get(url + "?start_date__year=2012"))
    assert "Seoul Program 2012 (July)" in html and "Seoul Program 2013" not in html


def test_the_status_column_follows_the_programme_too(superuser_client):
    url = reverse("admin:programs_session_changelist") + "?q=Seoul+Program+2013"
    assert "wego-list-status--live" in html_of(superuser_client.get(url))
    Programme.objects.filter(slug="seoul-program").update(publication_status=PublicationStatus.DRAFT)
    html = html_of(superuser_client.get(url))
    assert "wego-list-status--hidden" in html and "wego-list-status--live" not in html
    # The session itself is still marked published: the column tells staff why visitors miss it.
    assert Session.objects.get(programme__slug="seoul-program", slug="2013").publication_status == "published"


@pytest.mark.parametrize(
    ("model", "lookup", "public_path"),
    [
        ("programme", {"slug": "seoul-program"}, "/programmes/seoul-program/"),
        ("session", {"programme__slug": "seoul-program", "slug": "2013"}, "/programmes/seoul-program/2013/"),
    ],
)
def test_view_on_site_leads_to_the_public_page(superuser_client, model, lookup, public_path):
    obj = {"programme": Programme, "session": Session}[model].objects.get(**lookup)
    html = html_of(superuser_client.get(reverse(f"admin:programs_{model}_change", args=[obj.pk])))
    response = superuser_client.get(view_on_site_href(html))
    assert response.status_code == 302
    assert response["Location"].endswith(public_path)


def test_inlines_keep_their_order(superuser_client):
    session = Session.objects.get(slug="2017-seoul")
    session.topics.filter(name="Building Smart City Ecosystems").update(order=0)
    session.topics.exclude(name="Building Smart City Ecosystems").update(order=5)
    html = html_of(superuser_client.get(reverse("admin:programs_session_change", args=[session.pk])))
    assert re.search(r'name="topics-0-name_en"[^>]*value="Building Smart City Ecosystems"', html)
    assert re.search(r'name="topics-1-name_en"[^>]*value="Smart City Vision &amp; Strategy Formulation"', html)


# Partner logos ---------------------------------------------------------------------------------------------


def partner_form(partner, **changes):
    data = {"name_en": partner.name, "short_name_en": partner.short_name, "website": partner.website}
    return data | {"logo": str(partner.logo_id or "")} | changes


def test_a_partner_chooses_its_logo_from_the_library(superuser_client):
    partner = PartnerOrganisation.objects.get(short_name="NIA")
    url = reverse("admin:programs_partnerorganisation_change", args=[partner.pk])
    html = html_of(superuser_client.get(url))
    assert "No image chosen yet." in html
    image = make_image(halves_png(480, 240), title="NIA logo", alt_en="NIA logo")
    assert superuser_client.post(url, partner_form(partner, logo=str(image.pk))).status_code == 302
    partner.refresh_from_db()
    assert partner.logo == image
    html = html_of(superuser_client.get(url))
    assert elements(html, "img", src=rendition(image, "logo").url)


def test_partner_logos_show_as_thumbnails_and_on_the_programme_page(superuser_client, client):
    partner = PartnerOrganisation.objects.get(short_name="NIA")
    partner.logo = make_image(png_bytes(480, 240), title="NIA logo", alt_en="NIA logo")
    partner.save()
    logo = rendition(partner.logo, "logo")
    html = html_of(superuser_client.get(reverse("admin:programs_partnerorganisation_changelist")))
    assert f'<img src="{logo.url}" width="320" height="160" alt="">' in html
    html = html_of(client.get("/programmes/joint-workshop/"))
    [img] = elements(html, "img", src=logo.url)
    assert (img["width"], img["height"], img["alt"]) == ("320", "160", "NIA logo")
    assert partner.logo.file.url not in html


def test_deleting_a_partner_or_a_city_first_lists_the_links_by_name(admin_client):
    from programs.models import City

    partner = PartnerOrganisation.objects.filter(programmes__isnull=False).first()
    html = html_of(admin_client.get(reverse("admin:programs_partnerorganisation_delete", args=[partner.pk])))
    programme = partner.programmes.first()
    assert f"Programme-partnerorganisation relationship: {programme} – {partner}" in html
    city = City.objects.filter(sessions__isnull=False).first()
    html = html_of(admin_client.get(reverse("admin:programs_city_delete", args=[city.pk])))
    session = city.sessions.first()
    assert f"Session-city relationship: {session} – {city}" in html
    assert "object (" not in html
