"""The admin: sessions inline under programmes, readable date errors, filters, autocomplete."""

import pytest
from django.urls import reverse

from programs.models import Programme, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(staff_client_factory):
    return staff_client_factory()


@pytest.mark.parametrize("model", ["programme", "session", "city", "partnerorganisation"])
def test_changelists_and_add_forms_answer(staff, model):
    assert staff.get(reverse(f"admin:programs_{model}_changelist")).status_code == 200
    assert staff.get(reverse(f"admin:programs_{model}_add")).status_code == 200


def test_programme_page_has_its_sessions_inline(staff):
    programme = Programme.objects.get(slug="seoul-program")
    html = staff.get(reverse("admin:programs_programme_change", args=[programme.pk])).content.decode()
    assert html.count('name="sessions-') > 8 * 5
    assert 'value="2013-06-23"' in html
    assert "Seoul Program 2012 (May–June)" in html


def test_session_page_edits_topics_tours_contacts_and_cities(staff):
    session = Session.objects.get(slug="2017-seoul")
    html = staff.get(reverse("admin:programs_session_change", args=[session.pk])).content.decode()
    for prefix in ["topics-TOTAL_FORMS", "technical_tours-TOTAL_FORMS", "contacts-TOTAL_FORMS"]:
        assert f'name="{prefix}"' in html
    assert 'value="Bukcheon IoT Village (Living Lab)"' in html
    assert 'name="cities"' in html and "admin-autocomplete" in html


def session_form(session, **changes):
    data = {
        "programme": session.programme_id,
        "title": session.title,
        "slug": session.slug,
        "status": session.status,
        "start_date": session.start_date.isoformat() if session.start_date else "",
        "end_date": session.end_date.isoformat() if session.end_date else "",
        "place": session.place,
        "application_period": "",
        "description": session.description,
        "participant_count": session.participant_count or "",
        "publication_status": session.publication_status,
        "publish_from_0": "",
        "publish_from_1": "",
    }
    for prefix in ["topics", "technical_tours", "contacts"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_an_end_before_the_start_is_refused_in_words(staff):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = staff.post(
        reverse("admin:programs_session_change", args=[session.pk]),
        session_form(session, end_date="2014-04-01"),
    )
    assert response.status_code == 200
    assert "The session cannot end (2014-04-01) before it starts (2014-04-06)." in response.content.decode()
    session.refresh_from_db()
    assert session.end_date.isoformat() == "2014-04-13"


def test_a_confirmed_session_without_dates_is_refused_in_words(staff):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = staff.post(
        reverse("admin:programs_session_change", args=[session.pk]), session_form(session, start_date="", end_date="")
    )
    assert "while they are unknown" in response.content.decode()


def test_a_valid_change_is_saved(staff):
    session = Session.objects.get(programme__slug="seoul-program", slug="2014")
    response = staff.post(
        reverse("admin:programs_session_change", args=[session.pk]),
        session_form(session, place="Seoul, Republic of Korea"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Seoul, Republic of Korea"


def test_the_inline_refuses_an_end_before_the_start_too(staff):
    programme = Programme.objects.get(slug="regional-offices-programs")
    data = {
        "name": programme.name,
        "slug": programme.slug,
        "kind": programme.kind,
        "running_since": "2014",
        "summary": programme.summary,
        "body": programme.body,
        "order": "3",
        "publication_status": "published",
        "publish_from_0": "",
        "publish_from_1": "",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-title": "Webinar",
        "sessions-0-slug": "webinar",
        "sessions-0-start_date": "2030-05-09",
        "sessions-0-end_date": "2030-05-01",
        "sessions-0-status": "confirmed",
        "sessions-0-place": "Online",
        "sessions-0-publication_status": "published",
    }
    response = staff.post(reverse("admin:programs_programme_change", args=[programme.pk]), data)
    assert response.status_code == 200
    assert "The session cannot end (2030-05-01) before it starts (2030-05-09)." in response.content.decode()
    assert not programme.sessions.exists()


def test_session_filters_by_programme_year_and_status(staff):
    url = reverse("admin:programs_session_changelist")
    html = staff.get(url + "?year=2013").content.decode()
    assert "Seoul Program 2013" in html and "Seoul Program 2011" not in html
    html = staff.get(url + "?status__exact=planned").content.decode()
    assert "Joint Workshop 2018, Jeju" in html and "Seoul Program 2013" not in html
    assert staff.get(url + "?year=abc").status_code == 200


def test_cities_and_partners_autocomplete(staff):
    url = reverse("admin:autocomplete")
    response = staff.get(url, {"app_label": "programs", "model_name": "session", "field_name": "cities", "term": "Nep"})
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} == {
        "Dhulikhel (Nepal)",
        "Pokhara (Nepal)",
        "Ramgram (Nepal)",
    }
    response = staff.get(
        url, {"app_label": "programs", "model_name": "programme", "field_name": "partners", "term": "NIA"}
    )
    assert [r["text"] for r in response.json()["results"]] == ["National Information Society Agency (NIA)"]


def test_deleting_a_session_with_testimonials_is_refused(staff):
    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    response = staff.post(reverse("admin:programs_session_delete", args=[session.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()
